# METADATA
# title: With dedicated clustered storage, the backup's DB.xml is a copy of the primary's
# description: |
#   With dedicated clustered storage (a Cassandra cluster and an OpenSearch/Elasticsearch
#   cluster shared by the whole DMS), the content of <DataBases> in the backup's
#   C:\Skyline DataMiner\DB.xml must equal the primary's: it is copied while DataMiner is
#   stopped on the backup. <PWD> values are ignored: the primary holds an encrypted
#   placeholder, the backup gets the plain password, which DataMiner encrypts at its next
#   start. With several indexing clusters in DB.xml (from 10.4.0/10.4.2) the agents may
#   give them a different priorityOrder, which decides the cluster read from after a
#   switch. dmaprep compares fingerprints of both files that leave out every password and
#   every priorityOrder, and ignore the order of the <DataBase> elements.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: >-
#       Preparing the two DataMiner Agents (dedicated clustered storage; the note that
#       priorityOrder may differ)
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Databases/Indexing_database/OpenSearch_Database/Configuring_multiple_OpenSearch_clusters.html
#     description: Configuring multiple OpenSearch clusters (priorityOrder in DB.xml)
#   - ref: https://docs.dataminer.services/dataminer/Reference/Skyline_DataMiner_Folder/More_information_on_certain_files_and_folders/DB_xml.html
#     description: DB.xml
# custom:
#   id: FO602
#   name: database-config-copied
#   severity: error
#   facts:
#     - agents.*.database
#   example_failure: >-
#     backup's DB.xml <DataBases> is not a copy of the primary's (passwords, priorityOrder and order
#     ignored): the primary has CassandraCluster [127.0.20.11,127.0.20.12,127.0.20.13],
#     Elasticsearch [127.0.21.21:9200,127.0.21.22,127.0.21.23], the backup has CassandraCluster
#     [127.0.20.11,127.0.20.12], Elasticsearch [127.0.21.21:9200,127.0.21.22,127.0.21.23]
#   example_unknown: >-
#     primary: DB.xml (database) was not collected
#   remediation: |
#     Stop DataMiner on the backup, copy the content of <DataBases> from the primary's
#     C:\Skyline DataMiner\DB.xml into the backup's DB.xml (replace each encrypted <PWD>
#     value with the plain password; DataMiner encrypts it again at the next start), and
#     start DataMiner on the backup again.
package dmaprep.requirements.database_config_copied

import data.dmaprep.lib
import data.dmaprep.lib.database

_dedicated := {"dedicated_clustered"}

skip contains sprintf("applies to dedicated clustered storage only; %s", [database.summary]) if {
	database.neither_uses(_dedicated)
}

unknown contains msg if some msg in database.missing

# A DB.xml without a general database cannot tell whether the rule applies.
unknown contains msg if some msg in database.undecided(_dedicated)

# The fingerprints are compared first: equal ones (a ready pair) end the rule at once.
violation contains lib.about("backup", msg) if {
	primary := input.agents.primary.database.fingerprint
	backup := input.agents.backup.database.fingerprint
	primary != backup
	database.uses(_dedicated)
	msg := sprintf(
		concat("", [
			"backup's DB.xml <DataBases> is not a copy of the primary's (passwords, ",
			"priorityOrder and order ignored): %s",
		]),
		[_difference],
	)
}

# _difference says what differs, when the database entries show it; the fingerprints cover
# more (e.g. consistencyLevel), so otherwise it quotes them.
_difference := sprintf("the primary has %s, the backup has %s", [_entries("primary"), _entries("backup")]) if {
	_entries("primary") != _entries("backup")
} else := sprintf("backup fingerprint %s, primary fingerprint %s", [
	_short(input.agents.backup.database.fingerprint),
	_short(input.agents.primary.database.fingerprint),
])

# _entries lists an agent's databases as "type [servers]", sorted, for the message.
_entries(agent) := concat(", ", sort([e |
	some db in database.databases(agent)
	e := sprintf("%s [%s]", [_type(db), concat(",", _servers(db))])
]))

_type(db) := t if {
	t := db.type
	is_string(t)
} else := "(no type)"

_servers(db) := s if {
	s := db.servers
	is_array(s)
} else := []

_short(fp) := concat("", [substring(fp, 0, 19), "..."])

result := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation})
