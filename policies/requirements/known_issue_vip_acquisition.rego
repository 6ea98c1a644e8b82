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
#   remediation: |
#     Upgrade both agents to DataMiner 10.4.0 [CU12] or 10.5.0 [CU0] (Main Release) or 10.5.3
#     (Feature Release) or later before configuring Failover with virtual IPs.
package dmaprep.requirements.known_issue_vip_acquisition

import data.dmaprep.lib
import data.dmaprep.lib.known_issues as ki
import data.dmaprep.lib.version

# The condition exactly as the catalogue prints it.
_from := "10.3.0 [CU20]/10.4.0 [CU8]/10.4.11"

_fixed := "10.4.0 [CU12]/10.5.0 [CU0]/10.5.3"

_issue := {
	"title": "the online Failover agent may be unable to acquire the virtual IPs",
	"range": "from 10.3.0 [CU20]/10.4.0 [CU8]/10.4.11, fixed in 10.4.0 [CU12]/10.5.0 [CU0]/10.5.3",
	"fixed": _fixed,
}

_vip_mode if lib.mode == "virtual_ip"

skip contains lib.mode_skip("virtual_ip") if not _vip_mode

unknown contains msg if {
	_vip_mode
	some msg in ki.missing
}

# One version call per agent, bound here so both rules below reuse it.
_affected[agent] := version.in_range(v, _from, _fixed) if {
	_vip_mode
	some agent, v in ki.versions
}

violation contains ki.affected(agent, _issue, r) if {
	some agent, r in _affected
	r.value == "true"
}

warning contains ki.undetermined(agent, _issue, r) if {
	some agent, r in _affected
	r.value == "indeterminate"
}

result := lib.result(rego.metadata.chain(), {
	"skip": skip,
	"unknown": unknown,
	"violation": violation,
	"warning": warning,
})
