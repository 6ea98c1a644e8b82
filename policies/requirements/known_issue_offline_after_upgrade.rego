# METADATA
# title: No Failover pair on a version where agents may stay offline after an upgrade
# description: |
#   On DataMiner from 10.3.0 [CU9]/10.3.12 up to the fix in 10.3.0 [CU11]/10.4.0/10.4.2, a
#   race condition in the NATS custodian can leave Failover agents offline after an upgrade
#   or a restart. A pair on such a version gets a warning; an agent whose CU is unknown where
#   it matters gets one too.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Troubleshooting/Known_issues/KI_Failover_Agents_offline_after_upgrade.html
#     description: "Known issue: Failover Agents offline after upgrade"
# custom:
#   id: FO903
#   name: known-issue-offline-after-upgrade
#   severity: warning
#   facts:
#     - agents.*.version
#   example_failure: >-
#     backup runs 10.3.12.0-13617 (FR 10.3.12), which has a known issue: Failover agents may stay
#     offline after an upgrade or restart (affected: from 10.3.0 [CU9]/10.3.12, fixed in 10.3.0
#     [CU11]/10.4.0/10.4.2); upgrade to 10.4.2 or later
#   example_unknown: >-
#     primary: DataMiner version was not collected
#   remediation: |
#     Upgrade both agents to DataMiner 10.3.0 [CU11] or 10.4.0 (Main Release) or 10.4.2
#     (Feature Release) or later before configuring Failover.
package dmaprep.requirements.known_issue_offline_after_upgrade

import data.dmaprep.lib
import data.dmaprep.lib.known_issues as ki
import data.dmaprep.lib.version

# The condition exactly as the catalogue prints it.
_from := "10.3.0 [CU9]/10.3.12"

# Parsed once per evaluation, shared by both agents' decisions.
_from_tokens := version.condition(_from)

_fixed := "10.3.0 [CU11]/10.4.0/10.4.2"

# Parsed once per evaluation, shared by both agents' decisions.
_fixed_tokens := version.condition(_fixed)

_issue := {
	"title": "Failover agents may stay offline after an upgrade or restart",
	"range": "from 10.3.0 [CU9]/10.3.12, fixed in 10.3.0 [CU11]/10.4.0/10.4.2",
	"fixed": _fixed,
}

unknown contains msg if some msg in ki.missing

# One decision per agent, without the reasons (the usual agent gets no message): in_range's
# value, from the parsed conditions.
_affected[agent] := version.in_range_decision(
	v,
	_from_tokens,
	_fixed_tokens,
) if {
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
	"unknown": unknown,
	"violation": violation,
	"warning": warning,
})
