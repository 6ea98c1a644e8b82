# METADATA
# title: Primary and backup have the same network interface layout
# description: |
#   Each agent should have its network interfaces in the same layout: the first connection
#   in the Windows network binding order is the corporate network (heartbeats and
#   synchronisation), the second the acquisition network. The online agent takes over the
#   addresses per interface, so primary and backup should have as many interfaces as each
#   other. DataMiner.xml can fix the order with <NetworkAdapters><MAC> (the first MAC that
#   matches gives the agent's primary IP): every MAC listed there should belong to an
#   interface of that host, since one that matches nothing fixes nothing. Both are
#   recommendations (warning).
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Failover_configuration_in_Cube.html
#     description: Failover configuration in DataMiner Cube
#   - ref: https://docs.dataminer.services/develop/schemadoc/DataMiner/DataMiner.NetworkAdapters.html
#     description: DataMiner.xml NetworkAdapters
# custom:
#   id: FO508
#   name: nic-layout-matches
#   severity: warning
#   facts:
#     - agents.*.dataminer_xml
#     - agents.*.network_interfaces
#   example_failure: >-
#     backup: DataMiner.xml <NetworkAdapters> lists MAC E8-EE-7A-CA-98-C1, which no network
#     interface of the host has (it has B0-83-FE-B3-F9-1C, E8-EE-7A-CA-99-D2)
#   example_unknown: >-
#     primary: DataMiner.xml (NetworkAdapters) was not collected
#   remediation: |
#     Give primary and backup the same network interfaces, in the same order (Windows
#     Network Connections: corporate first, acquisition second). In
#     C:\Skyline DataMiner\DataMiner.xml, list under <NetworkAdapters> only MAC addresses of
#     that host's interfaces (ipconfig /all, format AA-BB-CC-DD-EE-FF), corporate first, or
#     remove <NetworkAdapters>; stop and start DataMiner on both agents after a change. Run
#     `dmaprep gather agent` on each host so that its network interfaces are known.
package dmaprep.requirements.nic_layout_matches

import data.dmaprep.lib

# An empty list is no more a fact about the interfaces than a missing one.
# _interfaces is read whole (built once, as the rules below iterate it anyway): a lookup by
# key into the partial rule would evaluate its body once more per agent.
unknown contains lib.missing(agent, "network_interfaces", "network interface list") if {
	interfaces := _interfaces
	some agent in lib.agents
	not interfaces[agent]
}

unknown contains lib.missing(agent, "dataminer_xml", "DataMiner.xml (NetworkAdapters)") if {
	some agent in lib.agents
	object.get(input.agents[agent], "dataminer_xml", null) == null # lib.fact, inline
}

violation contains sprintf("primary has %d network interfaces (%s), backup has %d (%s)", [
	count(primary), _names(primary), count(backup), _names(backup),
]) if {
	primary := _interfaces.primary
	backup := _interfaces.backup
	count(primary) != count(backup)
}

# The MACs of an agent's interfaces are collected here, in the one rule that needs them, and
# only for an agent whose DataMiner.xml lists adapters (plain reference: an absent list
# fails is_array just as a null one does).
violation contains lib.about(agent, msg) if {
	some agent, nics in _interfaces
	listed := input.agents[agent].dataminer_xml.network_adapter_macs
	is_array(listed)
	macs := {mac | some nic in nics; mac := nic.mac; is_string(mac)}
	some mac in listed
	not upper(mac) in macs
	msg := sprintf("%s: DataMiner.xml <NetworkAdapters> lists MAC %s, which no network interface of the host has (%s)", [
		agent, mac, _has(macs),
	])
}

# A plain reference reads the list (cheaper than lib.fact): an absent list fails is_array
# just as a null one does.
_interfaces[agent] := nics if {
	some agent in lib.agents
	nics := input.agents[agent].network_interfaces
	is_array(nics)
	count(nics) > 0
}

_names(nics) := concat(", ", [nic.name | some nic in nics])

_has(macs) := sprintf("it has %s", [concat(", ", sort(macs))]) if count(macs) > 0

else := "no interface MAC was observed"

result := lib.result(rego.metadata.chain(), {"unknown": unknown, "violation": violation})
