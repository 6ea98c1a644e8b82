# METADATA
# title: Database TLS enabled on the primary is enabled on the backup too
# description: |
#   When the primary connects to a database over TLS (<TLSEnabled>true</TLSEnabled> on a
#   <DataBase> in C:\Skyline DataMiner\DB.xml), the backup must be configured the same way,
#   with the certificates TLS needs imported on it. dmaprep checks DB.xml: every database on
#   which the primary enables TLS is present in the backup's DB.xml (same type and ID) with
#   TLS enabled. Whether the certificates are imported cannot be seen in the DataMiner
#   folder; the remediation says where to check.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents (database TLS)
#   - ref: https://docs.dataminer.services/dataminer/Reference/Skyline_DataMiner_Folder/More_information_on_certain_files_and_folders/DB_xml.html
#     description: DB.xml (TLSEnabled)
# custom:
#   id: FO610
#   name: database-tls-mirrored
#   severity: error
#   facts:
#     - agents.*.database
#   example_failure: >-
#     primary enables TLS on its Cassandra database, the backup's does not (TLSEnabled false)
#   example_unknown: >-
#     primary: DB.xml (database) was not collected
#   remediation: |
#     Import the certificates the database TLS connection needs on the backup (as on the
#     primary, following the DataMiner database security pages), stop DataMiner on the
#     backup, set <TLSEnabled>true</TLSEnabled> on the same <DataBase> of its
#     C:\Skyline DataMiner\DB.xml as on the primary's (with dedicated clustered storage, copy
#     the primary's DB.xml, see FO602), and start DataMiner again.
package dmaprep.requirements.database_tls_mirrored

import data.dmaprep.lib
import data.dmaprep.lib.database

skip contains "the primary's DB.xml enables TLS on no database" if {
	lib.fact("primary", "database") != null
	count(_primary_tls) == 0
}

unknown contains msg if some msg in database.missing

violation contains lib.about("backup", msg) if {
	some db in _primary_tls
	lib.fact("backup", "database") != null

	# An identical entry on the backup (a copied DB.xml) has TLS enabled: one membership
	# test instead of matching every backup database by type and ID.
	not db in database.databases("backup")
	not _backup_tls(_key(db))
	msg := sprintf("primary enables TLS on its %s, %s", [_name(db), _backup_state(db)])
}

# _primary_tls are the primary's databases with <TLSEnabled>true</TLSEnabled>.
_primary_tls contains db if {
	some db in database.databases("primary")
	db.tls_enabled == true
}

# A database is matched on the other agent by type and ID (several indexing clusters).
_key(db) := [database.type_of(db), object.get(db, "id", null)]

_backup_tls(key) if {
	some db in database.databases("backup")
	db.tls_enabled == true
	_key(db) == key
}

_backup_state(db) := sprintf("the backup's does not (TLSEnabled %s)", [_tls_text(b)]) if {
	some b in database.databases("backup")
	_key(b) == _key(db)
} else := sprintf("the backup's DB.xml has no %s", [_name(db)])

_tls_text(db) := "absent" if object.get(db, "tls_enabled", null) == null

_tls_text(db) := "false" if db.tls_enabled == false

_name(db) := sprintf("%s database %s", [_type(db), id]) if {
	id := db.id
	is_string(id)
} else := sprintf("%s database", [_type(db)])

_type(db) := t if {
	t := db.type
	is_string(t)
} else := "untyped"

result := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation})
