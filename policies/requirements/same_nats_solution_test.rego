package dmaprep.requirements.same_nats_solution_test

import data.dmaprep.requirements.same_nats_solution as req
import data.dmaprep.test.fixtures

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

_v(raw, minor, patch, build, cu) := {
	"raw": raw, "source": "api",
	"major": 10, "minor": minor, "patch": patch, "revision": 0,
	"build": build, "cu": cu, "track": _track(patch),
}

_track(0) := "MR"

_track(patch) := "FR" if patch > 0

_mr_10_4_cu4 := _v("10.4.0.0-14511-CU4", 4, 0, 14511, 4)

# _versions(v) puts both agents on version v, keeping their BrokerGateway settings.
_versions(v) := [
	{"op": "replace", "path": "/agents/primary/version", "value": v},
	{"op": "replace", "path": "/agents/backup/version", "value": v},
]

_legacy_services := {"cassandra": "absent", "nats-server": "absent", "NAS": "running", "NATS": "running"}

_backup(flag, v) := [
	{"op": "replace", "path": "/agents/backup/broker_gateway", "value": flag},
	{"op": "replace", "path": "/agents/backup/version", "value": v},
]

test_pass_when_both_use_broker_gateway if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_the_hostname_fixture if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

test_pass_when_both_use_legacy_nats if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/broker_gateway", "value": false},
		{"op": "replace", "path": "/agents/backup/broker_gateway", "value": false},
		{"op": "replace", "path": "/agents/primary/host_software/services", "value": _legacy_services},
		{"op": "replace", "path": "/agents/backup/host_software/services", "value": _legacy_services},
	])
	r.status == "pass"
	r.messages == []
}

test_fail_when_only_the_primary_was_migrated if {
	r := _run(array.concat(_versions(_mr_10_4_cu4), [
		{"op": "replace", "path": "/agents/backup/broker_gateway", "value": false},
	]))
	r.status == "fail"
	r.messages == [concat("", [
		"primary uses BrokerGateway-managed NATS (BrokerGateway is true in MaintenanceSettings.xml), ",
		"backup uses legacy SLNet-managed NATS (BrokerGateway is false in MaintenanceSettings.xml and it runs ",
		"10.4.0.0-14511 (MR 10.4.0 CU4), before 10.6.0/10.6.1)",
	])]
}

# Version boundary of "10.6.0/10.6.1": from there a false setting still means BrokerGateway.
test_pass_when_the_backup_lacks_the_setting_on_main_release_10_6_0 if {
	r := _run(_backup(false, _v("10.6.0.0-16500-CU2", 6, 0, 16500, 2)))
	r.status == "pass"
	r.messages == []
}

test_fail_when_the_backup_lacks_the_setting_on_main_release_10_5_0 if {
	r := _run(_backup(false, _v("10.5.0.0-16400-CU20", 5, 0, 16400, 20)))
	r.status == "fail"
	r.messages == [concat("", [
		"primary uses BrokerGateway-managed NATS (BrokerGateway is true in MaintenanceSettings.xml), ",
		"backup uses legacy SLNet-managed NATS (BrokerGateway is false in MaintenanceSettings.xml and it runs ",
		"10.5.0.0-16400 (MR 10.5.0 CU20), before 10.6.0/10.6.1)",
	])]
}

test_pass_when_the_backup_lacks_the_setting_on_feature_release_10_6_1 if {
	r := _run(_backup(false, _v("10.6.1.0-16647", 6, 1, 16647, null)))
	r.status == "pass"
	r.messages == []
}

test_fail_when_the_backup_lacks_the_setting_on_feature_release_10_5_12 if {
	r := _run(_backup(false, _v("10.5.12.0-16400", 5, 12, 16400, null)))
	r.status == "fail"
	r.messages == [concat("", [
		"primary uses BrokerGateway-managed NATS (BrokerGateway is true in MaintenanceSettings.xml), ",
		"backup uses legacy SLNet-managed NATS (BrokerGateway is false in MaintenanceSettings.xml and it runs ",
		"10.5.12.0-16400 (FR 10.5.12), before 10.6.0/10.6.1)",
	])]
}

