package dmaprep.requirements.required_ports_open_test

import data.dmaprep.requirements.required_ports_open as req
import data.dmaprep.test.fixtures

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

_v(raw, minor, patch, build, cu) := {
	"raw": raw, "source": "api",
	"major": 10, "minor": minor, "patch": patch, "revision": 0,
	"build": build, "cu": cu, "track": _track(patch),
}

_track(0) := "MR"

_track(patch) := "FR" if patch > 0

# Probe entries in the VIP fixture: 0-3 primary 8004, 443, 4222, 6222; 4-7 the same on the
# backup; then the database hosts.
_state(i, state) := {"op": "replace", "path": sprintf("/network/ports/%d/state", [i]), "value": state}

# _nats(flag, v) sets both agents' BrokerGateway setting and version.
_nats(flag, v) := [
	{"op": "replace", "path": "/agents/primary/broker_gateway", "value": flag},
	{"op": "replace", "path": "/agents/backup/broker_gateway", "value": flag},
	{"op": "replace", "path": "/agents/primary/version", "value": v},
	{"op": "replace", "path": "/agents/backup/version", "value": v},
]

_probe_9090(primary, backup) := [
	{
		"op": "add", "path": "/network/ports/-",
		"value": {"agent": "primary", "address": "10.11.5.52", "port": 9090, "state": primary},
	},
	{
		"op": "add", "path": "/network/ports/-",
		"value": {"agent": "backup", "address": "10.11.4.52", "port": 9090, "state": backup},
	},
]

_mr_10_5 := _v("10.5.0.0-15400-CU3", 5, 0, 15400, 3)

test_pass_when_every_port_is_open if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_the_hostname_fixture if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

test_fail_when_a_nats_port_is_filtered if {
	r := _run([_state(6, "filtered")])
	r.status == "fail"
	r.messages == ["backup: port 4222 (NATS client connections) on 10.11.4.52 is filtered, probed from ci-runner"]
}

test_fail_when_remoting_is_closed if {
	r := _run([_state(0, "closed"), {"op": "replace", "path": "/network/observed_from", "value": null}])
	r.status == "fail"
	r.messages == ["primary: port 8004 (.NET Remoting) on 10.11.5.52 is closed, probed from the gatherer's host"]
}

test_fail_when_https_is_enabled_and_443_is_closed if {
	r := _run([_state(5, "closed"), {"op": "replace", "path": "/agents/primary/https/enabled", "value": false}])
	r.status == "fail"
	r.messages == ["backup: port 443 (HTTPS and gRPC) on 10.11.4.52 is closed, probed from ci-runner"]
}

_no_https := [
	{"op": "replace", "path": "/agents/primary/https/enabled", "value": false},
	{"op": "replace", "path": "/agents/backup/https/enabled", "value": false},
]

# _pair(v) runs both agents on version v.
_pair(v) := [
	{"op": "replace", "path": "/agents/primary/version", "value": v},
	{"op": "replace", "path": "/agents/backup/version", "value": v},
]

# Before 10.5.10/10.6.0 gRPC is not the default: without HTTPS, 443 is not needed.
test_pass_when_443_is_closed_without_https_before_10_5_10 if {
	r := _run(array.concat(array.concat([_state(1, "closed"), _state(5, "closed")], _no_https), _pair(_mr_10_5)))
	r.status == "pass"
	r.messages == []
}

test_pass_when_443_is_closed_without_https_on_fr_10_5_9 if {
	r := _run(array.concat(
		array.concat([_state(1, "closed"), _state(5, "closed")], _no_https),
		_pair(_v("10.5.9.0-16100", 5, 9, 16100, null)),
	))
	r.status == "pass"
}

# From 10.5.10/10.6.0 gRPC over HTTPS is the default inter-agent channel: 443 is needed
# whatever the HTTPS setting (the fixture runs MR 10.6.0 CU6).
test_fail_when_443_is_closed_without_https_on_10_6 if {
	r := _run(array.concat([_state(5, "closed")], _no_https))
	r.status == "fail"
	r.messages == ["backup: port 443 (HTTPS and gRPC) on 10.11.4.52 is closed, probed from ci-runner"]
}

test_fail_when_443_is_closed_without_https_on_fr_10_5_10 if {
	r := _run(array.concat(
		array.concat([_state(1, "closed")], _no_https),
		_pair(_v("10.5.10.0-16200", 5, 10, 16200, null)),
	))
	r.status == "fail"
	r.messages == ["primary: port 443 (HTTPS and gRPC) on 10.11.5.52 is closed, probed from ci-runner"]
}

