package dmaprep.requirements.staas_prepared_test

import data.dmaprep.lib.database_test
import data.dmaprep.requirements.staas_prepared as req
import data.dmaprep.test.fixtures

_node_a := "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

_node_b := "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

_tokens := [
	"DmsAccessToken.data", "DmsAccessTokenExpiration.data",
	"DmsRefreshToken.data", "DmsRefreshTokenExpiration.data",
]

_fp(c) := concat("", ["sha256:", concat("", [c | some _ in numbers.range(1, 64)])])

# The primary's token files and their fingerprints.
_primary_tokens := {name: _fp(c) | some [name, c] in [
	["DmsAccessToken.data", "1"], ["DmsAccessTokenExpiration.data", "2"],
	["DmsRefreshToken.data", "3"], ["DmsRefreshTokenExpiration.data", "4"],
]}

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
		"token_files": _tokens, "node_id_fingerprint": _node_a, "token_fingerprints": _primary_tokens,
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

# _backup_tokens gives the backup token files with the given fingerprints.
_backup_tokens(fps) := [
	{"op": "replace", "path": "/agents/backup/staas/token_files", "value": sort(object.keys(fps))},
	{"op": "add", "path": "/agents/backup/staas/token_fingerprints", "value": fps},
]

test_fail_when_the_backup_kept_the_token_files if {
	r := _run(_backup_tokens({
		"DmsRefreshToken.data": _primary_tokens["DmsRefreshToken.data"],
		"DmsAccessToken.data": _primary_tokens["DmsAccessToken.data"],
	}))
	r.status == "fail"
	r.messages == [concat("", [
		"backup's CcaGatewayPersisted holds the access-token files DmsAccessToken.data, DmsRefreshToken.data ",
		"copied from the primary (same content)",
	])]
}

# After "Start CloudGateway" the backup writes tokens of its own: those are not copies.
test_pass_when_the_backup_tokens_are_its_own if {
	r := _run(_backup_tokens({
		"DmsAccessToken.data": _fp("a"), "DmsAccessTokenExpiration.data": _fp("b"),
		"DmsRefreshToken.data": _fp("c"), "DmsRefreshTokenExpiration.data": _fp("d"),
	}))
	r.status == "pass"
	r.messages == []
}

test_fail_names_only_the_copied_token if {
	r := _run(_backup_tokens({
		"DmsAccessToken.data": _fp("a"),
		"DmsRefreshTokenExpiration.data": _primary_tokens["DmsRefreshTokenExpiration.data"],
	}))
	r.status == "fail"
	r.messages == [concat("", [
		"backup's CcaGatewayPersisted holds the access-token files DmsRefreshTokenExpiration.data ",
		"copied from the primary (same content)",
	])]
}

test_unknown_when_token_fingerprints_were_not_collected if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/staas/token_files", "value": ["DmsAccessToken.data"]},
		{"op": "remove", "path": "/agents/primary/staas/token_fingerprints"},
	])
	r.status == "unknown"
	r.messages == [
		concat("", [
			"backup: the fingerprints of the token files were not collected, so whether the backup's ",
			"DmsAccessToken.data are copies of the primary's is not known",
		]),
		concat("", [
			"primary: the fingerprints of the token files were not collected, so whether the backup's ",
			"DmsAccessToken.data are copies of the primary's is not known",
		]),
	]
}

# The docs: an agent that will not host CloudGateway can safely uninstall it.
test_pass_when_the_backup_has_no_cloudgateway if {
	r := _run([{"op": "replace", "path": "/agents/backup/staas/cloudgateway_installed", "value": false}])
	r.status == "pass"
	r.messages == []
}

# A STaaS proxy in DB.xml needs 10.4.5/10.5.0 (the fixture runs MR 10.6.0 CU6).
_proxy(agent) := {"op": "add", "path": sprintf("/agents/%s/database/databases/0/proxy", [agent]), "value": true}

_version(agent, raw, minor, patch, cu) := {"op": "replace", "path": sprintf("/agents/%s/version", [agent]), "value": {
	"raw": raw, "source": "api", "major": 10, "minor": minor, "patch": patch, "revision": 0,
	"build": 14000, "cu": cu, "track": {true: "MR", false: "FR"}[patch == 0],
}}

