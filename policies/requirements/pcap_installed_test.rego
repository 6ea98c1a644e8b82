package dmaprep.requirements.pcap_installed_test

import data.dmaprep.requirements.pcap_installed as req
import data.dmaprep.test.fixtures

test_pass_when_both_agents_have_npcap if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_npcap_runs_in_winpcap_compatible_mode if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/host_software/winpcap", "value": true},
	])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

test_pass_when_npcap_is_known_and_winpcap_not_collected if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/host_software/winpcap", "value": null},
	])
	r := req.result with input as facts
	r.status == "pass"
}

test_fail_when_backup_has_no_capture_driver if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/host_software/npcap", "value": false},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["backup has neither Npcap nor WinPcap installed (reported by the operator)"]
}

test_fail_names_a_host_observation if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/host_software/npcap", "value": false},
		{"op": "replace", "path": "/agents/primary/host_software/source", "value": "host"},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["primary has neither Npcap nor WinPcap installed (observed on the host)"]
}

test_fail_wins_over_unknown if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/host_software/npcap", "value": false},
		{"op": "remove", "path": "/agents/backup/host_software"},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [
		"backup: host software (Npcap, WinPcap) was not collected",
		"primary has neither Npcap nor WinPcap installed (reported by the operator)",
	]
}

test_warn_when_backup_has_only_winpcap if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/host_software/npcap", "value": false},
		{"op": "replace", "path": "/agents/backup/host_software/winpcap", "value": true},
	])
	r := req.result with input as facts
	r.status == "warn"
	r.messages == ["backup has only WinPcap, which is deprecated; Npcap is recommended (reported by the operator)"]
}

test_skip_in_hostname_mode if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/backup/host_software/npcap", "value": false},
	])
	r := req.result with input as facts
	r.status == "skip"
	r.messages == ["applies to virtual IP mode only; this pair uses shared hostname mode"]
}

test_skip_when_mode_is_undecided if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/intent/shared_hostname", "value": "fo.example.local"},
	])
	r := req.result with input as facts
	r.status == "skip"
	r.messages == ["the addressing mode is not decided (see FO201), so mode-specific checks do not apply"]
}

test_unknown_when_host_software_is_absent if {
	facts := json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/primary/host_software"}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: host software (Npcap, WinPcap) was not collected"]
}

test_unknown_when_host_software_is_null if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/agents/backup/host_software", "value": null}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: host software (Npcap, WinPcap) was not collected"]
}

test_unknown_when_npcap_is_null_and_winpcap_absent if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/host_software/npcap", "value": null},
		{"op": "remove", "path": "/agents/backup/host_software/winpcap"},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: Npcap not collected, WinPcap not collected (reported by the operator)"]
}

test_unknown_names_the_collection_error if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/host_software", "value": {
			"source": "host", "npcap": null, "winpcap": false,
			"iis_arr": false, "services": null, "cassandra_release_version": null,
		}},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"host_software": "npcap: access denied"}},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == [
		"primary: Npcap not collected, WinPcap not installed (observed on the host; npcap: access denied)",
	]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO503"
	r.name == "pcap-installed"
	r.severity == "error"
	r.area == "Platform and network"
	count(r.docs) == 3
	contains(r.remediation, "--operator-facts")
	contains(r.remediation, "dmaprep gather agent")
}
