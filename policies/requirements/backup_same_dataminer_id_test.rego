package dmaprep.requirements.backup_same_dataminer_id_test

import data.dmaprep.requirements.backup_same_dataminer_id as req
import data.dmaprep.test.fixtures

test_pass_when_ids_match if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_fail_when_backup_has_another_id if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/agents/backup/dataminer_id", "value": 37}])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["backup has DataMiner ID 37, primary has 212"]
}

test_unknown_when_backup_id_is_null if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/agents/backup/dataminer_id", "value": null}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: DataMiner ID was not collected"]
}

test_unknown_names_the_collection_error if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "remove", "path": "/agents/primary/dataminer_id"},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"dataminer_id": "DataMiner.xml:1:2: no id attribute"}},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: DataMiner ID was not collected (DataMiner.xml:1:2: no id attribute)"]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO101"
	r.name == "backup-same-dataminer-id"
	r.severity == "error"
	r.area == "Identity and software"
	count(r.docs) == 2
}
