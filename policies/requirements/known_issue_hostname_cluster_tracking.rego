# METADATA
# title: No hostname-based Failover on a version with the cluster-tracking issue
# description: |
#   With Failover based on a shared hostname, DataMiner 10.2.0/10.1.8 up to the fix in
#   10.3.0 [CU11]/10.4.2 loses track of which IP and hostname belong to which agent: agents
#   are listed several times in DMS.xml, seem to leave and rejoin the cluster, and the
#   Failover agents may fail to switch. A pair in shared hostname mode on such a version
#   gets a warning; an agent whose CU is unknown where it matters gets one too.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Troubleshooting/Known_issues/KI_Failover_with_hostnames.html
#     description: "Known issue: multiple issues when Failover based on hostnames is used"
# custom:
#   id: FO901
#   name: known-issue-hostname-cluster-tracking
#   severity: warning
#   remediation: |
#     Upgrade both agents to DataMiner 10.3.0 [CU11] (Main Release) or 10.4.2 (Feature
#     Release) or later before configuring Failover with a shared hostname, or configure the
#     pair with virtual IP addresses instead.
package dmaprep.requirements.known_issue_hostname_cluster_tracking

import data.dmaprep.lib
import data.dmaprep.lib.known_issues as ki
import data.dmaprep.lib.version

# The condition exactly as the catalogue prints it.
_from := "10.2.0/10.1.8"

_fixed := "10.3.0 [CU11]/10.4.2"

_issue := {
	"title": "with Failover based on hostnames, DMAs are listed several times in DMS.xml and lose contact",
	"range": "from 10.2.0/10.1.8, fixed in 10.3.0 [CU11]/10.4.2",
	"fixed": _fixed,
}

_hostname_mode if lib.mode == "hostname"

skip contains lib.mode_skip("hostname") if not _hostname_mode

unknown contains msg if {
	_hostname_mode
	some msg in ki.missing
}

# One version call per agent, bound here so both rules below reuse it.
_affected[agent] := version.in_range(v, _from, _fixed) if {
	_hostname_mode
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
