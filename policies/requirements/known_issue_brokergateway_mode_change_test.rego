package dmaprep.requirements.known_issue_brokergateway_mode_change_test

import data.dmaprep.requirements.known_issue_brokergateway_mode_change as req
import data.dmaprep.test.fixtures

_v(raw, minor, patch, build, cu) := {
	"raw": raw, "source": "api",
	"major": 10, "minor": minor, "patch": patch, "revision": 0,
	"build": build, "cu": cu, "track": _track(patch),
}

_track(0) := "MR"

_track(patch) := "FR" if patch > 0

# _run gives the result on the VIP fixture (both agents on BrokerGateway, MR 10.6.0 CU6, not
# affected) with the primary's version replaced.
_run(v) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/version", "value": v},
	])
}

_issue := concat("", [
	"switching between manual and automatic Failover fails with BrokerGateway ",
	"(affected: from 10.5.0 [CU4]/10.5.7, fixed in 10.6.0 [CU5]/10.6.8)",
])

_affected(label, target) := sprintf("primary runs %s, which has a known issue: %s; upgrade to %s or later", [
	label, _issue, target,
])

_mr_10_5_cu20 := _v("10.5.0.0-16400-CU20", 5, 0, 16400, 20)

_mr_10_4_cu4 := _v("10.4.0.0-14511-CU4", 4, 0, 14511, 4)

# _both(v) puts both agents on version v.
_both(v) := [
	{"op": "replace", "path": "/agents/primary/version", "value": v},
	{"op": "replace", "path": "/agents/backup/version", "value": v},
]

test_pass_when_main_release_10_4_0 if {
	r := req.result with input as json.patch(fixtures.ready_vip, _both(_mr_10_4_cu4))
	r.status == "pass"
	r.messages == []
}

test_pass_when_the_hostname_fixture if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

# Main Release 10.5.0: affected from CU4, never fixed on that branch.
test_pass_when_main_release_10_5_0_cu3 if {
	r := _run(_v("10.5.0.0-15700-CU3", 5, 0, 15700, 3))
	r.status == "pass"
	r.messages == []
}

test_warn_when_main_release_10_5_0_cu4 if {
	r := _run(_v("10.5.0.0-15800-CU4", 5, 0, 15800, 4))
	r.status == "warn"
	r.messages == [_affected("10.5.0.0-15800 (MR 10.5.0 CU4)", "10.6.0 [CU5]")]
}

test_warn_when_main_release_10_5_0_cu20 if {
	r := _run(_mr_10_5_cu20)
	r.status == "warn"
	r.messages == [_affected("10.5.0.0-16400 (MR 10.5.0 CU20)", "10.6.0 [CU5]")]
}

# Main Release 10.6.0: fixed in CU5.
test_warn_when_main_release_10_6_0_cu4 if {
	r := _run(_v("10.6.0.0-16700-CU4", 6, 0, 16700, 4))
	r.status == "warn"
	r.messages == [_affected("10.6.0.0-16700 (MR 10.6.0 CU4)", "10.6.0 [CU5]")]
}

test_pass_when_main_release_10_6_0_cu5 if {
	r := _run(_v("10.6.0.0-16800-CU5", 6, 0, 16800, 5))
	r.status == "pass"
	r.messages == []
}

# Feature Releases: affected from 10.5.7, fixed in 10.6.8.
test_pass_when_feature_release_10_5_6 if {
	r := _run(_v("10.5.6.0-15800", 5, 6, 15800, null))
	r.status == "pass"
	r.messages == []
}

test_warn_when_feature_release_10_5_7 if {
	r := _run(_v("10.5.7.0-15900", 5, 7, 15900, null))
	r.status == "warn"
	r.messages == [_affected("10.5.7.0-15900 (FR 10.5.7)", "10.6.8")]
}

test_warn_when_feature_release_10_6_7 if {
	r := _run(_v("10.6.7.0-16900", 6, 7, 16900, null))
	r.status == "warn"
	r.messages == [_affected("10.6.7.0-16900 (FR 10.6.7)", "10.6.8")]
}

