package dmaprep.requirements.virtual_ip_distinct_test

import data.dmaprep.requirements.virtual_ip_distinct as req
import data.dmaprep.test.fixtures

_patched(ops) := json.patch(fixtures.ready_vip, ops)

_with_vips(ips) := _patched([{"op": "replace", "path": "/intent/virtual_ips", "value": ips}])

test_pass_when_virtual_ips_are_distinct if {
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
	r := req.result with input as _patched([{
		"op": "replace", "path": "/intent/shared_hostname",
		"value": "fo-pair.example.local",
	}])
	r.status == "skip"
	r.messages == ["the addressing mode is not decided (see FO201), so mode-specific checks do not apply"]
}

# An address that does not parse is FO201's finding; here it only has to differ.
test_pass_when_a_virtual_ip_does_not_parse if {
	r := req.result with input as _with_vips(["10.11.250.444", "10.12.250.44"])
	r.status == "pass"
	r.messages == []
}

test_fail_when_a_virtual_ip_is_given_twice if {
	r := req.result with input as _with_vips(["10.11.250.44", "10.11.250.44"])
	r.status == "fail"
	r.messages == ["virtual IP 10.11.250.44 is given 2 times"]
}

test_fail_when_an_ipv6_virtual_ip_is_given_twice_in_other_spellings if {
	r := req.result with input as _with_vips(["2001:db8:11::44", "2001:DB8:11:0::44"])
	r.status == "fail"
	r.messages == ["virtual IP 2001:db8:11::44 is given 2 times (as 2001:db8:11::44, 2001:DB8:11:0::44)"]
}

test_fail_when_a_virtual_ip_is_the_primary_ip if {
	r := req.result with input as _with_vips(["10.11.5.52", "10.12.250.44"])
	r.status == "fail"
	r.messages == ["virtual IP 10.11.5.52 is already an address of the primary (interface Corporate)"]
}

test_fail_when_a_virtual_ip_is_bound_to_a_backup_interface if {
	r := req.result with input as _patched([{
		"op": "add", "path": "/agents/backup/network_interfaces/1/addresses/-",
		"value": {"ip": "10.12.250.44", "prefix_length": 16},
	}])
	r.status == "fail"
	r.messages == ["virtual IP 10.12.250.44 is already an address of the backup (interface Acquisition)"]
}

test_fail_when_a_virtual_ip_is_in_the_address_list_only if {
	r := req.result with input as _patched([{
		"op": "replace", "path": "/agents/backup/addresses/1",
		"value": "10.12.250.44",
	}])
	r.status == "fail"
	r.messages == ["virtual IP 10.12.250.44 is already an address of the backup"]
}

test_fail_compares_ipv6_case_insensitively if {
	facts := _patched([
		{"op": "replace", "path": "/intent/virtual_ips", "value": ["2001:DB8:11::52", "2001:db8:12::44"]},
		{
			"op": "add", "path": "/agents/primary/network_interfaces/0/addresses/-",
			"value": {"ip": "2001:db8:11::52", "prefix_length": 64},
		},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["virtual IP 2001:DB8:11::52 is already an address of the primary (interface Corporate)"]
}

test_fail_when_an_ipv4_mapped_virtual_ip_is_an_agent_address if {
	r := req.result with input as _with_vips(["::ffff:10.11.4.52", "10.12.250.44"])
	r.status == "fail"
	r.messages == ["virtual IP ::ffff:10.11.4.52 is already an address of the backup (interface Corporate)"]
}

test_fail_lists_every_finding if {
	r := req.result with input as _with_vips(["10.11.4.52", "10.11.4.52"])
	r.status == "fail"
	r.messages == [
		"virtual IP 10.11.4.52 is already an address of the backup (interface Corporate)",
		"virtual IP 10.11.4.52 is given 2 times",
	]
}

test_fail_wins_over_unknown if {
	facts := _patched([
		{"op": "replace", "path": "/intent/virtual_ips", "value": ["10.11.5.52", "10.12.250.44"]},
		{"op": "replace", "path": "/agents/backup/network_interfaces", "value": null},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [
		concat("", [
			"backup: checked against its primary IPs only; its network interfaces (and any ",
			"other address on them) were not collected",
		]),
		"virtual IP 10.11.5.52 is already an address of the primary (interface Corporate)",
	]
}

test_unknown_when_addresses_are_null if {
	r := req.result with input as _patched([{"op": "replace", "path": "/agents/primary/addresses", "value": null}])
	r.status == "unknown"
	r.messages == ["primary: IP address list was not collected"]
}

test_unknown_when_addresses_are_absent if {
	r := req.result with input as _patched([{"op": "remove", "path": "/agents/backup/addresses"}])
	r.status == "unknown"
	r.messages == ["backup: IP address list was not collected"]
}

test_warn_when_network_interfaces_are_null if {
	r := req.result with input as _patched([{"op": "replace", "path": "/agents/backup/network_interfaces", "value": null}])
	r.status == "warn"
	r.messages == [concat("", [
		"backup: checked against its primary IPs only; its network interfaces (and any ",
		"other address on them) were not collected",
	])]
}

test_warn_when_network_interfaces_are_absent if {
	r := req.result with input as _patched([{"op": "remove", "path": "/agents/primary/network_interfaces"}])
	r.status == "warn"
}

test_unknown_when_addresses_and_interfaces_are_both_missing if {
	r := req.result with input as _patched([
		{"op": "remove", "path": "/agents/primary/network_interfaces"},
		{"op": "replace", "path": "/agents/primary/addresses", "value": null},
	])
	r.status == "unknown"
	r.messages == ["primary: IP address list was not collected"]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO204"
	r.name == "virtual-ip-distinct"
	r.severity == "error"
	r.area == "Virtual IP addresses"
	count(r.docs) == 2
}

# The two agents sharing an address (here in two spellings of one IPv6 address) fail.
test_fail_when_the_agents_share_an_address if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/addresses", "value": ["10.11.5.52", "fd00::12:52"]},
		{"op": "replace", "path": "/agents/backup/addresses", "value": ["10.11.4.52", "FD00:0::12:52"]},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["the primary and the backup both have address fd00::12:52"]
}

test_fail_when_the_backup_has_the_primary_addresses if {
	facts := json.patch(fixtures.ready_vip, [{
		"op": "replace", "path": "/agents/backup/addresses",
		"value": fixtures.ready_vip.agents.primary.addresses,
	}])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["the primary and the backup both have addresses 10.11.5.52, 10.12.5.52"]
}
