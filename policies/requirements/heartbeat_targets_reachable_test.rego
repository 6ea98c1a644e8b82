package dmaprep.requirements.heartbeat_targets_reachable_test

import data.dmaprep.requirements.heartbeat_targets_reachable as req
import data.dmaprep.test.fixtures

# _plan adds inverted-heartbeat targets and their probes to the ready VIP pair.
_plan(targets, probes) := json.patch(fixtures.ready_vip, [
	{"op": "add", "path": "/intent/inverted_heartbeat_targets", "value": targets},
	{"op": "add", "path": "/network/heartbeat_targets", "value": probes},
])

_answers := {"state": "answers", "method": "icmp", "evidence": ["icmp: echo reply from 10.11.0.1"], "error": null}

_silent := {
	"state": "silent", "method": "icmp",
	"evidence": ["icmp: no echo reply within 2s", "tcp/80,443,8004,3389,22,445,135: no answer within 2s"],
	"error": null,
}

test_skip_when_no_plan_is_given if {
	r := req.result with input as fixtures.ready_vip
	r.status == "skip"
	r.messages == ["no inverted-heartbeat targets were given (--inverted-heartbeat), so there is no plan to check"]
}

test_skip_when_the_plan_is_empty if {
	r := req.result with input as _plan([], null)
	r.status == "skip"
}

test_pass_when_the_target_answers if {
	r := req.result with input as _plan(["10.11.0.1"], {"10.11.0.1": _answers})
	r.status == "pass"
	r.messages == []
}

test_pass_in_hostname_mode if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "add", "path": "/intent/inverted_heartbeat_targets", "value": ["10.11.0.1"]},
		{"op": "add", "path": "/network/heartbeat_targets", "value": {"10.11.0.1": _answers}},
	])
	r := req.result with input as facts
	r.status == "pass"
}

test_warn_when_the_target_is_silent if {
	r := req.result with input as _plan(["10.11.0.1"], {"10.11.0.1": _silent})
	r.status == "warn"
	r.messages == [concat("", [
		"inverted-heartbeat target 10.11.0.1 did not answer the probe from ci-runner ",
		"(icmp: no echo reply within 2s; tcp/80,443,8004,3389,22,445,135: no answer within 2s)",
	])]
}

test_warn_without_observer_name if {
	facts := json.patch(_plan(["10.11.0.1"], {"10.11.0.1": {"state": "silent"}}), [
		{"op": "replace", "path": "/network/observed_from", "value": null},
	])
	r := req.result with input as facts
	r.status == "warn"
	r.messages == ["inverted-heartbeat target 10.11.0.1 did not answer the probe (no evidence recorded)"]
}

test_warn_when_the_target_is_the_backup if {
	r := req.result with input as _plan(["10.11.4.52"], {"10.11.4.52": _answers})
	r.status == "warn"
	r.messages == ["inverted-heartbeat target 10.11.4.52 is an address of the backup, which the normal heartbeats target"]
}

test_warn_when_the_target_is_an_interface_address_of_the_primary if {
	facts := json.patch(_plan(["10.12.5.52"], {"10.12.5.52": _answers}), [
		{"op": "replace", "path": "/agents/primary/addresses", "value": ["10.11.5.52"]},
	])
	r := req.result with input as facts
	r.status == "warn"
	r.messages == ["inverted-heartbeat target 10.12.5.52 is an address of the primary, which the normal heartbeats target"]
}

test_warn_wins_over_unknown if {
	r := req.result with input as _plan(["10.11.0.1", "10.11.0.2"], {"10.11.0.1": _silent})
	r.status == "warn"
	r.messages == [
		concat("", [
			"inverted-heartbeat target 10.11.0.1 did not answer the probe from ci-runner ",
			"(icmp: no echo reply within 2s; tcp/80,443,8004,3389,22,445,135: no answer within 2s)",
		]),
		"inverted-heartbeat target 10.11.0.2 was not probed",
	]
}

test_unknown_when_the_probe_is_undetermined if {
	probe := {
		"state": "undetermined", "method": "tcp",
		"evidence": ["icmp not permitted (ping socket: permission denied; raw socket: operation not permitted)"],
		"error": "no ICMP echo and no host seen by TCP or ARP",
	}
	r := req.result with input as _plan(["10.11.0.1"], {"10.11.0.1": probe})
	r.status == "unknown"
	r.messages == [concat("", [
		"inverted-heartbeat target 10.11.0.1: the probe could not tell whether it answers ",
		"(icmp not permitted (ping socket: permission denied; raw socket: operation not permitted); ",
		"error: no ICMP echo and no host seen by TCP or ARP)",
	])]
}

test_unknown_when_heartbeat_targets_are_absent if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "add", "path": "/intent/inverted_heartbeat_targets", "value": ["10.11.0.1"]},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["inverted-heartbeat target 10.11.0.1 was not probed"]
}

