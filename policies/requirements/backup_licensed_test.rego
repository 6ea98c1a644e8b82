package dmaprep.requirements.backup_licensed_test

import data.dmaprep.requirements.backup_licensed as req
import data.dmaprep.test.fixtures

_run(licenses) := r if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/agents/backup/licenses", "value": licenses}])
	r := req.result with input as facts
}

_only_request := concat("", [
	"backup holds no licence: ",
	"C:\\Skyline DataMiner\\ has only Request.lic, no dataminer.lic or response.lic",
])

_missing := "backup: list of licence files (dataminer.lic, response.lic) was not collected"

# The fixture's backup has dataminer.lic next to the Request.lic it was made from.
test_pass_when_backup_has_dataminer_lic if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_backup_has_only_response_lic if {
	r := _run({"dataminer_lic": false, "response_lic": true, "request_lic": false})
	r.status == "pass"
	r.messages == []
}

# Only the backup is judged: the primary's licence is not this requirement's concern.
test_pass_when_primary_licences_unknown if {
	facts := json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/primary/licenses"}])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

test_warn_when_backup_has_only_request_lic if {
	r := _run({"dataminer_lic": false, "response_lic": false, "request_lic": true})
	r.status == "warn"
	r.messages == [_only_request]
}

test_warn_when_backup_has_no_licence_file if {
	r := _run({"dataminer_lic": false, "response_lic": false, "request_lic": false})
	r.status == "warn"
	r.messages == ["backup holds no licence: C:\\Skyline DataMiner\\ has neither dataminer.lic nor response.lic"]
}

test_unknown_when_backup_licences_null if {
	r := _run(null)
	r.status == "unknown"
	r.messages == [_missing]
}

test_unknown_when_backup_licences_absent if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "remove", "path": "/agents/backup/licenses"},
		{"op": "replace", "path": "/agents/backup/errors", "value": {"licenses": "C:\\Skyline DataMiner: access denied"}},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == [sprintf("%s (C:\\Skyline DataMiner: access denied)", [_missing])]
}

# A partial fact that does not settle it (no dataminer.lic, response.lic not said) is unknown.
test_unknown_when_response_lic_absent if {
	r := _run({"dataminer_lic": false, "request_lic": true})
	r.status == "unknown"
	r.messages == [_missing]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO107"
	r.name == "backup-licensed"
	r.severity == "warning"
	r.area == "Identity and software"
	count(r.docs) == 2
}
