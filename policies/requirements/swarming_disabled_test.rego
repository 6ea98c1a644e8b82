package dmaprep.requirements.swarming_disabled_test

import data.dmaprep.requirements.swarming_disabled as req
import data.dmaprep.test.fixtures

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

_swarming(agent, value) := {"op": "replace", "path": sprintf("/agents/%s/swarming", [agent]), "value": value}

test_pass_when_neither_agent_has_swarming if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

# The soft-launch option only makes Swarming available; it is not Swarming enabled.
test_pass_when_only_the_soft_launch_option_is_on if {
	r := _run([_swarming("backup", {"swarming_xml_present": false, "soft_launch_enabled": true})])
	r.status == "pass"
	r.messages == []
}

test_fail_when_backup_has_swarming_xml if {
	r := _run([_swarming("backup", {"swarming_xml_present": true, "soft_launch_enabled": true})])
	r.status == "fail"
	r.messages == [
		"backup has Swarming enabled: C:\\Skyline DataMiner\\Swarming.xml exists (and the Swarming soft-launch option is on)",
	]
}

test_fail_when_primary_has_swarming_xml_without_soft_launch_fact if {
	r := _run([_swarming("primary", {"swarming_xml_present": true})])
	r.status == "fail"
	r.messages == ["primary has Swarming enabled: C:\\Skyline DataMiner\\Swarming.xml exists"]
}

test_unknown_when_primary_swarming_null if {
	r := _run([_swarming("primary", null)])
	r.status == "unknown"
	r.messages == ["primary: Swarming state (Swarming.xml) was not collected"]
}

test_unknown_when_backup_swarming_absent if {
	r := _run([
		{"op": "remove", "path": "/agents/backup/swarming"},
		{"op": "replace", "path": "/agents/backup/errors", "value": {"swarming": "SoftLaunchOptions.xml:2:3: bad XML"}},
	])
	r.status == "unknown"
	r.messages == ["backup: Swarming state (Swarming.xml) was not collected (SoftLaunchOptions.xml:2:3: bad XML)"]
}

test_unknown_when_swarming_xml_field_absent if {
	r := _run([_swarming("backup", {"soft_launch_enabled": false})])
	r.status == "unknown"
	r.messages == ["backup: Swarming state (Swarming.xml) was not collected"]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO501"
	r.name == "swarming-disabled"
	r.severity == "error"
	r.area == "Platform and network"
	count(r.docs) == 3
}
