package dmaprep.lib_test

import data.dmaprep.lib

_chain := [
	{"path": ["data", "dmaprep", "requirements", "x", "result"]},
	{"path": ["data", "dmaprep", "requirements", "x"], "annotations": {
		"title": "A requirement",
		"related_resources": [{"ref": "https://docs.example/a"}],
		"custom": {"id": "FO205", "name": "a-requirement", "severity": "error", "remediation": "  do this\n"},
	}},
]

_with_severity(severity) := json.patch(_chain, [
	{"op": "replace", "path": "/1/annotations/custom/severity", "value": severity},
])

test_pass_without_findings if {
	r := lib.result(_chain, {})
	r == {
		"id": "FO205", "name": "a-requirement", "title": "A requirement", "severity": "error",
		"area": "Virtual IP addresses", "status": "pass", "messages": [], "findings": [], "remediation": "do this",
		"docs": ["https://docs.example/a"],
	}
}

test_skip_wins_and_shows_only_reasons if {
	r := lib.result(_chain, {"skip": {"not here"}, "violation": {"v"}, "unknown": {"u"}})
	r.status == "skip"
	r.messages == ["not here"]
}

test_fail_when_an_error_requirement_is_violated if {
	r := lib.result(_chain, {"violation": {"b", "a"}, "unknown": {"u"}})
	r.status == "fail"
	r.messages == ["a", "b", "u"]
}

test_warn_when_a_warning_requirement_is_violated if {
	r := lib.result(_with_severity("warning"), {"violation": {"v"}})
	r.status == "warn"
}

test_unknown_beats_a_degraded_warning if {
	r := lib.result(_chain, {"unknown": {"u"}, "warning": {"w"}})
	r.status == "unknown"
	r.messages == ["u", "w"]
}

test_warn_when_only_degraded if {
	r := lib.result(_chain, {"warning": {"w"}})
	r.status == "warn"
}

test_info_for_an_applicable_reminder if {
	r := lib.result(_with_severity("info"), {"info": {"run the tool"}})
	r.status == "info"
	r.messages == ["run the tool"]
}

test_custom_area_and_fallback if {
	custom := json.patch(_chain, [
		{"op": "replace", "path": "/1/annotations/custom/id", "value": "SEC001"},
		{"op": "add", "path": "/1/annotations/custom/area", "value": "Security baseline"},
	])
	lib.result(custom, {}).area == "Security baseline"
	no_area := json.patch(_chain, [{"op": "replace", "path": "/1/annotations/custom/id", "value": "SEC001"}])
	lib.result(no_area, {}).area == "Custom"
}

test_mode_virtual_ip if {
	lib.mode == "virtual_ip" with input as {"intent": {"virtual_ips": ["10.0.0.1"], "shared_hostname": null}}
}

test_mode_hostname_normalised if {
	lib.mode == "hostname" with input as {"intent": {"virtual_ips": null, "shared_hostname": "FO.Example.local."}}
	lib.shared_hostname == "fo.example.local" with input as {"intent": {"shared_hostname": "FO.Example.local."}}
}

test_mode_undecided_when_both_or_neither if {
	not lib.mode with input as {"intent": {"virtual_ips": ["10.0.0.1"], "shared_hostname": "fo.example"}}
	not lib.mode with input as {"intent": {}}
	lib.mode_skip("hostname") == concat("", [
		"the addressing mode is not decided (see FO201), so mode-specific checks do not ",
		"apply",
	]) with input as {"intent": {}}
}

test_mode_skip_names_both_modes if {
	msg := lib.mode_skip("hostname") with input as {"intent": {"virtual_ips": ["10.0.0.1"]}}
	msg == "applies to shared hostname mode only; this pair uses virtual IP mode"
}

test_missing_names_the_error if {
	facts := {"agents": {"backup": {"errors": {"version": "VersionHistory.txt:3: bad line"}}}}
	lib.missing("backup", "version", "version") == {
		"message": "backup: version was not collected (VersionHistory.txt:3: bad line)",
		"agents": ["backup"],
	} with input as facts
	msg := "backup: DataMiner ID was not collected"
	lib.missing("backup", "dataminer_id", "DataMiner ID").message == msg with input as facts
}

test_fact_is_null_when_absent_or_null if {
	facts := {"agents": {"primary": {"dataminer_id": null, "https": {"enabled": true}}}}
	lib.fact("primary", "dataminer_id") == null with input as facts
	lib.fact("primary", "element_count") == null with input as facts
	lib.fact("primary", ["https", "enabled"]) == true with input as facts
	lib.fact("primary", ["https", "certificate", "chain"]) == null with input as facts
}

test_dms_addresses_are_distinct_lower_case_and_sorted if {
	lib.dms_addresses([
		{"address": "DMA-B.example"}, {"address": "10.11.4.52", "id": 1},
		{"address": "10.11.4.52", "id": 2}, {"address": "dma-b.example"},
	]) == ["10.11.4.52", "dma-b.example"]
	lib.dms_addresses([]) == []
}

test_same_address_compares_ip_addresses_by_value if {
	lib.same_address("2001:db8::4:52", "2001:DB8:0:0::4:52")
	lib.same_address("10.11.4.52", "10.11.4.52")
	lib.same_address("DMA-B.example", "dma-b.example")
	not lib.same_address("2001:db8::4:52", "2001:db8::4:53")
	not lib.same_address("10.11.4.52", "2001:db8::4:52")
	not lib.same_address("10.11.4.52", "dma-b.example")
}

test_is_ip_holds_for_addresses_only if {
	lib.is_ip("10.11.4.52")
	lib.is_ip("fd00::250:44")
	not lib.is_ip("dma-b.example")
	not lib.is_ip("10.11.4.0/24")
	not lib.is_ip("")
}

test_canonical_address_spells_each_address_one_way if {
	lib.canonical_address("2001:DB8:0:0::4:52") == "2001:db8::4:52"
	lib.canonical_address("::ffff:10.11.4.52") == "10.11.4.52"
	lib.canonical_address("10.11.4.52") == "10.11.4.52"
	lib.canonical_address("DMA-B.example") == "dma-b.example"
	lib.canonical_address("not:an:address") == "not:an:address"
}

test_agent_addresses_joins_interfaces_and_interface_addresses if {
	facts := {"agents": {"backup": {
		"addresses": ["10.11.4.52", null],
		"network_interfaces": [
			{"addresses": [{"ip": "10.11.4.52"}, {"ip": "fd00::4:52"}]},
			{"addresses": null},
		],
	}}}
	lib.agent_addresses("backup") == {"10.11.4.52", "fd00::4:52"} with input as facts
	lib.agent_addresses("primary") == set() with input as facts
}
