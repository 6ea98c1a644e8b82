package dmaprep.lib.database_test

import data.dmaprep.lib
import data.dmaprep.lib.database
import data.dmaprep.test.fixtures

test_endpoint_plain_host_takes_the_default_port if {
	database.endpoint("127.0.20.11", 9042) == {"host": "127.0.20.11", "port": 9042}
	database.endpoint(" db1.example.local ", 9200) == {"host": "db1.example.local", "port": 9200}
}

test_endpoint_host_and_port if {
	database.endpoint("127.0.21.21:9201", 9200) == {"host": "127.0.21.21", "port": 9201}
}

test_endpoint_ipv6 if {
	database.endpoint("[fd00::21]:9201", 9200) == {"host": "fd00::21", "port": 9201}
	database.endpoint("[fd00::21]", 9200) == {"host": "fd00::21", "port": 9200}
	database.endpoint("fd00::21", 9200) == {"host": "fd00::21", "port": 9200}
}

test_endpoint_drops_scheme_and_path if {
	database.endpoint("https://search.example.local:9243/", 9200) == {"host": "search.example.local", "port": 9243}
	database.endpoint("http://search.example.local", 9200) == {"host": "search.example.local", "port": 9200}
}

test_endpoint_invalid_port_is_null if {
	database.endpoint("127.0.21.21:http", 9200) == {"host": "127.0.21.21", "port": null}
	database.endpoint("127.0.21.21:70000", 9200) == {"host": "127.0.21.21", "port": null}
	database.endpoint("127.0.21.21:0", 9200) == {"host": "127.0.21.21", "port": null}
}

test_architectures_and_summary if {
	a := database.architectures with input as fixtures.ready_vip
	a == {"primary": "dedicated_clustered", "backup": "dedicated_clustered"}
	s := database.summary with input as fixtures.ready_vip
	s == concat("", [
		"primary uses dedicated clustered storage (general database CassandraCluster), ",
		"backup uses dedicated clustered storage (general database CassandraCluster)",
	])
}

test_neither_uses_needs_both_agents if {
	database.neither_uses({"staas"}) with input as fixtures.ready_vip
	not database.neither_uses({"dedicated_clustered"}) with input as fixtures.ready_vip
	facts := json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/backup/database"}])
	not database.neither_uses({"staas"}) with input as facts
	database.uses({"dedicated_clustered"}) with input as facts
	database.missing == {"backup": lib.about("backup", "backup: DB.xml (database) was not collected")} with input as facts
}

test_describe_without_general_database if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/database/architecture", "value": "unknown"},
		{"op": "replace", "path": "/agents/primary/database/general_type", "value": null},
	])
	database.describe("primary") == "an unrecognised storage architecture (no general database)" with input as facts
}

test_type_helpers if {
	database.is_cassandra({"type": "CassandraCluster"})
	database.is_cassandra({"type": "cassandra"})
	not database.is_cassandra({"type": null})
	database.is_search({"type": "Elasticsearch", "search": null})
	database.is_search({"type": "ElasticSearch", "search": true})
	not database.is_search({"type": "CassandraCluster", "search": null})
	database.active({"active": null})
	not database.active({"active": false})
}

_required := {
	_cql("127.0.20.11"),
	_cql("127.0.20.99"),
	_cql("127.0.20.12"),
	_cql("127.0.20.13"),
}

_cql(host) := {
	"agent": "database", "address": host, "port": 9042,
	"subject": sprintf("database host %s", [host]), "purpose": "Cassandra CQL",
}

test_probe_findings if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/network/ports/9/state", "value": "closed"},
		{"op": "replace", "path": "/network/ports/9/error", "value": "connection refused"},
		{"op": "replace", "path": "/network/ports/10/state", "value": "error"},
		{"op": "replace", "path": "/network/ports/10/error", "value": "no route"},
	])
	f := database.probe_findings(_required) with input as facts
	f.violation == {concat("", [
		"port 9042 (Cassandra CQL) of database host 127.0.20.12 does not answer: closed ",
		"(connection refused), probed from ci-runner",
	])}
	f.unknown == {
		"no probe of port 9042 (Cassandra CQL) of database host 127.0.20.99 was recorded in network.ports",
		"the probe of port 9042 (Cassandra CQL) of database host 127.0.20.13 failed: no route",
	}
}

test_probe_findings_without_ports if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/network", "value": null}])
	f := database.probe_findings(_required) with input as facts
	f == {"violation": set(), "unknown": {"network.ports was not collected (no network probe ran)"}}
	skipped := json.patch(facts, [{"op": "replace", "path": "/gatherer/skip_network", "value": true}])
	g := database.probe_findings(_required) with input as skipped
	g.unknown == {"network.ports was not collected: the gatherer ran with --skip-network"}
}

test_probe_findings_without_observed_from if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/network/ports/8/state", "value": "filtered"},
		{"op": "replace", "path": "/network/ports/8/error", "value": null},
		{"op": "remove", "path": "/network/observed_from"},
	])
	f := database.probe_findings({_cql("127.0.20.11")}) with input as facts
	f.violation == {concat("", [
		"port 9042 (Cassandra CQL) of database host 127.0.20.11 does not answer: ",
		"filtered (no detail recorded), probed from the gatherer's host",
	])}
	f.unknown == set()
}

# A known architecture comes from a database of the list: a DB.xml fact that names one and
# lists no database cannot be judged.
test_missing_when_a_known_architecture_lists_no_database if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/agents/backup/database/databases", "value": []}])
	msg := "backup: the DB.xml fact says dedicated_clustered storage but lists no database"
	database.missing.backup.message == msg with input as facts
	not database.missing.primary with input as facts
}

test_not_missing_when_the_architecture_is_unknown_and_no_database_is_listed if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/database/databases", "value": []},
		{"op": "replace", "path": "/agents/backup/database/architecture", "value": "unknown"},
	])
	not database.missing.backup with input as facts
}

# no_general_backup is the ready pair whose backup's DB.xml has no general database (only
# indexing clusters): the storage requirements use it to show an unknown, never a skip.
no_general_backup := json.patch(fixtures.ready_vip, [
	{"op": "replace", "path": "/agents/backup/database/architecture", "value": "unknown"},
	{"op": "replace", "path": "/agents/backup/database/general_type", "value": null},
	{"op": "replace", "path": "/agents/backup/database/databases", "value": [{"type": "ElasticSearch", "search": true}]},
])

no_general_backup_message := concat("", [
	"backup: DB.xml has no general database (<DataBase local=\"true\">), so its storage ",
	"architecture is unknown",
])

test_no_general_database_decides_nothing if {
	not database.neither_uses({"staas"}) with input as no_general_backup
	database.undecided({"staas"}) == {lib.about("backup", no_general_backup_message)} with input as no_general_backup
	database.undecided({"dedicated_clustered"}) == set() with input as no_general_backup
}
