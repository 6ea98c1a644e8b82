# METADATA
# title: Both agents use the same system data storage architecture
# description: |
#   The primary and the backup must store their system data the same way: both Storage as a
#   Service, both dedicated clustered storage, both a separate Cassandra database per agent
#   (with or without indexing), or both the legacy MySQL/MSSQL database. The architecture is
#   told by the general database (<DataBase local="true">) of C:\Skyline DataMiner\DB.xml and
#   its type, which must therefore be the same on both agents. The documentation states this
#   indirectly (the backup is prepared like the primary); dmaprep derives the rule from it.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents (database preparation per storage architecture)
#   - ref: https://docs.dataminer.services/dataminer/Reference/Skyline_DataMiner_Folder/More_information_on_certain_files_and_folders/DB_xml.html
#     description: DB.xml
# custom:
#   id: FO601
#   name: same-storage-architecture
#   severity: error
#   facts:
#     - agents.*.database
#   example_failure: >-
#     backup uses a separate Cassandra database per agent with indexing (general database
#     Cassandra), primary uses a separate Cassandra database per agent (general database Cassandra)
#   example_unknown: >-
#     primary: DB.xml (database) was not collected
#   remediation: |
#     Prepare the backup's storage like the primary's before configuring Failover. With
#     dedicated clustered storage or STaaS, stop DataMiner on the backup and copy the
#     primary's C:\Skyline DataMiner\DB.xml to it (see FO602 and FO611). With a separate
#     Cassandra database per agent, install Cassandra on the backup (migrating a MySQL
#     general database to Cassandra first) so that its DB.xml has the same general database
#     type as the primary's.
package dmaprep.requirements.same_storage_architecture

import data.dmaprep.lib
import data.dmaprep.lib.database

unknown contains msg if some msg in database.missing

# Without a general database the architecture cannot be told, so neither can sameness.
unknown contains msg if some msg in database.no_general

violation contains lib.about("backup", msg) if {
	primary := database.architectures.primary
	backup := database.architectures.backup
	_differ(primary, backup)
	msg := sprintf("backup uses %s, primary uses %s", [database.describe("backup"), database.describe("primary")])
}

# The same architecture with another general database type (MySQL and MSSQL are both
# legacy) is still different storage; types are compared without regard to case. An
# else branch: the types are read only when the architectures are the same.
_differ(primary, backup) if {
	primary != backup
} else if {
	_general_type("primary") != _general_type("backup")
}

_general_type(agent) := lower(t) if {
	t := object.get(input.agents[agent], ["database", "general_type"], null) # lib.fact, inlined
	is_string(t)
} else := ""

result := lib.result(rego.metadata.chain(), {"unknown": unknown, "violation": violation})
