package dmaprep.requirements.known_issue_slow_cassandra_switch_test

import data.dmaprep.requirements.known_issue_slow_cassandra_switch as req
import data.dmaprep.test.fixtures

_v(raw, minor, patch, build, cu) := {
	"raw": raw, "source": "api",
	"major": 10, "minor": minor, "patch": patch, "revision": 0,
	"build": build, "cu": cu, "track": _track(patch),
}

_track(0) := "MR"

_track(patch) := "FR" if patch > 0

_mr_10_4_cu4 := _v("10.4.0.0-14511-CU4", 4, 0, 14511, 4)

_mr_10_4_cu10 := _v("10.4.0.0-15230-CU10", 4, 0, 15230, 10)

# _both(v) puts both agents on version v.
_both(v) := [
	{"op": "replace", "path": "/agents/primary/version", "value": v},
	{"op": "replace", "path": "/agents/backup/version", "value": v},
]

# _run gives the result on the hostname fixture (dedicated clustered storage) with the backup
# on MR 10.4.0 CU10 (fixed) and the primary on v.
_run(v) := r if {
	r := req.result with input as json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/primary/version", "value": v},
		{"op": "replace", "path": "/agents/backup/version", "value": _mr_10_4_cu10},
	])
}

_issue := concat("", [
	"a Failover switch with Cassandra can take up to 10 minutes ",
	"(affected: FR 10.4.2 up to 10.4.8; fixed in 10.3.0 [CU18]/10.4.0 [CU6]/10.4.9",
])

_affected(label) := sprintf("primary runs %s, which has a known issue: %s); upgrade to 10.4.9 or later", [
	label, _issue,
])

_possibly(agent, label, reason, target) := sprintf(
	concat("", [
		"%s runs %s, which is possibly affected by a known issue: %s; the first affected Main Release CU ",
		"is not stated): %s; upgrade to %s or later",
	]),
	[agent, label, _issue, reason, target],
)

_architecture(agent, architecture) := {
	"op": "replace",
	"path": sprintf("/agents/%s/database/architecture", [agent]),
	"value": architecture,
}

test_pass_when_main_release_10_4_0_cu10 if {
	r := req.result with input as json.patch(fixtures.ready_hostname, _both(_mr_10_4_cu10))
	r.status == "pass"
	r.messages == []
}

# Feature Releases: certainly affected from 10.4.2 up to 10.4.8.
test_pass_when_feature_release_10_4_1 if {
	r := _run(_v("10.4.1.0-13650", 4, 1, 13650, null))
	r.status == "pass"
	r.messages == []
}

test_warn_when_feature_release_10_4_2 if {
	r := _run(_v("10.4.2.0-13691", 4, 2, 13691, null))
	r.status == "warn"
	r.messages == [_affected("10.4.2.0-13691 (FR 10.4.2)")]
}

test_warn_when_feature_release_10_4_8 if {
	r := _run(_v("10.4.8.0-14600", 4, 8, 14600, null))
	r.status == "warn"
	r.messages == [_affected("10.4.8.0-14600 (FR 10.4.8)")]
}

test_pass_when_feature_release_10_4_9 if {
	r := _run(_v("10.4.9.0-14700", 4, 9, 14700, null))
	r.status == "pass"
	r.messages == []
}

test_pass_when_feature_release_10_3_12 if {
	r := _run(_v("10.3.12.0-13617", 3, 12, 13617, null))
	r.status == "pass"
	r.messages == []
}

# Main Releases: below the fix on their branch only "possibly affected".
test_warn_possibly_when_main_release_10_4_0_cu4 if {
	r := req.result with input as json.patch(fixtures.ready_vip, _both(_mr_10_4_cu4))
	r.status == "warn"
	reason := concat("", [
		"From \"10.4.2\": undetermined - MR 10.4.0 CU4 cannot be placed against FR 10.4.2: no Main Release is listed. ",
		concat("", [
			"Fixed in \"10.3.0 [CU18]/10.4.0 [CU6]/10.4.9\": fix absent - MR 10.4.0 CU4 is below 10.4.0 ",
			"[CU6] on its branch",
		]),
	])
	r.messages == [
		_possibly("backup", "10.4.0.0-14511 (MR 10.4.0 CU4)", reason, "10.4.0 [CU6]"),
		_possibly("primary", "10.4.0.0-14511 (MR 10.4.0 CU4)", reason, "10.4.0 [CU6]"),
	]
}

