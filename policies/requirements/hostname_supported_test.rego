package dmaprep.requirements.hostname_supported_test

import data.dmaprep.requirements.hostname_supported as req
import data.dmaprep.test.fixtures

# _run gives the result on the hostname fixture with the version of both agents replaced.
_run(primary, backup) := r if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/primary/version", "value": primary},
		{"op": "replace", "path": "/agents/backup/version", "value": backup},
	])
	r := req.result with input as facts
}

# _v builds a parsed version object as the gatherer writes it.
_v(raw, minor, patch, build, cu) := {
	"raw": raw, "source": "api",
	"major": 10, "minor": minor, "patch": patch, "revision": 0,
	"build": build, "cu": cu, "track": _track(patch),
}

_track(0) := "MR"

_track(patch) := "FR" if patch > 0

_ready := _v("10.4.0.0-15230-CU10", 4, 0, 15230, 10)

test_pass_when_both_agents_run_a_recent_main_release if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

test_skip_when_virtual_ip_mode if {
	r := req.result with input as fixtures.ready_vip
	r.status == "skip"
	r.messages == ["applies to shared hostname mode only; this pair uses virtual IP mode"]
}

test_skip_when_mode_undecided if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/intent/virtual_ips", "value": ["10.11.250.44"]},
	])
	r := req.result with input as facts
	r.status == "skip"
	r.messages == ["the addressing mode is not decided (see FO201), so mode-specific checks do not apply"]
}

# Main Release boundary: 10.2.0 is listed, so every CU of it qualifies; 10.1.0 is older.
test_pass_when_main_release_10_2_0_cu0 if {
	r := _run(_v("10.2.0.0-11500-CU0", 2, 0, 11500, 0), _v("10.2.0.0-11500-CU0", 2, 0, 11500, 0))
	r.status == "pass"
	r.messages == []
}

test_pass_when_main_release_10_2_0_with_cu_unknown if {
	v := _v("10.2.0.0-11500-20220110-release", 2, 0, 11500, null)
	r := _run(v, v)
	r.status == "pass"
	r.messages == []
}

test_fail_when_primary_runs_main_release_10_1_0 if {
	r := _run(_v("10.1.0.0-9966-CU12", 1, 0, 9966, 12), _ready)
	r.status == "fail"
	r.messages == ["primary runs 10.1.0.0-9966 (MR 10.1.0 CU12); a shared hostname needs 10.2.0/10.1.8 or later"]
}

# Feature Release boundary: 10.1.8 qualifies (also with its CU unknown), 10.1.7 does not.
test_pass_when_feature_release_10_1_8 if {
	v := _v("10.1.8.0-10630", 1, 8, 10630, null)
	r := _run(v, v)
	r.status == "pass"
	r.messages == []
}

test_fail_when_backup_runs_feature_release_10_1_7 if {
	r := _run(_ready, _v("10.1.7.0-10523", 1, 7, 10523, null))
	r.status == "fail"
	r.messages == ["backup runs 10.1.7.0-10523 (FR 10.1.7); a shared hostname needs 10.2.0/10.1.8 or later"]
}

test_pass_when_feature_release_of_a_later_series if {
	v := _v("10.2.1.0-11750", 2, 1, 11750, null)
	r := _run(v, v)
	r.status == "pass"
	r.messages == []
}

test_fail_names_both_agents_when_both_are_too_old if {
	v := _v("10.0.0.0-9000-CU19", 0, 0, 9000, 19)
	r := _run(v, v)
	r.status == "fail"
	r.messages == [
		"backup runs 10.0.0.0-9000 (MR 10.0.0 CU19); a shared hostname needs 10.2.0/10.1.8 or later",
		"primary runs 10.0.0.0-9000 (MR 10.0.0 CU19); a shared hostname needs 10.2.0/10.1.8 or later",
	]
}

# Versions before 10 come before 10.1.8 and 10.2.0 alike.
test_fail_when_before_10 if {
	v := {
		"raw": "9.6.0.0-8877-CU13", "source": "api", "major": 9, "minor": 6, "patch": 0,
		"revision": 0, "build": 8877, "cu": 13, "track": null,
	}
	r := _run(_ready, v)
	r.status == "fail"
	r.messages == ["backup runs 9.6.0.0-8877 (CU13); a shared hostname needs 10.2.0/10.1.8 or later"]
}

test_unknown_when_backup_version_is_null if {
	r := _run(_ready, null)
	r.status == "unknown"
	r.messages == ["backup: DataMiner version was not collected"]
}

test_unknown_when_primary_version_is_absent if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "remove", "path": "/agents/primary/version"},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"version": "VersionHistory.txt: file not found"}},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: DataMiner version was not collected (VersionHistory.txt: file not found)"]
}

# A version the gatherer could not parse cannot be placed: warn, never pass.
# A version that is not parsed decides nothing: unknown, not a warning that it cannot tell.
test_unknown_when_version_could_not_be_parsed if {
	v := {"raw": "custom build", "source": "manual", "major": null, "minor": null, "patch": null}
	r := _run(_ready, v)
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: DataMiner version \"custom build\" was not parsed ",
		"(its major, minor and third number are not all given)",
	])]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_hostname
	r.id == "FO301"
	r.name == "hostname-supported"
	r.severity == "error"
	r.area == "Shared hostname"
	count(r.docs) == 2
}

# Just below, at and just above "from DataMiner 10.2.0/10.1.8 onwards" (Preparing the two
# DataMiner Agents, Additional IP addresses or hostname), both agents on the version:
# [minor, patch, cu, status].
_boundaries := [
	[1, 0, 30, "fail"], # the Main Release branch before 10.2.0
	[2, 0, 0, "pass"], # MR from 10.2.0
	[2, 0, 1, "pass"],
	[1, 7, null, "fail"],
	[1, 8, null, "pass"], # FR from 10.1.8
	[1, 9, null, "pass"],
]

test_fail_or_pass_at_the_boundaries if {
	every b in _boundaries {
		[minor, patch, cu, status] := b
		v := _v(sprintf("10.%d.%d.0-11000", [minor, patch]), minor, patch, 11000, cu)
		_run(v, v).status == status
	}
}
