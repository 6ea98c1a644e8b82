package dmaprep.requirements.not_daas_test

import data.dmaprep.requirements.not_daas as req
import data.dmaprep.test.fixtures

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

_daas(agent, value) := {
	"op": "replace",
	"path": sprintf("/agents/%s/dataminer_xml/daas_enabled", [agent]),
	"value": value,
}

_setting := "DaaS setting (<DaaS enabled> in DataMiner.xml)"

test_pass_when_neither_agent_is_daas if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_fail_when_primary_is_daas if {
	r := _run([_daas("primary", true)])
	r.status == "fail"
	r.messages == [`primary is a DataMiner as a Service (DaaS) system: DataMiner.xml has <DaaS enabled="true">`]
}

test_fail_when_both_are_daas if {
	r := _run([_daas("primary", true), _daas("backup", true)])
	r.status == "fail"
	r.messages == [
		`backup is a DataMiner as a Service (DaaS) system: DataMiner.xml has <DaaS enabled="true">`,
		`primary is a DataMiner as a Service (DaaS) system: DataMiner.xml has <DaaS enabled="true">`,
	]
}

test_unknown_when_backup_daas_null if {
	r := _run([_daas("backup", null)])
	r.status == "unknown"
	r.messages == [sprintf("backup: %s was not collected", [_setting])]
}

test_unknown_when_primary_dataminer_xml_absent if {
	r := _run([
		{"op": "remove", "path": "/agents/primary/dataminer_xml"},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"dataminer_xml": "DataMiner.xml:11:1: bad XML"}},
	])
	r.status == "unknown"
	r.messages == [sprintf("primary: %s was not collected (DataMiner.xml:11:1: bad XML)", [_setting])]
}

test_unknown_when_daas_field_absent if {
	r := _run([{"op": "remove", "path": "/agents/backup/dataminer_xml/daas_enabled"}])
	r.status == "unknown"
	r.messages == [sprintf("backup: %s was not collected", [_setting])]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO502"
	r.name == "not-daas"
	r.severity == "error"
	r.area == "Platform and network"
	count(r.docs) == 2
}
