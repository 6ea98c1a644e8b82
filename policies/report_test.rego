package dmaprep_test

import data.dmaprep

# Every rule of the report package is a field of the report: a helper rule added there
# would show up in every report and every OPA server's answer.
test_report_has_exactly_its_fields if {
	requirements := {"a": {"result": {"id": "FO001", "name": "a", "status": "fail", "messages": ["m"]}}}
	report := dmaprep.report with data.dmaprep.requirements as requirements with time.now_ns as 0
		with input as {}
	object.keys(report) == {"schema_version", "ready", "evaluated_at", "summary", "pair", "results"}
	with_waivers := dmaprep.report with data.dmaprep.requirements as requirements
		with data.dmaprep.waivers as [{"requirement": "FO001", "justification": "j", "expires": "2200-01-01"}]
		with time.now_ns as 0 with input as {}
	object.keys(with_waivers) == {"schema_version", "ready", "evaluated_at", "summary", "pair", "results", "waivers"}
	with_waivers.ready == true
}
