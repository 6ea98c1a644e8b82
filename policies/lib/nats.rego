# Which NATS solution each agent uses, for the requirements that depend on it (FO801 port
# 9090, FO802, FO803, FO906): the legacy SLNet-managed NATS (services NAS and NATS) or
# BrokerGateway-managed NATS (service nats-server). MaintenanceSettings.xml
# <SLNet><BrokerGateway>true</BrokerGateway></SLNet> marks a migrated agent; from
# 10.6.0/10.6.1 BrokerGateway is the only solution and the setting is no longer used, so
# there a false (or absent) setting does not mean legacy NATS.
package dmaprep.lib.nats

import data.dmaprep.lib
import data.dmaprep.lib.version

# The condition from which BrokerGateway is the only NATS solution, as the docs print it.
only_broker_gateway := "10.6.0/10.6.1"

# since[agent] is version.satisfies(version, only_broker_gateway) for each agent whose
# BrokerGateway setting is not true; a true setting settles the solution without it.
# The facts are read inline (as lib.fact does) or by plain reference where an absent value
# simply fails the test: cheaper than a call per test. The version library is called once
# per agent at most, here; everything else reads since.
#
# since is one complete object, built once: as a partial rule, a lookup of an agent that has
# no entry (the usual case: BrokerGateway true) would evaluate the rule again each time.
since := {agent: version.satisfies(v, only_broker_gateway) |
	some agent in lib.agents
	object.get(input.agents[agent], "broker_gateway", null) != true
	v := input.agents[agent].version
	v != null
}

# solution[agent] is "broker_gateway" or "legacy"; undefined while undecided (see unknown
# and indeterminate).
solution[agent] := "broker_gateway" if {
	some agent in lib.agents
	input.agents[agent].broker_gateway == true
}

solution[agent] := "broker_gateway" if {
	some agent, s in since
	s.value == "true"
}

solution[agent] := "legacy" if {
	some agent, s in since
	s.value == "false"
	input.agents[agent].broker_gateway == false
}

# names are the solutions as messages name them.
names := {"broker_gateway": "BrokerGateway-managed NATS", "legacy": "legacy SLNet-managed NATS"}

# basis[agent] says what decided the agent's solution, for messages.
basis[agent] := "BrokerGateway is true in MaintenanceSettings.xml" if {
	some agent in lib.agents
	input.agents[agent].broker_gateway == true
}

basis[agent] := sprintf("it runs %s, where BrokerGateway is the only NATS solution (%s or higher)", [
	version.label(lib.fact(agent, "version")), only_broker_gateway,
]) if {
	some agent, s in since
	s.value == "true"
}

basis[agent] := sprintf("BrokerGateway is false in MaintenanceSettings.xml and it runs %s, before %s", [
	version.label(lib.fact(agent, "version")), only_broker_gateway,
]) if {
	solution[agent] == "legacy"
}

_only := sprintf("only BrokerGateway from %s", [only_broker_gateway])

_setting := "the BrokerGateway setting (MaintenanceSettings.xml)"

# unknown[agent] says which fact is missing for an undecided agent.
unknown[agent] := lib.missing(agent, "broker_gateway", _setting) if {
	some agent in lib.agents
	object.get(input.agents[agent], "broker_gateway", null) == null
	not solution[agent]
}

unknown[agent] := lib.about(agent, sprintf("%s, which tells whether BrokerGateway false means legacy NATS (%s)", [
	lib.missing(agent, "version", "DataMiner version").message, _only,
])) if {
	some agent in lib.agents
	input.agents[agent].broker_gateway == false
	object.get(input.agents[agent], "version", null) == null
}

# indeterminate[agent] explains an agent whose solution depends on a version that cannot be
# placed against only_broker_gateway.
indeterminate[agent] := lib.about(agent, sprintf("cannot tell whether %s uses legacy NATS (BrokerGateway is false; %s): %s", [
	agent, _only, trim_suffix(s.reason, "."),
])) if {
	some agent, s in since
	s.value == "indeterminate"
	input.agents[agent].broker_gateway == false
}
