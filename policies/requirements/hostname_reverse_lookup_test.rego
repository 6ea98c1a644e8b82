package dmaprep.requirements.hostname_reverse_lookup_test

import data.dmaprep.requirements.hostname_reverse_lookup as req
import data.dmaprep.test.fixtures

_backup_ptr := "/network/dns/reverse/10.11.4.52"

_backup_ip := "reverse lookup of the backup's primary IP 10.11.4.52"

# _backup_answer gives the result when the backup's PTR lookup is replaced by lookup.
_backup_answer(lookup) := r if {
	facts := json.patch(fixtures.ready_hostname, [{"op": "replace", "path": _backup_ptr, "value": lookup}])
	r := req.result with input as facts
}

test_pass_when_both_addresses_reverse_to_the_shared_hostname if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

test_skip_when_virtual_ip_mode if {
	r := req.result with input as fixtures.ready_vip
	r.status == "skip"
	r.messages == ["applies to shared hostname mode only; this pair uses virtual IP mode"]
}

test_pass_when_one_of_several_names_is_the_shared_hostname if {
	r := _backup_answer({"status": "answer", "records": ["dma-backup.example.local.", "FO-PAIR.example.local"]})
	r.status == "pass"
	r.messages == []
}

test_pass_when_ipv6_key_differs_in_case if {
	lookup := fixtures.ready_hostname.network.dns.reverse["10.11.4.52"]
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/backup/addresses", "value": ["fd00::4:52"]},
		{"op": "add", "path": "/network/dns/reverse/FD00::4:52", "value": lookup},
	])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

test_pass_when_ipv6_key_is_spelled_otherwise if {
	lookup := fixtures.ready_hostname.network.dns.reverse["10.11.4.52"]
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/backup/addresses", "value": ["fd00::4:52"]},
		{"op": "add", "path": "/network/dns/reverse/fd00:0:0::4:52", "value": lookup},
	])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

test_fail_when_backup_reverses_to_its_own_name if {
	r := _backup_answer({"status": "answer", "records": ["dma-backup.example.local."], "error": null})
	r.status == "fail"
	r.messages == [concat(" ", [_backup_ip, "gives dma-backup.example.local, not fo-pair.example.local"])]
}

test_fail_when_answer_has_no_name if {
	r := _backup_answer({"status": "answer", "records": [], "error": null})
	r.status == "fail"
	r.messages == ["reverse lookup of the backup's primary IP 10.11.4.52 gives no name, not fo-pair.example.local"]
}

test_fail_when_no_ptr_record if {
	r := _backup_answer({"status": "nxdomain", "records": [], "error": null})
	r.status == "fail"
	r.messages == ["no PTR record for the backup's primary IP 10.11.4.52 (nxdomain)"]
}

test_fail_when_ptr_has_no_data if {
	r := _backup_answer({"status": "nodata"})
	r.status == "fail"
	r.messages == ["no PTR record for the backup's primary IP 10.11.4.52 (nodata)"]
}

test_unknown_when_lookup_refused if {
	r := _backup_answer({"status": "refused", "records": [], "error": "server 10.11.0.9:53 refused the query"})
	r.status == "unknown"
	r.messages == [concat(" ", [_backup_ip, "failed: refused (server 10.11.0.9:53 refused the query)"])]
}

test_unknown_when_lookup_timed_out_without_error_text if {
	r := _backup_answer({"status": "timeout"})
	r.status == "unknown"
	r.messages == ["reverse lookup of the backup's primary IP 10.11.4.52 failed: timeout"]
}

test_unknown_when_lookup_is_absent if {
	facts := json.patch(fixtures.ready_hostname, [{"op": "remove", "path": _backup_ptr}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["reverse lookup of the backup's primary IP 10.11.4.52 was not collected"]
}

test_unknown_when_reverse_lookups_are_null if {
	facts := json.patch(fixtures.ready_hostname, [{"op": "replace", "path": "/network/dns", "value": null}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == [
		"reverse lookup of the backup's primary IP 10.11.4.52 was not collected",
		"reverse lookup of the primary's primary IP 10.11.5.52 was not collected",
	]
}

test_unknown_when_primary_addresses_are_null if {
	facts := json.patch(fixtures.ready_hostname, [{"op": "replace", "path": "/agents/primary/addresses", "value": null}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: primary IP address was not collected"]
}

test_unknown_when_backup_addresses_are_absent if {
	facts := json.patch(fixtures.ready_hostname, [{"op": "remove", "path": "/agents/backup/addresses"}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: primary IP address was not collected"]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_hostname
	r.id == "FO303"
	r.name == "hostname-reverse-lookup"
	r.severity == "error"
	r.area == "Shared hostname"
	count(r.docs) == 1
}

# Only the root dot is dropped: a PTR name with two trailing dots is not the shared hostname.
test_fail_when_ptr_name_has_two_trailing_dots if {
	r := _backup_answer({"status": "answer", "records": ["fo-pair.example.local.."], "error": null})
	r.status == "fail"
	r.messages == [concat(" ", [_backup_ip, "gives fo-pair.example.local., not fo-pair.example.local"])]
}
