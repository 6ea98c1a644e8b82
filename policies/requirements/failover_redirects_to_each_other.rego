# METADATA
# title: With connection strings in DMS.xml, each Failover agent has a redirect to the other
# description: |
#   Connection strings between agents (the <Redirects> of DMS.xml, e.g. to make the agents
#   talk gRPC through https://IP/APIGateway while .NET Remoting stays enabled) are
#   configured in each agent's own DMS.xml, and the agents of a Failover pair also need a
#   redirect to each other's IP address. The requirement applies when either agent's DMS.xml
#   has a <Redirect>; a redirect to * (every agent) counts as one to the other agent. An
#   agent whose DMS.xml or addresses were not collected makes the check unknown.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Reference/Skyline_DataMiner_Folder/More_information_on_certain_files_and_folders/DMS_xml.html
#     description: DMS.xml (Redirects subtag)
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Systems/Adding_a_DMA/Connection_strings.html
#     description: Connection strings
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Security/DataMiner_hardening_guide.html
#     description: DataMiner hardening guide (gRPC)
# custom:
#   id: FO804
#   name: failover-redirects-to-each-other
#   severity: error
#   facts:
#     - agents.*.redirects
#     - agents.*.addresses
#   example_failure: >-
#     backup's DMS.xml has no redirect to primary (10.11.5.52, 10.12.5.52); its redirects: none
#   example_unknown: >-
#     primary: DMS.xml <Redirects> (redirects) was not collected
#   remediation: |
#     In C:\Skyline DataMiner\DMS.xml of each agent, add under <Redirects> a redirect to the
#     other agent's primary IP in the form the DMS uses, e.g.
#     <Redirect to="10.11.4.52" via="https://10.11.4.52/APIGateway"/> on the primary and
#     <Redirect to="10.11.5.52" via="https://10.11.5.52/APIGateway"/> on the backup, then
#     restart DataMiner (or set the connection string with SLNetClientTest, which needs no
#     restart). Alternatively remove the connection strings and disable .NET Remoting in
#     MaintenanceSettings.xml on every agent (see FO805).
package dmaprep.requirements.failover_redirects_to_each_other

import data.dmaprep.lib

_other := {"primary": "backup", "backup": "primary"}

unknown contains lib.missing(agent, "redirects", "DMS.xml <Redirects> (redirects)") if {
	some agent in lib.agents
	lib.fact(agent, ["redirects", "entries"]) == null
}

skip contains "neither agent's DMS.xml has a <Redirect>: the agents use the default connections" if {
	every agent in lib.agents {
		lib.fact(agent, ["redirects", "entries"]) == []
	}
}

# An agent without a redirect to the other can only be judged against the other's addresses.
unknown contains lib.about(other, msg) if {
	_applies
	some agent in lib.agents
	_lacks_wildcard(agent)
	other := _other[agent]
	_size(lib.fact(other, "addresses")) == 0
	msg := sprintf(
		concat("", [
			"%s's addresses were not collected, so whether %s's DMS.xml redirects to it ",
			"cannot be told (give --%s-ip)",
		]),
		[other, agent, other],
	)
}

violation contains lib.about(agent, msg) if {
	_applies
	some agent in lib.agents
	_lacks_wildcard(agent)
	other := _other[agent]
	addresses := input.agents[other].addresses
	_size(addresses) > 0
	every entry in input.agents[agent].redirects.entries {
		not _names_one_of(entry.to, addresses)
	}
	msg := sprintf("%s's DMS.xml has no redirect to %s (%s); its redirects: %s", [
		agent, other, concat(", ", addresses), _list(agent),
	])
}

_names_one_of(target, addresses) if {
	some a in addresses
	lib.same_address(target, a)
}

_applies if {
	some agent in lib.agents
	_size(lib.fact(agent, ["redirects", "entries"])) > 0
}

_lacks_wildcard(agent) if {
	entries := input.agents[agent].redirects.entries
	is_array(entries)
	every entry in entries {
		entry.to != "*"
	}
}

_size(list) := count(list) if is_array(list)

_size(list) := 0 if not is_array(list)

# _list names an agent's redirects for messages: "to 10.11.6.10 via https://...", or "none".
_list(agent) := concat(", ", [_describe(e) | some e in input.agents[agent].redirects.entries]) if {
	count(input.agents[agent].redirects.entries) > 0
} else := "none"

_describe(e) := sprintf("to %s via %s", [e.to, e.via]) if {
	is_string(e.via)
	e.via != ""
} else := sprintf("to %s", [e.to])

result := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation})
