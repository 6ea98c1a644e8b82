package dmaprep.lib.known_issues_test

import data.dmaprep.lib
import data.dmaprep.lib.known_issues as ki
import data.dmaprep.lib.version
import data.dmaprep.test.fixtures

_issue := {
	"title": "something breaks",
	"range": "from 10.2.0/10.1.8, fixed in 10.3.0 [CU11]/10.4.2",
	"fixed": "10.3.0 [CU11]/10.4.2",
}

_mr(minor, cu) := {
	"raw": "x", "major": 10, "minor": minor, "patch": 0, "revision": 0,
	"build": 12000, "cu": cu, "track": "MR",
}

_fr(minor, patch) := {
	"raw": "x", "major": 10, "minor": minor, "patch": patch, "revision": 0,
	"build": 13000, "cu": null, "track": "FR",
}

_with_primary(v) := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/agents/primary/version", "value": v}])

test_versions_of_both_agents if {
	count(ki.versions) == 2 with input as fixtures.ready_vip
	count(ki.missing) == 0 with input as fixtures.ready_vip
}

test_missing_when_null if {
	msg := "primary: DataMiner version was not collected"
	ki.missing == {"primary": lib.about("primary", msg)} with input as _with_primary(null)
	object.keys(ki.versions) == {"backup"} with input as _with_primary(null)
}

test_missing_when_absent_names_the_error if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "remove", "path": "/agents/backup/version"},
		{"op": "replace", "path": "/agents/backup/errors", "value": {"version": "VersionHistory.txt is empty"}},
	])
	msg := "backup: DataMiner version was not collected (VersionHistory.txt is empty)"
	ki.missing == {"backup": lib.about("backup", msg)} with input as facts
}

test_affected_message if {
	r := {"value": "true", "heuristic": false, "reason": "whatever."}
	finding := ki.affected("primary", _mr(2, 25), _issue, r)
	finding.agents == ["primary"]
	msg := finding.message
	msg == concat("", [
		"primary runs 10.2.0.0-12000 (MR 10.2.0 CU25), which has a known issue: something breaks ",
		"(affected: from 10.2.0/10.1.8, fixed in 10.3.0 [CU11]/10.4.2); upgrade to 10.3.0 [CU11] or later",
	])
}

test_affected_message_says_when_it_is_a_heuristic if {
	r := {"value": "true", "heuristic": true, "reason": "MR 10.5.0 CU1 is on a newer branch (heuristic)."}
	finding := ki.affected("primary", _fr(4, 1), _issue, r)
	finding.agents == ["primary"]
	msg := finding.message
	msg == concat("", [
		"primary runs 10.4.1.0-13000 (FR 10.4.1), which has a known issue: something breaks ",
		"(affected: from 10.2.0/10.1.8, fixed in 10.3.0 [CU11]/10.4.2); upgrade to 10.4.2 or later ",
		"(heuristic: MR 10.5.0 CU1 is on a newer branch (heuristic))",
	])
}

test_undetermined_message if {
	r := {"value": "indeterminate", "heuristic": false, "reason": "its CU is unknown."}
	finding := ki.undetermined("primary", _mr(3, null), _issue, r)
	finding.agents == ["primary"]
	msg := finding.message
	msg == concat("", [
		"cannot tell whether primary, which runs 10.3.0.0-12000 (MR 10.3.0, CU unknown), has a known issue: ",
		"something breaks (affected: from 10.2.0/10.1.8, fixed in 10.3.0 [CU11]/10.4.2): its CU is unknown; ",
		"if it has, upgrade to 10.3.0 [CU11] or later",
	])
}

test_possibly_message if {
	r := {"value": "indeterminate", "heuristic": false, "reason": "not named."}
	issue := object.union(_issue, {"unstated": "the affected CUs are not stated"})
	finding := ki.possibly("primary", _mr(3, 2), issue, r)
	finding.agents == ["primary"]
	msg := finding.message
	msg == concat("", [
		"primary runs 10.3.0.0-12000 (MR 10.3.0 CU2), which is possibly affected by a known issue: ",
		"something breaks (affected: from 10.2.0/10.1.8, fixed in 10.3.0 [CU11]/10.4.2; ",
		"the affected CUs are not stated): not named; ",
		"upgrade to 10.3.0 [CU11] or later",
	])
}

test_upgrade_to_on_the_main_release_branch if {
	ki.upgrade_to(_mr(3, 5), "10.3.0 [CU11]/10.4.2") == "10.3.0 [CU11]"
}

test_upgrade_to_the_next_main_release_branch_listed if {
	ki.upgrade_to(_mr(3, 21), "10.4.0 [CU12]/10.5.0 [CU0]/10.5.3") == "10.4.0 [CU12]"
	ki.upgrade_to(_mr(4, 3), "10.5.0 [CU10]/10.6.1") == "10.5.0 [CU10]"
}

test_upgrade_to_a_main_release_without_cu if {
	ki.upgrade_to(_mr(4, null), "10.3.0 [CU11]/10.4.0/10.4.2") == "10.4.0"
}

test_upgrade_to_the_next_feature_release if {
	ki.upgrade_to(_fr(4, 5), "10.3.0 [CU18]/10.4.0 [CU6]/10.4.9") == "10.4.9"
	ki.upgrade_to(_fr(5, 2), "10.4.0 [CU12]/10.5.0 [CU0]/10.5.3") == "10.5.3"
}

test_upgrade_to_a_feature_release_cu if {
	ki.upgrade_to({"major": 10, "minor": 5, "patch": 12}, "10.5.12 [CU2]/10.6.0") == "10.5.12 [CU2]"
	ki.upgrade_to({"major": 10, "minor": 5, "patch": 12, "cu": 2}, "10.5.12 [CU2]/10.6.0") == "10.5.12 [CU2]/10.6.0"
}

test_upgrade_to_the_whole_list_when_nothing_fits if {
	ki.upgrade_to(_mr(7, 1), "10.5.0 [CU10]/10.6.1") == "10.5.0 [CU10]/10.6.1"
	unparsed := {"raw": "garbage", "major": null, "minor": null, "patch": null}
	ki.upgrade_to(unparsed, "10.5.0 [CU10]/10.6.1") == "10.5.0 [CU10]/10.6.1"
}

# range_findings: an affected agent is a violation, one that cannot be placed a warning, a
# fixed one neither; each message is the one affected or undetermined gives.
test_range_findings if {
	from := "10.2.0/10.1.8"
	fixed := "10.3.0 [CU11]/10.4.2"
	vs := {"primary": _mr(3, 10), "backup": _mr(3, null), "third": _mr(3, 11)}
	f := ki.range_findings(vs, from, version.condition(from), fixed, version.condition(fixed), _issue)
	f.violation == {ki.affected("primary", _mr(3, 10), _issue, version.in_range(_mr(3, 10), from, fixed))}
	f.warning == {ki.undetermined("backup", _mr(3, null), _issue, version.in_range(_mr(3, null), from, fixed))}
}

test_range_findings_of_no_agent if {
	f := ki.range_findings({}, "10.2.0", version.condition("10.2.0"), "10.3.0", version.condition("10.3.0"), _issue)
	f == {"violation": set(), "warning": set()}
}
