# METADATA
# title: Virtual IPs differ from each other and from the agents' addresses
# description: |
#   In virtual IP mode, each virtual IP must be a distinct address, and none may be an
#   address the primary or the backup already has: a virtual IP moves to whichever agent is
#   online, so an address that is fixed on an agent, or listed twice, cannot serve as one.
#   This is derived from the rule that the virtual IPs are additional addresses reserved for
#   the pair. Addresses are compared as addresses, not as text (2001:DB8::1 and
#   2001:db8:0::1 are the same). Nor may the two agents share an address: they would be one
#   machine described twice, or clash on the network.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/About_DMA_Failover.html
#     description: About DMA Failover
# custom:
#   id: FO204
#   name: virtual-ip-distinct
#   severity: error
#   facts:
#     - intent.virtual_ips
#     - agents.*.addresses
#   example_failure: >-
#     virtual IP 10.11.250.44 is given 2 times
#   example_unknown: >-
#     primary: IP address list was not collected
#   remediation: |
#     Give one distinct, additional address per network interface with --virtual-ip: not an
#     address configured on the primary or the backup (see ipconfig /all on each agent) and
#     not the same address twice. If a virtual IP was bound to an agent's network interface
#     by hand, remove it there: DataMiner binds the virtual IPs to the online agent itself.
package dmaprep.requirements.virtual_ip_distinct

import data.dmaprep.lib

# Every rule tests the mode first, so in shared hostname mode this requirement costs only
# its skip. "not lib.mode == ..." also skips while the mode is undecided.
skip contains lib.mode_skip("virtual_ip") if not lib.mode == "virtual_ip"

unknown contains lib.missing(agent, "addresses", "IP address list") if {
	lib.mode == "virtual_ip"
	some agent, a in _agent
	count(a.addresses) == 0
}

# A folder copy cannot list interfaces; the operator's --primary-ip/--backup-ip still give
# the addresses the pair will be configured with. Checking against those alone is a
# degraded check (other addresses bound to the interfaces are not known), so it warns.
warning contains lib.about(agent, msg) if {
	lib.mode == "virtual_ip"
	some agent, a in _agent
	count(a.addresses) > 0
	count(a.nics) == 0
	msg := sprintf(
		"%s: checked against its primary IPs only; its network interfaces (and any other address on them) were not collected",
		[agent],
	)
}

# _vip_keys[i] is the address virtual IP i denotes; each is canonicalised once here and
# reused by both violations.
_vip_keys := [lib.canonical_address(ip) | some ip in lib.virtual_ips]

violation contains msg if {
	lib.mode == "virtual_ip"

	# Cheap guard: only when fewer distinct addresses than virtual IPs are given is any
	# address given twice; only then are the spellings grouped.
	keys := {key | some key in _vip_keys}
	count(keys) < count(_vip_keys)
	some key in keys
	given := [lib.virtual_ips[i] | some i, k in _vip_keys; k == key]
	count(given) > 1
	msg := sprintf("virtual IP %s is given %d times%s", [given[0], count(given), _spellings(given)])
}

violation contains lib.about(agent, msg) if {
	lib.mode == "virtual_ip"
	some agent, a in _agent
	some i, key in _vip_keys
	a.own[key]
	msg := sprintf("virtual IP %s is already an address of the %s%s", [
		lib.virtual_ips[i], agent, _interfaces_text(agent, key),
	])
}

# Two agents that share an address are one machine described twice, or clash on the network:
# no address decides which agent holds the virtual IPs, and nothing above can tell.
violation contains msg if {
	lib.mode == "virtual_ip"
	shared := _listed("primary") & _listed("backup")
	count(shared) > 0
	msg := sprintf("the primary and the backup both have %s %s", [
		{true: "address", false: "addresses"}[count(shared) == 1], concat(", ", sort(shared)),
	])
}

# The agents' own addresses (one per interface), not every address bound to an interface:
# two hosts on separate links may well hold the same link-local address.
_listed(agent) := {lib.canonical_address(ip) | some ip in _agent[agent].addresses}

_spellings(given) := sprintf(" (as %s)", [concat(", ", given)]) if {
	count({ip | some ip in given}) > 1
} else := ""

# _agent[agent] holds, read once for all rules (virtual IP mode only), an agent's address
# list and interface list ([] when missing) and every address it has (own): its primary
# IP per interface and every address bound to any of its interfaces.
_agent[agent] := {"addresses": addresses, "nics": nics, "own": (listed | bound)} if {
	lib.mode == "virtual_ip"
	some agent in lib.agents
	addresses := _list(agent, "addresses")
	nics := _list(agent, "network_interfaces")
	listed := {lib.canonical_address(ip) | some ip in addresses}
	bound := {lib.canonical_address(a.ip) |
		some nic in nics
		some a in object.get(nic, "addresses", [])
	}
}

_interfaces_text(agent, key) := sprintf(" (interface %s)", [concat(", ", names)]) if {
	names := [nic.name |
		some nic in _list(agent, "network_interfaces")
		some a in object.get(nic, "addresses", [])
		lib.canonical_address(a.ip) == key
	]
	count(names) > 0
} else := ""

# _list is a list fact of an agent, [] when it is null or absent; the unknown rules take an
# empty list for a missing one, as it says no more about the agent. It reads the fact as
# lib.fact does, inline, to save a call.
_list(agent, fact) := l if {
	l := object.get(input.agents[agent], fact, null)
	is_array(l)
} else := []

result := lib.result(rego.metadata.chain(), {
	"skip": skip,
	"unknown": unknown,
	"violation": violation,
	"warning": warning,
})