test_pass_when_feature_release_10_6_8 if {
	r := _run(_v("10.6.8.0-17000", 6, 8, 17000, null))
	r.status == "pass"
	r.messages == []
}

# From 10.6.0/10.6.1 BrokerGateway is the only NATS solution, whatever the setting says.
test_warn_when_main_release_10_6_0_without_the_setting if {
	r := req.result with input as json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/version", "value": _v("10.6.0.0-16600-CU2", 6, 0, 16600, 2)},
		{"op": "replace", "path": "/agents/primary/broker_gateway", "value": false},
	])
	r.status == "warn"
	r.messages == [_affected("10.6.0.0-16600 (MR 10.6.0 CU2)", "10.6.0 [CU5]")]
}

test_warn_with_the_reason_when_the_cu_is_unknown if {
	r := _run(_v("10.6.0.0-16700-20260401-release", 6, 0, 16700, null))
	r.status == "warn"
	r.messages == [concat("", [
		"cannot tell whether primary, which runs 10.6.0.0-16700 (MR 10.6.0, CU unknown), has a known issue: ",
		_issue,
		": From \"10.5.0 [CU4]/10.5.7\": reached - MR 10.6.0 (CU unknown) is on a newer branch than ",
		"10.5.0 [CU4], the highest Main Release listed. Fixed in \"10.6.0 [CU5]/10.6.8\": undetermined - ",
		"MR 10.6.0 (CU unknown) is on listed branch 10.6.0 [CU5], but its CU is unknown; ",
		"if it has, upgrade to 10.6.0 [CU5] or later",
	])]
}

test_skip_when_legacy_nats if {
	r := req.result with input as json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/broker_gateway", "value": false},
		{"op": "replace", "path": "/agents/backup/broker_gateway", "value": false},
		{"op": "replace", "path": "/agents/primary/version", "value": _mr_10_5_cu20},
		{"op": "replace", "path": "/agents/backup/version", "value": _mr_10_5_cu20},
	])
	r.status == "skip"
	r.messages == [concat("", [
		"neither agent uses BrokerGateway-managed NATS (",
		concat("", [
			"primary: BrokerGateway is false in MaintenanceSettings.xml and it runs 10.5.0.0-16400 (MR ",
			"10.5.0 CU20), before 10.6.0/10.6.1; ",
		]),
		concat("", [
			"backup: BrokerGateway is false in MaintenanceSettings.xml and it runs 10.5.0.0-16400 (MR ",
			"10.5.0 CU20), before 10.6.0/10.6.1)",
		]),
	])]
}

test_warn_when_only_the_primary_uses_broker_gateway if {
	r := req.result with input as json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/version", "value": _mr_10_5_cu20},
		{"op": "replace", "path": "/agents/backup/broker_gateway", "value": false},
		{"op": "replace", "path": "/agents/backup/version", "value": _mr_10_5_cu20},
	])
	r.status == "warn"
	r.messages == [_affected("10.5.0.0-16400 (MR 10.5.0 CU20)", "10.6.0 [CU5]")]
}

test_unknown_when_a_version_is_null if {
	r := _run(null)
	r.status == "unknown"
	r.messages == ["primary: DataMiner version was not collected"]
}

test_unknown_when_a_version_is_absent if {
	r := req.result with input as json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/backup/version"}])
	r.status == "unknown"
	r.messages == ["backup: DataMiner version was not collected"]
}

test_unknown_when_the_setting_is_missing_in_the_range if {
	r := req.result with input as json.patch(fixtures.ready_vip, array.concat(_both(_mr_10_5_cu20), [
		{"op": "remove", "path": "/agents/primary/broker_gateway"},
		{"op": "remove", "path": "/agents/backup/broker_gateway"},
	]))
	r.status == "unknown"
	r.messages == [
		"backup: the BrokerGateway setting (MaintenanceSettings.xml) was not collected",
		"primary: the BrokerGateway setting (MaintenanceSettings.xml) was not collected",
	]
}

