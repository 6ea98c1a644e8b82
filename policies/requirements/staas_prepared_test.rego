package dmaprep.requirements.staas_prepared_test

import data.dmaprep.requirements.staas_prepared as req
import data.dmaprep.test.fixtures

_node_a := "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

_node_b := "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

_tokens := [
	"DmsAccessToken.data", "DmsAccessTokenExpiration.data",
	"DmsRefreshToken.data", "DmsRefreshTokenExpiration.data",
]

_staas_db := {
	"architecture": "staas", "general_type": "CloudStorage",
	"fingerprint": "sha256:5555555555555555555555555555555555555555555555555555555555555555",
	"databases": [{
		"type": "CloudStorage", "active": true, "local": true, "search": true, "cloud": true,
		"servers": null, "tls_enabled": null, "skip_commit_log": null, "id": null, "priority_order": null,
	}],
}

# _staas_pair: the primary joined STaaS; the backup has CloudGateway and the copied folder
# without tokens, and no NodeId.txt.
_staas_pair := json.patch(fixtures.ready_vip, [
	{"op": "replace", "path": "/agents/primary/database", "value": _staas_db},
	{"op": "replace", "path": "/agents/backup/database", "value": _staas_db},
	{"op": "add", "path": "/agents/primary/staas", "value": {
		"source": "host", "cloudgateway_installed": true, "cca_gateway_persisted_present": true,
		"token_files": _tokens, "node_id_fingerprint": _node_a,
	}},
	{"op": "add", "path": "/agents/backup/staas", "value": {
		"source": "host", "cloudgateway_installed": true, "cca_gateway_persisted_present": true,
		"token_files": [], "node_id_fingerprint": null,
	}},
])

_run(patch) := r if {
	r := req.result with input as json.patch(_staas_pair, patch)
}

test_pass_when_the_backup_is_prepared if {
	r := _run([])
	r.status == "pass"
	r.messages == []
}

test_pass_when_the_backup_has_its_own_node_id if {
	r := _run([{"op": "replace", "path": "/agents/backup/staas/node_id_fingerprint", "value": _node_b}])
	r.status == "pass"
	r.messages == []
}

test_skip_when_dedicated_clustered_storage if {
	r := req.result with input as fixtures.ready_vip
	r.status == "skip"
	r.messages == [concat("", [
		"applies to Storage as a Service only; primary uses dedicated clustered storage ",
		"(general database CassandraCluster), backup uses dedicated clustered storage (general database CassandraCluster)",
	])]
}

test_fail_when_the_backup_kept_the_token_files if {
	r := _run([{
		"op": "replace", "path": "/agents/backup/staas/token_files",
		"value": ["DmsRefreshToken.data", "DmsAccessToken.data"],
	}])
	r.status == "fail"
	r.messages == [concat("", [
		"backup's CcaGatewayPersisted holds the access-token files DmsAccessToken.data, DmsRefreshToken.data ",
		"copied from the primary",
	])]
}

test_fail_when_the_backup_node_id_is_a_copy if {
	r := _run([{"op": "replace", "path": "/agents/backup/staas/node_id_fingerprint", "value": _node_a}])
	r.status == "fail"
	r.messages == ["backup's NodeId.txt is a copy of the primary's (same fingerprint): delete it on the backup"]
}

test_fail_when_the_backup_lacks_cloudgateway_and_folder if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/staas/cloudgateway_installed", "value": false},
		{"op": "replace", "path": "/agents/backup/staas/cca_gateway_persisted_present", "value": false},
		{"op": "replace", "path": "/agents/backup/staas/token_files", "value": null},
	])
	r.status == "fail"
	r.messages == [
		"backup has no CcaGatewayPersisted folder: copy the primary's (without its Dms*Token*.data files)",
		"backup: DataMiner CloudGateway is not installed",
	]
}

# The primary on STaaS, the backup's DB.xml not (FO601 fails as well).
test_fail_when_the_backup_has_no_cloud_storage_database if {
	r := _run([{"op": "replace", "path": "/agents/backup/database", "value": fixtures.ready_vip.agents.backup.database}])
	r.status == "fail"
	r.messages == [concat("", [
		"backup's DB.xml has no active CloudStorage database ",
		"(<DataBase ... cloud=\"true\" type=\"CloudStorage\">)",
	])]
}

test_unknown_when_backup_staas_is_absent if {
	r := _run([{"op": "remove", "path": "/agents/backup/staas"}])
	r.status == "unknown"
	r.messages == ["backup: STaaS preparation (staas) was not collected"]
}

test_unknown_when_backup_staas_is_null_with_error if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/staas", "value": null},
		{"op": "replace", "path": "/agents/backup/errors", "value": {"staas": "access denied to C:\\ProgramData"}},
	])
	r.status == "unknown"
	r.messages == ["backup: STaaS preparation (staas) was not collected (access denied to C:\\ProgramData)"]
}

test_unknown_when_backup_staas_facts_are_null if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/staas/cloudgateway_installed", "value": null},
		{"op": "replace", "path": "/agents/backup/staas/token_files", "value": null},
		{"op": "remove", "path": "/agents/backup/staas/node_id_fingerprint"},
	])
	r.status == "unknown"
	r.messages == [
		"backup: the NodeId.txt fingerprint was not collected",
		"backup: the list of Dms*Token*.data files in CcaGatewayPersisted was not collected",
		"backup: whether DataMiner CloudGateway is installed was not collected",
	]
}

test_unknown_when_backup_folder_presence_is_absent if {
	r := _run([{"op": "remove", "path": "/agents/backup/staas/cca_gateway_persisted_present"}])
	r.status == "unknown"
	r.messages == ["backup: whether the CcaGatewayPersisted folder exists was not collected"]
}

# The backup has a NodeId.txt: the primary's is needed to tell a copy.
test_unknown_when_primary_staas_is_absent_and_backup_has_a_node_id if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/staas/node_id_fingerprint", "value": _node_b},
		{"op": "remove", "path": "/agents/primary/staas"},
	])
	r.status == "unknown"
	r.messages == ["primary: STaaS preparation (staas) was not collected"]
}

test_unknown_when_primary_node_id_is_absent_and_backup_has_one if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/staas/node_id_fingerprint", "value": _node_b},
		{"op": "remove", "path": "/agents/primary/staas/node_id_fingerprint"},
	])
	r.status == "unknown"
	r.messages == ["primary: the NodeId.txt fingerprint was not collected"]
}

# Without a NodeId.txt on the backup nothing of the primary's is needed.
test_pass_when_primary_staas_is_null_and_backup_has_no_node_id if {
	r := _run([{"op": "replace", "path": "/agents/primary/staas", "value": null}])
	r.status == "pass"
	r.messages == []
}

test_unknown_when_backup_database_is_absent if {
	r := _run([{"op": "remove", "path": "/agents/backup/database"}])
	r.status == "unknown"
	r.messages == ["backup: DB.xml (database) was not collected"]
}

test_unknown_when_primary_database_is_null_and_backup_not_staas if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/agents/primary/database", "value": null}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: DB.xml (database) was not collected"]
}