test_fail_when_the_services_differ if {
	r := _run([{"op": "replace", "path": "/agents/backup/host_software/services", "value": _legacy_services}])
	r.status == "fail"
	r.messages == [concat("", [
		"the Windows services differ: primary has nats-server (BrokerGateway-managed NATS), ",
		"backup has NAS and NATS (legacy SLNet-managed NATS)",
	])]
}

test_fail_when_the_services_differ_in_name_case_and_only_one_legacy_service if {
	r := _run([{"op": "replace", "path": "/agents/primary/host_software/services", "value": {"nas": "stopped"}}])
	r.status == "fail"
	r.messages == [concat("", [
		"the Windows services differ: primary has NAS (legacy SLNet-managed NATS), ",
		"backup has nats-server (BrokerGateway-managed NATS)",
	])]
}

test_pass_when_only_one_agent_has_service_facts if {
	r := _run([{"op": "remove", "path": "/agents/backup/host_software"}])
	r.status == "pass"
	r.messages == []
}

test_pass_when_the_services_show_both_solutions if {
	r := _run([{"op": "replace", "path": "/agents/backup/host_software/services/NAS", "value": "stopped"}])
	r.status == "pass"
	r.messages == []
}

test_unknown_when_the_setting_is_null_before_10_6 if {
	r := _run(array.concat(_versions(_mr_10_4_cu4), [
		{"op": "replace", "path": "/agents/backup/broker_gateway", "value": null},
	]))
	r.status == "unknown"
	r.messages == ["backup: the BrokerGateway setting (MaintenanceSettings.xml) was not collected"]
}

test_unknown_when_the_setting_is_absent_before_10_6 if {
	r := _run(array.concat(_versions(_mr_10_4_cu4), [
		{"op": "remove", "path": "/agents/primary/broker_gateway"},
		{
			"op": "replace", "path": "/agents/primary/errors",
			"value": {"broker_gateway": "MaintenanceSettings.xml:4:2: syntax error"},
		},
	]))
	r.status == "unknown"
	r.messages == [concat("", [
		"primary: the BrokerGateway setting (MaintenanceSettings.xml) was not collected ",
		"(MaintenanceSettings.xml:4:2: syntax error)",
	])]
}

test_unknown_when_the_setting_is_false_and_the_version_null if {
	r := _run(_backup(false, null))
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: DataMiner version was not collected, which tells whether BrokerGateway false means legacy NATS ",
		"(only BrokerGateway from 10.6.0/10.6.1)",
	])]
}

test_unknown_when_the_setting_is_false_and_the_version_absent if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/broker_gateway", "value": false},
		{"op": "remove", "path": "/agents/backup/version"},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: DataMiner version was not collected, which tells whether BrokerGateway false means legacy NATS ",
		"(only BrokerGateway from 10.6.0/10.6.1)",
	])]
}

test_unknown_when_the_version_is_not_parsed if {
	r := _run(_backup(false, {"raw": "custom build", "major": null, "minor": null, "patch": null}))
	r.status == "unknown"
	r.messages == [concat("", [
		concat("", [
			"backup: DataMiner version \"custom build\" was not parsed ",
			"(its major, minor and third number are not all given)",
		]),
		", which tells whether BrokerGateway false ",
		"means legacy NATS (only BrokerGateway from 10.6.0/10.6.1)",
	])]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO802"
	r.name == "same-nats-solution"
	r.severity == "error"
	r.area == "Ports and NATS"
	count(r.docs) == 4
	"https://docs.dataminer.services/dataminer/Reference/Soft-launch_options/Overview_of_Soft_Launch_Options.html" in r.docs
}
