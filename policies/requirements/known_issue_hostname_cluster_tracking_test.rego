package dmaprep.requirements.known_issue_hostname_cluster_tracking_test

import data.dmaprep.requirements.known_issue_hostname_cluster_tracking as req
import data.dmaprep.test.fixtures

_v(raw, minor, patch, build, cu) := {
	"raw": raw, "source": "api",
	"major": 10, "minor": minor, "patch": patch, "revision": 0,
	"build": build, "cu": cu, "track": _track(patch),
}

_track(0) := "MR"

_track(patch) := "FR" if patch > 0

# _run gives the result on the hostname fixture (both agents on MR 10.6.0 CU6, not affected)
# with the primary's version replaced.
_run(v) := r if {
	r := req.result with input as json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/primary/version", "value": v},
	])
}

_issue := concat("", [
	"with Failover based on hostnames, DMAs are listed several times in DMS.xml and lose contact ",
	"(affected: from 10.2.0/10.1.8, fixed in 10.3.0 [CU11]/10.4.2)",
])

_affected(agent, label, target) := sprintf("%s runs %s, which has a known issue: %s; upgrade to %s or later", [
	agent, label, _issue, target,
])

test_pass_when_both_agents_run_a_fixed_main_release if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

test_skip_when_virtual_ip_mode if {
	r := req.result with input as fixtures.ready_vip
	r.status == "skip"
	r.messages == ["applies to shared hostname mode only; this pair uses virtual IP mode"]
}

test_skip_when_the_mode_is_not_decided if {
	r := req.result with input as json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/intent/virtual_ips", "value": ["10.11.250.44"]},
	])
	r.status == "skip"
	r.messages == ["the addressing mode is not decided (see FO201), so mode-specific checks do not apply"]
}

# From 10.2.0 on the Main Release track: 10.1.0 (any CU) is not affected, 10.2.0 CU0 is.
test_pass_when_main_release_10_1_0 if {
	r := _run(_v("10.1.0.0-9966-CU30", 1, 0, 9966, 30))
	r.status == "pass"
	r.messages == []
}

test_warn_when_main_release_10_2_0_cu0 if {
	r := _run(_v("10.2.0.0-11500-CU0", 2, 0, 11500, 0))
	r.status == "warn"
	r.messages == [_affected("primary", "10.2.0.0-11500 (MR 10.2.0 CU0)", "10.3.0 [CU11]")]
}

# The 10.2 branch never got the fix, so its CU does not matter.
test_warn_when_main_release_10_2_0_with_cu_unknown if {
	r := _run(_v("10.2.0.0-12000-20230110-release", 2, 0, 12000, null))
	r.status == "warn"
	r.messages == [_affected("primary", "10.2.0.0-12000 (MR 10.2.0, CU unknown)", "10.3.0 [CU11]")]
}

# From 10.1.8 on the Feature Release track.
test_pass_when_feature_release_10_1_7 if {
	r := _run(_v("10.1.7.0-10523", 1, 7, 10523, null))
	r.status == "pass"
	r.messages == []
}

test_warn_when_feature_release_10_1_8 if {
	r := _run(_v("10.1.8.0-10630", 1, 8, 10630, null))
	r.status == "warn"
	r.messages == [_affected("primary", "10.1.8.0-10630 (FR 10.1.8)", "10.4.2")]
}

# Fixed in 10.3.0 [CU11] on the Main Release track.
test_warn_when_main_release_10_3_0_cu10 if {
	r := _run(_v("10.3.0.0-13600-CU10", 3, 0, 13600, 10))
	r.status == "warn"
	r.messages == [_affected("primary", "10.3.0.0-13600 (MR 10.3.0 CU10)", "10.3.0 [CU11]")]
}

test_pass_when_main_release_10_3_0_cu11 if {
	r := _run(_v("10.3.0.0-13700-CU11", 3, 0, 13700, 11))
	r.status == "pass"
	r.messages == []
}

