package dmaprep.lib.waivers_test

import data.dmaprep.lib.waivers

# 2026-11-27T12:00:00Z
_now := 1795780800000000000

_fail := {
	"id": "FO102", "name": "backup-same-version", "status": "fail",
	"messages": ["backup runs X, primary runs Y"],
	"findings": [{"message": "backup runs X, primary runs Y", "agents": ["backup"]}],
}

_waiver := {
	"requirement": "FO102", "justification": "vendor upgrade window",
	"owner": "ops@example.com", "expires": "2026-11-30",
}

test_pass_when_a_waiver_in_force_covers_a_failure if {
	r := waivers.apply(_fail) with data.dmaprep.waivers as [_waiver] with time.now_ns as _now
	r.status == "waived"
	r.waiver == object.union(_waiver, {"status": "fail"})
	r.messages == _fail.messages
}

test_fail_stays_when_the_waiver_expired if {
	old := object.union(_waiver, {"expires": "2026-11-26"})
	r := waivers.apply(_fail) with data.dmaprep.waivers as [old] with time.now_ns as _now
	r == _fail
	waivers.uses([_fail]) == [object.union(old, {"use": "expired"})] with data.dmaprep.waivers as [old]
		with time.now_ns as _now
}

test_waiver_holds_through_its_expiry_day if {
	today := object.union(_waiver, {"expires": "2026-11-27"})
	waivers.in_force(today) with time.now_ns as _now
	not waivers.in_force(today) with time.now_ns as _now + (((12 * 60) * 60) * 1000000000)
}

test_waiver_by_name if {
	by_name := object.union(_waiver, {"requirement": "backup-same-version"})
	r := waivers.apply(_fail) with data.dmaprep.waivers as [by_name] with time.now_ns as _now
	r.status == "waived"
}

test_pass_is_never_waived_and_the_waiver_is_unused if {
	passing := object.union(_fail, {"status": "pass", "messages": []})
	r := waivers.apply(passing) with data.dmaprep.waivers as [_waiver] with time.now_ns as _now
	r == passing
	[u.use | some u in waivers.uses([passing])] == ["unused"] with data.dmaprep.waivers as [_waiver]
		with time.now_ns as _now
}

# The message names the primary too, but the finding concerns the backup: only a waiver for
# the backup covers it.
test_agent_scoped_waiver_matches_the_findings_agents_not_the_text if {
	for_primary := object.union(_waiver, {"agent": "primary"})
	r := waivers.apply(_fail) with data.dmaprep.waivers as [for_primary] with time.now_ns as _now
	r.status == "fail"
	[u.use | some u in waivers.uses([_fail])] == ["unused"] with data.dmaprep.waivers as [for_primary]
		with time.now_ns as _now
	for_backup := object.union(_waiver, {"agent": "backup"})
	r2 := waivers.apply(_fail) with data.dmaprep.waivers as [for_backup] with time.now_ns as _now
	r2.status == "waived"
}

test_agent_scoped_waiver_needs_every_finding_to_concern_the_agent if {
	two := object.union(_fail, {"findings": [
		{"message": "a", "agents": ["backup"]},
		{"message": "b", "agents": ["primary"]},
	]})
	for_backup := object.union(_waiver, {"agent": "backup"})
	r := waivers.apply(two) with data.dmaprep.waivers as [for_backup] with time.now_ns as _now
	r.status == "fail"
}

# A pair-wide finding (no agents) concerns both agents: a waiver for either covers it.
test_agent_scoped_waiver_covers_a_pair_wide_finding if {
	vip := {
		"id": "FO203", "name": "virtual-ip-unused", "status": "fail", "messages": ["m"],
		"findings": [{"message": "m", "agents": []}],
	}
	w := object.union(_waiver, {"requirement": "fo203", "agent": "backup"})
	r := waivers.apply(vip) with data.dmaprep.waivers as [w] with time.now_ns as _now
	r.status == "waived"
}

test_unknown_can_be_waived if {
	unknown := object.union(_fail, {"status": "unknown"})
	r := waivers.apply(unknown) with data.dmaprep.waivers as [_waiver] with time.now_ns as _now
	r.waiver.status == "unknown"
}

test_no_waivers_without_data if {
	waivers.all == [] with data.dmaprep.waivers as null
	waivers.apply(_fail) == _fail
}
