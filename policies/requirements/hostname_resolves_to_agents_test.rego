package dmaprep.requirements.hostname_resolves_to_agents_test

import data.dmaprep.requirements.hostname_resolves_to_agents as req
import data.dmaprep.test.fixtures

_forward := "/network/dns/forward/fo-pair.example.local"

_not_backup := "fo-pair.example.local does not resolve to the backup's primary IP 10.11.4.52; it resolves to"

# _answer gives the result when the shared hostname's lookup is replaced by lookup.
_answer(lookup) := r if {
	facts := json.patch(fixtures.ready_hostname, [{"op": "replace", "path": _forward, "value": lookup}])
	r := req.result with input as facts
}

test_pass_when_name_resolves_to_both_primary_ips if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

test_skip_when_virtual_ip_mode if {
	r := req.result with input as fixtures.ready_vip
	r.status == "skip"
	r.messages == ["applies to shared hostname mode only; this pair uses virtual IP mode"]
}

# The gatherer may key the lookup by the name as the operator wrote it.
test_pass_when_lookup_is_keyed_as_written_in_intent if {
	lookup := fixtures.ready_hostname.network.dns.forward["fo-pair.example.local"]
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/intent/shared_hostname", "value": "FO-Pair.Example.Local."},
		{"op": "replace", "path": "/network/dns/forward", "value": {"FO-Pair.Example.Local.": lookup}},
	])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

test_pass_when_lookup_key_differs_in_case_and_trailing_dot if {
	lookup := fixtures.ready_hostname.network.dns.forward["fo-pair.example.local"]
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/network/dns/forward", "value": {"Fo-Pair.EXAMPLE.local.": lookup}},
	])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

test_pass_when_ipv6_addresses_differ_in_case if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/primary/addresses", "value": ["FD00::5:52"]},
		{"op": "replace", "path": _forward, "value": {"status": "answer", "records": ["fd00::5:52", "10.11.4.52"]}},
	])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

test_fail_when_name_misses_the_backup if {
	r := _answer({"status": "answer", "records": ["10.11.5.52"], "error": null})
	r.status == "fail"
	r.messages == [concat(" ", [_not_backup, "10.11.5.52"])]
}

test_fail_when_answer_has_no_address if {
	r := _answer({"status": "answer", "records": [], "error": null})
	r.status == "fail"
	r.messages == [
		"fo-pair.example.local does not resolve to the backup's primary IP 10.11.4.52; it resolves to no address",
		"fo-pair.example.local does not resolve to the primary's primary IP 10.11.5.52; it resolves to no address",
	]
}

test_fail_when_name_resolves_to_the_wrong_address_only if {
	r := _answer({"status": "answer", "records": ["10.11.5.52", "10.11.9.9"], "error": null})
	r.status == "fail"
	r.messages == [
		"fo-pair.example.local also resolves to 10.11.9.9, which is no address of either agent (derived rule)",
		"fo-pair.example.local does not resolve to the backup's primary IP 10.11.4.52; it resolves to 10.11.5.52, 10.11.9.9",
	]
}

test_warn_when_name_also_resolves_to_another_address if {
	r := _answer({"status": "answer", "records": ["10.11.5.52", "10.11.4.52", "10.11.250.44"], "error": null})
	r.status == "warn"
	r.messages == [concat(" ", [
		"fo-pair.example.local also resolves to 10.11.250.44,",
		"which is no address of either agent (derived rule)",
	])]
}

test_fail_when_name_does_not_exist if {
	r := _answer({"status": "nxdomain", "records": [], "error": null})
	r.status == "fail"
	r.messages == ["no DNS record for fo-pair.example.local (nxdomain)"]
}

test_fail_when_name_has_no_address_record if {
	r := _answer({"status": "nodata"})
	r.status == "fail"
	r.messages == ["no DNS record for fo-pair.example.local (nodata)"]
}

test_unknown_when_lookup_timed_out if {
	r := _answer({"status": "timeout", "records": [], "error": "read udp 10.11.0.9:53: i/o timeout"})
	r.status == "unknown"
	r.messages == ["DNS lookup of fo-pair.example.local failed: timeout (read udp 10.11.0.9:53: i/o timeout)"]
}

test_unknown_when_server_failed_without_error_text if {
	r := _answer({"status": "servfail", "records": [], "error": null})
	r.status == "unknown"
	r.messages == ["DNS lookup of fo-pair.example.local failed: servfail"]
}

