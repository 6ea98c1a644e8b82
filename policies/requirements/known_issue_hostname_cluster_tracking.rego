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
#   facts:
#     - agents.*.version
#     - intent.shared_hostname
#   example_failure: >-
#     backup runs 10.3.9.0-13247 (FR 10.3.9), which has a known issue: with Failover based on
#     hostnames, DMAs are listed several times in DMS.xml and lose contact (affected: from
#     10.2.0/10.1.8, fixed in 10.3.0 [CU11]/10.4.2); upgrade to 10.4.2 or later
#   example_unknown: >-
#     primary: DataMiner version was not collected
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

# Parsed once per evaluation, shared by both agents' decisions.
_from_tokens := version.condition(_from)

_fixed := "10.3.0 [CU11]/10.4.2"

# Parsed once per evaluation, shared by both agents' decisions.
_fixed_tokens := version.condition(_fixed)

_issue := {
	"title": "with Failover based on hostnames, DMAs are listed several times in DMS.xml and lose contact",
	"range": "from 10.2.0/10.1.8, fixed in 10.3.0 [CU11]/10.4.2",
	"fixed": _fixed,
}

# The mode test is written out in each rule (a reference to lib.mode is cheaper than a helper
# rule) and comes first, so a pair in the other mode stops there.
skip contains lib.mode_skip("hostname") if not lib.mode == "hostname"

unknown contains msg if {
	lib.mode == "hostname"
	some msg in ki.missing
}

# One decision per agent, without the reasons (the usual agent gets no message): in_range's
# value, from the parsed conditions.
_affected[agent] := version.in_range_decision(
	v,
	_from_tokens,
	_fixed_tokens,
) if {
	lib.mode == "hostname"
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
