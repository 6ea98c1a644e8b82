package dmaprep.requirements.same_storage_architecture_test

import data.dmaprep.requirements.same_storage_architecture as req
import data.dmaprep.test.fixtures

_fp := "sha256:1111111111111111111111111111111111111111111111111111111111111111"

# _db is a DB.xml fact with one general database of type typ.
_db(arch, typ) := {
	"architecture": arch, "general_type": typ, "fingerprint": _fp,
	"databases": [{"type": typ, "active": true, "local": true, "servers": ["localhost"]}],
}

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

test_pass_when_both_use_dedicated_clustered_storage if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_general_types_differ_only_in_case if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/database", "value": _db("separate_cassandra", "Cassandra")},
		{"op": "replace", "path": "/agents/backup/database", "value": _db("separate_cassandra", "cassandra")},
	])
	r.status == "pass"
	r.messages == []
}

test_fail_when_backup_uses_separate_cassandra if {
	r := _run([{"op": "replace", "path": "/agents/backup/database", "value": _db("separate_cassandra", "Cassandra")}])
	r.status == "fail"
	r.messages == [concat("", [
		"backup uses a separate Cassandra database per agent (general database Cassandra), ",
		"primary uses dedicated clustered storage (general database CassandraCluster)",
	])]
}

test_fail_when_legacy_types_differ if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/database", "value": _db("legacy", "MySQL")},
		{"op": "replace", "path": "/agents/backup/database", "value": _db("legacy", "MSSQL")},
	])
	r.status == "fail"
	r.messages == [concat("", [
		"backup uses a legacy MySQL/MSSQL database (general database MSSQL), ",
		"primary uses a legacy MySQL/MSSQL database (general database MySQL)",
	])]
}

test_unknown_when_backup_database_is_absent if {
	r := _run([{"op": "remove", "path": "/agents/backup/database"}])
	r.status == "unknown"
	r.messages == ["backup: DB.xml (database) was not collected"]
}

test_unknown_when_primary_database_is_null_with_error if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/database", "value": null},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"database": "DB.xml:3:1: unexpected EOF"}},
	])
	r.status == "unknown"
	r.messages == ["primary: DB.xml (database) was not collected (DB.xml:3:1: unexpected EOF)"]
}

test_unknown_when_no_general_database if {
	db := {"architecture": "unknown", "general_type": null, "fingerprint": _fp, "databases": []}
	r := _run([
		{"op": "replace", "path": "/agents/primary/database", "value": db},
		{"op": "replace", "path": "/agents/backup/database", "value": db},
	])
	r.status == "unknown"
	r.messages == [
		"backup: DB.xml has no general database (<DataBase local=\"true\">), so its storage architecture is unknown",
		"primary: DB.xml has no general database (<DataBase local=\"true\">), so its storage architecture is unknown",
	]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO601"
	r.name == "same-storage-architecture"
	r.severity == "error"
	r.area == "Database"
	count(r.docs) == 2
}
