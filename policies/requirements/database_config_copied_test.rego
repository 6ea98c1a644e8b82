package dmaprep.requirements.database_config_copied_test

import data.dmaprep.requirements.database_config_copied as req
import data.dmaprep.test.fixtures

_other_fp := "sha256:2222222222222222222222222222222222222222222222222222222222222222"

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

_separate := {
	"architecture": "separate_cassandra", "general_type": "Cassandra",
	"fingerprint": "sha256:1111111111111111111111111111111111111111111111111111111111111111",
	"databases": [{"type": "Cassandra", "active": true, "local": true, "servers": ["localhost"]}],
}

test_pass_when_fingerprints_match if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_fail_when_backup_lists_other_cassandra_hosts if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/database/databases/0/servers", "value": ["127.0.20.11", "127.0.20.12"]},
		{"op": "replace", "path": "/agents/backup/database/fingerprint", "value": _other_fp},
	])
	r.status == "fail"
	r.messages == [concat("", [
		"backup's DB.xml <DataBases> is not a copy of the primary's (passwords, priorityOrder and order ignored): ",
		"the primary has CassandraCluster [127.0.20.11,127.0.20.12,127.0.20.13], ",
		"Elasticsearch [127.0.21.21:9200,127.0.21.22,127.0.21.23], the backup has ",
		"CassandraCluster [127.0.20.11,127.0.20.12], Elasticsearch [127.0.21.21:9200,127.0.21.22,127.0.21.23]",
	])]
}

test_fail_when_only_the_fingerprint_differs if {
	r := _run([{"op": "replace", "path": "/agents/backup/database/fingerprint", "value": _other_fp}])
	r.status == "fail"
	r.messages == [concat("", [
		"backup's DB.xml <DataBases> is not a copy of the primary's (passwords, priorityOrder and order ignored): ",
		"backup fingerprint sha256:222222222222..., primary fingerprint sha256:74a8637a2a06...",
	])]
}

test_fail_when_backup_database_has_no_type_or_server if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/database/databases/1/type", "value": null},
		{"op": "replace", "path": "/agents/backup/database/databases/1/servers", "value": null},
		{"op": "replace", "path": "/agents/backup/database/fingerprint", "value": _other_fp},
	])
	r.status == "fail"
	r.messages == [concat("", [
		"backup's DB.xml <DataBases> is not a copy of the primary's (passwords, priorityOrder and order ignored): ",
		"the primary has CassandraCluster [127.0.20.11,127.0.20.12,127.0.20.13], ",
		"Elasticsearch [127.0.21.21:9200,127.0.21.22,127.0.21.23], the backup has ",
		"(no type) [], CassandraCluster [127.0.20.11,127.0.20.12,127.0.20.13]",
	])]
}

test_skip_when_separate_cassandra if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/database", "value": _separate},
		{"op": "replace", "path": "/agents/backup/database", "value": json.patch(_separate, [
			{"op": "replace", "path": "/fingerprint", "value": _other_fp},
		])},
	])
	r.status == "skip"
	r.messages == [concat("", [
		"applies to dedicated clustered storage only; primary uses a separate Cassandra database per agent ",
		"(general database Cassandra), backup uses a separate Cassandra database per agent (general database Cassandra)",
	])]
}

test_unknown_when_backup_database_is_absent if {
	r := _run([{"op": "remove", "path": "/agents/backup/database"}])
	r.status == "unknown"
	r.messages == ["backup: DB.xml (database) was not collected"]
}

test_unknown_when_primary_database_is_null if {
	r := _run([{"op": "replace", "path": "/agents/primary/database", "value": null}])
	r.status == "unknown"
	r.messages == ["primary: DB.xml (database) was not collected"]
}

# A separate-Cassandra backup cannot settle whether the primary's unread DB.xml is dedicated.
test_unknown_when_primary_unread_and_backup_not_dedicated if {
	r := _run([
		{"op": "remove", "path": "/agents/primary/database"},
		{"op": "replace", "path": "/agents/backup/database", "value": _separate},
	])
	r.status == "unknown"
	r.messages == ["primary: DB.xml (database) was not collected"]
}

# A DB.xml without a general database (no <DataBase local="true">) cannot tell whether the
# agent uses dedicated clustered storage: unknown, never a skip.
_no_general := {
	"architecture": "unknown", "general_type": null,
	"fingerprint": "sha256:2222222222222222222222222222222222222222222222222222222222222222",
	"databases": [{"type": "Elasticsearch", "active": true, "search": true, "servers": ["127.0.21.21"]}],
}

test_unknown_when_neither_db_xml_has_a_general_database if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/database", "value": _no_general},
		{"op": "replace", "path": "/agents/backup/database", "value": _no_general},
	])
	r.status == "unknown"
	r.messages == [
		"backup: DB.xml has no general database (<DataBase local=\"true\">), so its storage architecture is unknown",
		"primary: DB.xml has no general database (<DataBase local=\"true\">), so its storage architecture is unknown",
	]
}

test_unknown_when_the_backup_has_no_general_database_and_the_primary_separate_cassandra if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/database", "value": _separate},
		{"op": "replace", "path": "/agents/backup/database", "value": _no_general},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: DB.xml has no general database (<DataBase local=\"true\">), so its ",
		"storage architecture is unknown",
	])]
}
