package dmaprep.lib.report_test

import data.dmaprep

_result(id, status) := {
	"id": id, "name": id, "title": id, "severity": "error", "area": "A",
	"status": status, "messages": [],
}

# Two stand-in requirements, so the report's own logic is tested apart from the real ones.
_requirements(first, second) := {
	"b": {"result": _result("FO002", second)},
	"a": {"result": _result("FO001", first)},
}

test_pass_when_every_requirement_passes if {
	report := dmaprep.report with data.dmaprep.requirements as _requirements("pass", "skip")
		with time.now_ns as 0
	report.ready == true
	report.evaluated_at == "1970-01-01T00:00:00Z"
	[r.id | some r in report.results] == ["FO001", "FO002"]
	report.summary == {"pass": 1, "fail": 0, "warn": 0, "info": 0, "skip": 1, "unknown": 0, "waived": 0}
}

test_fail_when_a_requirement_fails if {
	report := dmaprep.report with data.dmaprep.requirements as _requirements("pass", "fail")
	report.ready == false
	report.summary.fail == 1
}

test_unknown_makes_the_pair_not_ready if {
	report := dmaprep.report with data.dmaprep.requirements as _requirements("unknown", "pass")
	report.ready == false
}

test_warn_passes_by_default if {
	report := dmaprep.report with data.dmaprep.requirements as _requirements("warn", "pass")
	report.ready == true
}

test_warn_fails_with_fail_on_warn if {
	report := dmaprep.report with data.dmaprep.requirements as _requirements("warn", "pass")
		with data.dmaprep.params.fail_on as "warn"
	report.ready == false
}

test_not_ready_when_nothing_was_judged if {
	report := dmaprep.report with data.dmaprep.requirements as {}
	report.ready == false
	report.results == []
}

test_waived_failure_keeps_the_pair_ready if {
	report := dmaprep.report with data.dmaprep.requirements as _requirements("pass", "fail")
		with data.dmaprep.waivers as [{"requirement": "FO002", "justification": "j", "expires": "2200-01-01"}]
		with time.now_ns as 0
	report.ready == true
	report.summary.waived == 1
	report.results[1].status == "waived"
	[w.use | some w in report.waivers] == ["applied"]
}

test_disabled_requirement_is_left_out if {
	report := dmaprep.report with data.dmaprep.requirements as _requirements("pass", "fail")
		with data.dmaprep.params.disable as ["FO002"]
	[r.id | some r in report.results] == ["FO001"]
	report.ready == true
}

test_no_waiver_list_without_waivers if {
	report := dmaprep.report with data.dmaprep.requirements as _requirements("pass", "pass")
	not report.waivers
}

test_pair_names_both_agents_and_the_mode if {
	facts := {
		"intent": {"virtual_ips": ["10.0.0.9"]},
		"agents": {"primary": {"hostname": "p", "addresses": ["10.0.0.1"], "version": {"raw": "10.4.0.0-1"}}, "backup": {}},
	}
	data.dmaprep.lib.report.pair == {
		"primary": {"hostname": "p", "address": "10.0.0.1", "version": "10.4.0.0-1"},
		"backup": {"hostname": null, "address": null, "version": null},
		"mode": "virtual_ip", "virtual_ips": ["10.0.0.9"], "shared_hostname": "",
	} with input as facts
	data.dmaprep.lib.report.pair.mode == "undecided" with input as {"intent": {}, "agents": {}}
}