test_unknown_when_lookup_is_absent if {
	facts := json.patch(fixtures.ready_hostname, [{"op": "remove", "path": _forward}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["DNS lookup of fo-pair.example.local was not collected"]
}

test_unknown_when_forward_lookups_are_null if {
	facts := json.patch(fixtures.ready_hostname, [{"op": "replace", "path": "/network/dns/forward", "value": null}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["DNS lookup of fo-pair.example.local was not collected"]
}

test_unknown_when_network_is_absent if {
	facts := json.patch(fixtures.ready_hostname, [{"op": "remove", "path": "/network"}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["DNS lookup of fo-pair.example.local was not collected"]
}

test_unknown_when_backup_addresses_are_null if {
	facts := json.patch(fixtures.ready_hostname, [{"op": "replace", "path": "/agents/backup/addresses", "value": null}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: primary IP address was not collected"]
}

test_unknown_when_primary_addresses_are_absent if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "remove", "path": "/agents/primary/addresses"},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"addresses": "Get-NetIPAddress: access denied"}},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: primary IP address was not collected (Get-NetIPAddress: access denied)"]
}

# A missing backup address does not hide that the primary is missing from DNS.
test_fail_when_primary_missing_and_backup_address_unknown if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/backup/addresses", "value": []},
		{"op": "replace", "path": _forward, "value": {"status": "answer", "records": ["10.11.4.52"], "error": null}},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [
		"backup: primary IP address was not collected",
		"fo-pair.example.local does not resolve to the primary's primary IP 10.11.5.52; it resolves to 10.11.4.52",
	]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_hostname
	r.id == "FO302"
	r.name == "hostname-resolves-to-agents"
	r.severity == "error"
	r.area == "Shared hostname"
	count(r.docs) == 1
}

# One answer cannot count as resolving to two agents that have one primary IP.
test_fail_when_both_agents_have_the_same_primary_ip if {
	facts := json.patch(fixtures.ready_hostname, [{
		"op": "replace", "path": "/agents/backup/addresses",
		"value": ["10.11.5.52"],
	}])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["the primary and the backup have the same primary IP 10.11.5.52, so no answer can resolve to both"]
}

# The gatherer asks A and AAAA apart: with the A question timed out, an answer holding only
# AAAA records says nothing about the agents' IPv4 addresses.
test_unknown_when_the_half_for_the_agents_address_family_failed if {
	r := _answer({
		"status": "answer", "records": ["fd00::5:52"],
		"error": "A query to 10.11.0.9:53: no answer within 3s",
	})
	r.status == "unknown"
	r.messages == [
		"fo-pair.example.local also resolves to fd00::5:52, which is no address of either agent (derived rule)",
		concat("", [
			"fo-pair.example.local does not resolve to the backup's primary IP 10.11.4.52 as far as the lookup ",
			"answered; the rest failed (A query to 10.11.0.9:53: no answer within 3s)",
		]),
		concat("", [
			"fo-pair.example.local does not resolve to the primary's primary IP 10.11.5.52 as far as the lookup ",
			"answered; the rest failed (A query to 10.11.0.9:53: no answer within 3s)",
		]),
	]
}

# The failed half is the other family: a missing IPv4 address is missing.
test_fail_when_the_other_half_failed if {
	r := _answer({
		"status": "answer", "records": ["10.11.5.52"],
		"error": "AAAA query to 10.11.0.9:53: SERVFAIL",
	})
	r.status == "fail"
	r.messages == [concat(" ", [_not_backup, "10.11.5.52"])]
}

# An agent's IPv6 address on its interface, beside the IPv4 one, is that agent: no warning.
test_pass_when_name_also_resolves_to_an_agents_other_address if {
	facts := json.patch(fixtures.ready_hostname, [
		{
			"op": "add", "path": "/agents/primary/network_interfaces/0/addresses/-",
			"value": {"ip": "fd00::5:52", "prefix_length": 64},
		},
		{"op": "replace", "path": concat("/", [_forward, "records"]), "value": ["10.11.5.52", "10.11.4.52", "FD00:0::5:52"]},
	])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

# The agents' addresses are found in the answer whatever the spelling of either.
test_pass_when_ipv6_records_spell_the_agents_addresses_otherwise if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/primary/addresses", "value": ["fd00::5:52"]},
		{"op": "replace", "path": "/agents/backup/addresses", "value": ["fd00::4:52"]},
		{"op": "replace", "path": concat("/", [_forward, "records"]), "value": ["FD00:0:0::5:52", "fd00:0::4:52"]},
	])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}
