package dmaprep.requirements.known_issue_offline_agent_not_synchronized_test

import data.dmaprep.requirements.known_issue_offline_agent_not_synchronized as req
import data.dmaprep.test.fixtures

_v(minor, patch, build, cu) := {
	"raw": sprintf("10.%d.%d.0-%d", [minor, patch, build]), "source": "api",
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
	"the offline Failover agent may not synchronize with the online agent (affected: MR 10.3.0 [CU11] ",
	"to 10.4.0 [CU9], FR 10.4.2 to 10.4.12; fixed in 10.4.0 [CU10]/10.5.1)",
])

_affected(label, target) := sprintf("backup runs %s, which has a known issue: %s; upgrade to %s or later", [
	label, _issue, target,
])

# The boundaries of both tracks: [minor, patch, cu, status].
_boundaries := [
	[2, 0, 30, "pass"], # an older Main Release branch
	[3, 0, 10, "pass"],
	[3, 0, 11, "warn"], # MR from 10.3.0 [CU11]
	[3, 0, 22, "warn"], # never fixed on 10.3.0
	[4, 0, 0, "warn"],
	[4, 0, 9, "warn"], # MR up to 10.4.0 [CU9]
	[4, 0, 10, "pass"], # fixed in 10.4.0 [CU10]
	[5, 0, 0, "pass"], # a newer Main Release branch
	[3, 12, null, "pass"], # FR before 10.4.2
	[4, 1, null, "pass"],
	[4, 2, null, "warn"], # FR from 10.4.2
	[4, 12, null, "warn"], # FR up to 10.4.12
	[5, 1, null, "pass"], # fixed in 10.5.1
]

test_pass_when_the_fixtures if {
	req.result.status == "pass" with input as fixtures.ready_vip
	req.result.status == "pass" with input as fixtures.ready_hostname
}

test_warn_or_pass_at_the_boundaries if {
	every b in _boundaries {
		[minor, patch, cu, status] := b
		_run(_v(minor, patch, 14000, cu)).status == status
	}
}

test_warn_names_the_version_and_the_fix if {
	r := _run(_v(4, 0, 14900, 9))
	r.status == "warn"
	r.messages == [_affected("10.4.0.0-14900 (MR 10.4.0 CU9)", "10.4.0 [CU10]")]
}

test_warn_names_the_feature_release_fix if {
	r := _run(_v(4, 12, 15200, null))
	r.messages == [_affected("10.4.12.0-15200 (FR 10.4.12)", "10.5.1")]
}

test_warn_with_the_reason_when_the_cu_is_unknown if {
	r := _run(_v(3, 0, 13500, null))
	r.status == "warn"
	r.messages == [concat("", [
		"cannot tell whether backup, which runs 10.3.0.0-13500 (MR 10.3.0, CU unknown), has a known issue: ",
		_issue,
		": From \"10.3.0 [CU11]/10.4.2\": undetermined - MR 10.3.0 (CU unknown) is on listed branch ",
		"10.3.0 [CU11], but its CU is unknown. Fixed in \"10.4.0 [CU10]/10.5.1\": fix absent - MR 10.3.0 ",
		"(CU unknown) is on branch 10.3, which is not listed and older than 10.4.0 [CU10]; ",
		"if it has, upgrade to 10.4.0 [CU10] or later",
	])]
}

test_warn_when_a_newer_cu_is_unknown_on_the_fixed_branch if {
	r := _run(_v(4, 0, 14900, null))
	r.status == "warn"
	count(r.messages) == 1
}

test_pass_when_before_10 if {
	r := _run({
		"raw": "9.6.0.0-8877-CU13", "source": "api", "major": 9, "minor": 6, "patch": 0,
		"revision": 0, "build": 8877, "cu": 13, "track": null,
	})
	r.status == "pass"
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
	r.id == "FO907"
	r.name == "known-issue-offline-agent-not-synchronized"
	r.severity == "warning"
	r.area == "Known issues"
	count(r.docs) == 1
}