test_unknown_when_443_is_closed_without_https_and_a_version_is_missing if {
	r := _run(array.concat(
		array.concat([_state(5, "closed")], _no_https),
		[
			{"op": "replace", "path": "/agents/backup/version", "value": null},
			{"op": "replace", "path": "/agents/primary/version", "value": _mr_10_5},
		],
	))
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: DataMiner version was not collected, so whether port 443 ",
		"(gRPC between agents by default, from 10.5.10/10.6.0) must be open is not known",
	])]
}

# NATS exists from 10.1.0/10.1.1: an older pair needs none of its ports.
_pre_nats_ports := [
	{"op": "remove", "path": "/network/ports/7"},
	{"op": "remove", "path": "/network/ports/6"},
	{"op": "remove", "path": "/network/ports/3"},
	{"op": "remove", "path": "/network/ports/2"},
]

_old(raw, major, minor, patch, revision, build) := {
	"raw": raw, "source": "versionhistory", "major": major, "minor": minor, "patch": patch,
	"revision": revision, "build": build, "cu": null, "track": null,
}

test_pass_without_nats_ports_on_9_6 if {
	nats := _nats(false, _old("9.6.0.0-8600", 9, 6, 0, 0, 8600))
	r := _run(array.concat(array.concat(_pre_nats_ports, nats), _probe_9090("closed", "closed")))
	r.status == "pass"
	r.messages == []
}

test_pass_with_nats_ports_closed_on_mr_10_0 if {
	nats := _nats(false, _v("10.0.0.0-9800-CU12", 0, 0, 9800, 12))
	r := _run(array.concat([_state(2, "closed"), _state(7, "filtered")], nats))
	r.status == "pass"
	r.messages == []
}

test_pass_without_nats_ports_on_fr_10_0_13 if {
	r := _run(array.concat(_pre_nats_ports, _pair(_v("10.0.13.0-9900", 0, 13, 9900, null))))
	r.status == "pass"
}

test_fail_when_a_nats_port_is_closed_on_mr_10_1_0 if {
	r := _run(array.concat([_state(2, "closed")], _pair(_v("10.1.0.0-9966-CU2", 1, 0, 9966, 2))))
	r.status == "fail"
	r.messages == ["primary: port 4222 (NATS client connections) on 10.11.5.52 is closed, probed from ci-runner"]
}

test_unknown_when_nats_ports_were_not_probed_on_fr_10_1_1 if {
	r := _run(array.concat(_pre_nats_ports, _pair(_v("10.1.1.0-10000", 1, 1, 10000, null))))
	r.status == "unknown"
	r.messages == [
		"backup: port 4222 (NATS client connections) was not probed",
		"backup: port 6222 (NATS cluster routes) was not probed",
		"primary: port 4222 (NATS client connections) was not probed",
		"primary: port 6222 (NATS cluster routes) was not probed",
	]
}

test_unknown_when_nats_ports_are_closed_and_the_versions_are_missing if {
	r := _run(array.concat([_state(6, "closed")], _pair(null)))
	r.status == "unknown"
	every msg in [
		concat("", [
			"backup: DataMiner version was not collected, so whether port 4222 ",
			"(NATS, from 10.1.0/10.1.1) must be open is not known",
		]),
		concat("", [
			"primary: DataMiner version was not collected, so whether port 4222 ",
			"(NATS, from 10.1.0/10.1.1) must be open is not known",
		]),
	] {
		msg in r.messages
	}
}

test_pass_when_9090_is_closed_with_broker_gateway if {
	r := _run(_probe_9090("closed", "closed"))
	r.status == "pass"
	r.messages == []
}

test_fail_when_9090_is_closed_with_legacy_nats if {
	r := _run(array.concat(_nats(false, _mr_10_5), _probe_9090("open", "closed")))
	r.status == "fail"
	r.messages == [concat("", [
		"backup: port 9090 (NATS Account Server of legacy NATS) on 10.11.4.52 is closed, probed from ",
		"ci-runner",
	])]
}

test_pass_when_9090_is_open_with_legacy_nats if {
	r := _run(array.concat(_nats(false, _mr_10_5), _probe_9090("open", "open")))
	r.status == "pass"
	r.messages == []
}

# From 10.6.0/10.6.1 a false BrokerGateway setting no longer means legacy NATS.
test_pass_when_9090_is_closed_on_main_release_10_6_0_without_the_setting if {
	r := _run(array.concat(_nats(false, _v("10.6.0.0-16500-CU0", 6, 0, 16500, 0)), _probe_9090("closed", "closed")))
	r.status == "pass"
	r.messages == []
}

