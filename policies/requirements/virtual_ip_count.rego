# METADATA
# title: One virtual IP per network interface of the agents
# description: |
#   In virtual IP mode, Failover needs one additional IP address per network interface of
#   the agents: one virtual IP when the agents have a single interface, two when they have
#   two (corporate first, then acquisition). The online agent takes these addresses, so
#   primary and backup must also have the same number of interfaces. An agent's interfaces
#   are counted from its own addresses, one primary IP per interface.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/About_DMA_Failover.html
#     description: About DMA Failover
# custom:
#   id: FO202
#   name: virtual-ip-count
#   severity: error
#   facts:
#     - intent.virtual_ips
#     - agents.*.addresses
#   example_failure: >-
#     1 virtual IP for agents with 2 network interfaces
#   example_unknown: >-
#     primary: IP address list was not collected
#   remediation: |
#     Reserve one virtual IP per network interface, in the subnet of that interface, and pass
#     them in interface order (corporate first): --virtual-ip IP once per interface. Give
#     primary and backup the same network interfaces (Windows Network Connections, in the
#     same order), or pass the agents' addresses with --primary-ip/--backup-ip, one per
#     interface, when they were not read from the agents.
package dmaprep.requirements.virtual_ip_count

import data.dmaprep.lib

skip contains lib.mode_skip("virtual_ip") if not _vip_mode

_vip_mode if lib.mode == "virtual_ip"

# An empty list is no more a fact about the interfaces than a missing one.
unknown contains lib.missing(agent, "addresses", "IP address list") if {
	# Skipped requirements cost nothing more: the mode test comes first.
	_vip_mode
	some agent in lib.agents
	not _interfaces[agent]
}

violation contains msg if {
	_vip_mode
	_interfaces.primary != _interfaces.backup
	msg := sprintf("primary has %s, backup has %d", [
		_count_text(_interfaces.primary, "network interface"), _interfaces.backup,
	])
}

violation contains msg if {
	_vip_mode
	n := _interfaces.primary
	n == _interfaces.backup
	count(lib.virtual_ips) != n
	msg := sprintf("%s for agents with %s", [
		_count_text(count(lib.virtual_ips), "virtual IP"), _count_text(n, "network interface"),
	])
}

# _interfaces[agent] is the number of network interfaces of an agent: one address each.
_interfaces[agent] := count(addresses) if {
	some agent in lib.agents
	addresses := lib.fact(agent, "addresses")
	is_array(addresses)
	count(addresses) > 0
}

_count_text(1, noun) := sprintf("1 %s", [noun])

_count_text(n, noun) := sprintf("%d %ss", [n, noun]) if n != 1

result := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation})
