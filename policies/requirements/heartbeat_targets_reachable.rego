# METADATA
# title: Inverted-heartbeat targets answer and differ from the normal heartbeat addresses
# description: |
#   Failover agents watch each other with normal heartbeats (primary to backup and back)
#   and, recommended, inverted heartbeats to a third device such as a domain controller or
#   a local switch, so that an agent cut off from the network does not also go online. An
#   inverted heartbeat is a ping, so its target must answer ICMP from both agents, and it
#   must never target an address a normal heartbeat targets (an agent's own address), nor
#   one that is no third device (a virtual IP of the pair, loopback, unspecified, broadcast
#   or multicast, or a value that is neither an IP address nor a host name).
#   This applies when the operator gives the heartbeat plan (--inverted-heartbeat); the
#   gatherer probes each target from where it runs, which stands in for the agents. The
#   rule on distinct targets is an error in the docs when a plan is given; the catalogue
#   keeps the whole requirement at warning.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Advanced_Failover_options.html
#     description: Advanced Failover options
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Failover_configuration_in_Cube.html
#     description: Failover configuration in DataMiner Cube
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Security/DataMiner_hardening_guide.html
#     description: DataMiner hardening guide (ICMP for heartbeats)
# custom:
#   id: FO509
#   name: heartbeat-targets-reachable
#   severity: warning
#   facts:
#     - network.heartbeat_targets
#     - intent.inverted_heartbeat_targets
#     - intent.virtual_ips
#     - agents.*.addresses
#     - agents.*.network_interfaces
#     - gatherer.skip_network
#   example_failure: >-
#     inverted-heartbeat target 10.11.0.1 did not answer the probe from ci-runner (icmp: no echo
#     reply within 2s; tcp/80,443,8004,3389,22,445,135: no answer within 2s; arp: no reply for
#     10.11.0.1 on eth0 (FAILED))
#   remediation: |
#     Pick as inverted-heartbeat target a third device that both agents reach on the
#     corporate network and that answers ping (a domain controller or the local switch),
#     never the primary's or the backup's own address. Allow ICMP echo from both agents to
#     it (firewall), check with `ping TARGET` on each agent, and gather again with
#     --inverted-heartbeat TARGET and without --skip-network so that each target is probed.
package dmaprep.requirements.heartbeat_targets_reachable

import data.dmaprep.lib

skip contains "no inverted-heartbeat targets were given (--inverted-heartbeat), so there is no plan to check" if {
	not _planned
}

_planned if count(_targets) > 0

_targets := t if {
	t := input.intent.inverted_heartbeat_targets
	is_array(t)
} else := []

violation contains sprintf("inverted-heartbeat target %s did not answer the probe%s (%s)", [
	ip, _observed_from, _detail(probe),
]) if {
	_planned
	some ip in _targets
	probe := _probe(ip)
	probe.state == "silent"
}

violation contains sprintf("inverted-heartbeat target %s is an address of the %s, which the normal heartbeats target", [
	ip, agent,
]) if {
	_planned
	some ip in _targets
	some agent in lib.agents
	some own in _agent_ips[agent]
	lib.same_address(ip, own)
}

# A virtual IP moves to whichever agent is online, so a heartbeat to it reaches one of the
# agents: no third device.
violation contains sprintf("inverted-heartbeat target %s is a virtual IP of the pair, held by the online agent", [
	ip,
]) if {
	_planned
	some ip in _targets
	some vip in lib.virtual_ips
	lib.same_address(ip, vip)
}

# An answer at such an address proves nothing about a third device: a loopback address is the
# agent itself, and no device holds an unspecified, broadcast or multicast address.
violation contains sprintf("inverted-heartbeat target %s is %s, not the address of a third device", [ip, kind]) if {
	_planned
	some ip in _targets
	lib.is_ip(ip)
	some [cidr, kind] in _special_ranges
	net.cidr_contains(cidr, ip)
}

violation contains sprintf("inverted-heartbeat target %q is neither an IP address nor a host name", [name]) if {
	_planned
	some name in _targets
	not lib.is_ip(name)
	not _is_host_name(name)
}

_is_host_name(name) if {
	is_string(name)
	count(name) <= 254
	regex.match(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$`, name)
}

_special_ranges := [
	["127.0.0.0/8", "a loopback address"],
	["::1/128", "a loopback address"],
	["0.0.0.0/8", "an unspecified address"],
	["::/128", "an unspecified address"],
	["255.255.255.255/32", "the broadcast address"],
	["224.0.0.0/4", "a multicast address"],
	["ff00::/8", "a multicast address"],
]

unknown contains sprintf("inverted-heartbeat target %s: the probe could not tell whether it answers (%s)", [
	ip, _detail(probe),
]) if {
	_planned
	some ip in _targets
	probe := _probe(ip)
	probe.state == "undetermined"
}

unknown contains sprintf("inverted-heartbeat target %s was not probed%s", [ip, _why_not_probed]) if {
	_planned
	some ip in _targets
	not _probe(ip)
}

# Without an agent's addresses the targets cannot be told apart from its normal heartbeats.
unknown contains lib.missing(agent, "addresses", "IP address list") if {
	_planned
	some agent in lib.agents
	count(_agent_ips[agent]) == 0
}

# _agent_ips[agent] are the agent's addresses (lib.agent_addresses), compared with
# lib.same_address, so any spelling of an IPv6 address matches.
_agent_ips[agent] := lib.agent_addresses(agent) if {
	_planned
	some agent in lib.agents
}

_array(x) := x if is_array(x)

else := []

# _probe is the gatherer's probe of a target, keyed as the operator gave the address.
_probe(ip) := p if {
	p := input.network.heartbeat_targets[ip]
	is_object(p)
}

_observed_from := sprintf(" from %s", [name]) if {
	name := input.network.observed_from
	is_string(name)
} else := ""

_why_not_probed := " (network probes were switched off with --skip-network)" if {
	input.gatherer.skip_network == true
} else := ""

# _detail is the probe's evidence and error. Each evidence line names its method already,
# e.g. "icmp: no echo reply within 2s".
_detail(probe) := concat("; ", parts) if {
	error := object.get(probe, "error", null)
	errors := [sprintf("error: %s", [error]) | is_string(error); error != ""]
	parts := array.concat(_array(object.get(probe, "evidence", null)), errors)
	count(parts) > 0
} else := "no evidence recorded"

result := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation})
