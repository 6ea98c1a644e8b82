package dmaprep.requirements.separate_cassandra_indexing_discouraged_test

import data.dmaprep.lib.database_test
import data.dmaprep.requirements.separate_cassandra_indexing_discouraged as req
import data.dmaprep.test.fixtures

_indexing := {
	"architecture": "separate_cassandra_indexing", "general_type": "Cassandra",
	"fingerprint": "sha256:1111111111111111111111111111111111111111111111111111111111111111",
	"databases": [
		{"type": "Cassandra", "active": true, "local": true, "servers": ["localhost"]},
		{"type": "Elasticsearch", "active": true, "search": true, "servers": ["localhost"]},
	],
}

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

test_pass_when_dedicated_clustered_storage if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_separate_cassandra_without_indexing if {
	db := json.patch(_indexing, [
		{"op": "replace", "path": "/architecture", "value": "separate_cassandra"},
		{"op": "remove", "path": "/databases/1"},
	])
	r := _run([
		{"op": "replace", "path": "/agents/primary/database", "value": db},
		{"op": "replace", "path": "/agents/backup/database", "value": db},
	])
	r.status == "pass"
	r.messages == []
}

test_warn_when_both_use_separate_cassandra_with_indexing if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/database", "value": _indexing},
		{"op": "replace", "path": "/agents/backup/database", "value": _indexing},
	])
	r.status == "warn"
	r.messages == [
		concat("", [
			"backup uses a separate Cassandra database per agent with indexing (general database Cassandra), ",
			"which is recommended against for Failover",
		]),
		concat("", [
			"primary uses a separate Cassandra database per agent with indexing (general database Cassandra), ",
			"which is recommended against for Failover",
		]),
	]
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

test_warn_despite_an_unread_database_on_the_other_agent if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/database", "value": _indexing},
		{"op": "replace", "path": "/agents/backup/database", "value": null},
	])
	r.status == "warn"
	r.messages == [
		"backup: DB.xml (database) was not collected",
		concat("", [
			"primary uses a separate Cassandra database per agent with indexing (general database Cassandra), ",
			"which is recommended against for Failover",
		]),
	]
}

# A DB.xml without a general database shows no architecture: whether the rule applies is
# not known, even though the other agent's storage is not one it applies to.
test_unknown_when_the_backup_has_no_general_database if {
	r := req.result with input as database_test.no_general_backup
	r.status == "unknown"
	r.messages == [database_test.no_general_backup_message]
}
