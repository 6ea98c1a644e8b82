# METADATA
# title: Virtual IPs differ from each other and from the agents' addresses
# description: |
#   In virtual IP mode, each virtual IP must be a distinct address, and none may be an
#   address the primary or the backup already has: a virtual IP moves to whichever agent is
#   online, so an address that is fixed on an agent, or listed twice, cannot serve as one.
#   This is derived from the rule that the virtual IPs are additional addresses reserved for
#   the pair. Addresses are compared as addresses, not as text (2001:DB8::1 and
#   2001:db8:0::1 are the same).
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/About_DMA_Failover.html
#     description: About DMA Failover
# custom:
#   id: FO204
#   name: virtual-ip-distinct
#   severity: error
#   remediation: |
#     Give one distinct, additional address per network interface with --virtual-ip: not an
#     address configured on the primary or the backup (see ipconfig /all on each agent) and
#     not the same address twice. If a virtual IP was bound to an agent's network interface
#     by hand, remove it there: DataMiner binds the virtual IPs to the online agent itself.
package dmaprep.requirements.virtual_ip_distinct

import data.dmaprep.lib

skip contains lib.mode_skip("virtual_ip") if not _vip_mode

_vip_mode if lib.mode == "virtual_ip"

unknown contains lib.missing(agent, "addresses", "IP address list") if {
	# Skipped requirements cost nothing more: the mode test comes first.
	_vip_mode
	some agent in lib.agents
	count(_list(agent, "addresses")) == 0
}

# A folder copy cannot list interfaces; the operator's --primary-ip/--backup-ip still give
# the addresses the pair will be configured with. Checking against those alone is a
# degraded check (other addresses bound to the interfaces are not known), so it warns.
warning contains msg if {
	_vip_mode
	some agent in lib.agents
	count(_list(agent, "addresses")) > 0
	count(_list(agent, "network_interfaces")) == 0
	msg := sprintf(
		"%s: checked against its primary IPs only; its network interfaces (and any other address on them) were not collected",
		[agent],
	)
}

violation contains msg if {
	_vip_mode
	some key, given in _given_by_address
	count(given) > 1
	msg := sprintf("virtual IP %s is given %d times%s", [given[0], count(given), _spellings(given)])
}

violation contains msg if {
	_vip_mode
	some ip in lib.virtual_ips
	some agent in lib.agents
	key := _canonical(ip)
	_own_addresses[agent][key]
	msg := sprintf("virtual IP %s is already an address of the %s%s", [ip, agent, _interfaces_text(agent, key)])
}

# _given_by_address groups the virtual IPs as given by the address they denote.
_given_by_address[key] := [ip | some ip in lib.virtual_ips; _canonical(ip) == key] if {
	some given in lib.virtual_ips
	key := _canonical(given)
}

_spellings(given) := sprintf(" (as %s)", [concat(", ", given)]) if {
	count({ip | some ip in given}) > 1
} else := ""

# _own_addresses[agent] is every address of an agent: its primary IP per interface and every
# address bound to any of its interfaces.
_own_addresses[agent] := listed | bound if {
	some agent in lib.agents
	listed := {_canonical(ip) | some ip in _list(agent, "addresses")}
	bound := {_canonical(a.ip) |
		some nic in _list(agent, "network_interfaces")
		some a in object.get(nic, "addresses", [])
	}
}

_interfaces_text(agent, key) := sprintf(" (interface %s)", [concat(", ", names)]) if {
	names := [nic.name |
		some nic in _list(agent, "network_interfaces")
		some a in object.get(nic, "addresses", [])
		_canonical(a.ip) == key
	]
	count(names) > 0
} else := ""

# _list is a list fact of an agent, [] when it is null or absent; the unknown rules take an
# empty list for a missing one, as it says no more about the agent.
_list(agent, fact) := l if {
	l := lib.fact(agent, fact)
	is_array(l)
} else := []

# _canonical is an IP address in one spelling: the CIDR merge prints IPv6 in its canonical
# lower-case form and IPv4-mapped IPv6 as IPv4. What does not parse (FO201 reports it) is
# only lower-cased.
_canonical(ip) := split(merged, "/")[0] if {
	net.cidr_is_valid(sprintf("%s/32", [ip]))
	some merged in net.cidr_merge([sprintf("%s/%d", [ip, _host_bits(ip)])])
} else := lower(ip)

_host_bits(ip) := 128 if contains(ip, ":")

_host_bits(ip) := 32 if not contains(ip, ":")

result := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation, "warning": warning})
