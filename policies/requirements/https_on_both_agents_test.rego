package dmaprep.requirements.https_on_both_agents_test

import data.dmaprep.requirements.https_on_both_agents as req
import data.dmaprep.test.fixtures

_run(primary, backup) := r if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/https/enabled", "value": primary},
		{"op": "replace", "path": "/agents/backup/https/enabled", "value": backup},
	])
	r := req.result with input as facts
}

_setting := "HTTPS setting (<HTTPS enabled> in MaintenanceSettings.xml)"

test_pass_when_both_agents_have_https if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_skip_when_neither_agent_has_https if {
	r := _run(false, false)
	r.status == "skip"
	r.messages == ["HTTPS is not enabled on either agent"]
}

test_fail_when_backup_lacks_https if {
	r := _run(true, false)
	r.status == "fail"
	r.messages == ["primary has HTTPS enabled in MaintenanceSettings.xml, backup does not"]
}

test_fail_when_primary_lacks_https if {
	r := _run(false, true)
	r.status == "fail"
	r.messages == ["backup has HTTPS enabled in MaintenanceSettings.xml, primary does not"]
}

test_unknown_when_backup_setting_null if {
	r := _run(true, null)
	r.status == "unknown"
	r.messages == [sprintf("backup: %s was not collected", [_setting])]
}

# Not enabled on the primary does not settle it either: the backup may have HTTPS.
test_unknown_when_backup_https_absent if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/https/enabled", "value": false},
		{"op": "remove", "path": "/agents/backup/https"},
		{"op": "replace", "path": "/agents/backup/errors", "value": {"https": "MaintenanceSettings.xml:4:7: bad boolean"}},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == [sprintf("backup: %s was not collected (MaintenanceSettings.xml:4:7: bad boolean)", [_setting])]
}

test_unknown_when_both_enabled_fields_absent if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "remove", "path": "/agents/primary/https/enabled"},
		{"op": "remove", "path": "/agents/backup/https/enabled"},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == [
		sprintf("backup: %s was not collected", [_setting]),
		sprintf("primary: %s was not collected", [_setting]),
	]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO403"
	r.name == "https-on-both-agents"
	r.severity == "error"
	r.area == "HTTPS"
	count(r.docs) == 2
}
