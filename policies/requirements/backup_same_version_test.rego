package dmaprep.requirements.backup_same_version_test

import data.dmaprep.requirements.backup_same_version as req
import data.dmaprep.test.fixtures

# _version is a version object as the gatherer writes it.
_version(raw, patch, build, cu) := {
	"raw": raw, "source": "versionhistory",
	"major": 10, "minor": 4, "patch": patch, "revision": 0, "build": build, "cu": cu,
	"track": {true: "MR", false: "FR"}[patch == 0],
}

# _primary_version is the primary's version in the tests below: MR 10.4.0 CU4, set
# explicitly so that the expected messages do not depend on the fixture's version.
_primary_version := {
	"raw": "10.4.0.0-14511-CU4", "source": "api",
	"major": 10, "minor": 4, "patch": 0, "revision": 0, "build": 14511, "cu": 4,
	"track": "MR",
}

# _with_backup_version gives the VIP fixture with the primary on _primary_version and the
# backup on v.
_with_backup_version(v) := json.patch(fixtures.ready_vip, [
	{"op": "replace", "path": "/agents/primary/version", "value": _primary_version},
	{"op": "replace", "path": "/agents/backup/version", "value": v},
])

test_pass_when_versions_match if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_build_equal_and_backup_cu_unknown if {
	r := req.result with input as _with_backup_version(_version("10.4.0.0-14511", 0, 14511, null))
	r.status == "pass"
	r.messages == []
}

test_fail_when_build_differs if {
	r := req.result with input as _with_backup_version(_version("10.4.0.0-14772", 0, 14772, null))
	r.status == "fail"
	r.messages == ["backup runs 10.4.0.0-14772 (MR 10.4.0, CU unknown), primary runs 10.4.0.0-14511 (MR 10.4.0 CU4)"]
}

test_fail_when_cu_differs if {
	r := req.result with input as _with_backup_version(_version("10.4.0.0-14511-CU5", 0, 14511, 5))
	r.status == "fail"
	r.messages == ["backup runs 10.4.0.0-14511 (MR 10.4.0 CU5), primary runs 10.4.0.0-14511 (MR 10.4.0 CU4)"]
}

test_fail_when_backup_runs_a_feature_release if {
	r := req.result with input as _with_backup_version(_version("10.4.4.0-14600", 4, 14600, null))
	r.status == "fail"
	r.messages == ["backup runs 10.4.4.0-14600 (FR 10.4.4), primary runs 10.4.0.0-14511 (MR 10.4.0 CU4)"]
}

test_warn_when_backup_build_unknown if {
	r := req.result with input as _with_backup_version(_version("10.4.0.0", 0, null, null))
	r.status == "warn"
	r.messages == [concat("", [
		"backup runs 10.4.0.0 (MR 10.4.0, CU unknown), primary runs 10.4.0.0-14511 (MR 10.4.0 CU4), ",
		"which cannot be compared: No known field differs, but the builds cannot be compared ",
		"(10.4.0.0-14511 (MR 10.4.0 CU4) vs 10.4.0.0 (MR 10.4.0, CU unknown))",
	])]
}

# A version with only its raw string (the schema allows it) is not compared: unknown, not a
# warning, which would leave the pair ready with nothing compared.
test_unknown_when_backup_version_not_parsed if {
	r := req.result with input as _with_backup_version({"raw": "10.4.0.0-14511-CU4"})
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: DataMiner version \"10.4.0.0-14511-CU4\" was not parsed ",
		"(its major, minor and third number are not all given)",
	])]
}

test_unknown_when_backup_major_is_null if {
	r := req.result with input as _with_backup_version({
		"raw": "10.4.0.0-14511-CU4", "major": null, "minor": 4, "patch": 0,
		"revision": 0, "build": 14511, "cu": 4, "track": "MR",
	})
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: DataMiner version \"10.4.0.0-14511-CU4\" was not parsed ",
		"(its major, minor and third number are not all given)",
	])]
}

test_unknown_when_backup_version_is_null if {
	r := req.result with input as _with_backup_version(null)
	r.status == "unknown"
	r.messages == ["backup: DataMiner version was not collected"]
}

test_unknown_when_primary_version_is_absent if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "remove", "path": "/agents/primary/version"},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"version": "VersionHistory.txt: file not found"}},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: DataMiner version was not collected (VersionHistory.txt: file not found)"]
}

test_unknown_when_both_versions_are_absent if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "remove", "path": "/agents/primary/version"},
		{"op": "remove", "path": "/agents/backup/version"},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: DataMiner version was not collected", "primary: DataMiner version was not collected"]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO102"
	r.name == "backup-same-version"
	r.severity == "error"
	r.area == "Identity and software"
	count(r.docs) == 2
}

# The primary's last VersionHistory.txt line is a hotfix's version string (no build), the
# backup's the release it was installed with: fail, naming the hotfix, not "cannot be
# compared".
test_fail_when_only_the_primary_carries_a_hotfix if {
	hotfix := {
		"raw": "2026-04-02 07:30:00;HF_10.6.0.0(CU6)_20260329-101500", "source": "versionhistory",
		"major": 10, "minor": 6, "patch": 0, "revision": 0, "build": null, "cu": 6, "track": "MR", "hotfix": true,
	}
	r := req.result with input as json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/version", "value": hotfix},
	])
	r.status == "fail"
	count(r.messages) == 1
	startswith(r.messages[0], concat("", [
		"primary carries a hotfix (2026-04-02 07:30:00;HF_10.6.0.0(CU6)_20260329-101500) ",
		"that backup lacks (",
	]))
}

# Both on the same hotfix: judged as before, by the builds and CUs.
test_hotfix_on_both_is_compared_as_usual if {
	r := req.result with input as json.patch(fixtures.ready_vip, [
		{"op": "add", "path": "/agents/primary/version/hotfix", "value": true},
		{"op": "add", "path": "/agents/backup/version/hotfix", "value": true},
	])
	r.status == "pass"
}