test_pass_when_9090_is_closed_on_feature_release_10_6_1_without_the_setting if {
	r := _run(array.concat(_nats(false, _v("10.6.1.0-16647", 6, 1, 16647, null)), _probe_9090("closed", "closed")))
	r.status == "pass"
	r.messages == []
}

test_fail_when_9090_is_closed_on_feature_release_10_5_12_without_the_setting if {
	r := _run(array.concat(_nats(false, _v("10.5.12.0-16400", 5, 12, 16400, null)), _probe_9090("closed", "open")))
	r.status == "fail"
	r.messages == [concat("", [
		"primary: port 9090 (NATS Account Server of legacy NATS) on 10.11.5.52 is closed, probed from ",
		"ci-runner",
	])]
}

test_unknown_when_9090_was_not_probed_with_legacy_nats if {
	r := _run(_nats(false, _mr_10_5))
	r.status == "unknown"
	r.messages == [
		"backup: port 9090 (NATS Account Server of legacy NATS) was not probed",
		"primary: port 9090 (NATS Account Server of legacy NATS) was not probed",
	]
}

test_unknown_when_a_port_was_not_probed if {
	r := _run([{"op": "remove", "path": "/network/ports/3"}])
	r.status == "unknown"
	r.messages == ["primary: port 6222 (NATS cluster routes) was not probed"]
}

test_unknown_when_a_probe_failed if {
	r := _run([
		_state(4, "error"),
		{"op": "replace", "path": "/network/ports/4/error", "value": "connect: network is unreachable"},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: the probe of port 8004 (.NET Remoting) on 10.11.4.52 failed (connect: network is ",
		"unreachable)",
	])]
}

test_unknown_when_a_probe_failed_without_an_error if {
	r := _run([_state(4, "error"), {"op": "remove", "path": "/network/ports/4/error"}])
	r.status == "unknown"
	r.messages == ["backup: the probe of port 8004 (.NET Remoting) on 10.11.4.52 failed (no error recorded)"]
}

test_fail_when_one_finding_fails_and_another_is_unknown if {
	r := _run([_state(4, "error"), _state(0, "closed")])
	r.status == "fail"
	count(r.messages) == 2
}

test_unknown_when_ports_are_null if {
	r := _run([{"op": "replace", "path": "/network/ports", "value": null}])
	r.status == "unknown"
	r.messages == ["the port probes (network.ports) were not collected"]
}

test_unknown_when_ports_are_absent_after_skip_network if {
	r := _run([
		{"op": "remove", "path": "/network/ports"},
		{"op": "replace", "path": "/gatherer/skip_network", "value": true},
	])
	r.status == "unknown"
	r.messages == ["the port probes (network.ports) were not collected (no network probe ran: --skip-network)"]
}

test_unknown_when_network_is_absent if {
	r := _run([{"op": "remove", "path": "/network"}])
	r.status == "unknown"
	r.messages == ["the port probes (network.ports) were not collected"]
}

test_unknown_when_the_https_setting_is_missing_and_443_is_closed if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/version", "value": _mr_10_5},
		{"op": "replace", "path": "/agents/backup/version", "value": _mr_10_5},
		_state(5, "closed"),
		{"op": "replace", "path": "/agents/primary/https/enabled", "value": null},
		{"op": "remove", "path": "/agents/backup/https"},
	])
	r.status == "unknown"
	r.messages == [
		concat("", [
			"backup: the HTTPS setting (MaintenanceSettings.xml) was not collected, so whether port 443 ",
			"(HTTPS) must be open is not known",
		]),
		concat("", [
			"primary: the HTTPS setting (MaintenanceSettings.xml) was not collected, so whether port 443 ",
			"(HTTPS) must be open is not known",
		]),
	]
}

test_pass_when_the_https_setting_is_missing_but_443_is_open if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/https/enabled", "value": null},
		{"op": "replace", "path": "/agents/backup/https/enabled", "value": null},
	])
	r.status == "pass"
	r.messages == []
}

test_unknown_when_the_broker_gateway_setting_is_missing_and_9090_not_probed if {
	r := _run([
		{"op": "remove", "path": "/agents/backup/broker_gateway"},
		{"op": "replace", "path": "/agents/backup/version", "value": _mr_10_5},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: the BrokerGateway setting (MaintenanceSettings.xml) was not collected, ",
		"so whether port 9090 (legacy NATS) must be open is not known",
	])]
}

