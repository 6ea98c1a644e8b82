# METADATA
# title: No BrokerGateway Failover pair on a version where the Failover mode cannot be changed
# description: |
#   On systems with BrokerGateway-managed NATS, DataMiner from 10.5.0 [CU4]/10.5.7 up to the
#   fix in 10.6.0 [CU5]/10.6.8 can route requests between the Failover agents in a loop, so
#   switching between manual and automatic Failover fails. An agent that uses BrokerGateway
#   (the MaintenanceSettings.xml setting, or 10.6.0/10.6.1 and later, where it is the only NATS
#   solution) on such a version gets a warning; an agent whose CU is unknown where it matters
#   gets one too. Pairs on the legacy SLNet-managed NATS are skipped.
#   Which NATS solution an agent uses is asked only when its version may be concerned: on
#   versions outside the range, an unread MaintenanceSettings.xml (the Web Services API gives
#   none) passes.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Troubleshooting/Known_issues/KI_Failover_configuration_cannot_be_changed_with_BrokerGateway.html
#     description: "Known issue: not possible to change Failover configuration after migration to BrokerGateway"
# custom:
#   id: FO906
#   name: known-issue-brokergateway-mode-change
#   severity: warning
#   facts:
#     - agents.*.version
#     - agents.*.broker_gateway
#     - agents.*.broker_gateway_soft_launch
#   example_failure: >-
#     backup runs 10.5.0.0-16219 (MR 10.5.0 CU12), which has a known issue: switching between manual
#     and automatic Failover fails with BrokerGateway (affected: from 10.5.0 [CU4]/10.5.7, fixed in
#     10.6.0 [CU5]/10.6.8); upgrade to 10.6.0 [CU5] or later
#   example_unknown: >-
#     primary: DataMiner version was not collected
#   remediation: |
#     Upgrade both agents to DataMiner 10.6.0 [CU5] (Main Release) or 10.6.8 (Feature
#     Release) or later. To upgrade a Failover pair that is already affected, set the upgrade's
#     Failover policy to "Upgrade main and backup Agent simultaneously".
package dmaprep.requirements.known_issue_brokergateway_mode_change

import data.dmaprep.lib
import data.dmaprep.lib.known_issues as ki
import data.dmaprep.lib.nats
import data.dmaprep.lib.version

# The condition exactly as the catalogue prints it.
_from := "10.5.0 [CU4]/10.5.7"

# Parsed once per evaluation, shared by both agents' decisions.
_from_tokens := version.condition(_from)

_fixed := "10.6.0 [CU5]/10.6.8"

# Parsed once per evaluation, shared by both agents' decisions.
_fixed_tokens := version.condition(_fixed)

_issue := {
	"title": "switching between manual and automatic Failover fails with BrokerGateway",
	"range": "from 10.5.0 [CU4]/10.5.7, fixed in 10.6.0 [CU5]/10.6.8",
	"fixed": _fixed,
}

skip contains msg if {
	nats.solution.primary == "legacy"
	nats.solution.backup == "legacy"
	msg := sprintf("neither agent uses BrokerGateway-managed NATS (primary: %s; backup: %s)", [
		nats.basis.primary, nats.basis.backup,
	])
}

# An agent whose NATS solution is undecided cannot be judged, unless both versions are
# outside the issue's range: then the NATS solution (which the Web Services API does not
# give) does not matter.
unknown contains msg if {
	not _versions_clear
	some msg in nats.unknown
}

warning contains msg if {
	not _versions_clear
	some msg in nats.indeterminate
}

_versions_clear if {
	count(_decision) == count(lib.agents)
	every value in _decision {
		value == "false"
	}
}

# Only agents on BrokerGateway are judged; they need their version.
_broker_gateway contains agent if {
	some agent, solution in nats.solution
	solution == "broker_gateway"
}

unknown contains ki.missing[agent] if some agent in _broker_gateway

# One decision per agent, without the reasons (the usual agent gets no message): in_range's
# value, from the parsed conditions.
_decision[agent] := version.in_range_decision(v, _from_tokens, _fixed_tokens) if {
	some agent, v in ki.versions
}

_affected[agent] := _decision[agent] if some agent in _broker_gateway

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