test_pass_when_main_release_10_4_0_cu0 if {
	r := _run(_v("10.4.0.0-13900-CU0", 4, 0, 13900, 0))
	r.status == "pass"
	r.messages == []
}

# Fixed in 10.4.2 on the Feature Release track.
test_warn_when_feature_release_10_4_1 if {
	r := _run(_v("10.4.1.0-13500", 4, 1, 13500, null))
	r.status == "warn"
	r.messages == [_affected("primary", "10.4.1.0-13500 (FR 10.4.1)", "10.4.2")]
}

test_pass_when_feature_release_10_4_2 if {
	r := _run(_v("10.4.2.0-13691", 4, 2, 13691, null))
	r.status == "pass"
	r.messages == []
}

test_warn_with_the_reason_when_the_cu_matters_and_is_unknown if {
	r := _run(_v("10.3.0.0-13700-20231120-release", 3, 0, 13700, null))
	r.status == "warn"
	r.messages == [concat("", [
		"cannot tell whether primary, which runs 10.3.0.0-13700 (MR 10.3.0, CU unknown), has a known issue: ",
		_issue,
		": From \"10.2.0/10.1.8\": reached - MR 10.3.0 (CU unknown) is on a newer branch than 10.2.0 [CU0], ",
		"the highest Main Release listed. Fixed in \"10.3.0 [CU11]/10.4.2\": undetermined - MR 10.3.0 ",
		"(CU unknown) is on listed branch 10.3.0 [CU11], but its CU is unknown; ",
		"if it has, upgrade to 10.3.0 [CU11] or later",
	])]
}

test_warn_when_both_agents_are_affected if {
	v := _v("10.3.0.0-13600-CU10", 3, 0, 13600, 10)
	r := req.result with input as json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/primary/version", "value": v},
		{"op": "replace", "path": "/agents/backup/version", "value": v},
	])
	r.status == "warn"
	r.messages == [
		_affected("backup", "10.3.0.0-13600 (MR 10.3.0 CU10)", "10.3.0 [CU11]"),
		_affected("primary", "10.3.0.0-13600 (MR 10.3.0 CU10)", "10.3.0 [CU11]"),
	]
}

test_unknown_when_a_version_is_null if {
	r := _run(null)
	r.status == "unknown"
	r.messages == ["primary: DataMiner version was not collected"]
}

test_unknown_when_a_version_is_absent if {
	r := req.result with input as json.patch(fixtures.ready_hostname, [
		{"op": "remove", "path": "/agents/backup/version"},
	])
	r.status == "unknown"
	r.messages == ["backup: DataMiner version was not collected"]
}

test_warn_when_one_agent_is_affected_and_the_other_unknown if {
	r := req.result with input as json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/primary/version", "value": _v("10.4.1.0-13500", 4, 1, 13500, null)},
		{"op": "remove", "path": "/agents/backup/version"},
	])
	r.status == "warn"
	count(r.messages) == 2
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_hostname
	r.id == "FO901"
	r.name == "known-issue-hostname-cluster-tracking"
	r.severity == "warning"
	r.area == "Known issues"
	count(r.docs) == 1
}

# Just below, at and just above every version the known issue page names (affected from
# 10.2.0/10.1.8, fixed in 10.3.0 [CU11]/10.4.2), on both tracks: [minor, patch, cu, status].
_boundaries := [
	[1, 0, 30, "pass"], # the Main Release branch before 10.2.0
	[2, 0, 0, "warn"], # MR from 10.2.0
	[2, 0, 1, "warn"],
	[3, 0, 10, "warn"],
	[3, 0, 11, "pass"], # fixed in 10.3.0 [CU11]
	[3, 0, 12, "pass"],
	[4, 0, 0, "pass"], # a newer Main Release branch
	[1, 7, null, "pass"],
	[1, 8, null, "warn"], # FR from 10.1.8
	[1, 9, null, "warn"],
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
