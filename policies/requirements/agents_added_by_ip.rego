# METADATA
# title: The DMS's agents are added by IP address
# description: |
#   Regular DataMiner Agents must be added to a DMS by IP address; adding by hostname is only
#   supported for DataMiner Probes. A hostname-added agent also bars virtual IP pairs from
#   the DMS (see FO505). The DMS is the primary's: every <DMA> entry of its DMS.xml whose
#   address is a hostname is reported (a DataMiner Probe or a shared-hostname Failover pair
#   may rightly be listed by name, which the facts cannot tell apart, hence a warning).
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Systems/Adding_a_DMA/Adding_a_regular_DataMiner_Agent.html
#     description: Adding a regular DataMiner Agent
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
# custom:
#   id: FO506
#   name: agents-added-by-ip
#   severity: warning
#   facts:
#     - agents.primary.cluster
#   example_failure: >-
#     DMS "pluto" has agents added by hostname, not by IP address: dma-ops.example.local (DataMiner
#     ID 35)
#   example_unknown: >-
#     primary: DMS members (DMS.xml) was not collected
#   remediation: |
#     In DataMiner Cube (System Center > Agents), remove each regular agent that was added by
#     hostname from the DMS and add it again by its primary IP address. Leave DataMiner
#     Probes and shared-hostname Failover pairs as they are.
package dmaprep.requirements.agents_added_by_ip

import data.dmaprep.lib

_members := m if {
	m := object.get(input.agents.primary, ["cluster", "members"], null) # lib.fact, inline
	is_array(m)
} else := null

unknown contains lib.missing("primary", "cluster", "DMS members (DMS.xml)") if _members == null

violation contains msg if {
	# Cheap test first: a member whose address_is_hostname is false (the usual case) is
	# neither kind of hostname member below, so it needs no call of _is_hostname.
	names := {_describe(m) |
		some m in _members
		_is_hostname(m)
	}
	count(names) > 0
	msg := sprintf("%s has agents added by hostname, not by IP address: %s", [_dms_text, concat(", ", sort(names))])
}

_describe(m) := sprintf("%s (DataMiner ID %d)", [m.address, m.id]) if is_number(object.get(m, "id", null))

else := m.address

_dms_text := sprintf("DMS %q", [n]) if {
	n := lib.fact("primary", ["cluster", "name"])
	is_string(n)
} else := "the primary's DMS"

# address_is_hostname is optional in the schema: without it, tell by the address itself.
_is_hostname(m) if object.get(m, "address_is_hostname", null) == true

# Whatever the flag says: the gatherer sets it to whether the address is not an IP address,
# so an address that is none is a hostname even next to a flag that claims otherwise.
_is_hostname(m) if not _looks_like_ip(m.address)

_looks_like_ip(a) if regex.match(`^\d{1,3}(\.\d{1,3}){3}$`, a)

_looks_like_ip(a) if contains(a, ":")

result := lib.result(rego.metadata.chain(), {"unknown": unknown, "violation": violation})
