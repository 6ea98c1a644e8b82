package dmaprep.requirements.nic_layout_matches_test

import data.dmaprep.requirements.nic_layout_matches as req
import data.dmaprep.test.fixtures

test_pass_when_layouts_match if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_without_network_adapters if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/dataminer_xml/network_adapter_macs", "value": null},
		{"op": "remove", "path": "/agents/backup/dataminer_xml/network_adapter_macs"},
	])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

test_pass_when_listed_macs_differ_in_case if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/dataminer_xml/network_adapter_macs", "value": ["b0-83-fe-b3-f9-1c"]},
	])
	r := req.result with input as facts
	r.status == "pass"
}

test_warn_when_backup_has_another_interface_count if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "remove", "path": "/agents/backup/network_interfaces/1"},
		{"op": "replace", "path": "/agents/backup/dataminer_xml/network_adapter_macs", "value": ["B0-83-FE-B3-F9-1C"]},
	])
	r := req.result with input as facts
	r.status == "warn"
	r.messages == ["primary has 2 network interfaces (Corporate, Acquisition), backup has 1 (Corporate)"]
}

test_warn_when_a_listed_mac_is_not_on_the_host if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/dataminer_xml/network_adapter_macs/1", "value": "E8-EE-7A-CA-97-B0"},
	])
	r := req.result with input as facts
	r.status == "warn"
	r.messages == [concat("", [
		"backup: DataMiner.xml <NetworkAdapters> lists MAC E8-EE-7A-CA-97-B0, which no network interface of the host has ",
		"(it has B0-83-FE-B3-F9-1C, E8-EE-7A-CA-98-C1)",
	])]
}

test_warn_when_no_interface_mac_was_observed if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/network_interfaces/0/mac", "value": null},
		{"op": "remove", "path": "/agents/primary/network_interfaces/1/mac"},
		{"op": "replace", "path": "/agents/primary/dataminer_xml/network_adapter_macs", "value": ["B0-83-FE-B3-F8-0B"]},
	])
	r := req.result with input as facts
	r.status == "warn"
	r.messages == [concat("", [
		"primary: DataMiner.xml <NetworkAdapters> lists MAC B0-83-FE-B3-F8-0B, which no network interface of the host has ",
		"(no interface MAC was observed)",
	])]
}

test_warn_wins_over_unknown if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/dataminer_xml/network_adapter_macs/0", "value": "00-15-5D-4A-01-07"},
		{"op": "remove", "path": "/agents/backup/dataminer_xml"},
	])
	r := req.result with input as facts
	r.status == "warn"
	r.messages == [
		"backup: DataMiner.xml (NetworkAdapters) was not collected",
		concat("", [
			"primary: DataMiner.xml <NetworkAdapters> lists MAC 00-15-5D-4A-01-07, which no network interface of the host has ",
			"(it has B0-83-FE-B3-F8-0B, E8-EE-7A-CA-97-B0)",
		]),
	]
}

test_unknown_when_interfaces_are_null if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/network_interfaces", "value": null},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: network interface list was not collected"]
}

test_unknown_when_interfaces_are_absent if {
	facts := json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/backup/network_interfaces"}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: network interface list was not collected"]
}

test_unknown_when_dataminer_xml_is_null if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/agents/backup/dataminer_xml", "value": null}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: DataMiner.xml (NetworkAdapters) was not collected"]
}

test_unknown_when_dataminer_xml_is_absent_names_the_collection_error if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "remove", "path": "/agents/primary/dataminer_xml"},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"dataminer_xml": "DataMiner.xml:3:7: unexpected EOF"}},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: DataMiner.xml (NetworkAdapters) was not collected (DataMiner.xml:3:7: unexpected EOF)"]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO508"
	r.name == "nic-layout-matches"
	r.severity == "warning"
	r.area == "Platform and network"
	count(r.docs) == 2
}
