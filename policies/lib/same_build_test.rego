package dmaprep.lib.same_build_test

import data.dmaprep.lib.same_build
import data.dmaprep.lib.version
import data.dmaprep.test.fixtures

# The backup as read from VersionHistory.txt: MR 10.6.0 build 17110, CU unknown. The primary
# of the fixture runs 10.6.0.0-17110-CU6.
_history_backup(build) := {
	"raw": sprintf("10.6.0.0-%d-20260310-release", [build]), "source": "versionhistory",
	"major": 10, "minor": 6, "patch": 0, "revision": 0, "build": build, "cu": null, "track": "MR",
}

_facts(build) := json.patch(fixtures.ready_vip, [{
	"op": "replace", "path": "/agents/backup/version",
	"value": _history_backup(build),
}])

test_same_build_fills_in_the_cu if {
	c := same_build.completed_input with input as _facts(17110)
	c.agents.backup.version.cu == 6
	c.agents.backup.version.cu_from == "primary"
	c.agents.primary.version == fixtures.ready_vip.agents.primary.version
}

test_the_primary_is_filled_in_too if {
	facts := json.patch(fixtures.ready_vip, [{
		"op": "replace", "path": "/agents/primary/version",
		"value": _history_backup(17110),
	}])
	c := same_build.completed_input with input as facts
	c.agents.primary.version.cu == 6
	c.agents.primary.version.cu_from == "backup"
}

test_another_build_is_left_alone if {
	c := same_build.completed_input with input as _facts(16990)
	c.agents.backup.version.cu == null
	not c.agents.backup.version.cu_from
}

test_an_unknown_build_is_left_alone if {
	# The raw string names no build either, so nothing settles it.
	facts := json.patch(_facts(17110), [
		{"op": "replace", "path": "/agents/backup/version/build", "value": null},
		{"op": "replace", "path": "/agents/backup/version/raw", "value": "10.6.0.0"},
	])
	c := same_build.completed_input with input as facts
	c == facts
}

test_both_cus_unknown_is_left_alone if {
	facts := json.patch(_facts(17110), [{
		"op": "replace", "path": "/agents/primary/version",
		"value": _history_backup(17110),
	}])
	c := same_build.completed_input with input as facts
	c == facts
}

test_a_missing_version_is_left_alone if {
	facts := json.patch(_facts(17110), [{"op": "replace", "path": "/agents/primary/version", "value": null}])
	c := same_build.completed_input with input as facts
	c == facts
}

test_the_usual_pair_is_unchanged if {
	c := same_build.completed_input with input as fixtures.ready_vip
	c == fixtures.ready_vip
}

test_label_says_where_the_cu_came_from if {
	c := same_build.completed_input with input as _facts(17110)
	version.label(c.agents.backup.version) == "10.6.0.0-17110 (MR 10.6.0 CU6, as on the primary: same build)"
}

# A version given by its raw string alone (the schema requires nothing else) is judged as the
# gatherer would have parsed it.
_raw_only(raw) := json.patch(fixtures.ready_vip, [
	{"op": "replace", "path": "/agents/primary/version", "value": {"raw": raw}},
	{"op": "replace", "path": "/agents/backup/version", "value": {"raw": raw, "major": null, "cu": null}},
])

test_a_raw_string_alone_is_parsed if {
	c := same_build.completed_input with input as _raw_only("10.1.7.0-10523")
	some agent in ["primary", "backup"]
	v := c.agents[agent].version
	[v.major, v.minor, v.patch, v.revision, v.build, v.track] == [10, 1, 7, 0, 10523, "FR"]
	v.raw == "10.1.7.0-10523"
}

test_a_cu_the_raw_string_names_is_filled_in if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/agents/backup/version/cu", "value": null}])
	c := same_build.completed_input with input as facts
	c.agents.backup.version.cu == 6

	# taken from its own raw string, not from the primary
	not c.agents.backup.version.cu_from
}

test_a_cu_the_raw_string_lacks_stays_unknown if {
	facts := json.patch(_facts(17110), [{
		"op": "replace", "path": "/agents/primary/version",
		"value": _history_backup(17110),
	}])
	c := same_build.completed_input with input as facts
	c.agents.primary.version.cu == null
	c.agents.backup.version.cu == null
}

test_a_stated_field_is_kept if {
	# Only absent or null fields are taken from the raw string.
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/version/source", "value": "manual"},
		{"op": "remove", "path": "/agents/backup/version/build"},
	])
	c := same_build.completed_input with input as facts
	c.agents.backup.version.source == "manual"
	c.agents.backup.version.build == 17110
	c.agents.backup.version.cu == 6
}

test_a_raw_string_completes_before_the_same_build if {
	# The backup's build comes from its raw string, which then settles its CU as the primary's.
	facts := json.patch(_facts(17110), [{"op": "remove", "path": "/agents/backup/version/build"}])
	c := same_build.completed_input with input as facts
	c.agents.backup.version.build == 17110
	c.agents.backup.version.cu == 6
	c.agents.backup.version.cu_from == "primary"
}

test_an_unparsable_raw_string_is_left_alone if {
	facts := json.patch(fixtures.ready_vip, [{
		"op": "replace", "path": "/agents/backup/version",
		"value": {"raw": "10.4"},
	}])
	c := same_build.completed_input with input as facts
	c.agents.backup.version == {"raw": "10.4"}
}
