# METADATA
# title: No Cassandra-based Failover pair on a version with the slow-switch issue
# description: |
#   With Cassandra storage, a Failover switch can take up to 10 minutes on the affected
#   versions. The known issue names DataMiner 10.4.2 up to 10.4.8 (Feature Releases) as
#   affected and lists fixes in 10.3.0 [CU18]/10.4.0 [CU6]/10.4.9. Since the fix was also
#   released on the Main Release branches 10.3.0 and 10.4.0, those branches below the fixing
#   CU are "possibly affected" (the first affected CU is not stated; a warning too). Main
#   Release branches older than 10.3.0, Feature Releases before 10.4.2 and versions before 10
#   are not named by the issue and pass. Pairs that do not store their data in Cassandra
#   (STaaS, MySQL/MSSQL) are skipped.
#   Whether an agent uses Cassandra is asked only when its version may be concerned: on
#   versions outside the range, an unread DB.xml (the Web Services API gives none) passes.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Troubleshooting/Known_issues/KI_Failover_switch_Cassandra_Cluster.html
#     description: >-
#       Known issue: Failover switch taking a long time on systems with Cassandra setup
#       (affected versions; fix)
# custom:
#   id: FO904
#   name: known-issue-slow-cassandra-switch
#   severity: warning
#   facts:
#     - agents.*.version
#     - agents.*.database
#   example_failure: >-
#     backup runs 10.4.5.0-14225 (FR 10.4.5), which has a known issue: a Failover switch with
#     Cassandra can take up to 10 minutes (affected: FR 10.4.2 up to 10.4.8; fixed in 10.3.0
#     [CU18]/10.4.0 [CU6]/10.4.9); upgrade to 10.4.9 or later
#   example_unknown: >-
#     primary: DataMiner version was not collected
#   remediation: |
#     Upgrade both agents to DataMiner 10.3.0 [CU18] or 10.4.0 [CU6] (Main Release) or 10.4.9
#     (Feature Release) or later before configuring Failover.
package dmaprep.requirements.known_issue_slow_cassandra_switch

import data.dmaprep.lib
import data.dmaprep.lib.known_issues as ki
import data.dmaprep.lib.version

# The catalogue prints "FR 10.4.2 up to 10.4.8; fixed in 10.3.0 [CU18]/10.4.0 [CU6]/10.4.9".
# "up to 10.4.8" is inclusive, i.e. before the fix 10.4.9, so the range is in_range from the
# FR token 10.4.2 to the fix list. A Main Release cannot be placed against that FR-only lower
# bound, so below its fix it comes out indeterminate: "possibly affected" on a branch the fix
# list names, not named by the issue (so passing) on an older one.
_from := "10.4.2"

# Parsed once per evaluation, shared by both agents' decisions.
_from_tokens := version.condition(_from)

_fixed := "10.3.0 [CU18]/10.4.0 [CU6]/10.4.9"

# Parsed once per evaluation, shared by both agents' decisions.
_fixed_tokens := version.condition(_fixed)

_issue := {
	"title": "a Failover switch with Cassandra can take up to 10 minutes",
	"range": "FR 10.4.2 up to 10.4.8; fixed in 10.3.0 [CU18]/10.4.0 [CU6]/10.4.9",
	"fixed": _fixed,
	"unstated": "the first affected Main Release CU is not stated",
}

# The Main Release branches the fix list names ([major, minor]): only there is a Main
# Release below the fix possibly affected; an older branch is not named by the issue.
_fixed_branches := {[k[0], k[1]] | some k in _fixed_tokens; k[2] == 0}

# Each agent's architecture (FO601's names), or null when DB.xml was not read; only needed when
# no agent uses Cassandra. lib.fact's object.get written out, over a literal array of the agents
# (lib.agents is a rule to evaluate).
_architecture[agent] := object.get(input.agents[agent], ["database", "architecture"], null) if {
	some agent in ["primary", "backup"]
}

# Whether an agent's general database is Cassandra: the usual answer (yes) is found without
# evaluating _architecture, and the architectures that mean Cassandra are a literal set rather
# than a rule.
_uses_cassandra if {
	some agent in ["primary", "backup"]
	object.get(input.agents[agent], ["database", "architecture"], null) in {
		"dedicated_clustered", "separate_cassandra", "separate_cassandra_indexing",
	}
}

# Skipped only when both architectures are known and neither is Cassandra.
skip contains msg if {
	not _uses_cassandra
	every architecture in _architecture {
		not architecture in {null, "unknown"}
	}
	msg := sprintf("neither agent stores its data in Cassandra (primary: %s, backup: %s)", [
		_architecture.primary, _architecture.backup,
	])
}

# Whether an agent uses Cassandra matters only on a version the issue may concern: when
# both versions are outside its range, an unread DB.xml (the Web Services API gives none)
# leaves nothing unknown.
unknown contains lib.missing(agent, "database", "DB.xml") if {
	not _uses_cassandra
	not _versions_clear
	some agent, architecture in _architecture
	architecture == null
}

unknown contains sprintf("%s: the storage architecture could not be told from DB.xml (general database type %s)", [
	agent, _general_type(agent),
]) if {
	not _uses_cassandra
	not _versions_clear
	some agent, architecture in _architecture
	architecture == "unknown"
}

_versions_clear if {
	count(_decision) == count(lib.agents)
	count(_finding) == 0
}

_general_type(agent) := t if {
	t := lib.fact(agent, ["database", "general_type"])
	t != null
} else := "not set"

unknown contains msg if {
	_uses_cassandra
	some msg in ki.missing
}

# One decision per agent, without the reasons (the usual agent gets no message): in_range's
# value, from the parsed conditions.
_decision[agent] := version.in_range_decision(v, _from_tokens, _fixed_tokens) if {
	some agent, v in ki.versions
}

# _finding[agent] is what the issue says of an agent's version, whatever its storage:
# "affected", "possibly" (a Main Release below the fix on a branch the fix list names) or
# "undetermined"; undefined for a version the issue does not concern.
_finding[agent] := "affected" if {
	some agent, value in _decision
	value == "true"
}

_finding[agent] := "possibly" if {
	some agent, value in _decision
	value == "indeterminate"
	v := ki.versions[agent]
	v.patch == 0
	[v.major, v.minor] in _fixed_branches
}

_finding[agent] := "undetermined" if {
	some agent, value in _decision
	value == "indeterminate"
	ki.versions[agent].patch != 0
}

_affected[agent] := finding if {
	_uses_cassandra
	some agent, finding in _finding
}

violation contains ki.affected(agent, ki.versions[agent], _issue, _in_range(agent)) if {
	some agent, finding in _affected
	finding == "affected"
}

warning contains ki.possibly(agent, ki.versions[agent], _issue, _in_range(agent)) if {
	some agent, finding in _affected
	finding == "possibly"
}

warning contains ki.undetermined(agent, ki.versions[agent], _issue, _in_range(agent)) if {
	some agent, finding in _affected
	finding == "undetermined"
}

# The full answer with its reasons, only for an agent that gets a message.
_in_range(agent) := version.in_range(ki.versions[agent], _from, _fixed)

result := lib.result(rego.metadata.chain(), {
	"skip": skip,
	"unknown": unknown,
	"violation": violation,
	"warning": warning,
})
