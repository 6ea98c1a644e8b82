# METADATA
# title: The agents' network interfaces use static addresses
# description: |
#   DataMiner needs a static IP address on its network interfaces, not one leased by DHCP:
#   the DataMiner System and the Failover configuration refer to the agents by IP address,
#   which must not change. The Failover pages do not say this; it is a prerequisite of the
#   DataMiner installer, which dmaprep applies to both agents of the pair (derived rule).
#   Every interface the gatherer listed is checked; an interface whose DHCP state was not
#   observed leaves the requirement unknown.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Getting_started/Installing_a_DMA/Installing_DM_using_the_DM_Installer.html
#     description: Installing DataMiner using the DataMiner Installer
# custom:
#   id: FO507
#   name: static-ip
#   severity: error
#   facts:
#     - agents.*.network_interfaces
#   example_failure: >-
#     backup: interface Acquisition (10.12.4.52) gets its address from DHCP
#   example_unknown: >-
#     primary: network interface list was not collected
#   remediation: |
#     On the agent, open the interface's IPv4 properties (Windows Network Connections, or
#     `Set-NetIPInterface -InterfaceAlias NAME -Dhcp Disabled` and `New-NetIPAddress` in
#     PowerShell) and give it a fixed address, mask, gateway and DNS servers; reserve the
#     address in the DHCP scope so it is not handed out again. Gather the agent's facts on
#     the host (`dmaprep gather agent`) so that the DHCP state of each interface is known.
package dmaprep.requirements.static_ip

import data.dmaprep.lib

# An empty list is no more a fact about the interfaces than a missing one.
# _interfaces is read whole (built once, as the rules below iterate it anyway): a lookup by
# key into the partial rule would evaluate its body once more per agent.
unknown contains lib.missing(agent, "network_interfaces", "network interface list") if {
	interfaces := _interfaces
	some agent in lib.agents
	not interfaces[agent]
}

violation contains lib.about(agent, msg) if {
	some agent, nics in _interfaces
	some nic in nics
	nic.dhcp == true
	msg := sprintf("%s: interface %s%s gets its address from DHCP", [agent, nic.name, _ips(nic)])
}

unknown contains lib.about(agent, msg) if {
	some agent, nics in _interfaces
	some nic in nics
	object.get(nic, "dhcp", null) == null
	msg := sprintf("%s: whether interface %s%s uses DHCP was not collected", [agent, nic.name, _ips(nic)])
}

# A plain reference reads the list (cheaper than lib.fact): an absent list fails is_array
# just as a null one does.
_interfaces[agent] := nics if {
	some agent in lib.agents
	nics := input.agents[agent].network_interfaces
	is_array(nics)
	count(nics) > 0
}

# _ips is " (10.11.5.52, ...)" for an interface with addresses, "" otherwise.
_ips(nic) := sprintf(" (%s)", [concat(", ", ips)]) if {
	addresses := object.get(nic, "addresses", null)
	is_array(addresses)
	ips := [a.ip | some a in addresses]
	count(ips) > 0
} else := ""

result := lib.result(rego.metadata.chain(), {"unknown": unknown, "violation": violation})
