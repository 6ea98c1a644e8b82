package dmaprep.requirements.database_tls_mirrored_test

import data.dmaprep.requirements.database_tls_mirrored as req
import data.dmaprep.test.fixtures

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

test_pass_when_both_enable_tls_on_cassandra if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

# Only the primary's TLS matters: the backup may enable it alone.
test_skip_when_the_primary_enables_no_tls if {
	r := _run([{"op": "replace", "path": "/agents/primary/database/databases/0/tls_enabled", "value": false}])
	r.status == "skip"
	r.messages == ["the primary's DB.xml enables TLS on no database"]
}

test_fail_when_the_backup_disables_tls if {
	r := _run([{"op": "replace", "path": "/agents/backup/database/databases/0/tls_enabled", "value": false}])
	r.status == "fail"
	r.messages == ["primary enables TLS on its CassandraCluster database, the backup's does not (TLSEnabled false)"]
}

test_fail_when_the_backup_has_no_tls_element if {
	r := _run([{"op": "replace", "path": "/agents/backup/database/databases/0/tls_enabled", "value": null}])
	r.status == "fail"
	r.messages == ["primary enables TLS on its CassandraCluster database, the backup's does not (TLSEnabled absent)"]
}

test_fail_when_the_backup_lacks_the_indexing_database if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/database/databases/1/tls_enabled", "value": true},
		{"op": "remove", "path": "/agents/backup/database/databases/1"},
	])
	r.status == "fail"
	r.messages == [concat("", [
		"primary enables TLS on its Elasticsearch database search-a, ",
		"the backup's DB.xml has no Elasticsearch database search-a",
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

test_unknown_when_primary_database_is_absent if {
	r := _run([{"op": "remove", "path": "/agents/primary/database"}])
	r.status == "unknown"
	r.messages == ["primary: DB.xml (database) was not collected"]
}
