package dmaprep.requirements.legacy_database_unsupported_test

import data.dmaprep.lib.database_test
import data.dmaprep.requirements.legacy_database_unsupported as req
import data.dmaprep.test.fixtures

_v(raw, minor, patch, build, cu) := {
	"raw": raw, "source": "api",
	"major": 10, "minor": minor, "patch": patch, "revision": 0,
	"build": build, "cu": cu, "track": _track(patch),
}

_track(0) := "MR"

_track(patch) := "FR" if patch > 0

_mr_10_4_cu4 := _v("10.4.0.0-14511-CU4", 4, 0, 14511, 4)

_legacy(typ) := {
	"architecture": "legacy", "general_type": typ,
	"fingerprint": "sha256:4444444444444444444444444444444444444444444444444444444444444444",
	"databases": [{"type": typ, "active": true, "local": true, "servers": ["localhost"]}],
}

# The expected messages, per agent: both agents in report order (backup sorts first).
_fail(agent, typ, label) := sprintf("%s's general database is %s, %s; %s runs %s", [
	agent, typ, "unsupported from DataMiner 10.3 onwards", agent, label,
])

_warn(agent, typ, label) := sprintf("%s's general database is %s: %s runs %s, %s", [
	agent, typ, agent, label, "but the setup is unsupported from 10.3 onwards",
])

_fails(typ, label) := [_fail("backup", typ, label), _fail("primary", typ, label)]

_warns(typ, label) := [_warn("backup", typ, label), _warn("primary", typ, label)]

# _run gives the result with both agents on a MySQL general database and on version v.
_run(v, patch) := r if {
	facts := json.patch(fixtures.ready_vip, array.concat(
		[
			{"op": "replace", "path": "/agents/primary/database", "value": _legacy("MySQL")},
			{"op": "replace", "path": "/agents/backup/database", "value": _legacy("MySQL")},
			{"op": "replace", "path": "/agents/primary/version", "value": v},
			{"op": "replace", "path": "/agents/backup/version", "value": v},
		],
		patch,
	))
	r := req.result with input as facts
}

test_skip_when_dedicated_clustered_storage if {
	r := req.result with input as fixtures.ready_vip
	r.status == "skip"
	r.messages == [concat("", [
		"applies to a legacy MySQL/MSSQL general database only; primary uses dedicated clustered storage ",
		"(general database CassandraCluster), backup uses dedicated clustered storage (general database CassandraCluster)",
	])]
}

test_fail_when_mysql_on_main_release_10_4_0 if {
	r := _run(_mr_10_4_cu4, [])
	r.status == "fail"
	r.messages == _fails("MySQL", "10.4.0.0-14511 (MR 10.4.0 CU4)")
}

# Main Release boundary: 10.2.0 (any CU) warns, 10.3.0 CU0 (or CU unknown) fails.
test_warn_when_mysql_on_main_release_10_2_0_cu20 if {
	r := _run(_v("10.2.0.0-12345-CU20", 2, 0, 12345, 20), [])
	r.status == "warn"
	r.messages == _warns("MySQL", "10.2.0.0-12345 (MR 10.2.0 CU20)")
}

test_fail_when_mysql_on_main_release_10_3_0_cu0 if {
	r := _run(_v("10.3.0.0-12752-CU0", 3, 0, 12752, 0), [])
	r.status == "fail"
	r.messages == _fails("MySQL", "10.3.0.0-12752 (MR 10.3.0 CU0)")
}

test_fail_when_mysql_on_main_release_10_3_0_with_cu_unknown if {
	r := _run(_v("10.3.0.0-12752-20230117-release", 3, 0, 12752, null), [])
	r.status == "fail"
	r.messages == _fails("MySQL", "10.3.0.0-12752 (MR 10.3.0, CU unknown)")
}

# Feature Release boundary: 10.2.12 warns, 10.3.1 fails.
test_warn_when_mssql_on_feature_release_10_2_12 if {
	r := _run(_v("10.2.12.0-12440", 2, 12, 12440, null), [
		{"op": "replace", "path": "/agents/primary/database", "value": _legacy("MSSQL")},
		{"op": "replace", "path": "/agents/backup/database", "value": _legacy("MSSQL")},
	])
	r.status == "warn"
	r.messages == _warns("MSSQL", "10.2.12.0-12440 (FR 10.2.12)")
}