test_pass_with_a_proxy_on_10_6 if {
	r := _run([_proxy("backup"), _proxy("primary")])
	r.status == "pass"
}

test_pass_with_a_proxy_on_fr_10_4_5 if {
	r := _run([_proxy("backup"), _version("backup", "10.4.5.0-14000", 4, 5, null)])
	r.status == "pass"
}

test_fail_with_a_proxy_on_fr_10_4_4 if {
	r := _run([_proxy("backup"), _version("backup", "10.4.4.0-14000", 4, 4, null)])
	r.status == "fail"
	r.messages == [concat("", [
		"backup's DB.xml configures a STaaS proxy, which needs DataMiner 10.4.5/10.5.0 or later; ",
		"it runs 10.4.4.0-14000 (FR 10.4.4)",
	])]
}

test_fail_with_a_proxy_on_mr_10_4_0 if {
	r := _run([_proxy("primary"), _version("primary", "10.4.0.0-14000-CU9", 4, 0, 9)])
	r.status == "fail"
	r.messages == [concat("", [
		"primary's DB.xml configures a STaaS proxy, which needs DataMiner 10.4.5/10.5.0 or later; ",
		"it runs 10.4.0.0-14000 (MR 10.4.0 CU9)",
	])]
}

# The Main Release boundary: every CU of 10.5.0 supports the proxy, a known or unknown one.
test_pass_with_a_proxy_on_mr_10_5_0 if {
	r := _run([_proxy("primary"), _version("primary", "10.5.0.0-14000-CU0", 5, 0, 0)])
	r.status == "pass"
	r.messages == []
	r2 := _run([_proxy("primary"), _version("primary", "10.5.0.0-14000-20250101-release", 5, 0, null)])
	r2.status == "pass"
}

test_no_finding_without_a_proxy_on_an_old_version if {
	r := _run([
		{"op": "add", "path": "/agents/backup/database/databases/0/proxy", "value": false},
		_version("backup", "10.4.4.0-14000", 4, 4, null),
	])
	r.status == "pass"
}

test_unknown_with_a_proxy_and_no_version if {
	r := _run([_proxy("backup"), {"op": "replace", "path": "/agents/backup/version", "value": null}])
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: DataMiner version was not collected, so whether its STaaS proxy is supported ",
		"(from 10.4.5/10.5.0) is not known",
	])]
}

test_fail_when_the_backup_node_id_is_a_copy if {
	r := _run([{"op": "replace", "path": "/agents/backup/staas/node_id_fingerprint", "value": _node_a}])
	r.status == "fail"
	r.messages == ["backup's NodeId.txt is a copy of the primary's (same fingerprint): delete it on the backup"]
}

test_fail_when_the_backup_lacks_the_folder if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/staas/cloudgateway_installed", "value": false},
		{"op": "replace", "path": "/agents/backup/staas/cca_gateway_persisted_present", "value": false},
		{"op": "replace", "path": "/agents/backup/staas/token_files", "value": null},
	])
	r.status == "fail"
	r.messages == ["backup has no CcaGatewayPersisted folder: copy the primary's (without its Dms*Token*.data files)"]
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

# Just below, at and just above "requires DataMiner 10.4.5/10.5.0 or higher" for a proxy
# (Adding a DataMiner Agent to a DMS running STaaS), the backup with a proxy:
# [minor, patch, cu, status].
_proxy_boundaries := [
	[4, 0, 30, "fail"], # the Main Release branch before 10.5.0
	[5, 0, 0, "pass"], # MR from 10.5.0
	[5, 0, 1, "pass"],
	[4, 4, null, "fail"],
	[4, 5, null, "pass"], # FR from 10.4.5
	[4, 6, null, "pass"],
]

test_proxy_fail_or_pass_at_the_boundaries if {
	every b in _proxy_boundaries {
		[minor, patch, cu, status] := b
		raw := sprintf("10.%d.%d.0-14000", [minor, patch])
		_run([_proxy("backup"), _version("backup", raw, minor, patch, cu)]).status == status
	}
}

# A DB.xml without a general database shows no architecture: whether the rule applies is
# not known, even though the other agent's storage is not one it applies to.
test_unknown_when_the_backup_has_no_general_database if {
	r := req.result with input as database_test.no_general_backup
	r.status == "unknown"
	r.messages == [database_test.no_general_backup_message]
}
