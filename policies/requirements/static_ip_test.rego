package dmaprep.requirements.static_ip_test

import data.dmaprep.requirements.static_ip as req
import data.dmaprep.test.fixtures

test_pass_when_every_interface_is_static if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_in_hostname_mode if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

test_fail_when_backup_acquisition_uses_dhcp if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/network_interfaces/1/dhcp", "value": true},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["backup: interface Acquisition (10.12.4.52) gets its address from DHCP"]
}

test_fail_when_an_interface_without_addresses_uses_dhcp if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/network_interfaces/0/dhcp", "value": true},
		{"op": "replace", "path": "/agents/primary/network_interfaces/0/addresses", "value": null},
		{"op": "replace", "path": "/agents/backup/network_interfaces/0/dhcp", "value": null},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [
		"backup: whether interface Corporate (10.11.4.52) uses DHCP was not collected",
		"primary: interface Corporate gets its address from DHCP",
	]
}

test_unknown_when_dhcp_is_null if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/network_interfaces/1/dhcp", "value": null},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: whether interface Acquisition (10.12.5.52) uses DHCP was not collected"]
}

test_unknown_when_dhcp_is_absent if {
	facts := json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/backup/network_interfaces/0/dhcp"}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: whether interface Corporate (10.11.4.52) uses DHCP was not collected"]
}

test_unknown_when_interfaces_are_null if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/network_interfaces", "value": null},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: network interface list was not collected"]
}

test_unknown_when_interfaces_are_absent_names_the_collection_error if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "remove", "path": "/agents/primary/network_interfaces"},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"network_interfaces": "listing: access denied"}},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: network interface list was not collected (listing: access denied)"]
}

test_unknown_when_no_interface_was_listed if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/network_interfaces", "value": []},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: network interface list was not collected"]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO507"
	r.name == "static-ip"
	r.severity == "error"
	r.area == "Platform and network"
	count(r.docs) == 1
}
