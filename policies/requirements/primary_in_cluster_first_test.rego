package dmaprep.requirements.primary_in_cluster_first_test

import data.dmaprep.requirements.primary_in_cluster_first as req
import data.dmaprep.test.fixtures

# The ready fixture's primary is in DMS "pluto" with 10.11.6.10; the operator said nothing
# about joining, so each test that needs it says the pair joins an existing DMS.
_joining := json.patch(fixtures.ready_vip, [{"op": "add", "path": "/intent/joins_existing_cluster", "value": true}])

_run(patch) := r if {
	r := req.result with input as json.patch(_joining, patch)
}

_member(address, is_hostname, id) := {"address": address, "address_is_hostname": is_hostname, "id": id}

test_pass_when_primary_is_a_member_by_ip if {
	r := req.result with input as _joining
	r.status == "pass"
	r.messages == []
}

test_skip_when_joining_not_said if {
	r := req.result with input as fixtures.ready_vip
	r.status == "skip"
	r.messages == ["not said whether the pair joins an existing DMS (--join-cluster)"]
}

test_skip_when_joining_is_null if {
	facts := json.patch(fixtures.ready_vip, [{"op": "add", "path": "/intent/joins_existing_cluster", "value": null}])
	r := req.result with input as facts
	r.status == "skip"
	r.messages == ["not said whether the pair joins an existing DMS (--join-cluster)"]
}

test_skip_when_pair_does_not_join_a_dms if {
	facts := json.patch(fixtures.ready_vip, [{"op": "add", "path": "/intent/joins_existing_cluster", "value": false}])
	r := req.result with input as facts
	r.status == "skip"
	r.messages == ["the pair does not join an existing DMS"]
}

test_warn_when_primary_dms_xml_lists_only_itself if {
	r := _run([{"op": "replace", "path": "/agents/primary/cluster/members", "value": [_member("10.11.5.52", false, 212)]}])
	r.status == "warn"
	r.messages == ["primary is not a member of a DMS yet: its DMS.xml lists no other agent"]
}

test_warn_when_primary_was_added_by_hostname if {
	own := _member("dma-main.example.local", true, null)
	r := _run([{"op": "replace", "path": "/agents/primary/cluster/members/0", "value": own}])
	r.status == "warn"
	r.messages == [`primary was added to DMS "pluto" by hostname dma-main.example.local, not by its IP address 10.11.5.52`]
}

# The own entry is found by DataMiner ID too, and address_is_hostname may be absent.
test_warn_when_own_entry_found_by_id_is_a_hostname if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/cluster/members/0", "value": {"address": "main-fo", "id": 212}},
		{"op": "replace", "path": "/agents/primary/cluster/name", "value": null},
	])
	r.status == "warn"
	r.messages == ["primary was added to its DMS by hostname main-fo, not by its IP address 10.11.5.52"]
}

test_unknown_when_own_entry_cannot_be_found if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/cluster/members/0", "value": _member("main-fo.example.local", true, null)},
		{"op": "replace", "path": "/agents/primary/hostname", "value": null},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"primary: its own <DMA> entry is not among its DMS.xml members (main-fo.example.local, 10.11.6.10), ",
		"so how it was added is unknown",
	])]
}

test_unknown_when_primary_members_null if {
	r := _run([{"op": "replace", "path": "/agents/primary/cluster/members", "value": null}])
	r.status == "unknown"
	r.messages == ["primary: DMS membership (DMS.xml members) was not collected"]
}

test_unknown_when_primary_cluster_absent if {
	r := _run([
		{"op": "remove", "path": "/agents/primary/cluster"},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"cluster": "DMS.xml: file not found"}},
	])
	r.status == "unknown"
	r.messages == ["primary: DMS membership (DMS.xml members) was not collected (DMS.xml: file not found)"]
}

test_result_carries_metadata if {
	r := req.result with input as _joining
	r.id == "FO108"
	r.name == "primary-in-cluster-first"
	r.severity == "warning"
	r.area == "Identity and software"
	count(r.docs) == 2
}

# Read through the Web Services API: members are DMS.xml's, left to the folder.
test_unknown_when_primary_read_through_the_api if {
	r := req.result with input as json.patch(_joining, [
		{"op": "replace", "path": "/agents/primary/cluster", "value": {
			"name": null, "members": null, "has_failover_config": null,
			"api_agent_count": 3, "api_is_failover": false,
		}},
		{"op": "add", "path": "/agents/primary/errors", "value": {
			"cluster": "read through the Web Services API; read the agent's folder",
		}},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"primary: DMS membership (DMS.xml members) was not collected (read through the ",
		"Web Services API; read the agent's folder)",
	])]
}

# The gatherer sets address_is_hostname to whether the address is not an IP: a false flag next
# to a hostname is a contradiction, and the address decides.
test_warn_when_a_hostname_entry_is_flagged_as_no_hostname if {
	own := _member("dma-main.example.local", false, null)
	r := _run([{"op": "replace", "path": "/agents/primary/cluster/members/0", "value": own}])
	r.status == "warn"
	r.messages == [`primary was added to DMS "pluto" by hostname dma-main.example.local, not by its IP address 10.11.5.52`]
}
