package dmaprep.requirements.virtual_ip_count_test

import data.dmaprep.requirements.virtual_ip_count as req
import data.dmaprep.test.fixtures

_patched(ops) := json.patch(fixtures.ready_vip, ops)

# The ready pair with a single network interface on each agent.
_one_nic := [
	{"op": "remove", "path": "/agents/primary/addresses/1"},
	{"op": "remove", "path": "/agents/backup/addresses/1"},
]

test_pass_with_two_interfaces_and_two_virtual_ips if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_with_one_interface_and_one_virtual_ip if {
	r := req.result with input as _patched(array.concat(_one_nic, [{"op": "remove", "path": "/intent/virtual_ips/1"}]))
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

test_fail_with_one_virtual_ip_for_two_interfaces if {
	r := req.result with input as _patched([{"op": "remove", "path": "/intent/virtual_ips/1"}])
	r.status == "fail"
	r.messages == ["1 virtual IP for agents with 2 network interfaces"]
}

test_fail_with_two_virtual_ips_for_one_interface if {
	r := req.result with input as _patched(_one_nic)
	r.status == "fail"
	r.messages == ["2 virtual IPs for agents with 1 network interface"]
}

test_fail_with_three_virtual_ips_for_two_interfaces if {
	r := req.result with input as _patched([{"op": "add", "path": "/intent/virtual_ips/-", "value": "10.13.250.44"}])
	r.status == "fail"
	r.messages == ["3 virtual IPs for agents with 2 network interfaces"]
}

test_fail_when_agents_have_different_interface_counts if {
	r := req.result with input as _patched([{"op": "remove", "path": "/agents/backup/addresses/1"}])
	r.status == "fail"
	r.messages == ["primary has 2 network interfaces, backup has 1"]
}

test_fail_when_primary_has_one_interface_and_backup_two if {
	r := req.result with input as _patched([{"op": "remove", "path": "/agents/primary/addresses/1"}])
	r.status == "fail"
	r.messages == ["primary has 1 network interface, backup has 2"]
}

test_unknown_when_backup_addresses_are_null if {
	r := req.result with input as _patched([
		{"op": "replace", "path": "/agents/backup/addresses", "value": null},
		{
			"op": "replace", "path": "/agents/backup/errors",
			"value": {"addresses": "no --backup-ip given for a folder source"},
		},
	])
	r.status == "unknown"
	r.messages == ["backup: IP address list was not collected (no --backup-ip given for a folder source)"]
}

test_unknown_when_primary_addresses_are_absent if {
	r := req.result with input as _patched([{"op": "remove", "path": "/agents/primary/addresses"}])
	r.status == "unknown"
	r.messages == ["primary: IP address list was not collected"]
}

test_unknown_when_addresses_are_empty if {
	r := req.result with input as _patched([{"op": "replace", "path": "/agents/primary/addresses", "value": []}])
	r.status == "unknown"
	r.messages == ["primary: IP address list was not collected"]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO202"
	r.name == "virtual-ip-count"
	r.severity == "error"
	r.area == "Virtual IP addresses"
	count(r.docs) == 2
}
