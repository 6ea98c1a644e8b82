package dmaprep.requirements.backup_newly_installed_test

import data.dmaprep.requirements.backup_newly_installed as req
import data.dmaprep.test.fixtures

_patched(ops) := json.patch(fixtures.ready_vip, ops)

test_pass_when_backup_is_blank if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

# The documented preparation: installed as 10.6.0 CU0, upgraded to the primary's CU6 two days
# later, never in a DMS, no elements. Two VersionHistory.txt lines are no evidence of use.
test_pass_when_installed_then_upgraded_to_the_primary_version if {
	r := req.result with input as _patched([{"op": "add", "path": "/agents/backup/install_history/entries/0", "value": {
		"timestamp": "2026-11-16 10:02:00",
		"version": "10.6.0.0-16960-20251208-release",
	}}])
	r.status == "pass"
	r.messages == []
}

# A standalone new agent may be given its DMS name (the hardware-migration MOP does).
test_pass_when_standalone_backup_has_a_cluster_name if {
	r := req.result with input as _patched([{"op": "replace", "path": "/agents/backup/cluster/name", "value": "pluto"}])
	r.status == "pass"
	r.messages == []
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

test_fail_when_dms_xml_lists_other_agents if {
	r := req.result with input as _patched([{"op": "add", "path": "/agents/backup/cluster/members/-", "value": {
		"address": "10.11.4.60", "address_is_hostname": false, "id": 230,
	}}])
	r.status == "fail"
	r.messages == ["backup was used in a DMS: its DMS.xml lists 2 agents (10.11.4.52, 10.11.4.60)"]
}

# An agent listed twice (a corrupted or hand-edited file) is still one agent.
test_pass_when_dms_xml_lists_the_backup_twice if {
	r := req.result with input as _patched([{"op": "add", "path": "/agents/backup/cluster/members/-", "value": {
		"address": "10.11.4.52", "address_is_hostname": false, "id": 212,
	}}])
	r.status == "pass"
	r.messages == []
}

test_fail_when_api_reports_other_agents if {
	r := req.result with input as _patched([
		{"op": "replace", "path": "/agents/backup/cluster/members", "value": null},
		{"op": "replace", "path": "/agents/backup/cluster/api_agent_count", "value": 3},
	])
	r.status == "fail"
	r.messages == ["backup was used in a DMS: its Web Services API reports 3 agents"]
}

test_pass_when_api_reports_one_agent if {
	r := req.result with input as _patched([
		{"op": "replace", "path": "/agents/backup/cluster/members", "value": null},
		{"op": "replace", "path": "/agents/backup/cluster/api_agent_count", "value": 1},
	])
	r.status == "pass"
}

test_fail_when_dms_xml_has_a_failover_section if {
	r := req.result with input as _patched([
		{"op": "replace", "path": "/agents/backup/cluster/has_failover_config", "value": true},
	])
	r.status == "fail"
	r.messages == ["backup was used in a Failover pair: its DMS.xml has a <Failover> section"]
}

test_fail_when_api_reports_a_failover_agent if {
	r := req.result with input as _patched([
		{"op": "replace", "path": "/agents/backup/cluster/has_failover_config", "value": null},
		{"op": "replace", "path": "/agents/backup/cluster/api_is_failover", "value": true},
	])
	r.status == "fail"
	r.messages == ["backup was used in a Failover pair: its Web Services API reports it as a Failover agent"]
}

# The primary, which has history, elements and a cluster, is not judged.
test_fail_lists_every_finding_of_a_used_backup if {
	facts := _patched([
		{"op": "replace", "path": "/agents/backup", "value": fixtures.ready_vip.agents.primary},
		{"op": "replace", "path": "/agents/backup/cluster/has_failover_config", "value": true},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [
		"backup is not blank: it has 143 elements",
		"backup was used in a DMS: its DMS.xml lists 2 agents (10.11.5.52, 10.11.6.10)",
		"backup was used in a Failover pair: its DMS.xml has a <Failover> section",
	]
}

test_fail_wins_over_unknown if {
	r := req.result with input as _patched([
		{"op": "replace", "path": "/agents/backup/element_count", "value": 5},
		{"op": "replace", "path": "/agents/backup/cluster/has_failover_config", "value": null},
	])
	r.status == "fail"
	r.messages == [
		"backup is not blank: it has 5 elements",
		"backup: Failover configuration (DMS.xml <Failover>) was not collected",
	]
}

# The installation history is no longer judged: its absence leaves the verdict alone.
test_pass_without_install_history if {
	r := req.result with input as _patched([{"op": "replace", "path": "/agents/backup/install_history", "value": null}])
	r.status == "pass"
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
	r := req.result with input as _patched([
		{"op": "replace", "path": "/agents/backup/cluster", "value": null},
		{"op": "replace", "path": "/agents/backup/errors", "value": {"cluster": "DMS.xml: file not found"}},
	])
	r.status == "unknown"
	r.messages == [
		"backup: DMS membership (DMS.xml members) was not collected (DMS.xml: file not found)",
		"backup: Failover configuration (DMS.xml <Failover>) was not collected (DMS.xml: file not found)",
	]
}

test_unknown_when_members_are_absent if {
	r := req.result with input as _patched([{"op": "remove", "path": "/agents/backup/cluster/members"}])
	r.status == "unknown"
	r.messages == ["backup: DMS membership (DMS.xml members) was not collected"]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO104"
	r.name == "backup-newly-installed"
	r.severity == "error"
	r.area == "Identity and software"
	count(r.docs) == 4
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
	r.messages == ["backup was used in a DMS: its Web Services API reports 2 agents"]
}

# A cluster object with neither DMS.xml's members nor the API's answers tells nothing.
test_unknown_when_neither_members_nor_api_answers if {
	r := req.result with input as _patched([{"op": "replace", "path": "/agents/backup/cluster", "value": {
		"name": null, "members": null, "has_failover_config": null,
		"api_agent_count": null, "api_is_failover": null,
	}}])
	r.status == "unknown"
	r.messages == [
		"backup: DMS membership (DMS.xml members) was not collected",
		"backup: Failover configuration (DMS.xml <Failover>) was not collected",
	]
}
