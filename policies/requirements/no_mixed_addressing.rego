# METADATA
# title: The DMS does not mix virtual IP and hostname addressing
# description: |
#   One DataMiner System may not mix the two ways of addressing Failover pairs. When the DMS
#   already has a Failover pair with a shared hostname, or an agent added by hostname, a new
#   pair in it must use a shared hostname too; when it already has a pair with virtual IPs, a
#   new pair must use virtual IPs. DataMiner enforces this from 10.2.0 [CU21]/10.3.0 [CU9]/10.3.12
#   (RN 37075); before that it is only advised. So the check fails when both agents run a
#   version that enforces it, and warns otherwise (also when a CU that matters is unknown).
#   The DMS is the primary's: hostname addressing shows as a <DMA> entry with a hostname in
#   its DMS.xml (a hostname pair is listed under its shared hostname), a virtual IP pair as
#   an entry with IP addresses among its AdditionalEndpoints in ClusterEndpoints.json.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/About_DMA_Failover.html
#     description: About DMA Failover
#   - ref: https://docs.dataminer.services/release-notes/General/General_Main_Release_10.2/General_Main_Release_10.2.0_CU21.html
#     description: DataMiner 10.2.0 CU21 release notes (RN 37075)
# custom:
#   id: FO505
#   name: no-mixed-addressing
#   severity: error
#   facts:
#     - agents.primary.cluster
#     - agents.primary.cluster_endpoints
#     - agents.*.version
#     - intent.shared_hostname
#   example_failure: >-
#     the DMS already has a Failover pair with virtual IPs (10.11.6.10 with 10.11.250.60); a new
#     pair in it must use virtual IPs, not a shared hostname (DataMiner blocks this from 10.2.0
#     [CU21]/10.3.0 [CU9]/10.3.12)
#   example_unknown: >-
#     primary: DMS members (DMS.xml) was not collected
#   remediation: |
#     Configure the new pair with the addressing the DMS already uses: a shared hostname when
#     the DMS has a hostname pair or an agent added by hostname (see also FO506), virtual IPs
#     when it has a virtual IP pair. Alternatively change the existing agents first: re-add
#     agents that were added by hostname by their IP address, or reconfigure the existing
#     pairs, so the whole DMS uses one addressing mode.
package dmaprep.requirements.no_mixed_addressing

import data.dmaprep.lib
import data.dmaprep.lib.version

# The condition exactly as the documentation prints it.
_condition := "10.2.0 [CU21]/10.3.0 [CU9]/10.3.12"

# Applies in both modes, but which addressing conflicts depends on the mode; lib.mode_skip
# gives the "mode not decided" reason whatever mode it is passed.
skip contains lib.mode_skip("virtual_ip") if not lib.mode

# What the DMS already has that the new pair's mode conflicts with.
_mixing contains msg if {
	lib.mode == "virtual_ip"

	# A member flagged as not a hostname (the usual one) is passed over with one builtin call,
	# before the call of _is_hostname.
	hosts := {m.address |
		some m in _list(_members)
		object.get(m, "address_is_hostname", null) != false
		_is_hostname(m)
	}
	count(hosts) > 0
	msg := sprintf("the DMS already has agents addressed by hostname (%s); %s", [
		concat(", ", sort(hosts)), "a new pair in it must use a shared hostname, not virtual IPs",
	])
}

_mixing contains msg if {
	lib.mode == "hostname"
	pairs := {sprintf("%s with %s", [e.ip, concat(", ", vips)]) |
		some e in _list(_endpoints)

		# An endpoint without additional endpoints (the usual one) is passed over first.
		object.get(e, "additional_endpoints", null) != []
		vips := [a | some a in _list(object.get(e, "additional_endpoints", null)); _looks_like_ip(a)]
		count(vips) > 0
	}
	count(pairs) > 0
	msg := sprintf("the DMS already has a Failover pair with virtual IPs (%s); %s", [
		concat("; ", sort(pairs)), "a new pair in it must use virtual IPs, not a shared hostname",
	])
}

unknown contains lib.missing("primary", "cluster", "DMS members (DMS.xml)") if {
	lib.mode == "virtual_ip"
	_members == null
}

# A primary that is alone in its DMS.xml has no other pair to conflict with.
unknown contains lib.missing("primary", "cluster_endpoints", _endpoints_label) if {
	lib.mode == "hostname"
	_endpoints == null
	not _standalone
}

_endpoints_label := "Failover virtual IPs of the DMS (ClusterEndpoints.json)"

# The version only decides between fail and warn, so it is needed only when mixing is found.
# The agents are a literal array (lib.agents is a rule to evaluate); object.get, not a bare
# reference, so that an absent version is unknown too.
unknown contains lib.version_missing(agent) if {
	count(_mixing) > 0
	some agent in ["primary", "backup"]
	not lib.version_known(agent)
}

violation contains sprintf("%s (DataMiner blocks this from %s)", [m, _condition]) if {
	some m in _mixing
	_enforced
}

warning contains msg if {
	some m in _mixing
	not _enforced
	msg := sprintf("%s (advised; DataMiner blocks it only from %s, but %s)", [m, _condition, concat("; ", sort(_why_not))])
}

# One version evaluation per agent, and only when mixing was found.
_enforces[agent] := version.satisfies(lib.fact(agent, "version"), _condition) if {
	count(_mixing) > 0
	some agent in lib.agents
}

_enforced if {
	count(_mixing) > 0
	every agent in lib.agents {
		_enforces[agent].value == "true"
	}
}

_why_not contains sprintf("%s runs %s, prior to that", [agent, version.label(lib.fact(agent, "version"))]) if {
	some agent, s in _enforces
	s.value == "false"
}

_why_not contains msg if {
	some agent, s in _enforces
	s.value == "indeterminate"
	msg := sprintf("cannot tell whether %s (%s) runs it: %s", [
		agent, version.label(lib.fact(agent, "version")), trim_suffix(s.reason, "."),
	])
}

# lib.fact's object.get written out: one builtin call instead of a function call and the call.
_members := m if {
	m := object.get(input.agents.primary, ["cluster", "members"], null)
	is_array(m)
} else := null

_endpoints := e if {
	e := object.get(input.agents.primary, ["cluster_endpoints", "endpoints"], null)
	is_array(e)
} else := null

_standalone if {
	is_array(_members)
	count(_members) <= 1
}

_list(x) := x if is_array(x)

else := []

# address_is_hostname is optional in the schema: without it, tell by the address itself.
_is_hostname(m) if object.get(m, "address_is_hostname", null) == true

_is_hostname(m) if {
	object.get(m, "address_is_hostname", null) == null
	not _looks_like_ip(m.address)
}

_looks_like_ip(a) if regex.match(`^\d{1,3}(\.\d{1,3}){3}$`, a)

_looks_like_ip(a) if contains(a, ":")

result := lib.result(rego.metadata.chain(), {
	"skip": skip,
	"unknown": unknown,
	"violation": violation,
	"warning": warning,
})