test_fail_when_mysql_on_feature_release_10_3_1 if {
	r := _run(_v("10.3.1.0-12500", 3, 1, 12500, null), [])
	r.status == "fail"
	r.messages == _fails("MySQL", "10.3.1.0-12500 (FR 10.3.1)")
}

# Versions before 10 come before 10.3: the setup still works there.
test_warn_when_mysql_before_10 if {
	v := {
		"raw": "9.6.0.0-8877-CU13", "source": "api", "major": 9, "minor": 6, "patch": 0,
		"revision": 0, "build": 8877, "cu": 13, "track": null,
	}
	r := _run(v, [])
	r.status == "warn"
	r.messages == _warns("MySQL", "9.6.0.0-8877 (CU13)")
}

# Only the backup still on MySQL (FO601 fails as well).
test_fail_when_only_the_backup_keeps_mysql if {
	r := _run(fixtures.ready_vip.agents.primary.version, [
		{"op": "replace", "path": "/agents/primary/database", "value": fixtures.ready_vip.agents.primary.database},
	])
	r.status == "fail"
	r.messages == [_fail("backup", "MySQL", "10.6.0.0-17110 (MR 10.6.0 CU6)")]
}

test_unknown_when_the_version_is_not_parsed if {
	r := _run({"raw": "10.x", "source": "manual", "major": null, "minor": null, "patch": null}, [
		{"op": "replace", "path": "/agents/backup/database", "value": fixtures.ready_vip.agents.backup.database},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"primary: DataMiner version \"10.x\" was not parsed ",
		"(its major, minor and third number are not all given)",
	])]
}

test_unknown_when_primary_version_is_absent if {
	r := _run(fixtures.ready_vip.agents.primary.version, [
		{"op": "remove", "path": "/agents/primary/version"},
		{"op": "replace", "path": "/agents/backup/database", "value": fixtures.ready_vip.agents.backup.database},
	])
	r.status == "unknown"
	r.messages == ["primary: DataMiner version was not collected"]
}

test_unknown_when_backup_version_is_null if {
	r := _run(_v("10.2.0.0-12345-CU20", 2, 0, 12345, 20), [
		{"op": "replace", "path": "/agents/backup/version", "value": null},
	])
	r.status == "unknown"
	r.messages == [
		"backup: DataMiner version was not collected",
		_warn("primary", "MySQL", "10.2.0.0-12345 (MR 10.2.0 CU20)"),
	]
}

test_unknown_when_backup_database_is_absent if {
	r := req.result with input as json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/backup/database"}])
	r.status == "unknown"
	r.messages == ["backup: DB.xml (database) was not collected"]
}

test_unknown_when_primary_database_is_null if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/agents/primary/database", "value": null}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: DB.xml (database) was not collected"]
}

# Just below, at and just above "from DataMiner 10.3 onwards" (Preparing the two DataMiner
# Agents, Legacy setup with MySQL or MSSQL database), read as 10.3.0/10.3.1, both agents on
# MySQL and the version: [minor, patch, cu, status].
_boundaries := [
	[2, 0, 30, "warn"], # the Main Release branch before 10.3.0
	[3, 0, 0, "fail"], # MR from 10.3.0
	[3, 0, 1, "fail"],
	[2, 12, null, "warn"],
	[3, 1, null, "fail"], # FR from 10.3.1
	[3, 2, null, "fail"],
]

test_warn_or_fail_at_the_boundaries if {
	every b in _boundaries {
		[minor, patch, cu, status] := b
		_run(_v(sprintf("10.%d.%d.0-12500", [minor, patch]), minor, patch, 12500, cu), []).status == status
	}
}

# A DB.xml without a general database shows no architecture: whether the rule applies is
# not known, even though the other agent's storage is not one it applies to.
test_unknown_when_the_backup_has_no_general_database if {
	r := req.result with input as database_test.no_general_backup
	r.status == "unknown"
	r.messages == [database_test.no_general_backup_message]
}
