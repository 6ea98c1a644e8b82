package dmaprep.requirements.agents_added_by_ip_test

import data.dmaprep.requirements.agents_added_by_ip as req
import data.dmaprep.test.fixtures

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

_member(i, value) := {"op": "replace", "path": sprintf("/agents/primary/cluster/members/%d", [i]), "value": value}

test_pass_when_every_member_is_added_by_ip if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_primary_is_standalone if {
	r := _run([{"op": "replace", "path": "/agents/primary/cluster/members", "value": [{"address": "10.11.5.52"}]}])
	r.status == "pass"
	r.messages == []
}

# IPv6 literals are addresses too.
test_pass_when_member_has_an_ipv6_address_without_flag if {
	r := _run([_member(1, {"address": "fd00::6:10", "id": 35})])
	r.status == "pass"
	r.messages == []
}

test_warn_when_a_member_was_added_by_hostname if {
	r := _run([_member(1, {"address": "dma-ops.example.local", "address_is_hostname": true, "id": 35})])
	r.status == "warn"
	r.messages == [`DMS "pluto" has agents added by hostname, not by IP address: dma-ops.example.local (DataMiner ID 35)`]
}

test_warn_when_members_without_flag_or_id_are_hostnames if {
	r := _run([
		_member(0, {"address": "dma-main"}),
		_member(1, {"address": "dma-ops.example.local", "id": null}),
		{"op": "replace", "path": "/agents/primary/cluster/name", "value": null},
	])
	r.status == "warn"
	r.messages == ["the primary's DMS has agents added by hostname, not by IP address: dma-main, dma-ops.example.local"]
}

test_unknown_when_primary_members_null if {
	r := _run([{"op": "replace", "path": "/agents/primary/cluster/members", "value": null}])
	r.status == "unknown"
	r.messages == ["primary: DMS members (DMS.xml) was not collected"]
}

test_unknown_when_primary_cluster_absent if {
	r := _run([
		{"op": "remove", "path": "/agents/primary/cluster"},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"cluster": "DMS.xml: <DMA> has no ip"}},
	])
	r.status == "unknown"
	r.messages == ["primary: DMS members (DMS.xml) was not collected (DMS.xml: <DMA> has no ip)"]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO506"
	r.name == "agents-added-by-ip"
	r.severity == "warning"
	r.area == "Platform and network"
	count(r.docs) == 2
}

# Read through the Web Services API: the API lists the agents' primary IPs, never how
# DMS.xml added them, so the members are left to the folder and the check is unknown.
test_unknown_when_primary_read_through_the_api if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/cluster", "value": {
			"name": null, "members": null, "has_failover_config": null,
			"api_agent_count": 3, "api_is_failover": false,
		}},
		{"op": "add", "path": "/agents/primary/errors", "value": {"cluster": concat("", [
			"read through the Web Services API, which lists the agents of the DMS but not ",
			"DMS.xml's entries or cluster name; read the agent's folder for those",
		])}},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"primary: DMS members (DMS.xml) was not collected (read through the Web Services ",
		"API, which lists the agents of the DMS but not DMS.xml's entries or cluster ",
		"name; read the agent's folder for those)",
	])]
}

# The gatherer sets address_is_hostname to whether the address is not an IP: a false flag next
# to a hostname is a contradiction, and the address decides.
test_warn_when_a_hostname_is_flagged_as_no_hostname if {
	r := _run([_member(1, {"address": "dma-ops.example.local", "address_is_hostname": false, "id": 35})])
	r.status == "warn"
	r.messages == [`DMS "pluto" has agents added by hostname, not by IP address: dma-ops.example.local (DataMiner ID 35)`]
}
