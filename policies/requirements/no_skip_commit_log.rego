# METADATA
# title: No Cassandra database skips the commit log
# description: |
#   <SkipCommitLog>true</SkipCommitLog> on a Cassandra database in
#   C:\Skyline DataMiner\DB.xml makes Cassandra write without its commit log, so data that
#   was not yet flushed is lost when the node stops; the DB.xml documentation says it should
#   never be used in a Failover setup. No Cassandra database in either agent's DB.xml may
#   set it.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Reference/Skyline_DataMiner_Folder/More_information_on_certain_files_and_folders/DB_xml.html
#     description: DB.xml (SkipCommitLog)
# custom:
#   id: FO608
#   name: no-skip-commit-log
#   severity: error
#   facts:
#     - agents.*.database
#   example_failure: >-
#     backup's DB.xml sets <SkipCommitLog>true</SkipCommitLog> on its CassandraCluster database
#     (127.0.20.11,127.0.20.12,127.0.20.13)
#   example_unknown: >-
#     primary: DB.xml (database) was not collected
#   remediation: |
#     Stop DataMiner, remove the <SkipCommitLog> element (or set it to false) from every
#     Cassandra <DataBase> in C:\Skyline DataMiner\DB.xml on the agent named, and start
#     DataMiner again. With dedicated clustered storage, make the same change on the other
#     agent so both DB.xml files stay equal (FO602).
package dmaprep.requirements.no_skip_commit_log

import data.dmaprep.lib
import data.dmaprep.lib.database

skip contains "neither agent's DB.xml has a Cassandra database" if {
	count(database.architectures) == 2
	every agent in lib.agents {
		every db in database.databases(agent) {
			not database.is_cassandra(db)
		}
	}
}

unknown contains msg if some msg in database.missing

violation contains lib.about(agent, msg) if {
	some agent in lib.agents
	some db in database.databases(agent)
	db.skip_commit_log == true
	database.is_cassandra(db)
	msg := sprintf("%s's DB.xml sets <SkipCommitLog>true</SkipCommitLog> on its %s database (%s)", [
		agent, db.type, concat(",", _servers(db)),
	])
}

_servers(db) := s if {
	s := db.servers
	is_array(s)
	count(s) > 0
} else := ["no <DBServer>"]

result := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation})
