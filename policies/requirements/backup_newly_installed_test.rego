package dmaprep.requirements.backup_newly_installed_test

import data.dmaprep.requirements.backup_newly_installed as req
import data.dmaprep.test.fixtures

_patched(ops) := json.patch(fixtures.ready_vip, ops)

test_pass_when_backup_is_blank if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_cluster_name_is_empty if {
	r := req.result with input as _patched([{"op": "replace", "path": "/agents/backup/cluster/name", "value": ""}])
	r.status == "pass"
	r.messages == []
}

test_fail_when_history_has_several_entries if {
	facts := _patched([{"op": "add", "path": "/agents/backup/install_history/entries/0", "value": {
		"timestamp": "2021-03-01 09:00:00",
		"version": "10.1.0.0-9966-20210218-release",
	}}])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [concat("", [
		"backup is not newly installed: its VersionHistory.txt has 2 entries, ",
		"the first 10.1.0.0-9966-20210218-release",
	])]
}

test_fail_when_backup_has_one_element if {
	r := req.result with input as _patched([{"op": "replace", "path": "/agents/backup/element_count", "value": 1}])
	r.status == "fail"
	r.messages == ["backup is not blank: it has 1 element"]
}

test_fail_when_backup_has_elements if {
	r := req.result with input as _patched([{"op": "replace", "path": "/agents/backup/element_count", "value": 12}])
	r.status == "fail"
	r.messages == ["backup is not blank: it has 12 elements"]
}

test_fail_when_backup_has_a_cluster_name if {
	r := req.result with input as _patched([{"op": "replace", "path": "/agents/backup/cluster/name", "value": "pluto"}])
	r.status == "fail"
	r.messages == ["backup was part of a DMS: its DMS.xml names cluster \"pluto\""]
}

# The primary, which has history, elements and a cluster, is not judged.
test_fail_lists_every_finding_of_a_used_backup if {
	facts := _patched([{"op": "replace", "path": "/agents/backup", "value": fixtures.ready_vip.agents.primary}])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [
		"backup is not blank: it has 143 elements",
		"backup is not newly installed: its VersionHistory.txt has 2 entries, the first 10.3.0.0-12752-20230320-release",
		"backup was part of a DMS: its DMS.xml names cluster \"pluto\"",
	]
}

test_fail_wins_over_unknown if {
	r := req.result with input as _patched([
		{"op": "replace", "path": "/agents/backup/element_count", "value": 5},
		{"op": "replace", "path": "/agents/backup/install_history", "value": null},
	])
	r.status == "fail"
	r.messages == [
		"backup is not blank: it has 5 elements",
		"backup: installation history (VersionHistory.txt) was not collected",
	]
}

test_unknown_when_install_history_is_null if {
	r := req.result with input as _patched([
		{"op": "replace", "path": "/agents/backup/install_history", "value": null},
		{
			"op": "replace", "path": "/agents/backup/errors",
			"value": {"install_history": "Upgrades\\VersionHistory.txt: file not found"},
		},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: installation history (VersionHistory.txt) was not collected ",
		"(Upgrades\\VersionHistory.txt: file not found)",
	])]
}

test_unknown_when_install_history_is_absent if {
	r := req.result with input as _patched([{"op": "remove", "path": "/agents/backup/install_history"}])
	r.status == "unknown"
	r.messages == ["backup: installation history (VersionHistory.txt) was not collected"]
}

test_unknown_when_history_has_no_entries if {
	r := req.result with input as _patched([{
		"op": "replace", "path": "/agents/backup/install_history/entries",
		"value": [],
	}])
	r.status == "unknown"
	r.messages == ["backup: VersionHistory.txt has no entries, so the installation history cannot be judged"]
}

test_unknown_when_element_count_is_null if {
	r := req.result with input as _patched([{"op": "replace", "path": "/agents/backup/element_count", "value": null}])
	r.status == "unknown"
	r.messages == ["backup: element count was not collected"]
}

test_unknown_when_element_count_is_absent if {
	r := req.result with input as _patched([{"op": "remove", "path": "/agents/backup/element_count"}])
	r.status == "unknown"
	r.messages == ["backup: element count was not collected"]
}

test_unknown_when_cluster_is_null if {
	r := req.result with input as _patched([{"op": "replace", "path": "/agents/backup/cluster", "value": null}])
	r.status == "unknown"
	r.messages == ["backup: cluster name (DMS.xml) was not collected"]
}

test_unknown_when_cluster_is_absent if {
	r := req.result with input as _patched([{"op": "remove", "path": "/agents/backup/cluster"}])
	r.status == "unknown"
	r.messages == ["backup: cluster name (DMS.xml) was not collected"]
}

test_unknown_when_cluster_name_is_absent if {
	r := req.result with input as _patched([{"op": "remove", "path": "/agents/backup/cluster/name"}])
	r.status == "unknown"
	r.messages == ["backup: cluster name (DMS.xml) was not collected"]
}

test_unknown_lists_every_missing_fact if {
	r := req.result with input as _patched([
		{"op": "remove", "path": "/agents/backup/install_history"},
		{"op": "remove", "path": "/agents/backup/element_count"},
		{"op": "remove", "path": "/agents/backup/cluster"},
	])
	r.status == "unknown"
	r.messages == [
		"backup: cluster name (DMS.xml) was not collected",
		"backup: element count was not collected",
		"backup: installation history (VersionHistory.txt) was not collected",
	]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO104"
	r.name == "backup-newly-installed"
	r.severity == "error"
	r.area == "Identity and software"
	count(r.docs) == 2
}

# Read through the Web Services API: no DMS.xml name nor members, only the agent count.
_api_cluster(n) := _patched([{"op": "replace", "path": "/agents/backup/cluster", "value": {
	"name": null, "members": null, "has_failover_config": null,
	"api_agent_count": n, "api_is_failover": false,
}}])

# A standalone agent's API names its cluster "DMS"; that name is not DMS.xml's and is not
# in the facts, so it cannot fail the backup.
test_pass_when_api_lists_only_the_backup if {
	r := req.result with input as _api_cluster(1)
	r.status == "pass"
}

test_fail_when_api_lists_several_agents if {
	r := req.result with input as _api_cluster(2)
	r.status == "fail"
	r.messages == ["backup is part of a DMS: its Web Services API lists 2 agents"]
}

# A null name without members was not read from DMS.xml: not "no name".
test_unknown_when_name_null_without_members_or_api_count if {
	r := req.result with input as _patched([{"op": "replace", "path": "/agents/backup/cluster", "value": {
		"name": null, "members": null, "has_failover_config": null,
		"api_agent_count": null, "api_is_failover": null,
	}}])
	r.status == "unknown"
	r.messages == ["backup: cluster name (DMS.xml) was not collected"]
}
