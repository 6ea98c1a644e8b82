package dmaprep.requirements.acme_backup_element_limit_test

import data.dmaprep.requirements.acme_backup_element_limit as req

_facts(n) := {"agents": {"primary": {}, "backup": {"element_count": n}}}

test_pass_when_the_backup_is_empty if {
	r := req.result with input as _facts(0)
	r.status == "pass"
	r.area == "ACME operations"
}

test_fail_when_the_backup_has_elements if {
	r := req.result with input as _facts(3)
	r.status == "fail"
	r.messages == ["backup has 3 elements; our limit is 0"]
}

test_pass_within_a_raised_limit if {
	r := req.result with input as _facts(3) with data.dmaprep.params.max_backup_elements as 5
	r.status == "pass"
}

test_unknown_when_the_count_was_not_collected if {
	r := req.result with input as {"agents": {"primary": {}, "backup": {}}}
	r.status == "unknown"
	r.messages == ["backup: element count was not collected"]
}
