package dmaprep.requirements.dbconfiguration_copied_test

import data.dmaprep.requirements.dbconfiguration_copied as req
import data.dmaprep.test.fixtures

# _v builds a parsed version object as the gatherer writes it.
_v(raw, minor, patch, build, cu) := {
	"raw": raw, "source": "api",
	"major": 10, "minor": minor, "patch": patch, "revision": 0,
	"build": build, "cu": cu, "track": _track(patch),
}

_track(0) := "MR"

_track(patch) := "FR" if patch > 0

_mr_10_3_0 := _v("10.3.0.0-13114-CU22", 3, 0, 13114, 22)

_mr_10_4_0 := _v("10.4.0.0-13571-CU0", 4, 0, 13571, 0)

_fr_10_4_1 := _v("10.4.1.0-13606", 4, 1, 13606, null)

_fr_10_4_2 := _v("10.4.2.0-13691", 4, 2, 13691, null)

_no_file := {"present": false, "path": null, "elastic_cluster_count": null, "fingerprint_without_priority": null}

_other_fp := "sha256:3333333333333333333333333333333333333333333333333333333333333333"

# _run gives the result on the VIP fixture with both agents on version v, plus patch.
_run(v, patch) := r if {
	facts := json.patch(fixtures.ready_vip, array.concat(
		[
			{"op": "replace", "path": "/agents/primary/version", "value": v},
			{"op": "replace", "path": "/agents/backup/version", "value": v},
		],
		patch,
	))
	r := req.result with input as facts
}

_no_backup_file := [{"op": "replace", "path": "/agents/backup/dbconfiguration", "value": _no_file}]

_missing_msg := concat("", [
	"backup has no DBConfiguration.xml (looked for in Database\\ and Databases\\); ",
	"primary has Database\\DBConfiguration.xml with 2 indexing clusters",
])

test_skip_when_both_run_main_release_10_4_0_cu4 if {
	r := _run(_v("10.4.0.0-14511-CU4", 4, 0, 14511, 4), [])
	r.status == "skip"
	r.messages == ["both agents run 10.4.0/10.4.2 or later, where DB.xml configures the indexing clusters (see FO602)"]
}

test_pass_when_copied_on_main_release_10_3_0 if {
	r := _run(_mr_10_3_0, [])
	r.status == "pass"
	r.messages == []
}

# Main Release boundary: 10.3.0 (any CU) is prior to 10.4.0, 10.4.0 CU0 is not.
test_fail_when_backup_lacks_the_file_on_main_release_10_3_0 if {
	r := _run(_mr_10_3_0, _no_backup_file)
	r.status == "fail"
	r.messages == [_missing_msg]
}

test_skip_when_main_release_10_4_0_cu0 if {
	r := _run(_mr_10_4_0, _no_backup_file)
	r.status == "skip"
	r.messages == ["both agents run 10.4.0/10.4.2 or later, where DB.xml configures the indexing clusters (see FO602)"]
}

# Feature Release boundary: 10.4.1 is prior to 10.4.2, 10.4.2 is not.
test_fail_when_backup_lacks_the_file_on_feature_release_10_4_1 if {
	r := _run(_fr_10_4_1, _no_backup_file)
	r.status == "fail"
	r.messages == [_missing_msg]
}

test_skip_when_feature_release_10_4_2 if {
	r := _run(_fr_10_4_2, _no_backup_file)
	r.status == "skip"
	r.messages == ["both agents run 10.4.0/10.4.2 or later, where DB.xml configures the indexing clusters (see FO602)"]
}

# One agent prior to the condition is enough: the other's version is not needed.
test_fail_when_only_the_primary_is_prior_and_backup_version_is_null if {
	r := _run(_mr_10_3_0, array.concat(_no_backup_file, [
		{"op": "replace", "path": "/agents/backup/version", "value": null},
	]))
	r.status == "fail"
	r.messages == [_missing_msg]
}

test_fail_when_the_copies_differ if {
	r := _run(_fr_10_4_1, [
		{"op": "replace", "path": "/agents/backup/dbconfiguration/fingerprint_without_priority", "value": _other_fp},
		{"op": "replace", "path": "/agents/backup/dbconfiguration/elastic_cluster_count", "value": 3},
	])
	r.status == "fail"
	r.messages == [concat("", [
		"backup's DBConfiguration.xml with 3 indexing clusters differs from the primary's with 2 indexing clusters ",
		"(priorityOrder and passwords ignored)",
	])]
}

test_fail_when_neither_has_the_file_but_db_xml_lists_two_indexing_databases if {
	second := {"type": "Elasticsearch", "active": true, "search": true, "servers": ["10.20.2.21"], "id": "search-b"}
	r := _run(_mr_10_3_0, [
		{"op": "replace", "path": "/agents/primary/dbconfiguration", "value": _no_file},
		{"op": "replace", "path": "/agents/backup/dbconfiguration", "value": _no_file},
		{"op": "add", "path": "/agents/primary/database/databases/-", "value": second},
	])
	r.status == "fail"
	r.messages == [concat("", [
		"neither agent has DBConfiguration.xml (looked for in Database\\ and Databases\\), ",
		"but primary's DB.xml lists 2 indexing databases",
	])]
}

test_skip_when_a_single_indexing_cluster if {
	r := _run(_mr_10_3_0, [
		{"op": "replace", "path": "/agents/primary/dbconfiguration", "value": _no_file},
		{"op": "replace", "path": "/agents/backup/dbconfiguration", "value": _no_file},
	])
	r.status == "skip"
	r.messages == ["neither agent configures more than one indexing cluster (in DBConfiguration.xml or DB.xml)"]
}

