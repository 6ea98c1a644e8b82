package dmaprep.requirements.dotnet_remoting_same_test

import data.dmaprep.requirements.dotnet_remoting_same as req
import data.dmaprep.test.fixtures

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

_set(agent, value) := {"op": "replace", "path": sprintf("/agents/%s/dotnet_remoting/enable", [agent]), "value": value}

test_pass_when_neither_agent_sets_it if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_both_disable_dotnet_remoting if {
	r := _run([_set("primary", false), _set("backup", false)])
	r.status == "pass"
	r.messages == []
}

test_fail_when_only_the_primary_disables_it if {
	r := _run([_set("primary", false)])
	r.status == "fail"
	r.messages == [concat("", [
		"primary's MaintenanceSettings.xml sets <SLNet><EnableDotNetRemoting> to false, ",
		"backup's has no <SLNet><EnableDotNetRemoting> (the version's default)",
	])]
}

test_fail_when_the_values_differ if {
	r := _run([_set("primary", true), _set("backup", false)])
	r.status == "fail"
	r.messages == [concat("", [
		"primary's MaintenanceSettings.xml sets <SLNet><EnableDotNetRemoting> to true, ",
		"backup's sets <SLNet><EnableDotNetRemoting> to false",
	])]
}

test_unknown_when_the_backup_setting_is_absent if {
	r := _run([{"op": "remove", "path": "/agents/backup/dotnet_remoting"}])
	r.status == "unknown"
	r.messages == ["backup: <SLNet><EnableDotNetRemoting> of MaintenanceSettings.xml (dotnet_remoting) was not collected"]
}

test_unknown_when_the_primary_setting_was_unreadable if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/dotnet_remoting", "value": null},
		{"op": "replace", "path": "/agents/primary/errors", "value": {
			"dotnet_remoting": "MaintenanceSettings.xml:2:8: <EnableDotNetRemoting>: \"no\" is not true or false",
		}},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"primary: <SLNet><EnableDotNetRemoting> of MaintenanceSettings.xml (dotnet_remoting) was not collected ",
		"(MaintenanceSettings.xml:2:8: <EnableDotNetRemoting>: \"no\" is not true or false)",
	])]
}
