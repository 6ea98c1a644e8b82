# METADATA
# title: No agent keeps a MySQL or MSSQL general database from DataMiner 10.3 onwards
# description: |
#   A legacy general database (MySQL, MSSQL, or a DB.xml general database without a type,
#   which means MySQL) needs no Failover preparation, but this setup is not supported from
#   DataMiner 10.3 onwards (MSSQL is no longer supported as general database from 10.3.0).
#   An agent that keeps one fails from 10.3 and warns before it. If the pair is meant to use
#   a separate Cassandra database per agent, the general database must first be migrated to
#   Cassandra. The documentation gives no Feature Release for "10.3 onwards", so dmaprep
#   reads it as 10.3.0 (Main Release) or 10.3.1 (the first 10.3 Feature Release).
#   When a DB.xml has no general database, which storage architecture that agent uses
#   cannot be told, so the requirement is unknown rather than skipped.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents (legacy MySQL/MSSQL setup)
#   - ref: https://docs.dataminer.services/dataminer/Reference/Skyline_DataMiner_Folder/More_information_on_certain_files_and_folders/DB_xml.html
#     description: DB.xml
# custom:
#   id: FO607
#   name: legacy-database-unsupported
#   severity: error
#   facts:
#     - agents.*.database
#     - agents.*.version
#   example_failure: >-
#     backup's general database is MySQL, unsupported from DataMiner 10.3 onwards; backup runs
#     10.6.0.0-17110 (MR 10.6.0 CU6)
#   example_unknown: >-
#     primary: DB.xml (database) was not collected
#   remediation: |
#     Migrate the general database of both agents from MySQL/MSSQL to Cassandra (a separate
#     Cassandra database per agent, or dedicated clustered storage or STaaS) with the
#     DataMiner migration tool before configuring Failover, then prepare the backup for that
#     storage architecture. On versions before 10.3 the legacy database still works, but
#     upgrading past 10.3 requires the migration.
package dmaprep.requirements.legacy_database_unsupported

import data.dmaprep.lib
import data.dmaprep.lib.database
import data.dmaprep.lib.version

# The docs say "from DataMiner 10.3 onwards" without tracks; a full condition token per
# track is what the version library compares, so this is 10.3.0 (MR) or 10.3.1 (first FR).
_condition := "10.3.0/10.3.1"

skip contains sprintf("applies to a legacy MySQL/MSSQL general database only; %s", [database.summary]) if {
	database.neither_uses({"legacy"})
}

unknown contains msg if some msg in database.missing

# A DB.xml without a general database cannot tell whether the rule applies.
unknown contains msg if some msg in database.undecided({"legacy"})

unknown contains lib.version_missing(agent) if {
	some agent, arch in database.architectures
	arch == "legacy"
	not lib.version_known(agent)
}

violation contains lib.about(agent, msg) if {
	some agent, s in _from_10_3
	s.value == "true"
	msg := sprintf("%s's general database is %s, unsupported from DataMiner 10.3 onwards; %s runs %s", [
		agent, _type(agent), agent, version.label(input.agents[agent].version),
	])
}

# Before 10.3 the setup still works: warn, so the migration is planned before an upgrade.
warning contains lib.about(agent, msg) if {
	some agent, s in _from_10_3
	s.value == "false"
	msg := sprintf("%s's general database is %s: %s runs %s, but the setup is unsupported from 10.3 onwards", [
		agent, _type(agent), agent, version.label(input.agents[agent].version),
	])
}

warning contains lib.about(agent, msg) if {
	some agent, s in _from_10_3
	s.value == "indeterminate"
	msg := sprintf("%s's general database is %s, unsupported from 10.3 onwards; cannot tell whether %s runs %s: %s", [
		agent, _type(agent), agent, _condition, trim_suffix(s.reason, "."),
	])
}

# _from_10_3[agent] is satisfies for each legacy agent whose version was collected.
_from_10_3[agent] := version.satisfies(v, _condition) if {
	some agent, arch in database.architectures
	arch == "legacy"
	lib.version_known(agent)
	v := lib.fact(agent, "version")
}

_type(agent) := t if {
	t := input.agents[agent].database.general_type
	is_string(t)
} else := "MySQL"

# A skipped requirement's result is its skip reasons alone (lib.result), so the other
# findings are only worked out when it does not skip: a pair without a legacy database
# stops after the architecture check.
result := lib.result(rego.metadata.chain(), {"skip": skip}) if {
	count(skip) > 0
} else := lib.result(rego.metadata.chain(), {
	"skip": skip, "unknown": unknown,
	"violation": violation, "warning": warning,
})
