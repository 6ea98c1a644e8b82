package dmaprep.requirements.known_issue_vip_acquisition_test

import data.dmaprep.requirements.known_issue_vip_acquisition as req
import data.dmaprep.test.fixtures

_v(raw, minor, patch, build, cu) := {
	"raw": raw, "source": "api",
	"major": 10, "minor": minor, "patch": patch, "revision": 0,
	"build": build, "cu": cu, "track": _track(patch),
}

_track(0) := "MR"

_track(patch) := "FR" if patch > 0

# _run gives the result on the VIP fixture (both agents on MR 10.6.0 CU6, not affected) with
# the primary's version replaced.
_run(v) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/version", "value": v},
	])
}

_issue := concat("", [
	"the online Failover agent may be unable to acquire the virtual IPs ",
	"(affected: from 10.3.0 [CU20]/10.4.0 [CU8]/10.4.11, fixed in 10.4.0 [CU12]/10.5.0 [CU0]/10.5.3)",
])

_affected(label, target) := sprintf("primary runs %s, which has a known issue: %s; upgrade to %s or later", [
	label, _issue, target,
])

test_pass_when_both_agents_run_main_release_10_4_0_cu4 if {
	v := _v("10.4.0.0-14511-CU4", 4, 0, 14511, 4)
	r := req.result with input as json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/version", "value": v},
		{"op": "replace", "path": "/agents/backup/version", "value": v},
	])
	r.status == "pass"
	r.messages == []
}

test_skip_when_shared_hostname_mode if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "skip"
	r.messages == ["applies to virtual IP mode only; this pair uses shared hostname mode"]
}

# Main Release 10.3.0: affected from CU20, never fixed on that branch.
test_pass_when_main_release_10_3_0_cu19 if {
	r := _run(_v("10.3.0.0-14100-CU19", 3, 0, 14100, 19))
	r.status == "pass"
	r.messages == []
}

test_warn_when_main_release_10_3_0_cu20 if {
	r := _run(_v("10.3.0.0-14200-CU20", 3, 0, 14200, 20))
	r.status == "warn"
	r.messages == [_affected("10.3.0.0-14200 (MR 10.3.0 CU20)", "10.4.0 [CU12]")]
}

# Main Release 10.4.0: affected from CU8, fixed in CU12.
test_pass_when_main_release_10_4_0_cu7 if {
	r := _run(_v("10.4.0.0-14700-CU7", 4, 0, 14700, 7))
	r.status == "pass"
	r.messages == []
}

test_warn_when_main_release_10_4_0_cu8 if {
	r := _run(_v("10.4.0.0-14800-CU8", 4, 0, 14800, 8))
	r.status == "warn"
	r.messages == [_affected("10.4.0.0-14800 (MR 10.4.0 CU8)", "10.4.0 [CU12]")]
}

test_warn_when_main_release_10_4_0_cu11 if {
	r := _run(_v("10.4.0.0-15100-CU11", 4, 0, 15100, 11))
	r.status == "warn"
	r.messages == [_affected("10.4.0.0-15100 (MR 10.4.0 CU11)", "10.4.0 [CU12]")]
}

test_pass_when_main_release_10_4_0_cu12 if {
	r := _run(_v("10.4.0.0-15300-CU12", 4, 0, 15300, 12))
	r.status == "pass"
	r.messages == []
}

test_pass_when_main_release_10_5_0_cu0 if {
	r := _run(_v("10.5.0.0-15500-CU0", 5, 0, 15500, 0))
	r.status == "pass"
	r.messages == []
}

# Feature Releases: affected from 10.4.11, fixed in 10.5.3.
test_pass_when_feature_release_10_4_10 if {
	r := _run(_v("10.4.10.0-14900", 4, 10, 14900, null))
	r.status == "pass"
	r.messages == []
}

test_warn_when_feature_release_10_4_11 if {
	r := _run(_v("10.4.11.0-15000", 4, 11, 15000, null))
	r.status == "warn"
	r.messages == [_affected("10.4.11.0-15000 (FR 10.4.11)", "10.5.3")]
}

test_warn_when_feature_release_10_5_2 if {
	r := _run(_v("10.5.2.0-15400", 5, 2, 15400, null))
	r.status == "warn"
	r.messages == [_affected("10.5.2.0-15400 (FR 10.5.2)", "10.5.3")]
}

test_pass_when_feature_release_10_5_3 if {
	r := _run(_v("10.5.3.0-15500", 5, 3, 15500, null))
	r.status == "pass"
	r.messages == []
}

test_warn_with_the_reason_when_the_cu_is_unknown if {
	r := _run(_v("10.4.0.0-14772-20240821-release", 4, 0, 14772, null))
	r.status == "warn"
	r.messages == [concat("", [
		"cannot tell whether primary, which runs 10.4.0.0-14772 (MR 10.4.0, CU unknown), has a known issue: ",
		_issue,
		": From \"10.3.0 [CU20]/10.4.0 [CU8]/10.4.11\": undetermined - MR 10.4.0 (CU unknown) is on listed ",
		"branch 10.4.0 [CU8], but its CU is unknown. Fixed in \"10.4.0 [CU12]/10.5.0 [CU0]/10.5.3\": ",
		"undetermined - MR 10.4.0 (CU unknown) is on listed branch 10.4.0 [CU12], but its CU is unknown; ",
		"if it has, upgrade to 10.4.0 [CU12] or later",
	])]
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

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO902"
	r.name == "known-issue-vip-acquisition"
	r.severity == "warning"
	r.area == "Known issues"
	count(r.docs) == 1
}

# Just below, at and just above every version the known issue page names (MR from
# 10.3.0 [CU20]/10.4.0 [CU8] up to 10.4.0 [CU11], FR from 10.4.11 up to 10.5.2; fixed in
# 10.4.0 [CU12], 10.5.0 [CU0], 10.5.3): [minor, patch, cu, status].
_boundaries := [
	[2, 0, 30, "pass"], # an older Main Release branch
	[3, 0, 19, "pass"],
	[3, 0, 20, "warn"], # MR from 10.3.0 [CU20]
	[3, 0, 21, "warn"], # no fix on 10.3.0
	[4, 0, 7, "pass"],
	[4, 0, 8, "warn"], # MR from 10.4.0 [CU8]
	[4, 0, 11, "warn"], # up to 10.4.0 [CU11]
	[4, 0, 12, "pass"], # fixed in 10.4.0 [CU12]
	[4, 0, 13, "pass"],
	[5, 0, 0, "pass"], # fixed in 10.5.0 [CU0]
	[4, 10, null, "pass"],
	[4, 11, null, "warn"], # FR from 10.4.11
	[5, 2, null, "warn"], # up to 10.5.2
	[5, 3, null, "pass"], # fixed in 10.5.3
	[5, 4, null, "pass"],
]

test_warn_or_pass_at_the_boundaries if {
	every b in _boundaries {
		[minor, patch, cu, status] := b
		_run(_v(sprintf("10.%d.%d.0-14000", [minor, patch]), minor, patch, 14000, cu)).status == status
	}
}
