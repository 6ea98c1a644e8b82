package dmaprep.requirements.backup_not_in_cluster_test

import data.dmaprep.requirements.backup_not_in_cluster as req
import data.dmaprep.test.fixtures

_primary_entry := {"address": "10.11.5.52", "address_is_hostname": false, "id": 212}

_other_entry := {"address": "10.11.6.10", "address_is_hostname": false, "id": 35}

test_pass_when_backup_lists_only_itself if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

# The primary is normally in a cluster; only the backup is judged.
test_pass_when_only_primary_is_in_a_cluster if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

test_pass_when_members_empty if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/agents/backup/cluster/members", "value": []}])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

# The backup's DMS.xml may list it by another address than the operator gave (a folder read
# in a lab, with loopback addresses): one agent is one agent.
test_pass_when_the_one_agent_listed_is_not_among_the_given_addresses if {
	facts := json.patch(fixtures.ready_vip, [{
		"op": "replace", "path": "/agents/backup/addresses",
		"value": ["127.0.0.2"],
	}])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

# The backup's own entry is told from the others as an IP address, whatever its spelling.
test_fail_names_the_other_members_when_the_backup_is_spelled_otherwise if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/addresses", "value": ["2001:db8::4:52"]},
		{"op": "replace", "path": "/agents/backup/cluster/members", "value": [
			{"address": "2001:DB8:0:0::4:52"},
			{"address": "2001:db8::5:52"},
		]},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["backup is a member of a DMS: its DMS.xml lists 2 agents (other members: 2001:db8::5:52)"]
}

# An agent listed twice (a corrupted or hand-edited file) is still one agent.
test_pass_when_the_backup_is_listed_twice if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/cluster/members", "value": [
			{"address": "10.11.4.52", "id": 212},
			{"address": "10.11.4.52", "id": 212},
		]},
		{"op": "replace", "path": "/agents/backup/cluster/api_agent_count", "value": null},
	])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

test_fail_counts_each_other_agent_once if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "add", "path": "/agents/backup/cluster/members/-", "value": _other_entry},
		{"op": "add", "path": "/agents/backup/cluster/members/-", "value": _other_entry},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["backup is a member of a DMS: its DMS.xml lists 2 agents (other members: 10.11.6.10)"]
}

test_pass_when_api_reports_one_agent if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/cluster/members", "value": null},
		{"op": "replace", "path": "/agents/backup/cluster/api_agent_count", "value": 1},
	])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

test_fail_when_dms_xml_lists_other_agents if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "add", "path": "/agents/backup/cluster/members/-", "value": _primary_entry},
		{"op": "add", "path": "/agents/backup/cluster/members/-", "value": _other_entry},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["backup is a member of a DMS: its DMS.xml lists 3 agents (other members: 10.11.5.52, 10.11.6.10)"]
}

test_fail_names_all_members_when_backup_addresses_unknown if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "add", "path": "/agents/backup/cluster/members/-", "value": _other_entry},
		{"op": "replace", "path": "/agents/backup/addresses", "value": null},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["backup is a member of a DMS: its DMS.xml lists 2 agents (members: 10.11.4.52, 10.11.6.10)"]
}

test_fail_when_api_reports_several_agents if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/cluster/members", "value": null},
		{"op": "replace", "path": "/agents/backup/cluster/api_agent_count", "value": 3},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["backup is a member of a DMS: its Web Services API reports 3 agents"]
}

test_fail_when_api_disagrees_with_dms_xml if {
	facts := json.patch(fixtures.ready_vip, [{
		"op": "replace", "path": "/agents/backup/cluster/api_agent_count",
		"value": 2,
	}])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["backup is a member of a DMS: its Web Services API reports 2 agents"]
}

test_unknown_when_cluster_is_null if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/cluster", "value": null},
		{"op": "replace", "path": "/agents/backup/errors", "value": {"cluster": "DMS.xml: access denied"}},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: DMS membership (DMS.xml) was not collected (DMS.xml: access denied)"]
}

test_unknown_when_cluster_is_absent if {
	facts := json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/backup/cluster"}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: DMS membership (DMS.xml) was not collected"]
}

test_unknown_when_members_and_api_count_are_absent if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "remove", "path": "/agents/backup/cluster/members"},
		{"op": "remove", "path": "/agents/backup/cluster/api_agent_count"},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: DMS membership (DMS.xml members) was not collected"]
}

test_pass_when_primary_cluster_is_absent if {
	facts := json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/primary/cluster"}])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO103"
	r.name == "backup-not-in-cluster"
	r.severity == "error"
	r.area == "Identity and software"
	count(r.docs) == 2
}
