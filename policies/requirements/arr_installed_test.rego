package dmaprep.requirements.arr_installed_test

import data.dmaprep.requirements.arr_installed as req
import data.dmaprep.test.fixtures

test_pass_when_both_agents_have_arr if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

test_fail_when_backup_lacks_arr if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/backup/host_software/iis_arr", "value": false},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["backup does not have IIS Application Request Routing installed (reported by the operator)"]
}

test_fail_names_a_host_observation if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/primary/host_software/iis_arr", "value": false},
		{"op": "replace", "path": "/agents/primary/host_software/source", "value": "host"},
		{"op": "remove", "path": "/agents/backup/host_software"},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [
		"backup: host software (IIS Application Request Routing) was not collected",
		"primary does not have IIS Application Request Routing installed (observed on the host)",
	]
}

test_skip_in_virtual_ip_mode if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/host_software/iis_arr", "value": false},
	])
	r := req.result with input as facts
	r.status == "skip"
	r.messages == ["applies to shared hostname mode only; this pair uses virtual IP mode"]
}

test_skip_when_mode_is_undecided if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/intent/virtual_ips", "value": ["10.11.250.44"]},
	])
	r := req.result with input as facts
	r.status == "skip"
	r.messages == ["the addressing mode is not decided (see FO201), so mode-specific checks do not apply"]
}

test_unknown_when_host_software_is_absent if {
	facts := json.patch(fixtures.ready_hostname, [{"op": "remove", "path": "/agents/primary/host_software"}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: host software (IIS Application Request Routing) was not collected"]
}

test_unknown_when_host_software_is_null if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/backup/host_software", "value": null},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: host software (IIS Application Request Routing) was not collected"]
}

test_unknown_when_arr_is_null if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/backup/host_software/iis_arr", "value": null},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: whether IIS Application Request Routing is installed (reported by the operator) ",
		"was not collected",
	])]
}

test_unknown_when_arr_is_absent_names_the_collection_error if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "remove", "path": "/agents/primary/host_software/iis_arr"},
		{"op": "replace", "path": "/agents/primary/host_software/source", "value": "host"},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"host_software": "iis_arr: registry: access denied"}},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == [concat("", [
		"primary: whether IIS Application Request Routing is installed (observed on the host) was not collected ",
		"(iis_arr: registry: access denied)",
	])]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_hostname
	r.id == "FO504"
	r.name == "arr-installed"
	r.severity == "error"
	r.area == "Platform and network"
	count(r.docs) == 2
	contains(r.remediation, "--operator-facts")
	contains(r.remediation, "dmaprep gather agent")
}
