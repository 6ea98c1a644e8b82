# METADATA
# title: With a separate Cassandra per agent, Cassandra runs on both agents in the same version
# description: |
#   In a separate Cassandra setup (a Cassandra database on each agent, with or without an
#   indexing database), the cassandra Windows service must exist and run on both agents,
#   and `nodetool version` (in C:\Program Files\Cassandra\bin) must report the same
#   ReleaseVersion on both: the two nodes form one Cassandra cluster once Failover is
#   configured. Neither fact is in the DataMiner folder, so dmaprep reads them on the host
#   (`dmaprep gather agent`) or takes them from the operator (--operator-facts).
#   When a DB.xml has no general database, which storage architecture that agent uses
#   cannot be told, so the requirement is unknown rather than skipped.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents (separate Cassandra setup)
# custom:
#   id: FO605
#   name: cassandra-same-version
#   severity: error
#   facts:
#     - agents.*.host_software
#     - agents.*.database
#   example_failure: >-
#     backup runs Cassandra 3.11.14, primary runs Cassandra 4.1.3 (nodetool version ReleaseVersion)
#   example_unknown: >-
#     primary: DB.xml (database) was not collected
#   remediation: |
#     Install Cassandra on both agents in the same version and start the cassandra service
#     (Get-Service cassandra); compare the ReleaseVersion line of `nodetool version`, run in
#     C:\Program Files\Cassandra\bin on each agent, and upgrade the older one. When the
#     service state or the version was not collected, run `dmaprep gather agent` on each
#     agent's Windows host, or supply them with --operator-facts FILE, e.g.
#     primary: {host_software: {services: {cassandra: running}, cassandra_release_version: "4.1.3"}}.
package dmaprep.requirements.cassandra_same_version

import data.dmaprep.lib
import data.dmaprep.lib.database

skip contains sprintf("applies to a separate Cassandra database per agent only; %s", [database.summary]) if {
	database.neither_uses(database.separate)
}

unknown contains msg if some msg in database.missing

# A DB.xml without a general database cannot tell whether the rule applies.
unknown contains msg if some msg in database.undecided(database.separate)

unknown contains msg if {
	database.uses(database.separate)
	some agent in lib.agents
	lib.fact(agent, ["host_software", "services", "cassandra"]) == null
	msg := _missing(agent, "the state of the cassandra service")
}

unknown contains msg if {
	database.uses(database.separate)
	some agent in lib.agents
	lib.fact(agent, ["host_software", "cassandra_release_version"]) == null

	# nodetool only answers with the service running: a stopped or missing one is reported
	# as such, not as a missing version.
	lib.fact(agent, ["host_software", "services", "cassandra"]) in {null, "running"}
	msg := _missing(agent, "Cassandra's ReleaseVersion (nodetool version)")
}

# nodetool prints a version number ("4.1.3"); anything else (an empty string, "unknown") cannot
# be compared, and two equal ones would otherwise pass.
unknown contains lib.about(agent, msg) if {
	database.uses(database.separate)
	some agent in lib.agents
	v := lib.fact(agent, ["host_software", "cassandra_release_version"])
	is_string(v)
	not regex.match(`^[0-9]+(\.[0-9]+)+`, trim_space(v))
	msg := sprintf("%s: Cassandra's ReleaseVersion %q (nodetool version) is not a version number", [agent, v])
}

violation contains lib.about(agent, msg) if {
	database.uses(database.separate)
	some agent in lib.agents
	state := lib.fact(agent, ["host_software", "services", "cassandra"])
	state != null
	state != "running"
	msg := sprintf("%s: the cassandra service is %s", [agent, _states[state]])
}

violation contains lib.about("backup", msg) if {
	database.uses(database.separate)
	primary := input.agents.primary.host_software.cassandra_release_version
	backup := input.agents.backup.host_software.cassandra_release_version
	is_string(primary)
	is_string(backup)
	trim_space(primary) != trim_space(backup)
	msg := sprintf("backup runs Cassandra %s, primary runs Cassandra %s (nodetool version ReleaseVersion)", [
		trim_space(backup), trim_space(primary),
	])
}

_states := {"stopped": "stopped", "starting": "starting", "paused": "paused", "absent": "not installed"}

# _missing names the host fact, and the collector's error when host_software itself is missing.
_missing(agent, what) := lib.missing(agent, "host_software", what) if {
	lib.fact(agent, "host_software") == null
} else := sprintf("%s: %s was not collected", [agent, what])

# A skipped requirement's result is its skip reasons alone (lib.result), so the other
# findings are only worked out when it does not skip: a pair without a separate Cassandra
# database stops after the architecture check.
result := lib.result(rego.metadata.chain(), {"skip": skip}) if {
	count(skip) > 0
} else := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation})