test_unknown_when_heartbeat_targets_are_null if {
	r := req.result with input as _plan(["10.11.0.1"], null)
	r.status == "unknown"
	r.messages == ["inverted-heartbeat target 10.11.0.1 was not probed"]
}

test_unknown_when_network_was_skipped if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "add", "path": "/intent/inverted_heartbeat_targets", "value": ["10.11.0.1"]},
		{"op": "replace", "path": "/network", "value": null},
		{"op": "replace", "path": "/gatherer/skip_network", "value": true},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == [concat("", [
		"inverted-heartbeat target 10.11.0.1 was not probed ",
		"(network probes were switched off with --skip-network)",
	])]
}

test_unknown_when_backup_addresses_are_null if {
	facts := json.patch(_plan(["10.11.0.1"], {"10.11.0.1": _answers}), [
		{"op": "replace", "path": "/agents/backup/addresses", "value": null},
		{"op": "remove", "path": "/agents/backup/network_interfaces"},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: IP address list was not collected"]
}

test_unknown_when_primary_addresses_are_absent if {
	facts := json.patch(_plan(["10.11.0.1"], {"10.11.0.1": _answers}), [
		{"op": "remove", "path": "/agents/primary/addresses"},
		{"op": "replace", "path": "/agents/primary/network_interfaces", "value": null},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: IP address list was not collected"]
}

test_pass_when_only_the_interface_list_gives_addresses if {
	facts := json.patch(_plan(["10.11.0.1"], {"10.11.0.1": _answers}), [
		{"op": "replace", "path": "/agents/primary/addresses", "value": null},
	])
	r := req.result with input as facts
	r.status == "pass"
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO509"
	r.name == "heartbeat-targets-reachable"
	r.severity == "warning"
	r.area == "Platform and network"
	count(r.docs) == 3
}

# A target that answers but is no third device proves nothing: the answer comes from an agent
# (a virtual IP, loopback), or from no single device at all.
test_warn_when_the_target_is_a_virtual_ip if {
	r := req.result with input as _plan(["10.11.250.44"], {"10.11.250.44": _answers})
	r.status == "warn"
	r.messages == ["inverted-heartbeat target 10.11.250.44 is a virtual IP of the pair, held by the online agent"]
}

test_warn_when_the_target_is_no_single_device if {
	targets := ["127.0.0.1", "::1", "0.0.0.0", "255.255.255.255", "224.0.0.1"]
	r := req.result with input as _plan(targets, {t: _answers | some t in targets})
	r.status == "warn"
	r.messages == [
		"inverted-heartbeat target 0.0.0.0 is an unspecified address, not the address of a third device",
		"inverted-heartbeat target 127.0.0.1 is a loopback address, not the address of a third device",
		"inverted-heartbeat target 224.0.0.1 is a multicast address, not the address of a third device",
		"inverted-heartbeat target 255.255.255.255 is the broadcast address, not the address of a third device",
		"inverted-heartbeat target ::1 is a loopback address, not the address of a third device",
	]
}

test_warn_when_the_target_is_not_an_address if {
	targets := ["", "not a host!", "10.11.0.1/24"]
	r := req.result with input as _plan(targets, {t: _answers | some t in targets})
	r.status == "warn"
	r.messages == [
		"inverted-heartbeat target \"\" is neither an IP address nor a host name",
		"inverted-heartbeat target \"10.11.0.1/24\" is neither an IP address nor a host name",
		"inverted-heartbeat target \"not a host!\" is neither an IP address nor a host name",
	]
}

test_pass_when_the_target_is_a_host_name if {
	r := req.result with input as _plan(["dc01.example.local."], {"dc01.example.local.": _answers})
	r.status == "pass"
}

# An agent's IPv6 address in upper case is still the agent's.
test_warn_when_the_target_is_an_agent_address_in_upper_case if {
	facts := json.patch(_plan(["FD00::5:52"], {"FD00::5:52": _answers}), [
		{"op": "replace", "path": "/agents/primary/addresses", "value": ["10.11.5.52", "fd00::5:52"]},
	])
	r := req.result with input as facts
	r.status == "warn"
	r.messages == ["inverted-heartbeat target FD00::5:52 is an address of the primary, which the normal heartbeats target"]
}

# An address of an agent or a virtual IP is recognised whatever the spelling of either.
test_warn_when_the_target_spells_an_agents_ipv6_address_otherwise if {
	facts := json.patch(_plan(["FD00:0::4:52"], {"FD00:0::4:52": _answers}), [
		{"op": "replace", "path": "/agents/backup/addresses", "value": ["fd00::4:52"]},
	])
	r := req.result with input as facts
	r.status == "warn"
	r.messages == [concat("", [
		"inverted-heartbeat target FD00:0::4:52 is an address of the backup, ",
		"which the normal heartbeats target",
	])]
}
