package dmaprep.requirements.legacy_database_copied_test

import data.dmaprep.requirements.legacy_database_copied as req
import data.dmaprep.test.fixtures

# _version is a version object as the gatherer writes it (build 1234, from VersionHistory.txt)
# for 7.minor.month.week: versions before 10 have no track and no CU.
_version(minor, month, week) := {
	"raw": sprintf("7.%d.%d.%d-1234", [minor, month, week]), "source": "versionhistory",
	"major": 7, "minor": minor, "patch": month, "revision": week, "build": 1234, "cu": null,
	"track": null,
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

test_skip_when_both_run_10_6 if {
	r := req.result with input as fixtures.ready_vip
	r.status == "skip"
	r.messages == _skipped
}

test_skip_when_both_run_7_5_0 if {
	r := req.result with input as _pair(_version(5, 0, 0))
	r.status == "skip"
	r.messages == _skipped
}

# 7.5.4.3 (month 4, week 3 of 7.5) is simply after 7.5.0: there are no tracks to place.
test_skip_when_both_run_7_5_4_3 if {
	r := req.result with input as _pair(_version(5, 4, 3))
	r.status == "skip"
	r.messages == _skipped
}

test_skip_when_both_run_7_6_1_0 if {
	r := req.result with input as _pair(_version(6, 1, 0))
	r.status == "skip"
	r.messages == _skipped
}

test_skip_when_both_run_9_6 if {
	v := {
		"raw": "9.6.0.0-8600", "source": "versionhistory", "major": 9, "minor": 6, "patch": 0,
		"revision": 0, "build": 8600, "cu": null, "track": null,
	}
	r := req.result with input as _pair(v)
	r.status == "skip"
}

test_warn_when_both_run_7_4_0 if {
	r := req.result with input as _pair(_version(4, 0, 0))
	r.status == "warn"
	r.messages == [
		sprintf("backup runs 7.4.0.0-1234, prior to 7.5.0, %s", [_manual_step]),
		sprintf("primary runs 7.4.0.0-1234, prior to 7.5.0, %s", [_manual_step]),
	]
}

test_warn_when_both_run_7_0_9_1 if {
	r := req.result with input as _pair(_version(0, 9, 1))
	r.status == "warn"
	r.messages == [
		sprintf("backup runs 7.0.9.1-1234, prior to 7.5.0, %s", [_manual_step]),
		sprintf("primary runs 7.0.9.1-1234, prior to 7.5.0, %s", [_manual_step]),
	]
}

test_warn_when_only_the_primary_is_prior if {
	facts := json.patch(fixtures.ready_vip, [{
		"op": "replace", "path": "/agents/primary/version",
		"value": _version(4, 12, 4),
	}])
	r := req.result with input as facts
	r.status == "warn"
	r.messages == [sprintf("primary runs 7.4.12.4-1234, prior to 7.5.0, %s", [_manual_step])]
}

test_unknown_when_version_not_parsed if {
	facts := json.patch(fixtures.ready_vip, [{
		"op": "replace", "path": "/agents/backup/version",
		"value": {"raw": "7.0.0.0-1234"},
	}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: DataMiner version \"7.0.0.0-1234\" was not parsed ",
		"(its major, minor and third number are not all given)",
	])]
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
		sprintf("primary runs 7.0.0.3-1234, prior to 7.5.0, %s", [_manual_step]),
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