test_warn_possibly_when_main_release_10_4_0_cu5 if {
	r := _run(_v("10.4.0.0-14600-CU5", 4, 0, 14600, 5))
	r.status == "warn"
	r.messages == [_possibly(
		"primary", "10.4.0.0-14600 (MR 10.4.0 CU5)", concat("", [
			concat("", [
				"From \"10.4.2\": undetermined - MR 10.4.0 CU5 cannot be placed against FR 10.4.2: no ",
				"Main Release is listed. ",
			]),
			concat("", [
				"Fixed in \"10.3.0 [CU18]/10.4.0 [CU6]/10.4.9\": fix absent - MR 10.4.0 CU5 is below ",
				"10.4.0 [CU6] on its branch",
			]),
		]),
		"10.4.0 [CU6]",
	)]
}

test_pass_when_main_release_10_4_0_cu6 if {
	r := _run(_v("10.4.0.0-14700-CU6", 4, 0, 14700, 6))
	r.status == "pass"
	r.messages == []
}

test_warn_possibly_when_main_release_10_3_0_cu17 if {
	r := _run(_v("10.3.0.0-14000-CU17", 3, 0, 14000, 17))
	r.status == "warn"
	r.messages == [_possibly(
		"primary", "10.3.0.0-14000 (MR 10.3.0 CU17)", concat("", [
			concat("", [
				"From \"10.4.2\": undetermined - MR 10.3.0 CU17 cannot be placed against FR 10.4.2: no ",
				"Main Release is listed. ",
			]),
			concat("", [
				"Fixed in \"10.3.0 [CU18]/10.4.0 [CU6]/10.4.9\": fix absent - MR 10.3.0 CU17 is below ",
				"10.3.0 [CU18] on its branch",
			]),
		]),
		"10.3.0 [CU18]",
	)]
}

test_pass_when_main_release_10_3_0_cu18 if {
	r := _run(_v("10.3.0.0-14100-CU18", 3, 0, 14100, 18))
	r.status == "pass"
	r.messages == []
}

# Older Main Release branches are not named by the issue (neither affected nor fixed).
test_pass_when_main_release_10_2_0 if {
	r := _run(_v("10.2.0.0-12000-CU20", 2, 0, 12000, 20))
	r.status == "pass"
	r.messages == []
}

test_pass_when_main_release_10_1_0_cu_unknown if {
	r := _run(_v("10.1.0.0-11000", 1, 0, 11000, null))
	r.status == "pass"
	r.messages == []
}

test_pass_when_9_6 if {
	r := _run({
		"raw": "9.6.0.0-8877-CU13", "source": "api", "major": 9, "minor": 6, "patch": 0,
		"revision": 0, "build": 8877, "cu": 13, "track": null,
	})
	r.status == "pass"
	r.messages == []
}

test_pass_when_main_release_10_5_0_cu0 if {
	r := _run(_v("10.5.0.0-15500-CU0", 5, 0, 15500, 0))
	r.status == "pass"
	r.messages == []
}

test_warn_possibly_when_the_main_release_cu_is_unknown if {
	r := _run(_v("10.4.0.0-14772-20240821-release", 4, 0, 14772, null))
	r.status == "warn"
	r.messages == [_possibly(
		"primary", "10.4.0.0-14772 (MR 10.4.0, CU unknown)", concat("", [
			"From \"10.4.2\": undetermined - MR 10.4.0 (CU unknown) cannot be placed against FR 10.4.2: ",
			"no Main Release is listed. Fixed in \"10.3.0 [CU18]/10.4.0 [CU6]/10.4.9\": undetermined - ",
			"MR 10.4.0 (CU unknown) is on listed branch 10.4.0 [CU6], but its CU is unknown",
		]),
		"10.4.0 [CU6]",
	)]
}

# A version that is not parsed decides nothing: unknown, not a warning that it cannot tell.
test_unknown_when_the_version_cannot_be_parsed if {
	r := _run({"raw": "custom build", "major": null, "minor": null, "patch": null})
	r.status == "unknown"
	r.messages == [concat("", [
		"primary: DataMiner version \"custom build\" was not parsed ",
		"(its major, minor and third number are not all given)",
	])]
}

test_skip_when_neither_agent_uses_cassandra if {
	r := req.result with input as json.patch(fixtures.ready_hostname, [
		_architecture("primary", "staas"),
		_architecture("backup", "legacy"),
	])
	r.status == "skip"
	r.messages == ["neither agent stores its data in Cassandra (primary: staas, backup: legacy)"]
}

test_warn_when_only_one_agent_uses_cassandra if {
	r := req.result with input as json.patch(fixtures.ready_vip, array.concat(_both(_mr_10_4_cu4), [
		_architecture("backup", "staas"),
	]))
	r.status == "warn"
	count(r.messages) == 2
}

test_pass_when_one_agent_uses_cassandra_and_the_other_db_xml_is_missing if {
	r := req.result with input as json.patch(fixtures.ready_hostname, [
		{"op": "remove", "path": "/agents/backup/database"},
	])
	r.status == "pass"
	r.messages == []
}

