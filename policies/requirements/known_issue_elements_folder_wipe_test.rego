package dmaprep.requirements.known_issue_elements_folder_wipe_test

import data.dmaprep.requirements.known_issue_elements_folder_wipe as req
import data.dmaprep.test.fixtures

_v(raw, minor, patch, build, cu) := {
	"raw": raw, "source": "api",
	"major": 10, "minor": minor, "patch": patch, "revision": 0,
	"build": build, "cu": cu, "track": _track(patch),
}

_track(0) := "MR"

_track(patch) := "FR" if patch > 0

_fixed_mr := _v("10.5.0.0-16100-CU10", 5, 0, 16100, 10)

_mr_10_4_cu4 := _v("10.4.0.0-14511-CU4", 4, 0, 14511, 4)

# _run gives the result on the VIP fixture with the primary's version replaced and the backup
# on a fixed version, so each test judges the primary alone.
_run(v) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/version", "value": v},
		{"op": "replace", "path": "/agents/backup/version", "value": _fixed_mr},
	])
}

_issue := concat("", [
	"the Elements folder of the offline Failover agent can be emptied ",
	"(affected: all versions before 10.5.0 [CU10]/10.6.1)",
])

_affected(agent, label, target) := sprintf("%s runs %s, which has a known issue: %s; upgrade to %s or later", [
	agent, label, _issue, target,
])

# Both agents of the VIP fixture on an affected version: one warning per agent.
test_warn_when_both_agents_of_the_vip_fixture if {
	r := req.result with input as json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/version", "value": _mr_10_4_cu4},
		{"op": "replace", "path": "/agents/backup/version", "value": _mr_10_4_cu4},
	])
	r.status == "warn"
	r.messages == [
		_affected("backup", "10.4.0.0-14511 (MR 10.4.0 CU4)", "10.5.0 [CU10]"),
		_affected("primary", "10.4.0.0-14511 (MR 10.4.0 CU4)", "10.5.0 [CU10]"),
	]
}

# Main Release 10.5.0: fixed in CU10.
test_warn_when_main_release_10_5_0_cu9 if {
	r := _run(_v("10.5.0.0-16000-CU9", 5, 0, 16000, 9))
	r.status == "warn"
	r.messages == [_affected("primary", "10.5.0.0-16000 (MR 10.5.0 CU9)", "10.5.0 [CU10]")]
}

test_pass_when_main_release_10_5_0_cu10 if {
	r := _run(_fixed_mr)
	r.status == "pass"
	r.messages == []
}

test_pass_when_main_release_10_6_0_cu0 if {
	r := _run(_v("10.6.0.0-16489-CU0", 6, 0, 16489, 0))
	r.status == "pass"
	r.messages == []
}

test_warn_when_an_old_main_release if {
	r := _run({
		"raw": "9.6.0.0-8877-CU13", "source": "api", "major": 9, "minor": 6, "patch": 0,
		"revision": 0, "build": 8877, "cu": 13, "track": null,
	})
	r.status == "warn"
	r.messages == [_affected("primary", "9.6.0.0-8877 (CU13)", "10.5.0 [CU10]")]
}

# Feature Releases: fixed in 10.6.1.
test_warn_when_feature_release_10_5_12 if {
	r := _run(_v("10.5.12.0-16400", 5, 12, 16400, null))
	r.status == "warn"
	r.messages == [_affected("primary", "10.5.12.0-16400 (FR 10.5.12)", "10.6.1")]
}

test_pass_when_feature_release_10_6_1 if {
	r := _run(_v("10.6.1.0-16647", 6, 1, 16647, null))
	r.status == "pass"
	r.messages == []
}

test_warn_with_the_reason_when_the_cu_is_unknown if {
	r := _run(_v("10.5.0.0-15900-20250610-release", 5, 0, 15900, null))
	r.status == "warn"
	r.messages == [concat("", [
		"cannot tell whether primary, which runs 10.5.0.0-15900 (MR 10.5.0, CU unknown), has a known issue: ",
		_issue,
		": MR 10.5.0 (CU unknown) is on listed branch 10.5.0 [CU10], but its CU is unknown; ",
		"if it has, upgrade to 10.5.0 [CU10] or later",
	])]
}

test_unknown_when_a_version_is_null if {
	r := _run(null)
	r.status == "unknown"
	r.messages == ["primary: DataMiner version was not collected"]
}

test_unknown_when_a_version_is_absent if {
	r := req.result with input as json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/version", "value": _fixed_mr},
		{"op": "remove", "path": "/agents/backup/version"},
	])
	r.status == "unknown"
	r.messages == ["backup: DataMiner version was not collected"]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO905"
	r.name == "known-issue-elements-folder-wipe"
	r.severity == "warning"
	r.area == "Known issues"
	count(r.docs) == 1
}

# Just below, at and just above every version the known issue page names (all Failover
# systems; fixed in 10.5.0 [CU10]/10.6.1): [minor, patch, cu, status]. The page names no
# Main Release 10.6.0 CU and neither do its release notes (RN 44005: MR 10.5.0 [CU10], FR
# 10.6.1); the version library counts a Main Release branch newer than every listed one as
# fixed (docs/REVIEW.md).
_boundaries := [
	[2, 0, 30, "warn"],
	[5, 0, 9, "warn"],
	[5, 0, 10, "pass"], # fixed in 10.5.0 [CU10]
	[5, 0, 11, "pass"],
	[6, 0, 0, "pass"], # a newer Main Release branch
	[5, 12, null, "warn"],
	[6, 1, null, "pass"], # fixed in 10.6.1
	[6, 2, null, "pass"],
]

test_warn_or_pass_at_the_boundaries if {
	every b in _boundaries {
		[minor, patch, cu, status] := b
		_run(_v(sprintf("10.%d.%d.0-14000", [minor, patch]), minor, patch, 14000, cu)).status == status
	}
}
