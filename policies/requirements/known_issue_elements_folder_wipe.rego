# METADATA
# title: No Failover pair on a version where the offline agent's Elements folder can be wiped
# description: |
#   On every DataMiner version before the fix in 10.5.0 [CU10]/10.6.1, the Elements folder of
#   the offline Failover agent can be partly or fully emptied: after a DVE parent element is
#   removed or migrated, a naming conflict leaves an "<INVALID NAME>" entry that makes
#   DataMiner delete DVE child elements, and on an offline agent it deletes the whole
#   C:\Skyline DataMiner\Elements folder instead. It is more likely when the noElementPrefix
#   option is used. A pair on such a version gets a warning; an agent whose CU is unknown
#   where it matters gets one too.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Troubleshooting/Known_issues/KI_Contents_Elements_folder_deleted_from_offline_Agents_in_Failover_cluster.html
#     description: "Known issue: contents of Elements folder deleted from offline Agents in Failover cluster"
# custom:
#   id: FO905
#   name: known-issue-elements-folder-wipe
#   severity: warning
#   facts:
#     - agents.*.version
#   example_failure: >-
#     backup runs 10.2.0.0-12000 (MR 10.2.0 CU20), which has a known issue: the Elements folder of
#     the offline Failover agent can be emptied (affected: all versions before 10.5.0
#     [CU10]/10.6.1); upgrade to 10.5.0 [CU10] or later
#   example_unknown: >-
#     primary: DataMiner version was not collected
#   remediation: |
#     Upgrade both agents to DataMiner 10.5.0 [CU10] (Main Release) or 10.6.1 (Feature
#     Release) or later. Until then avoid the noElementPrefix option for DVEs, and after a
#     switch compare the element count of both agents and look for "Element   deleted" entries
#     in C:\Skyline DataMiner\Recycle Bin of the offline agent.
package dmaprep.requirements.known_issue_elements_folder_wipe

import data.dmaprep.lib
import data.dmaprep.lib.known_issues as ki
import data.dmaprep.lib.version

# The catalogue prints "all versions before 10.5.0 [CU10]/10.6.1": there is no lower bound,
# so "affected" is prior_to the fix list.
_fixed := "10.5.0 [CU10]/10.6.1"

# Parsed once per evaluation, shared by both agents' decisions.
_fixed_tokens := version.condition(_fixed)

_issue := {
	"title": "the Elements folder of the offline Failover agent can be emptied",
	"range": "all versions before 10.5.0 [CU10]/10.6.1",
	"fixed": _fixed,
}

unknown contains msg if some msg in ki.missing

# One decision per agent, without the reasons (the usual agent gets no message): whether it
# runs the fix, satisfies' value. prior_to is its negation, so "false" (no fix) is affected;
# indeterminate stays indeterminate.
_fix_present[agent] := version.decision(v, _fixed_tokens) if {
	some agent, v in ki.versions
}

violation contains ki.affected(agent, ki.versions[agent], _issue, _prior_to(agent)) if {
	some agent, value in _fix_present
	value == "false"
}

warning contains ki.undetermined(agent, ki.versions[agent], _issue, _prior_to(agent)) if {
	some agent, value in _fix_present
	value == "indeterminate"
}

# The full answer with its reasons, only for an agent that gets a message.
_prior_to(agent) := version.prior_to(ki.versions[agent], _fixed)

result := lib.result(rego.metadata.chain(), {
	"unknown": unknown,
	"violation": violation,
	"warning": warning,
})