test_unknown_when_backup_dbconfiguration_is_absent if {
	r := _run(_mr_10_3_0, [{"op": "remove", "path": "/agents/backup/dbconfiguration"}])
	r.status == "unknown"
	r.messages == ["backup: DBConfiguration.xml (dbconfiguration) was not collected"]
}

test_unknown_when_primary_dbconfiguration_is_null if {
	r := _run(_fr_10_4_1, [{"op": "replace", "path": "/agents/primary/dbconfiguration", "value": null}])
	r.status == "unknown"
	r.messages == ["primary: DBConfiguration.xml (dbconfiguration) was not collected"]
}

test_unknown_when_backup_dbconfiguration_is_unreadable if {
	r := _run(_mr_10_3_0, [
		{"op": "replace", "path": "/agents/backup/dbconfiguration/fingerprint_without_priority", "value": null},
		{"op": "replace", "path": "/agents/backup/dbconfiguration/elastic_cluster_count", "value": null},
		{"op": "replace", "path": "/agents/backup/errors", "value": {"dbconfiguration": "DBConfiguration.xml:7:3: bad XML"}},
	])
	r.status == "unknown"
	r.messages == ["backup: the content of DBConfiguration.xml was not collected (DBConfiguration.xml:7:3: bad XML)"]
}

# With single-cluster DBConfiguration files, DB.xml must tell whether several are used.
test_unknown_when_backup_database_is_absent if {
	r := _run(_mr_10_3_0, [
		{"op": "replace", "path": "/agents/primary/dbconfiguration", "value": _no_file},
		{"op": "replace", "path": "/agents/backup/dbconfiguration", "value": _no_file},
		{"op": "remove", "path": "/agents/backup/database"},
	])
	r.status == "unknown"
	r.messages == ["backup: DB.xml (database) was not collected"]
}

test_unknown_when_primary_version_is_absent if {
	facts := json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/primary/version"}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: DataMiner version was not collected"]
}

test_unknown_when_both_versions_are_null if {
	r := _run(null, _no_backup_file)
	r.status == "unknown"
	r.messages == ["backup: DataMiner version was not collected", "primary: DataMiner version was not collected"]
}

_unparsed := {"raw": "10.x", "source": "manual", "major": null, "minor": null, "patch": null}

test_unknown_when_a_version_is_not_parsed if {
	r := _run(_mr_10_4_0, [{"op": "replace", "path": "/agents/backup/version", "value": _unparsed}])
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: DataMiner version \"10.x\" was not parsed ",
		"(its major, minor and third number are not all given)",
	])]
}

test_unknown_when_no_version_is_parsed if {
	# Whether the rule applies depends on the versions, so the missing file is not judged yet.
	r := _run(_unparsed, _no_backup_file)
	r.status == "unknown"
	r.messages == [
		concat("", [
			"backup: DataMiner version \"10.x\" was not parsed ",
			"(its major, minor and third number are not all given)",
		]),
		concat("", [
			"primary: DataMiner version \"10.x\" was not parsed ",
			"(its major, minor and third number are not all given)",
		]),
	]
}

test_unknown_when_primary_database_is_null if {
	r := _run(_fr_10_4_1, [
		{"op": "replace", "path": "/agents/primary/dbconfiguration", "value": _no_file},
		{"op": "replace", "path": "/agents/backup/dbconfiguration", "value": _no_file},
		{"op": "replace", "path": "/agents/primary/database", "value": null},
	])
	r.status == "unknown"
	r.messages == ["primary: DB.xml (database) was not collected"]
}

# Files in Database\ on one agent and Databases\ on the other: only one folder is read.
test_fail_when_the_files_sit_in_different_folders if {
	r := _run(_mr_10_3_0, [
		{"op": "replace", "path": "/agents/backup/dbconfiguration/path", "value": "Databases\\DBConfiguration.xml"},
	])
	r.status == "fail"
	r.messages == [concat("", [
		"the agents keep DBConfiguration.xml in different folders: primary Database\\DBConfiguration.xml, ",
		"backup Databases\\DBConfiguration.xml; DataMiner reads only one of them ",
		"(Database\\ per the DBConfiguration.xml page; the preparation page says Databases\\)",
	])]
}

test_pass_when_both_files_sit_in_databases_in_any_case if {
	r := _run(_fr_10_4_1, [
		{"op": "replace", "path": "/agents/primary/dbconfiguration/path", "value": "databases\\dbconfiguration.xml"},
		{"op": "replace", "path": "/agents/backup/dbconfiguration/path", "value": "Databases\\DBConfiguration.xml"},
	])
	r.status == "pass"
	r.messages == []
}

# Just below, at and just above "prior to DataMiner 10.4.0/10.4.2" (Preparing the two
# DataMiner Agents, Dedicated clustered storage, step 4), the backup without the file:
# [minor, patch, cu, status].
_boundaries := [
	[3, 0, 22, "fail"], # the Main Release branch before 10.4.0
	[4, 0, 0, "skip"], # MR from 10.4.0
	[4, 0, 1, "skip"],
	[4, 1, null, "fail"],
	[4, 2, null, "skip"], # FR from 10.4.2
	[4, 3, null, "skip"],
]

test_fail_or_skip_at_the_boundaries if {
	every b in _boundaries {
		[minor, patch, cu, status] := b
		_run(_v(sprintf("10.%d.%d.0-13600", [minor, patch]), minor, patch, 13600, cu), _no_backup_file).status == status
	}
}
