package dmaprep.lib.nats_test

import data.dmaprep.lib.nats
import data.dmaprep.test.fixtures

_v(raw, minor, patch, build, cu) := {
	"raw": raw, "source": "api",
	"major": 10, "minor": minor, "patch": patch, "revision": 0,
	"build": build, "cu": cu, "track": _track(patch),
}

_track(0) := "MR"

_track(patch) := "FR" if patch > 0

_facts(agent, flag, v) := json.patch(fixtures.ready_vip, [
	{"op": "replace", "path": sprintf("/agents/%s/broker_gateway", [agent]), "value": flag},
	{"op": "replace", "path": sprintf("/agents/%s/version", [agent]), "value": v},
])

_mr_10_5 := _v("10.5.0.0-15400-CU3", 5, 0, 15400, 3)

test_broker_gateway_when_the_setting_is_true if {
	nats.solution == {"primary": "broker_gateway", "backup": "broker_gateway"} with input as fixtures.ready_vip
	nats.basis.primary == "BrokerGateway is true in MaintenanceSettings.xml" with input as fixtures.ready_vip
	count(nats.since) == 0 with input as fixtures.ready_vip
}

test_legacy_when_false_before_10_6 if {
	facts := _facts("backup", false, _mr_10_5)
	nats.solution.backup == "legacy" with input as facts
	nats.basis.backup == concat("", [
		"BrokerGateway is false in MaintenanceSettings.xml and it runs ",
		"10.5.0.0-15400 (MR 10.5.0 CU3), before 10.6.0/10.6.1",
	]) with input as facts
}

test_broker_gateway_when_false_on_main_release_10_6_0 if {
	facts := _facts("backup", false, _v("10.6.0.0-16500", 6, 0, 16500, null))
	nats.solution.backup == "broker_gateway" with input as facts
	nats.basis.backup == concat("", [
		"it runs 10.6.0.0-16500 (MR 10.6.0, CU unknown), where BrokerGateway is the only NATS solution ",
		"(10.6.0/10.6.1 or higher)",
	]) with input as facts
}

test_broker_gateway_when_absent_on_feature_release_10_6_1 if {
	facts := json.patch(_facts("backup", null, _v("10.6.1.0-16647", 6, 1, 16647, null)), [
		{"op": "remove", "path": "/agents/backup/broker_gateway"},
	])
	nats.solution.backup == "broker_gateway" with input as facts
	not nats.unknown.backup with input as facts
}

test_legacy_when_false_on_feature_release_10_5_12 if {
	facts := _facts("backup", false, _v("10.5.12.0-16400", 5, 12, 16400, null))
	nats.solution.backup == "legacy" with input as facts
}

test_unknown_when_the_setting_is_null_before_10_6 if {
	facts := _facts("backup", null, _mr_10_5)
	not nats.solution.backup with input as facts
	msg := "backup: the BrokerGateway setting (MaintenanceSettings.xml) was not collected"
	nats.unknown.backup.message == msg with input as facts
}

test_unknown_when_the_setting_is_absent_and_the_version_null if {
	facts := json.patch(_facts("primary", null, null), [{"op": "remove", "path": "/agents/primary/broker_gateway"}])
	not nats.solution.primary with input as facts
	msg := "primary: the BrokerGateway setting (MaintenanceSettings.xml) was not collected"
	nats.unknown.primary.message == msg with input as facts
}

test_unknown_when_false_and_the_version_is_absent if {
	facts := json.patch(_facts("primary", false, null), [{"op": "remove", "path": "/agents/primary/version"}])
	not nats.solution.primary with input as facts
	nats.unknown.primary.message == concat("", [
		"primary: DataMiner version was not collected, which tells whether BrokerGateway false means ",
		"legacy NATS (only BrokerGateway from 10.6.0/10.6.1)",
	]) with input as facts
}

# A version that is not parsed decides nothing: unknown, not a warning that it cannot tell.
test_unknown_when_false_and_the_version_cannot_be_parsed if {
	facts := _facts("primary", false, {"raw": "garbage", "major": null, "minor": null, "patch": null})
	not nats.solution.primary with input as facts
	not nats.indeterminate.primary with input as facts
	nats.unknown.primary.message == concat("", [
		concat("", [
			"primary: DataMiner version \"garbage\" was not parsed ",
			"(its major, minor and third number are not all given)",
		]),
		", which tells whether BrokerGateway false means legacy NATS (only BrokerGateway from 10.6.0/10.6.1)",
	]) with input as facts
}

