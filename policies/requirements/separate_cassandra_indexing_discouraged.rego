# METADATA
# title: The pair does not use a separate Cassandra database per agent with indexing
# description: |
#   A separate Cassandra database on each agent combined with an indexing
#   (OpenSearch/Elasticsearch) database on each agent is recommended against for Failover:
#   the documentation advises dedicated clustered storage or STaaS instead. dmaprep tells
#   the setup from DB.xml: a general database of type Cassandra (not CassandraCluster) and
#   an active search database.
#   When a DB.xml has no general database, which storage architecture that agent uses
#   cannot be told, so the requirement is unknown rather than skipped.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents (separate Cassandra setup with indexing)
#   - ref: https://docs.dataminer.services/dataminer/Reference/Skyline_DataMiner_Folder/More_information_on_certain_files_and_folders/DB_xml.html
#     description: DB.xml
# custom:
#   id: FO609
#   name: separate-cassandra-indexing-discouraged
#   severity: warning
#   facts:
#     - agents.*.database
#   example_failure: >-
#     backup uses a separate Cassandra database per agent with indexing (general database
#     Cassandra), which is recommended against for Failover
#   example_unknown: >-
#     primary: DB.xml (database) was not collected
#   remediation: |
#     Consider moving the system data of both agents to dedicated clustered storage (a
#     Cassandra cluster and an OpenSearch cluster shared by the DMS) or to Storage as a
#     Service before configuring Failover. If you keep the separate setup, also check FO605
#     and FO606 (Cassandra versions and the ports 7000/7001, 9042, 9200 and 9300 between the
#     agents).
package dmaprep.requirements.separate_cassandra_indexing_discouraged

import data.dmaprep.lib
import data.dmaprep.lib.database

unknown contains msg if some msg in database.missing

# A DB.xml without a general database cannot tell whether the rule applies.
unknown contains msg if some msg in database.undecided({"separate_cassandra_indexing"})

violation contains lib.about(agent, msg) if {
	some agent, arch in database.architectures
	arch == "separate_cassandra_indexing"
	msg := sprintf("%s uses %s, which is recommended against for Failover", [agent, database.describe(agent)])
}

result := lib.result(rego.metadata.chain(), {"unknown": unknown, "violation": violation})
