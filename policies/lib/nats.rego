# METADATA
# title: Which NATS solution each agent uses
# description: |
#   Which NATS solution each agent uses, for the requirements that depend on it (FO801 port
#   9090, FO802, FO803, FO906): the legacy SLNet-managed NATS (services NAS and NATS) or
#   BrokerGateway-managed NATS (service nats-server). MaintenanceSettings.xml
#   <SLNet><BrokerGateway>true</BrokerGateway></SLNet> marks a migrated agent; from
#   10.6.0/10.6.1 BrokerGateway is the only solution and the setting is no longer used, so
#   there a false (or absent) setting does not mean legacy NATS. Before the feature was
#   released (10.5.0 [CU2]/10.5.5) it was a soft-launch option: SoftLaunchOptions.xml
#   <SLNet><BrokerGateway>true</BrokerGateway></SLNet> (broker_gateway_soft_launch) also
#   selects BrokerGateway there, from the option's minimum version (10.5.0/10.4.1) on; before
#   that version the option does not exist and from the release on it is ignored.
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

# The release from which the BrokerGateway soft-launch option is ignored (Overview of
# soft-launch options).
soft_launch_released := "10.5.0 [CU2]/10.5.5"

# The version from which the soft-launch option exists. The overview of soft-launch options
# gives the Feature Release 10.4.1 as its minimum version and names no Main Release; the
# feature overview gives the soft launch as "DataMiner 10.5.0/10.5.2", so the Main Release
# track has it from 10.5.0 (its CU0 and CU1: from CU2 on it is released). The two pages
# disagree on the Feature Releases 10.4.1 to 10.5.1; the overview, the reference of the
# options and of their release versions above, decides there.
soft_launch_minimum := "10.5.0/10.4.1"

_soft_launch_minimum_tokens := version.condition(soft_launch_minimum)

# soft_launch[agent] is version.satisfies(version, soft_launch_released) for each agent
# whose soft-launch option is true and whose MaintenanceSettings.xml setting is not, on a
# version that may have the option (not known to be before soft_launch_minimum, where the
# option does not exist and so leaves the agent on the legacy solution): "false" means the
# option is in force.
soft_launch := {agent: version.satisfies(v, soft_launch_released) |
	some agent in lib.agents
	object.get(input.agents[agent], "broker_gateway_soft_launch", null) == true
	object.get(input.agents[agent], "broker_gateway", null) != true
	v := input.agents[agent].version
	v != null
	version.decision(v, _soft_launch_minimum_tokens) != "false"
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

solution[agent] := "broker_gateway" if {
	some agent, s in soft_launch
	s.value == "false"
}

solution[agent] := "legacy" if {
	some agent, s in since
	s.value == "false"
	input.agents[agent].broker_gateway == false
	not _soft_launch_open(agent)
}

# _soft_launch_open(agent): the soft-launch option is on and may be in force (before its
# release, or not known to be after it).
_soft_launch_open(agent) if soft_launch[agent].value != "true"

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

basis[agent] := sprintf(
	concat("", [
		"the BrokerGateway soft-launch option is true in SoftLaunchOptions.xml and it ",
		"runs %s, before %s (from where the option is ignored)",
	]),
	[version.label(lib.fact(agent, "version")), soft_launch_released],
) if {
	some agent, s in soft_launch
	s.value == "false"
	since[agent].value != "true"
}

basis[agent] := sprintf("BrokerGateway is %s and it runs %s, before %s", [
	_setting_text(agent), version.label(lib.fact(agent, "version")), only_broker_gateway,
]) if {
	solution[agent] == "legacy"
}

# A missing <BrokerGateway> reads as false, but messages say which it was.
_setting_text(agent) := "absent from MaintenanceSettings.xml" if {
	_setting_word(agent) == "absent"
} else := "false in MaintenanceSettings.xml"

_setting_word(agent) := "absent" if {
	object.get(input.agents[agent], "broker_gateway_absent", false) == true
} else := "false"

_only := sprintf("only BrokerGateway from %s", [only_broker_gateway])

_setting := "the BrokerGateway setting (MaintenanceSettings.xml)"

# unknown[agent] says which fact is missing for an undecided agent.
unknown[agent] := lib.missing(agent, "broker_gateway", _setting) if {
	some agent in lib.agents
	object.get(input.agents[agent], "broker_gateway", null) == null
	not solution[agent]
}

unknown[agent] := lib.about(agent, sprintf("%s, which tells whether BrokerGateway false means legacy NATS (%s)", [
	lib.version_missing(agent).message, _only,
])) if {
	some agent in lib.agents
	input.agents[agent].broker_gateway == false
	not lib.version_known(agent)
}

# indeterminate[agent] explains an agent whose solution depends on a parsed version that
# cannot be placed against only_broker_gateway (a version that is not parsed is unknown).
indeterminate[agent] := lib.about(agent, sprintf(
	"cannot tell whether %s uses legacy NATS (BrokerGateway is %s; %s): %s",
	[agent, _setting_word(agent), _only, trim_suffix(s.reason, ".")],
)) if {
	some agent, s in since
	s.value == "indeterminate"
	input.agents[agent].broker_gateway == false
	lib.version_known(agent)
	not soft_launch[agent].value == "false"
}

indeterminate[agent] := lib.about(agent, sprintf(
	concat("", [
		"cannot tell whether %s uses BrokerGateway through its soft-launch option (true ",
		"in SoftLaunchOptions.xml; ignored from %s): %s",
	]),
	[agent, soft_launch_released, trim_suffix(s.reason, ".")],
)) if {
	some agent, s in soft_launch
	s.value == "indeterminate"
	since[agent].value == "false"
}