# SoftLaunchOptions.xml <SLNet><BrokerGateway>true</BrokerGateway></SLNet> on 10.5.2, with
# no <BrokerGateway> in MaintenanceSettings.xml: BrokerGateway, the option being in force
# before 10.5.0 [CU2]/10.5.5.
_soft_launch(v) := json.patch(_facts("backup", false, v), [
	{"op": "add", "path": "/agents/backup/broker_gateway_absent", "value": true},
	{"op": "add", "path": "/agents/backup/broker_gateway_soft_launch", "value": true},
])

test_broker_gateway_by_soft_launch_option_before_its_release if {
	facts := _soft_launch(_v("10.5.2.0-15230", 5, 2, 15230, null))
	nats.solution.backup == "broker_gateway" with input as facts
	nats.basis.backup == concat("", [
		"the BrokerGateway soft-launch option is true in SoftLaunchOptions.xml and it runs ",
		"10.5.2.0-15230 (FR 10.5.2), before 10.5.0 [CU2]/10.5.5 (from where the option is ignored)",
	]) with input as facts
	not nats.indeterminate.backup with input as facts
}

# From the release on the option is ignored: MaintenanceSettings.xml decides, and its
# missing setting is called absent, not false.
test_soft_launch_option_ignored_after_its_release if {
	facts := _soft_launch(_mr_10_5)
	nats.solution.backup == "legacy" with input as facts
	nats.basis.backup == concat("", [
		"BrokerGateway is absent from MaintenanceSettings.xml and it runs ",
		"10.5.0.0-15400 (MR 10.5.0 CU3), before 10.6.0/10.6.1",
	]) with input as facts
}

test_soft_launch_option_on_a_main_release_without_cu if {
	facts := _soft_launch(_v("10.5.0.0-15400", 5, 0, 15400, null))
	not nats.solution.backup with input as facts
	startswith(
		nats.indeterminate.backup.message,
		concat("", [
			"cannot tell whether backup uses BrokerGateway through its soft-launch option ",
			"(true in SoftLaunchOptions.xml; ignored from 10.5.0 [CU2]/10.5.5): ",
		]),
	) with input as facts
}

# Before the option's minimum version (10.5.0/10.4.1) SoftLaunchOptions.xml has no
# BrokerGateway option: the MaintenanceSettings.xml setting decides, on both tracks.
test_soft_launch_option_before_its_minimum_version_on_a_feature_release if {
	facts := _soft_launch(_v("10.3.12.0-13617", 3, 12, 13617, null))
	nats.solution.backup == "legacy" with input as facts
	not nats.indeterminate.backup with input as facts
}

test_soft_launch_option_from_its_minimum_version_on_a_feature_release if {
	facts := _soft_launch(_v("10.4.1.0-13900", 4, 1, 13900, null))
	nats.solution.backup == "broker_gateway" with input as facts
}

test_soft_launch_option_before_its_minimum_version_on_a_main_release if {
	# The Main Release 10.4.0, whatever its CU, is before 10.5.0.
	facts := _soft_launch(_v("10.4.0.0-15600-CU20", 4, 0, 15600, 20))
	nats.solution.backup == "legacy" with input as facts
	facts_cu_unknown := _soft_launch(_v("10.4.0.0-15600", 4, 0, 15600, null))
	nats.solution.backup == "legacy" with input as facts_cu_unknown
}

test_soft_launch_option_from_its_minimum_version_on_a_main_release if {
	# 10.5.0 CU0 and CU1 have the option; from CU2 on it is ignored.
	facts := _soft_launch(_v("10.5.0.0-15200-CU1", 5, 0, 15200, 1))
	nats.solution.backup == "broker_gateway" with input as facts
	facts_cu2 := _soft_launch(_v("10.5.0.0-15300-CU2", 5, 0, 15300, 2))
	nats.solution.backup == "legacy" with input as facts_cu2
}
