# METADATA
# title: No virtual IP Failover on a version with the VIP acquisition issue
# description: |
#   On DataMiner from 10.3.0 [CU20]/10.4.0 [CU8]/10.4.11 up to the fix in
#   10.4.0 [CU12]/10.5.0 [CU0]/10.5.3, the online Failover agent may be unable to acquire the
#   virtual IP addresses, especially with more than two virtual IPs or several network
#   interfaces, so the pair is unreachable after a switch. A pair in virtual IP mode on such
#   a version gets a warning; an agent whose CU is unknown where it matters gets one too.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Troubleshooting/Known_issues/KI_Online_Failover_Agent_unable_to_acquire_VIP.html
#     description: "Known issue: online Failover Agent unable to acquire virtual IP"
# custom:
#   id: FO902
#   name: known-issue-vip-acquisition
#   severity: warning
#   facts:
#     - agents.*.version
#     - intent.virtual_ips
#   example_failure: >-
#     backup runs 10.4.0.0-15230 (MR 10.4.0 CU10), which has a known issue: the online Failover
#     agent may be unable to acquire the virtual IPs (affected: from 10.3.0 [CU20]/10.4.0
#     [CU8]/10.4.11, fixed in 10.4.0 [CU12]/10.5.0 [CU0]/10.5.3); upgrade to 10.4.0 [CU12] or later
#   example_unknown: >-
#     primary: DataMiner version was not collected
#   remediation: |
#     Upgrade both agents to DataMiner 10.4.0 [CU12] or 10.5.0 [CU0] (Main Release) or 10.5.3
#     (Feature Release) or later before configuring Failover with virtual IPs.
package dmaprep.requirements.known_issue_vip_acquisition

import data.dmaprep.lib
import data.dmaprep.lib.known_issues as ki
import data.dmaprep.lib.version

# The condition exactly as the catalogue prints it.
_from := "10.3.0 [CU20]/10.4.0 [CU8]/10.4.11"

# Parsed once per evaluation, shared by both agents' decisions.
_from_tokens := version.condition(_from)

_fixed := "10.4.0 [CU12]/10.5.0 [CU0]/10.5.3"

# Parsed once per evaluation, shared by both agents' decisions.
_fixed_tokens := version.condition(_fixed)

_issue := {
	"title": "the online Failover agent may be unable to acquire the virtual IPs",
	"range": "from 10.3.0 [CU20]/10.4.0 [CU8]/10.4.11, fixed in 10.4.0 [CU12]/10.5.0 [CU0]/10.5.3",
	"fixed": _fixed,
}

# The mode test is written out in each rule (a reference to lib.mode is cheaper than a helper
# rule) and comes first, so a pair in the other mode stops there.
skip contains lib.mode_skip("virtual_ip") if not lib.mode == "virtual_ip"

unknown contains msg if {
	lib.mode == "virtual_ip"
	some msg in ki.missing
}

# One decision per agent, without the reasons (the usual agent gets no message): in_range's
# value, from the parsed conditions.
_affected[agent] := version.in_range_decision(
	v,
	_from_tokens,
	_fixed_tokens,
) if {
	lib.mode == "virtual_ip"
	some agent, v in ki.versions
}

violation contains ki.affected(agent, ki.versions[agent], _issue, _in_range(agent)) if {
	some agent, value in _affected
	value == "true"
}

warning contains ki.undetermined(agent, ki.versions[agent], _issue, _in_range(agent)) if {
	some agent, value in _affected
	value == "indeterminate"
}

# The full answer with its reasons, only for an agent that gets a message.
_in_range(agent) := version.in_range(ki.versions[agent], _from, _fixed)

result := lib.result(rego.metadata.chain(), {
	"skip": skip,
	"unknown": unknown,
	"violation": violation,
	"warning": warning,
})
