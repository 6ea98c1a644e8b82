# METADATA
# title: Prior to 7.5.0, the backup's database is an exact copy of the primary's
# description: |
#   From DataMiner 7.5.0 onwards, configuring Failover copies the primary's general database
#   to the backup. With agents prior to 7.5.0 it does not, and the backup's database must be
#   an exact copy of the primary's before the pair is configured. dmaprep cannot compare two
#   databases, so when either agent runs a version prior to 7.5.0 this warns with the manual
#   step; otherwise it is skipped. The rule comes from the seed document: the current
#   "Preparing the two DataMiner Agents" page no longer has it (only current versions are
#   documented there).
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents (an older version of this page states the rule)
# custom:
#   id: FO105
#   name: legacy-database-copied
#   severity: warning
#   facts:
#     - agents.*.version
#   example_failure: >-
#     backup runs 7.0.0.0-3490 (CU5), prior to 7.5.0, so Failover will not copy the general
#     database: make the backup's database an exact copy of the primary's
#   example_unknown: >-
#     primary: DataMiner version was not collected
#   remediation: |
#     Before configuring Failover, make the backup's general database an exact copy of the
#     primary's: take a backup of the primary's database and restore only the database on the
#     backup (the procedure "Restoring the database only" of the DataMiner documentation).
#     Better still, upgrade both agents to 7.5.0 or later, where configuring Failover copies
#     the primary's database itself.
package dmaprep.requirements.legacy_database_copied

import data.dmaprep.lib
import data.dmaprep.lib.version

# The catalogue's condition: "prior to 7.5.0".
_condition := "7.5.0"

_condition_tokens := version.condition(_condition)

skip contains "both agents run 7.5.0 or later: the general database is copied automatically" if {
	every agent in lib.agents {
		_since[agent] == "true"
	}
}

unknown contains lib.version_missing(agent) if {
	some agent in lib.agents
	not lib.version_known(agent)
}

violation contains lib.about(agent, msg) if {
	some agent, since in _since
	since == "false"
	msg := sprintf("%s runs %s, prior to 7.5.0, so Failover will not copy the general database: %s", [
		agent, version.label(input.agents[agent].version),
		"make the backup's database an exact copy of the primary's",
	])
}

# Indeterminate never passes: the check is degraded, and says why.
warning contains lib.about(agent, msg) if {
	some agent, since in _since
	since == "indeterminate"
	v := input.agents[agent].version
	msg := sprintf("cannot tell whether %s, which runs %s, is prior to 7.5.0: %s", [
		agent, version.label(v), trim_suffix(version.prior_to(v, _condition).reason, "."),
	])
}

# _since[agent] is "does the agent run 7.5.0 or later?" (the version library's decision, without
# the reason) for each agent whose version was collected and parsed. The agents of a ready pair run the
# same version: it is then judged once, for both.
_since := {"primary": d, "backup": d} if {
	lib.version_known("primary")
	v := input.agents.primary.version
	v == input.agents.backup.version
	d := version.decision(v, _condition_tokens)
} else := {agent: version.decision(v, _condition_tokens) |
	some agent in lib.agents
	lib.version_known(agent)
	v := lib.fact(agent, "version")
}

# A skipped requirement's result is its skip reasons alone (lib.result), so the other
# findings are only worked out when it does not skip: the usual pair, on 7.5.0 or later,
# stops after the version check.
result := lib.result(rego.metadata.chain(), {"skip": skip}) if {
	count(skip) > 0
} else := lib.result(rego.metadata.chain(), {
	"skip": skip, "unknown": unknown,
	"violation": violation, "warning": warning,
})