# Versions outside the issue's range settle it whatever the NATS solution, which the Web
# Services API does not give.
test_pass_when_the_setting_is_missing_before_the_range if {
	r := req.result with input as json.patch(fixtures.ready_vip, array.concat(_both(_mr_10_4_cu4), [
		{"op": "remove", "path": "/agents/backup/broker_gateway"},
	]))
	r.status == "pass"
	r.messages == []
}

test_unknown_when_the_setting_is_false_and_the_version_null if {
	r := req.result with input as json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/broker_gateway", "value": false},
		{"op": "replace", "path": "/agents/backup/version", "value": null},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: DataMiner version was not collected, which tells whether BrokerGateway false means legacy NATS ",
		"(only BrokerGateway from 10.6.0/10.6.1)",
	])]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO906"
	r.name == "known-issue-brokergateway-mode-change"
	r.severity == "warning"
	r.area == "Known issues"
	count(r.docs) == 1
}

# Through the whole report, which judges every requirement on what the pair's own facts
# settle (lib.same_build): a backup read from VersionHistory.txt runs MR 10.6.0 build 17110
# with its CU unknown, and the primary runs 10.6.0.0-17110-CU6. The same build (FO102) says
# the backup runs CU6 too, so FO906 (fixed in 10.6.0 [CU5]) no longer says "cannot tell".
_report_result(facts, id) := r if {
	report := data.dmaprep.report with input as facts
	some r in report.results
	r.id == id
}

_backup_from_history := json.patch(fixtures.ready_vip, [{
	"op": "replace", "path": "/agents/backup/version",
	"value": json.patch(_v("10.6.0.0-17110-20260310-release", 6, 0, 17110, null), [
		{"op": "replace", "path": "/source", "value": "versionhistory"},
	]),
}])

test_report_judges_the_cu_the_same_build_settles if {
	_report_result(_backup_from_history, "FO906").status == "pass"
	_report_result(_backup_from_history, "FO102").status == "pass"
}

test_report_without_build_equality_cannot_tell if {
	facts := json.patch(_backup_from_history, [
		{"op": "replace", "path": "/agents/backup/version/build", "value": null},
		{"op": "replace", "path": "/agents/backup/version/raw", "value": "10.6.0.0"},
	])
	r := _report_result(facts, "FO906")
	r.status == "warn"
	startswith(r.messages[0], "cannot tell whether backup, which runs 10.6.0.0 (MR 10.6.0, CU unknown)")
}

# Just below, at and just above every version the known issue page names (BrokerGateway from
# 10.5.0 [CU4]/10.5.7 up to 10.6.0 [CU4]/10.6.7; fixed in 10.6.0 [CU5]/10.6.8), both agents on
# BrokerGateway: [minor, patch, cu, status].
_boundaries := [
	[4, 0, 20, "pass"], # an older Main Release branch
	[5, 0, 3, "pass"],
	[5, 0, 4, "warn"], # MR from 10.5.0 [CU4]
	[5, 0, 5, "warn"],
	[6, 0, 4, "warn"], # up to 10.6.0 [CU4]
	[6, 0, 5, "pass"], # fixed in 10.6.0 [CU5]
	[6, 0, 6, "pass"],
	[5, 6, null, "pass"],
	[5, 7, null, "warn"], # FR from 10.5.7
	[5, 8, null, "warn"],
	[6, 7, null, "warn"], # up to 10.6.7
	[6, 8, null, "pass"], # fixed in 10.6.8
	[6, 9, null, "pass"],
]

test_warn_or_pass_at_the_boundaries if {
	every b in _boundaries {
		[minor, patch, cu, status] := b
		_run(_v(sprintf("10.%d.%d.0-14000", [minor, patch]), minor, patch, 14000, cu)).status == status
	}
}
