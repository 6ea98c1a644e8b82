package dmaprep.requirements.legacy_database_copied_test

import data.dmaprep.requirements.legacy_database_copied as req
import data.dmaprep.test.fixtures

# _version is a version object as the gatherer writes it (build 1234, from VersionHistory.txt).
_version(minor, patch, cu) := {
	"raw": sprintf("7.%d.%d.0-1234", [minor, patch]), "source": "versionhistory",
	"major": 7, "minor": minor, "patch": patch, "revision": 0, "build": 1234, "cu": cu,
	"track": {true: "MR", false: "FR"}[patch == 0],
}

# _pair runs both agents on version v.
_pair(v) := json.patch(fixtures.ready_vip, [
	{"op": "replace", "path": "/agents/primary/version", "value": v},
	{"op": "replace", "path": "/agents/backup/version", "value": v},
])

_skipped := ["both agents run 7.5.0 or later: the general database is copied automatically"]

_manual_step := concat("", [
	"so Failover will not copy the general database: ",
	"make the backup's database an exact copy of the primary's",
])

test_skip_when_both_run_10_4 if {
	r := req.result with input as fixtures.ready_vip
	r.status == "skip"
	r.messages == _skipped
}

test_skip_when_both_run_mr_7_5_0_cu0 if {
	r := req.result with input as _pair(_version(5, 0, 0))
	r.status == "skip"
	r.messages == _skipped
}

# Every CU of the 7.5.0 branch is 7.5.0 or later.
test_skip_when_both_run_mr_7_5_0_with_cu_unknown if {
	r := req.result with input as _pair(_version(5, 0, null))
	r.status == "skip"
	r.messages == _skipped
}

test_skip_when_both_run_fr_7_6_1 if {
	r := req.result with input as _pair(_version(6, 1, null))
	r.status == "skip"
	r.messages == _skipped
}

test_warn_when_both_run_mr_7_4_0 if {
	r := req.result with input as _pair(_version(4, 0, null))
	r.status == "warn"
	r.messages == [
		sprintf("backup runs 7.4.0.0-1234 (MR 7.4.0, CU unknown), prior to 7.5.0, %s", [_manual_step]),
		sprintf("primary runs 7.4.0.0-1234 (MR 7.4.0, CU unknown), prior to 7.5.0, %s", [_manual_step]),
	]
}

test_warn_when_fr_on_an_older_series if {
	r := req.result with input as _pair(_version(1, 2, null))
	r.status == "warn"
	r.messages == [
		sprintf("backup runs 7.1.2.0-1234 (FR 7.1.2), prior to 7.5.0, %s", [_manual_step]),
		sprintf("primary runs 7.1.2.0-1234 (FR 7.1.2), prior to 7.5.0, %s", [_manual_step]),
	]
}

test_warn_when_only_the_primary_is_prior if {
	facts := json.patch(fixtures.ready_vip, [{
		"op": "replace", "path": "/agents/primary/version",
		"value": _version(0, 0, 3),
	}])
	r := req.result with input as facts
	r.status == "warn"
	r.messages == [sprintf("primary runs 7.0.0.0-1234 (MR 7.0.0 CU3), prior to 7.5.0, %s", [_manual_step])]
}

# No Feature Release is listed, so FR 7.5.2 cannot be placed against MR 7.5.0.
test_warn_when_fr_on_the_7_5_series_is_indeterminate if {
	r := req.result with input as _pair(_version(5, 2, null))
	r.status == "warn"
	r.messages == [
		concat("", [
			"cannot tell whether backup, which runs 7.5.2.0-1234 (FR 7.5.2), is prior to 7.5.0: ",
			"FR 7.5.2 cannot be placed against Main Release 7.5.0 [CU0]: no Feature Release is listed",
		]),
		concat("", [
			"cannot tell whether primary, which runs 7.5.2.0-1234 (FR 7.5.2), is prior to 7.5.0: ",
			"FR 7.5.2 cannot be placed against Main Release 7.5.0 [CU0]: no Feature Release is listed",
		]),
	]
}

test_warn_when_version_not_parsed if {
	facts := json.patch(fixtures.ready_vip, [{
		"op": "replace", "path": "/agents/backup/version",
		"value": {"raw": "7.0.0.0-1234"},
	}])
	r := req.result with input as facts
	r.status == "warn"
	r.messages == ["cannot tell whether backup, which runs 7.0.0.0-1234, is prior to 7.5.0: version unknown"]
}

test_unknown_when_backup_version_is_null if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/agents/backup/version", "value": null}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: DataMiner version was not collected"]
}

test_unknown_when_primary_version_is_absent if {
	facts := json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/primary/version"}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: DataMiner version was not collected"]
}

test_warn_lists_the_missing_version_too if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/version", "value": _version(0, 0, 3)},
		{"op": "remove", "path": "/agents/backup/version"},
	])
	r := req.result with input as facts
	r.status == "warn"
	r.messages == [
		"backup: DataMiner version was not collected",
		sprintf("primary runs 7.0.0.0-1234 (MR 7.0.0 CU3), prior to 7.5.0, %s", [_manual_step]),
	]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO105"
	r.name == "legacy-database-copied"
	r.severity == "warning"
	r.area == "Identity and software"
	count(r.docs) == 1
}