# Whether an agent uses Cassandra is only asked on a version the issue may concern: an
# unread DB.xml (the Web Services API gives none) on versions outside the range is no unknown.
test_pass_when_the_database_is_unread_but_the_versions_are_clear if {
	r := req.result with input as json.patch(fixtures.ready_hostname, array.concat(_both(_mr_10_4_cu10), [
		{"op": "replace", "path": "/agents/primary/database", "value": null},
		{"op": "remove", "path": "/agents/backup/database"},
	]))
	r.status == "pass"
	r.messages == []
}

# A Main Release on a branch the fix list does not name is not concerned either.
test_pass_when_the_database_is_unread_on_an_older_main_release if {
	r := req.result with input as json.patch(fixtures.ready_hostname, array.concat(
		_both(_v("10.2.0.0-11517-CU0", 2, 0, 11517, 0)),
		[{"op": "replace", "path": "/agents/backup/database", "value": null}],
	))
	r.status == "pass"
	r.messages == []
}

test_unknown_when_the_database_is_unread_and_one_version_is_unknown if {
	r := req.result with input as json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/primary/version", "value": null},
		{"op": "replace", "path": "/agents/primary/database", "value": null},
		{"op": "replace", "path": "/agents/backup/database", "value": null},
	])
	r.status == "unknown"
	r.messages == ["backup: DB.xml was not collected", "primary: DB.xml was not collected"]
}

# The database findings below concern a primary on MR 10.4.0 [CU4], which the issue may concern.
_primary_on(v) := {"op": "replace", "path": "/agents/primary/version", "value": v}

test_unknown_when_the_database_is_null if {
	r := req.result with input as json.patch(fixtures.ready_hostname, [
		_primary_on(_mr_10_4_cu4),
		_architecture("primary", "staas"),
		{"op": "replace", "path": "/agents/backup/database", "value": null},
	])
	r.status == "unknown"
	r.messages == ["backup: DB.xml was not collected"]
}

test_unknown_when_the_database_is_absent if {
	r := req.result with input as json.patch(fixtures.ready_hostname, [
		_primary_on(_mr_10_4_cu4),
		{"op": "remove", "path": "/agents/primary/database"},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"database": "DB.xml:2:1: no DataBases element"}},
		_architecture("backup", "staas"),
	])
	r.status == "unknown"
	r.messages == ["primary: DB.xml was not collected (DB.xml:2:1: no DataBases element)"]
}

test_unknown_when_the_architecture_is_unknown if {
	r := req.result with input as json.patch(fixtures.ready_hostname, [
		_primary_on(_mr_10_4_cu4),
		_architecture("primary", "unknown"),
		{"op": "replace", "path": "/agents/primary/database/general_type", "value": "Oracle"},
		_architecture("backup", "unknown"),
		{"op": "replace", "path": "/agents/backup/database/general_type", "value": null},
	])
	r.status == "unknown"
	r.messages == [
		"backup: the storage architecture could not be told from DB.xml (general database type not set)",
		"primary: the storage architecture could not be told from DB.xml (general database type Oracle)",
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

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_hostname
	r.id == "FO904"
	r.name == "known-issue-slow-cassandra-switch"
	r.severity == "warning"
	r.area == "Known issues"
	count(r.docs) == 1
}

# Just below, at and just above every version the known issue page names (FR 10.4.2 to
# 10.4.8; fixed in 10.3.0 [CU18], 10.4.0 [CU6], 10.4.9). A Main Release below its fix is
# possibly affected (a warning): the page gives no first affected CU. [minor, patch, cu, status].
_boundaries := [
	[2, 0, 30, "pass"], # a branch the fix list does not name
	[3, 0, 17, "warn"], # possibly affected
	[3, 0, 18, "pass"], # fixed in 10.3.0 [CU18]
	[3, 0, 19, "pass"],
	[4, 0, 5, "warn"], # possibly affected
	[4, 0, 6, "pass"], # fixed in 10.4.0 [CU6]
	[4, 0, 7, "pass"],
	[5, 0, 0, "pass"], # a newer Main Release branch
	[4, 1, null, "pass"],
	[4, 2, null, "warn"], # FR from 10.4.2
	[4, 3, null, "warn"],
	[4, 8, null, "warn"], # up to 10.4.8
	[4, 9, null, "pass"], # fixed in 10.4.9
	[4, 10, null, "pass"],
]

test_warn_or_pass_at_the_boundaries if {
	every b in _boundaries {
		[minor, patch, cu, status] := b
		_run(_v(sprintf("10.%d.%d.0-14000", [minor, patch]), minor, patch, 14000, cu)).status == status
	}
}
