package dmaprep.requirements.cassandra_same_version_test

import data.dmaprep.lib.database_test
import data.dmaprep.requirements.cassandra_same_version as req
import data.dmaprep.test.fixtures

_separate := {
	"architecture": "separate_cassandra", "general_type": "Cassandra",
	"fingerprint": "sha256:1111111111111111111111111111111111111111111111111111111111111111",
	"databases": [{"type": "Cassandra", "active": true, "local": true, "servers": ["localhost"]}],
}

# _separate_pair is the VIP fixture with a separate Cassandra 4.1.3 running on each agent.
_separate_pair := json.patch(fixtures.ready_vip, [
	{"op": "replace", "path": "/agents/primary/database", "value": _separate},
	{"op": "replace", "path": "/agents/backup/database", "value": _separate},
	{"op": "replace", "path": "/agents/primary/host_software/services/cassandra", "value": "running"},
	{"op": "replace", "path": "/agents/backup/host_software/services/cassandra", "value": "running"},
	{"op": "replace", "path": "/agents/primary/host_software/cassandra_release_version", "value": "4.1.3"},
	{"op": "replace", "path": "/agents/backup/host_software/cassandra_release_version", "value": "4.1.3"},
])

_run(patch) := r if {
	r := req.result with input as json.patch(_separate_pair, patch)
}

test_pass_when_same_version_runs_on_both if {
	r := _run([])
	r.status == "pass"
	r.messages == []
}

test_skip_when_dedicated_clustered_storage if {
	r := req.result with input as fixtures.ready_vip
	r.status == "skip"
	r.messages == [concat("", [
		"applies to a separate Cassandra database per agent only; primary uses dedicated clustered storage ",
		"(general database CassandraCluster), backup uses dedicated clustered storage (general database CassandraCluster)",
	])]
}

test_fail_when_release_versions_differ if {
	r := _run([{"op": "replace", "path": "/agents/backup/host_software/cassandra_release_version", "value": "3.11.4"}])
	r.status == "fail"
	r.messages == ["backup runs Cassandra 3.11.4, primary runs Cassandra 4.1.3 (nodetool version ReleaseVersion)"]
}

test_fail_when_backup_service_is_stopped if {
	r := _run([{"op": "replace", "path": "/agents/backup/host_software/services/cassandra", "value": "stopped"}])
	r.status == "fail"
	r.messages == ["backup: the cassandra service is stopped"]
}

# Only one agent on a separate Cassandra (FO601 fails too) still needs Cassandra on both.
test_fail_when_cassandra_is_not_installed_on_the_backup if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/database", "value": fixtures.ready_vip.agents.backup.database},
		{"op": "replace", "path": "/agents/backup/host_software/services/cassandra", "value": "absent"},
		{"op": "replace", "path": "/agents/backup/host_software/cassandra_release_version", "value": null},
	])
	r.status == "fail"
	r.messages == ["backup: the cassandra service is not installed"]
}

test_unknown_when_backup_host_software_is_absent if {
	r := _run([{"op": "remove", "path": "/agents/backup/host_software"}])
	r.status == "unknown"
	r.messages == [
		"backup: Cassandra's ReleaseVersion (nodetool version) was not collected",
		"backup: the state of the cassandra service was not collected",
	]
}

test_unknown_when_primary_host_software_is_null_with_error if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/host_software", "value": null},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"host_software": "not observed on this host"}},
	])
	r.status == "unknown"
	r.messages == [
		"primary: Cassandra's ReleaseVersion (nodetool version) was not collected (not observed on this host)",
		"primary: the state of the cassandra service was not collected (not observed on this host)",
	]
}

test_unknown_when_primary_release_version_is_null if {
	r := _run([{"op": "replace", "path": "/agents/primary/host_software/cassandra_release_version", "value": null}])
	r.status == "unknown"
	r.messages == ["primary: Cassandra's ReleaseVersion (nodetool version) was not collected"]
}

test_unknown_when_backup_service_state_is_absent if {
	r := _run([{"op": "remove", "path": "/agents/backup/host_software/services/cassandra"}])
	r.status == "unknown"
	r.messages == ["backup: the state of the cassandra service was not collected"]
}

test_unknown_when_backup_database_is_absent if {
	r := req.result with input as json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/backup/database"}])
	r.status == "unknown"
	r.messages == ["backup: DB.xml (database) was not collected"]
}

test_unknown_when_primary_database_is_null if {
	r := _run([{"op": "replace", "path": "/agents/primary/database", "value": null}])
	r.status == "unknown"
	r.messages == ["primary: DB.xml (database) was not collected"]
}

# Two equal values that are no version number are not the same version: unknown.
test_unknown_when_both_release_versions_are_empty if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/host_software/cassandra_release_version", "value": ""},
		{"op": "replace", "path": "/agents/backup/host_software/cassandra_release_version", "value": " "},
	])
	r.status == "unknown"
	r.messages == [
		"backup: Cassandra's ReleaseVersion \" \" (nodetool version) is not a version number",
		"primary: Cassandra's ReleaseVersion \"\" (nodetool version) is not a version number",
	]
}

test_unknown_when_release_version_is_a_word if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/host_software/cassandra_release_version", "value": "unknown"},
		{"op": "replace", "path": "/agents/backup/host_software/cassandra_release_version", "value": "unknown"},
	])
	r.status == "unknown"
	count(r.messages) == 2
}

test_pass_when_release_versions_differ_only_in_spaces if {
	r := _run([{"op": "replace", "path": "/agents/backup/host_software/cassandra_release_version", "value": " 4.1.3\n"}])
	r.status == "pass"
}

# A DB.xml without a general database shows no architecture: whether the rule applies is
# not known, even though the other agent's storage is not one it applies to.
test_unknown_when_the_backup_has_no_general_database if {
	r := req.result with input as database_test.no_general_backup
	r.status == "unknown"
	r.messages == [database_test.no_general_backup_message]
}
