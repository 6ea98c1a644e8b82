package dmaprep.requirements.virtual_ip_unused_test

import data.dmaprep.requirements.virtual_ip_unused as req
import data.dmaprep.test.fixtures

_with_probe(probe) := json.patch(fixtures.ready_vip, [{
	"op": "replace", "path": "/network/virtual_ips/10.12.250.44",
	"value": probe,
}])

test_pass_when_nothing_answers if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_skip_in_hostname_mode if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "skip"
	r.messages == ["applies to virtual IP mode only; this pair uses shared hostname mode"]
}

test_skip_when_mode_is_not_decided if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/intent/virtual_ips", "value": []}])
	r := req.result with input as facts
	r.status == "skip"
	r.messages == ["the addressing mode is not decided (see FO201), so mode-specific checks do not apply"]
}

test_fail_when_a_virtual_ip_answers if {
	r := req.result with input as _with_probe({
		"state": "in_use", "method": "arp",
		"evidence": ["ARP reply from 00-15-5D-4A-01-07"], "error": null,
	})
	r.status == "fail"
	r.messages == ["virtual IP 10.12.250.44 is already in use (arp: ARP reply from 00-15-5D-4A-01-07)"]
}

test_fail_lists_every_piece_of_evidence if {
	r := req.result with input as _with_probe({
		"state": "in_use", "method": "tcp+icmp",
		"evidence": ["echo reply in 1 ms", "tcp/443 open"],
	})
	r.status == "fail"
	r.messages == ["virtual IP 10.12.250.44 is already in use (tcp+icmp: echo reply in 1 ms; tcp/443 open)"]
}

test_fail_without_method_or_evidence if {
	r := req.result with input as _with_probe({"state": "in_use"})
	r.status == "fail"
	r.messages == ["virtual IP 10.12.250.44 is already in use (no evidence recorded)"]
}

test_fail_wins_over_unknown if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/network/virtual_ips/10.11.250.44/state", "value": "in_use"},
		{"op": "remove", "path": "/network/virtual_ips/10.12.250.44"},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [
		"virtual IP 10.11.250.44 is already in use (tcp: no answer on tcp/80, tcp/443, tcp/8004 within 2s)",
		"virtual IP 10.12.250.44 was not probed",
	]
}

test_unknown_when_probe_is_undetermined if {
	r := req.result with input as _with_probe({
		"state": "undetermined", "method": "icmp", "evidence": [],
		"error": "raw sockets need administrator rights",
	})
	r.status == "unknown"
	r.messages == [concat("", [
		"virtual IP 10.12.250.44: the probe could not tell whether it is in use ",
		"(icmp: error: raw sockets need administrator rights)",
	])]
}

test_unknown_when_a_virtual_ip_was_not_probed if {
	facts := json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/network/virtual_ips/10.12.250.44"}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["virtual IP 10.12.250.44 was not probed"]
}

# A fact document written elsewhere may key a probe by another spelling of the address.
test_fail_when_the_probe_key_spells_the_ipv6_address_otherwise if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/intent/virtual_ips", "value": ["fd00::250:44"]},
		{"op": "replace", "path": "/network/virtual_ips", "value": {"FD00:0::250:44": {"state": "in_use", "method": "ndp"}}},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["virtual IP fd00::250:44 is already in use (ndp: no evidence recorded)"]
}

# Two keys for one address leave it unclear which probe counts.
test_unknown_when_two_probe_keys_spell_the_same_address if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/intent/virtual_ips", "value": ["fd00::250:44"]},
		{"op": "replace", "path": "/network/virtual_ips", "value": {
			"FD00::250:44": {"state": "free"},
			"fd00:0::250:44": {"state": "in_use"},
		}},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["virtual IP fd00::250:44 was not probed"]
}

test_unknown_when_virtual_ip_probes_are_null if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/network/virtual_ips", "value": null}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["virtual IP 10.11.250.44 was not probed", "virtual IP 10.12.250.44 was not probed"]
}

test_unknown_when_network_is_absent if {
	facts := json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/network"}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["virtual IP 10.11.250.44 was not probed", "virtual IP 10.12.250.44 was not probed"]
}

test_unknown_says_when_network_probes_were_skipped if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/network", "value": null},
		{"op": "replace", "path": "/gatherer/skip_network", "value": true},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == [
		"virtual IP 10.11.250.44 was not probed (network probes were switched off with --skip-network)",
		"virtual IP 10.12.250.44 was not probed (network probes were switched off with --skip-network)",
	]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO203"
	r.name == "virtual-ip-unused"
	r.severity == "error"
	r.area == "Virtual IP addresses"
	count(r.docs) == 2
}
