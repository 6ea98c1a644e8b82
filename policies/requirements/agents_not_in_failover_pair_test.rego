package dmaprep.requirements.agents_not_in_failover_pair_test

import data.dmaprep.requirements.agents_not_in_failover_pair as req
import data.dmaprep.test.fixtures

test_pass_when_neither_agent_has_a_failover_section if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_only_the_api_says_not_failover if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/cluster/has_failover_config", "value": null},
		{"op": "replace", "path": "/agents/primary/cluster/api_is_failover", "value": false},
	])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

test_fail_when_primary_dms_xml_has_a_failover_section if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/cluster/has_failover_config", "value": true},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["primary is already part of a Failover pair: its DMS.xml has a <Failover> section"]
}

test_fail_when_api_reports_backup_is_failover if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/cluster/api_is_failover", "value": true},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["backup is already part of a Failover pair: the Web Services API reports IsFailOver true for it"]
}

# A known violation wins over a missing fact of the other agent.
test_fail_when_backup_in_pair_and_primary_unknown if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/cluster/has_failover_config", "value": true},
		{"op": "remove", "path": "/agents/primary/cluster"},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [
		"backup is already part of a Failover pair: its DMS.xml has a <Failover> section",
		"primary: Failover membership (<Failover> in DMS.xml, IsFailOver of the API) was not collected",
	]
}

test_unknown_when_backup_failover_facts_are_null if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/cluster/has_failover_config", "value": null},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: Failover membership (<Failover> in DMS.xml, IsFailOver of the API) was not collected"]
}

test_unknown_when_backup_failover_facts_are_absent if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "remove", "path": "/agents/backup/cluster/has_failover_config"},
		{"op": "remove", "path": "/agents/backup/cluster/api_is_failover"},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: Failover membership (<Failover> in DMS.xml, IsFailOver of the API) was not collected"]
}

test_unknown_names_the_collection_error if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/cluster", "value": null},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"cluster": "DMS.xml:3:1: unexpected EOF"}},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == [concat("", [
		"primary: Failover membership (<Failover> in DMS.xml, IsFailOver of the API) was not collected",
		" (DMS.xml:3:1: unexpected EOF)",
	])]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO106"
	r.name == "agents-not-in-failover-pair"
	r.severity == "error"
	r.area == "Identity and software"
	count(r.docs) == 2
}
