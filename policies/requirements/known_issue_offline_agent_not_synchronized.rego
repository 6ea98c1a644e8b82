# METADATA
# title: No Failover pair on a version where the offline agent may not be synchronized
# description: |
#   On Main Releases from 10.3.0 [CU11] up to 10.4.0 [CU9] and Feature Releases from 10.4.2
#   up to 10.4.12, a race condition can keep the offline agent of a Failover pair from
#   synchronizing with the online agent (the DataMiner version cannot be found), so data can
#   be lost when Failover switches to it. It is fixed in 10.4.0 [CU10] and 10.5.1. A pair on
#   such a version gets a warning; an agent whose CU is unknown where it matters gets one too.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Troubleshooting/Known_issues/KI_offline_DMA_cannot_sync.html
#     description: "Known issue: offline Failover DMA not synchronized"
# custom:
#   id: FO907
#   name: known-issue-offline-agent-not-synchronized
#   severity: warning
#   facts:
#     - agents.*.version
#   example_failure: >-
#     backup runs 10.4.5.0-14225 (FR 10.4.5), which has a known issue: the offline Failover agent
#     may not synchronize with the online agent (affected: MR 10.3.0 [CU11] to 10.4.0 [CU9], FR
#     10.4.2 to 10.4.12; fixed in 10.4.0 [CU10]/10.5.1); upgrade to 10.5.1 or later
#   example_unknown: >-
#     primary: DataMiner version was not collected
#   remediation: |
#     Upgrade both agents to DataMiner 10.4.0 [CU10] (Main Release) or 10.5.1 (Feature
#     Release) or later before configuring Failover.
package dmaprep.requirements.known_issue_offline_agent_not_synchronized

import data.dmaprep.lib
import data.dmaprep.lib.known_issues as ki
import data.dmaprep.lib.version

# The catalogue prints "Main Release 10.3.0 [CU11] to 10.4.0 [CU9], Feature Release 10.4.2
# to 10.4.12; fixed in 10.4.0 [CU10] and 10.5.1": the lower bounds of both tracks, up to the
# fix list.
_from := "10.3.0 [CU11]/10.4.2"

_fixed := "10.4.0 [CU10]/10.5.1"

_issue := {
	"title": "the offline Failover agent may not synchronize with the online agent",
	"range": "MR 10.3.0 [CU11] to 10.4.0 [CU9], FR 10.4.2 to 10.4.12; fixed in 10.4.0 [CU10]/10.5.1",
	"fixed": _fixed,
}

# Each condition is parsed once per evaluation, for both agents.
_findings := ki.range_findings(
	ki.versions,
	_from, version.condition(_from),
	_fixed, version.condition(_fixed),
	_issue,
)

result := lib.result(rego.metadata.chain(), {
	"unknown": {msg | some msg in ki.missing},
	"violation": _findings.violation,
	"warning": _findings.warning,
})
