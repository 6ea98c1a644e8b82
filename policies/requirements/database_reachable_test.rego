package dmaprep.requirements.database_reachable_test

import data.dmaprep.requirements.database_reachable as req
import data.dmaprep.test.fixtures

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

_separate := {
	"architecture": "separate_cassandra", "general_type": "Cassandra",
	"fingerprint": "sha256:1111111111111111111111111111111111111111111111111111111111111111",
	"databases": [{"type": "Cassandra", "active": true, "local": true, "servers": ["localhost"]}],
}

# network.ports of the fixture: 8-10 are 127.0.20.11-13 on 9042, 11-13 are 127.0.21.21-23 on 9200.

test_pass_when_every_database_host_answers if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_fail_when_a_cassandra_host_refuses if {
	r := _run([
		{"op": "replace", "path": "/network/ports/9/state", "value": "closed"},
		{"op": "replace", "path": "/network/ports/9/error", "value": "connection refused"},
	])
	r.status == "fail"
	r.messages == [concat("", [
		"port 9042 (Cassandra CQL) of database host 127.0.20.12 does not answer: closed ",
		"(connection refused), probed from ci-runner",
	])]
}

test_fail_when_a_search_host_on_its_own_port_is_silent if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/database/databases/1/servers/1", "value": "127.0.21.22:9201"},
		{"op": "replace", "path": "/agents/backup/database/databases/1/servers/1", "value": "127.0.21.22:9201"},
		{"op": "replace", "path": "/network/ports/12/port", "value": 9201},
		{"op": "replace", "path": "/network/ports/12/state", "value": "filtered"},
		{"op": "replace", "path": "/network/ports/12/error", "value": "no answer within 2s"},
	])
	r.status == "fail"
	r.messages == [concat("", [
		"port 9201 (OpenSearch/Elasticsearch) of database host 127.0.21.22 does not answer: ",
		"filtered (no answer within 2s), probed from ci-runner",
	])]
}

test_pass_when_an_inactive_database_is_not_probed if {
	r := _run([{"op": "add", "path": "/agents/primary/database/databases/-", "value": {
		"type": "Elasticsearch", "active": false, "search": true, "servers": ["10.20.9.9"],
	}}])
	r.status == "pass"
	r.messages == []
}

test_fail_when_db_xml_names_no_server_or_a_bad_port if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/database/databases/0/servers", "value": null},
		{"op": "replace", "path": "/agents/backup/database/databases/1/servers/2", "value": "127.0.21.23:92OO"},
	])
	r.status == "fail"
	r.messages == [
		"backup's DB.xml names no server (<DBServer>) for its CassandraCluster database",
		"backup's DB.xml names server \"127.0.21.23:92OO\" for its Elasticsearch database with a port outside 1-65535",
	]
}

test_skip_when_separate_cassandra if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/database", "value": _separate},
		{"op": "replace", "path": "/agents/backup/database", "value": _separate},
	])
	r.status == "skip"
	r.messages == [concat("", [
		"applies to dedicated clustered storage only; primary uses a separate Cassandra database per agent ",
		"(general database Cassandra), backup uses a separate Cassandra database per agent (general database Cassandra)",
	])]
}

test_unknown_when_a_probe_erred if {
	r := _run([
		{"op": "replace", "path": "/network/ports/13/state", "value": "error"},
		{"op": "replace", "path": "/network/ports/13/error", "value": "socket: too many open files"},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"the probe of port 9200 (OpenSearch/Elasticsearch) of database host 127.0.21.23 failed: ",
		"socket: too many open files",
	])]
}

test_unknown_when_a_probe_is_missing if {
	r := _run([{"op": "remove", "path": "/network/ports/8"}])
	r.status == "unknown"
	r.messages == ["no probe of port 9042 (Cassandra CQL) of database host 127.0.20.11 was recorded in network.ports"]
}

test_unknown_when_network_is_absent if {
	r := _run([{"op": "remove", "path": "/network"}])
	r.status == "unknown"
	r.messages == ["network.ports was not collected (no network probe ran)"]
}

test_unknown_when_ports_are_null_after_skip_network if {
	r := _run([
		{"op": "replace", "path": "/network/ports", "value": null},
		{"op": "replace", "path": "/gatherer/skip_network", "value": true},
	])
	r.status == "unknown"
	r.messages == ["network.ports was not collected: the gatherer ran with --skip-network"]
}

test_unknown_when_backup_database_is_absent if {
	r := _run([{"op": "remove", "path": "/agents/backup/database"}])
	r.status == "unknown"
	r.messages == ["backup: DB.xml (database) was not collected"]
}

test_unknown_when_primary_database_is_null if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/database", "value": null},
		{"op": "replace", "path": "/agents/backup/database", "value": _separate},
	])
	r.status == "unknown"
	r.messages == ["primary: DB.xml (database) was not collected"]
}

# Configuring multiple OpenSearch clusters names the indexing host "localhost": that is
# the agent itself, which a probe from where dmaprep runs would miss. Unknown, never a
# probe result of this machine (the fixture has none for localhost anyway).
test_unknown_when_db_xml_names_localhost if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/database/databases/1/servers", "value": ["localhost"]},
		{"op": "replace", "path": "/agents/primary/database/databases/1/servers", "value": ["localhost"]},
	])
	r.status == "unknown"
	r.messages == [
		concat("", [
			"backup's DB.xml names localhost for its Elasticsearch database: that is the ",
			"agent itself, not checked from here (run dmaprep on the agent, or name the host ",
			"by address)",
		]),
		concat("", [
			"primary's DB.xml names localhost for its Elasticsearch database: that is the ",
			"agent itself, not checked from here (run dmaprep on the agent, or name the host ",
			"by address)",
		]),
	]
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

# An empty server list names no server either: nothing to probe is no pass.
test_fail_when_db_xml_server_list_is_empty if {
	r := _run([{"op": "replace", "path": "/agents/backup/database/databases/0/servers", "value": []}])
	r.status == "fail"
	r.messages == ["backup's DB.xml names no server (<DBServer>) for its CassandraCluster database"]
}
