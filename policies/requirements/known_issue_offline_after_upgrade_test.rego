package dmaprep.requirements.known_issue_offline_after_upgrade_test

import data.dmaprep.requirements.known_issue_offline_after_upgrade as req
import data.dmaprep.test.fixtures

_v(raw, minor, patch, build, cu) := {
	"raw": raw, "source": "api",
	"major": 10, "minor": minor, "patch": patch, "revision": 0,
	"build": build, "cu": cu, "track": _track(patch),
}

_track(0) := "MR"

_track(patch) := "FR" if patch > 0

# _run gives the result on the VIP fixture (both agents on MR 10.6.0 CU6, not affected) with
# the backup's version replaced.
_run(v) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/version", "value": v},
	])
}

_issue := concat("", [
	"Failover agents may stay offline after an upgrade or restart ",
	"(affected: from 10.3.0 [CU9]/10.3.12, fixed in 10.3.0 [CU11]/10.4.0/10.4.2)",
])

_affected(label, target) := sprintf("backup runs %s, which has a known issue: %s; upgrade to %s or later", [
	label, _issue, target,
])

test_pass_when_the_vip_fixture if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_the_hostname_fixture if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

test_pass_when_main_release_10_2_0 if {
	r := _run(_v("10.2.0.0-12100-CU25", 2, 0, 12100, 25))
	r.status == "pass"
	r.messages == []
}

# Main Release 10.3.0: affected from CU9, fixed in CU11.
test_pass_when_main_release_10_3_0_cu8 if {
	r := _run(_v("10.3.0.0-13300-CU8", 3, 0, 13300, 8))
	r.status == "pass"
	r.messages == []
}

test_warn_when_main_release_10_3_0_cu9 if {
	r := _run(_v("10.3.0.0-13400-CU9", 3, 0, 13400, 9))
	r.status == "warn"
	r.messages == [_affected("10.3.0.0-13400 (MR 10.3.0 CU9)", "10.3.0 [CU11]")]
}

test_warn_when_main_release_10_3_0_cu10 if {
	r := _run(_v("10.3.0.0-13600-CU10", 3, 0, 13600, 10))
	r.status == "warn"
	r.messages == [_affected("10.3.0.0-13600 (MR 10.3.0 CU10)", "10.3.0 [CU11]")]
}

test_pass_when_main_release_10_3_0_cu11 if {
	r := _run(_v("10.3.0.0-13700-CU11", 3, 0, 13700, 11))
	r.status == "pass"
	r.messages == []
}

# Main Release 10.4.0 is fixed from CU0, so its CU does not matter.
test_pass_when_main_release_10_4_0_with_cu_unknown if {
	r := _run(_v("10.4.0.0-13900-20240320-release", 4, 0, 13900, null))
	r.status == "pass"
	r.messages == []
}

# Feature Releases: affected from 10.3.12, fixed in 10.4.2.
test_pass_when_feature_release_10_3_11 if {
	r := _run(_v("10.3.11.0-13500", 3, 11, 13500, null))
	r.status == "pass"
	r.messages == []
}

test_warn_when_feature_release_10_3_12 if {
	r := _run(_v("10.3.12.0-13600", 3, 12, 13600, null))
	r.status == "warn"
	r.messages == [_affected("10.3.12.0-13600 (FR 10.3.12)", "10.4.2")]
}

test_warn_when_feature_release_10_4_1 if {
	r := _run(_v("10.4.1.0-13650", 4, 1, 13650, null))
	r.status == "warn"
	r.messages == [_affected("10.4.1.0-13650 (FR 10.4.1)", "10.4.2")]
}

test_pass_when_feature_release_10_4_2 if {
	r := _run(_v("10.4.2.0-13691", 4, 2, 13691, null))
	r.status == "pass"
	r.messages == []
}

test_warn_with_the_reason_when_the_cu_is_unknown if {
	r := _run(_v("10.3.0.0-13500-20231010-release", 3, 0, 13500, null))
	r.status == "warn"
	r.messages == [concat("", [
		"cannot tell whether backup, which runs 10.3.0.0-13500 (MR 10.3.0, CU unknown), has a known issue: ",
		_issue,
		": From \"10.3.0 [CU9]/10.3.12\": undetermined - MR 10.3.0 (CU unknown) is on listed branch ",
		"10.3.0 [CU9], but its CU is unknown. Fixed in \"10.3.0 [CU11]/10.4.0/10.4.2\": undetermined - ",
		"MR 10.3.0 (CU unknown) is on listed branch 10.3.0 [CU11], but its CU is unknown; ",
		"if it has, upgrade to 10.3.0 [CU11] or later",
	])]
}

test_unknown_when_a_version_is_null if {
	r := _run(null)
	r.status == "unknown"
	r.messages == ["backup: DataMiner version was not collected"]
}

test_unknown_when_a_version_is_absent if {
	r := req.result with input as json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/primary/version"}])
	r.status == "unknown"
	r.messages == ["primary: DataMiner version was not collected"]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO903"
	r.name == "known-issue-offline-after-upgrade"
	r.severity == "warning"
	r.area == "Known issues"
	count(r.docs) == 1
}

# Just below, at and just above every version the known issue page names (from
# 10.3.0 [CU9]/10.3.12; fixed in 10.3.0 [CU11], 10.4.0, 10.4.2): [minor, patch, cu, status].
_boundaries := [
	[2, 0, 30, "pass"], # an older Main Release branch
	[3, 0, 8, "pass"],
	[3, 0, 9, "warn"], # MR from 10.3.0 [CU9]
	[3, 0, 10, "warn"],
	[3, 0, 11, "pass"], # fixed in 10.3.0 [CU11]
	[3, 0, 12, "pass"],
	[4, 0, 0, "pass"], # fixed in 10.4.0
	[3, 11, null, "pass"],
	[3, 12, null, "warn"], # FR from 10.3.12
	[4, 1, null, "warn"],
	[4, 2, null, "pass"], # fixed in 10.4.2
	[4, 3, null, "pass"],
]

test_warn_or_pass_at_the_boundaries if {
	every b in _boundaries {
		[minor, patch, cu, status] := b
		_run(_v(sprintf("10.%d.%d.0-14000", [minor, patch]), minor, patch, 14000, cu)).status == status
	}
}
