package dmaprep.requirements.no_skip_commit_log_test

import data.dmaprep.requirements.no_skip_commit_log as req
import data.dmaprep.test.fixtures

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

_legacy := {
	"architecture": "legacy", "general_type": "MySQL",
	"fingerprint": "sha256:4444444444444444444444444444444444444444444444444444444444444444",
	"databases": [{"type": "MySQL", "active": true, "local": true, "servers": ["localhost"], "skip_commit_log": null}],
}

test_pass_when_no_database_skips_the_commit_log if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_fail_when_the_backup_skips_the_commit_log if {
	r := _run([{"op": "replace", "path": "/agents/backup/database/databases/0/skip_commit_log", "value": true}])
	r.status == "fail"
	r.messages == [concat("", [
		"backup's DB.xml sets <SkipCommitLog>true</SkipCommitLog> on its CassandraCluster database ",
		"(127.0.20.11,127.0.20.12,127.0.20.13)",
	])]
}

test_fail_when_a_separate_cassandra_without_server_skips_it if {
	db := {
		"architecture": "separate_cassandra", "general_type": "Cassandra",
		"fingerprint": "sha256:1111111111111111111111111111111111111111111111111111111111111111",
		"databases": [{"type": "Cassandra", "active": true, "local": true, "servers": null, "skip_commit_log": true}],
	}
	r := _run([{"op": "replace", "path": "/agents/primary/database", "value": db}])
	r.status == "fail"
	r.messages == ["primary's DB.xml sets <SkipCommitLog>true</SkipCommitLog> on its Cassandra database (no <DBServer>)"]
}

# The element only means something to Cassandra; elsewhere it is ignored.
test_pass_when_only_a_search_database_carries_it if {
	r := _run([{"op": "replace", "path": "/agents/primary/database/databases/1/skip_commit_log", "value": true}])
	r.status == "pass"
	r.messages == []
}

test_skip_when_no_cassandra_database if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/database", "value": _legacy},
		{"op": "replace", "path": "/agents/backup/database", "value": _legacy},
	])
	r.status == "skip"
	r.messages == ["neither agent's DB.xml has a Cassandra database"]
}

test_unknown_when_backup_database_is_absent if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/database", "value": _legacy},
		{"op": "remove", "path": "/agents/backup/database"},
	])
	r.status == "unknown"
	r.messages == ["backup: DB.xml (database) was not collected"]
}

test_unknown_when_primary_database_is_null if {
	r := _run([{"op": "replace", "path": "/agents/primary/database", "value": null}])
	r.status == "unknown"
	r.messages == ["primary: DB.xml (database) was not collected"]
}