test_unknown_when_broker_gateway_is_false_and_the_version_is_null if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/broker_gateway", "value": false},
		{"op": "replace", "path": "/agents/backup/version", "value": null},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: DataMiner version was not collected, which tells whether BrokerGateway false means legacy NATS ",
		"(only BrokerGateway from 10.6.0/10.6.1), so whether port 9090 (legacy NATS) must be open is not known",
	])]
}

test_pass_when_the_nats_solution_is_undecided_but_9090_is_open if {
	r := _run(array.concat(
		[
			{"op": "replace", "path": "/agents/backup/broker_gateway", "value": null},
			{"op": "replace", "path": "/agents/backup/version", "value": _mr_10_5},
		],
		_probe_9090("open", "open"),
	))
	r.status == "pass"
	r.messages == []
}

test_unknown_when_the_version_is_not_parsed if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/broker_gateway", "value": false},
		{
			"op": "replace", "path": "/agents/backup/version",
			"value": {"raw": "custom build", "major": null, "minor": null, "patch": null},
		},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		concat("", [
			"backup: DataMiner version \"custom build\" was not parsed ",
			"(its major, minor and third number are not all given)",
		]),
		", which tells whether BrokerGateway false ",
		"means legacy NATS (only BrokerGateway from 10.6.0/10.6.1), so whether port 9090 (legacy NATS) must be open ",
		"is not known",
	])]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO801"
	r.name == "required-ports-open"
	r.severity == "error"
	r.area == "Ports and NATS"
	count(r.docs) == 4
}

# The gatherer probes an agent at its primary IP: an answer at another address (or another
# spelling of it) is no evidence about the agent's port.
test_unknown_when_a_port_answered_at_another_address if {
	r := _run([{"op": "replace", "path": "/network/ports/4/address", "value": "10.99.9.9"}])
	r.status == "unknown"
	r.messages == ["backup: port 8004 (.NET Remoting) answered on 10.99.9.9, which is not its primary IP 10.11.4.52"]
}

test_unknown_when_a_port_answered_at_an_ipv4_mapped_spelling if {
	r := _run([{"op": "replace", "path": "/network/ports/0/address", "value": "::ffff:10.11.5.52"}])
	r.status == "unknown"
	r.messages == [concat("", [
		"primary: port 8004 (.NET Remoting) answered on ::ffff:10.11.5.52, which is not its primary IP ",
		"10.11.5.52",
	])]
}

# A second answer elsewhere does not undo the answer at the primary IP.
test_pass_when_a_port_also_answered_at_another_address if {
	r := _run([{"op": "add", "path": "/network/ports/-", "value": {
		"agent": "backup", "address": "10.99.9.9", "port": 8004, "state": "open", "error": null,
	}}])
	r.status == "pass"
}

# Without the agent's addresses there is nothing to hold the probe's address against.
test_pass_when_agent_addresses_are_unknown if {
	r := _run([
		{"op": "replace", "path": "/network/ports/4/address", "value": "10.99.9.9"},
		{"op": "replace", "path": "/agents/backup/addresses", "value": null},
	])
	r.status == "pass"
}

# Just below, at and just above the versions from which the IP network ports page asks for the
# NATS ports (10.1.0/10.1.1, see docs/REVIEW.md) and for 443 between agents (gRPC, the default
# from 10.5.10/10.6.0): [minor, patch, cu, status], both agents on the version.
_nats_boundaries := [
	[0, 0, 30, "pass"], # the Main Release branch before 10.1.0
	[1, 0, 0, "fail"], # MR from 10.1.0
	[1, 0, 1, "fail"],
	[0, 13, null, "pass"],
	[1, 1, null, "fail"], # FR from 10.1.1
	[1, 2, null, "fail"],
]

test_nats_port_closed_at_the_boundaries if {
	every b in _nats_boundaries {
		[minor, patch, cu, status] := b
		v := _v(sprintf("10.%d.%d.0-10000", [minor, patch]), minor, patch, 10000, cu)
		_run(array.concat([_state(2, "closed")], _pair(v))).status == status
	}
}

_grpc_boundaries := [
	[5, 0, 30, "pass"], # the Main Release branch before 10.6.0
	[6, 0, 0, "fail"], # MR from 10.6.0
	[6, 0, 1, "fail"],
	[5, 9, null, "pass"],
	[5, 10, null, "fail"], # FR from 10.5.10
	[5, 11, null, "fail"],
]

test_443_closed_without_https_at_the_boundaries if {
	every b in _grpc_boundaries {
		[minor, patch, cu, status] := b
		v := _v(sprintf("10.%d.%d.0-16000", [minor, patch]), minor, patch, 16000, cu)
		_run(array.concat(array.concat([_state(1, "closed")], _no_https), _pair(v))).status == status
	}
}
