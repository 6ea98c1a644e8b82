package dmaprep.requirements.database_ports_between_agents_test

import data.dmaprep.lib.database_test
import data.dmaprep.requirements.database_ports_between_agents as req
import data.dmaprep.test.fixtures

_fp := "sha256:1111111111111111111111111111111111111111111111111111111111111111"

_cassandra(tls) := {"type": "Cassandra", "active": true, "local": true, "servers": ["localhost"], "tls_enabled": tls}

_search := {"type": "Elasticsearch", "active": true, "search": true, "servers": ["localhost"]}

_separate(tls) := {
	"architecture": "separate_cassandra", "general_type": "Cassandra",
	"fingerprint": _fp, "databases": [_cassandra(tls)],
}

_indexing := {
	"architecture": "separate_cassandra_indexing", "general_type": "Cassandra",
	"fingerprint": _fp, "databases": [_cassandra(false), _search],
}

_probe(agent, address, port, state, error) := {
	"agent": agent, "address": address, "port": port,
	"state": state, "error": error,
}

# _open_ports are open probes of ports at both agents' primary IPs.
_open_ports(ports) := [_probe(agent, ip, port, "open", null) |
	some [agent, ip] in [["primary", "10.11.5.52"], ["backup", "10.11.4.52"]]
	some port in ports
]

# _pair is the VIP fixture with db as both agents' DB.xml and probes of ports added.
_pair(db, ports) := json.patch(fixtures.ready_vip, [
	{"op": "replace", "path": "/agents/primary/database", "value": db},
	{"op": "replace", "path": "/agents/backup/database", "value": db},
	{"op": "replace", "path": "/network/ports", "value": array.concat(fixtures.ready_vip.network.ports, ports)},
])

_run(facts) := r if {
	r := req.result with input as facts
}

test_pass_when_7000_and_9042_answer_on_both if {
	r := _run(_pair(_separate(null), _open_ports([7000, 9042])))
	r.status == "pass"
	r.messages == []
}

test_pass_when_7001_answers_with_tls if {
	r := _run(_pair(_separate(true), _open_ports([7001, 9042])))
	r.status == "pass"
	r.messages == []
}

test_pass_when_indexing_ports_answer_too if {
	r := _run(_pair(_indexing, _open_ports([7000, 9042, 9200, 9300])))
	r.status == "pass"
	r.messages == []
}

test_skip_when_dedicated_clustered_storage if {
	r := _run(fixtures.ready_vip)
	r.status == "skip"
	r.messages == [concat("", [
		"applies to a separate Cassandra database per agent only; primary uses dedicated clustered storage ",
		"(general database CassandraCluster), backup uses dedicated clustered storage (general database CassandraCluster)",
	])]
}

test_fail_when_7000_is_filtered_on_the_primary if {
	ports := array.concat(_open_ports([9042]), [
		_probe("primary", "10.11.5.52", 7000, "filtered", "no answer within 2s"),
		_probe("backup", "10.11.4.52", 7000, "open", null),
	])
	r := _run(_pair(_separate(false), ports))
	r.status == "fail"
	r.messages == [concat("", [
		"port 7000 (Cassandra inter-node) of primary 10.11.5.52 does not answer: ",
		"filtered (no answer within 2s), probed from ci-runner",
	])]
}

test_fail_when_9300_is_closed_on_the_backup if {
	ports := array.concat(_open_ports([7000, 9042, 9200]), [
		_probe("primary", "10.11.5.52", 9300, "open", null),
		_probe("backup", "10.11.4.52", 9300, "closed", "connection refused"),
	])
	r := _run(_pair(_indexing, ports))
	r.status == "fail"
	r.messages == [concat("", [
		"port 9300 (OpenSearch/Elasticsearch inter-node) of backup 10.11.4.52 does not answer: ",
		"closed (connection refused), probed from ci-runner",
	])]
}

# TLS on the primary only (FO610 fails) still moves the inter-node port to 7001.
test_unknown_when_tls_port_was_not_probed if {
	facts := json.patch(_pair(_separate(false), _open_ports([7000, 9042])), [
		{"op": "replace", "path": "/agents/primary/database/databases/0/tls_enabled", "value": true},
	])
	r := _run(facts)
	r.status == "unknown"
	r.messages == [
		"no probe of port 7001 (Cassandra inter-node, TLS) of backup 10.11.4.52 was recorded in network.ports",
		"no probe of port 7001 (Cassandra inter-node, TLS) of primary 10.11.5.52 was recorded in network.ports",
	]
}

test_unknown_when_backup_addresses_are_absent if {
	facts := json.patch(_pair(_separate(false), _open_ports([7000, 9042])), [
		{"op": "remove", "path": "/agents/backup/addresses"},
	])
	r := _run(facts)
	r.status == "unknown"
	r.messages == ["backup: primary IP address was not collected"]
}

test_unknown_when_primary_addresses_are_null if {
	facts := json.patch(_pair(_separate(false), _open_ports([7000, 9042])), [
		{"op": "replace", "path": "/agents/primary/addresses", "value": null},
	])
	r := _run(facts)
	r.status == "unknown"
	r.messages == ["primary: primary IP address was not collected"]
}

test_unknown_when_network_is_null if {
	facts := json.patch(_pair(_separate(false), []), [{"op": "replace", "path": "/network", "value": null}])
	r := _run(facts)
	r.status == "unknown"
	r.messages == ["network.ports was not collected (no network probe ran)"]
}

test_unknown_when_backup_database_is_absent if {
	facts := json.patch(_pair(_separate(false), _open_ports([7000, 9042])), [
		{"op": "remove", "path": "/agents/backup/database"},
	])
	r := _run(facts)
	r.status == "unknown"
	r.messages == ["backup: DB.xml (database) was not collected"]
}

test_unknown_when_primary_database_is_null if {
	facts := json.patch(_pair(_separate(false), _open_ports([7000, 9042])), [
		{"op": "replace", "path": "/agents/primary/database", "value": null},
	])
	r := _run(facts)
	r.status == "unknown"
	r.messages == ["primary: DB.xml (database) was not collected"]
}

# A DB.xml without a general database shows no architecture: whether the rule applies is
# not known, even though the other agent's storage is not one it applies to.
test_unknown_when_the_backup_has_no_general_database if {
	r := req.result with input as database_test.no_general_backup
	r.status == "unknown"
	r.messages == [database_test.no_general_backup_message]
}
