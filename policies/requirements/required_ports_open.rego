# METADATA
# title: The inter-agent ports answer on both agents
# description: |
#   The primary and the backup talk to each other over .NET Remoting (TCP 8004), HTTPS
#   (TCP 443, for gRPC between agents and the web apps) and NATS (TCP 4222 client
#   connections and 6222 cluster routes, plus 9090 for the NATS Account Server of the
#   legacy SLNet-managed NATS). New installations only open 80 and 8004 in the Windows
#   firewall, so the others usually need rules. The ports are probed from the host that
#   ran the gatherer, which stands in for the other agent.
#   NATS exists from 10.1.0/10.1.1 only (the IP network ports page says 10.1.1; other pages
#   name the Main Release 10.1.0 too), so its ports are not required of older agents.
#   From 10.5.10/10.6.0 gRPC over HTTPS is the default inter-agent channel, so 443 is
#   required there whatever the HTTPS setting; before, 443 is required when HTTPS is enabled
#   on either agent (whether gRPC is configured in DMS.xml Redirects is not collected).
#   From 10.6.0/10.6.1 BrokerGateway is the only NATS solution, so 9090 is required only
#   where the BrokerGateway setting is false on an older version.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Agents/Configuring_a_DMA/Configuring_the_IP_network_ports.html
#     description: Configuring the IP network ports
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Security/DataMiner_hardening_guide.html
#     description: DataMiner hardening guide (gRPC by default between agents from 10.5.10/10.6.0)
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Systems/About_DataMiner_Systems/DMA_client_and_inter_DMA_communication.html
#     description: DMA-client and inter-DMA communication (gRPC or .NET Remoting)
# custom:
#   id: FO801
#   name: required-ports-open
#   severity: error
#   facts:
#     - network.ports
#     - agents.*.version
#     - agents.*.https
#     - gatherer.skip_network
#     - agents.*.addresses
#   example_failure: >-
#     backup: port 443 (HTTPS and gRPC) on 10.11.4.52 is closed, probed from ci-runner
#   example_unknown: >-
#     the port probes (network.ports) were not collected
#   remediation: |
#     On both agents, allow the listed TCP ports inbound in Windows Defender Firewall (and in
#     any firewall between the agents), for traffic from the other agent: 8004 always, 4222
#     and 6222 from DataMiner 10.1.0/10.1.1, 443 from 10.5.10/10.6.0 and whenever HTTPS or
#     gRPC is used, and 9090 with the legacy SLNet-managed NATS. Check that the DataMiner
#     services listening on them are running, then gather the facts again.
package dmaprep.requirements.required_ports_open

import data.dmaprep.lib
import data.dmaprep.lib.https
import data.dmaprep.lib.nats
import data.dmaprep.lib.version

_ports := ports if {
	ports := input.network.ports
} else := null

unknown contains concat("", ["the port probes (network.ports) were not collected", _why_no_ports]) if _ports == null

_why_no_ports := " (no network probe ran: --skip-network)" if {
	input.gatherer.skip_network == true
} else := ""

# What each port is for, as the messages name it.
_purpose := {
	8004: ".NET Remoting",
	443: "HTTPS and gRPC",
	4222: "NATS client connections",
	6222: "NATS cluster routes",
	9090: "NATS Account Server of legacy NATS",
}

_required contains 8004

_required contains 4222 if _nats_exists

_required contains 6222 if _nats_exists

# Whether HTTPS is enabled on either agent is lib.https's configured, shared with the
# certificate requirements, so a report decides it once.
_required contains 443 if https.configured

_required contains 443 if _grpc_default

_required contains 9090 if {
	_legacy
	_nats_exists
}

# The version conditions, as the docs print them, each parsed once.
_nats_since := "10.1.0/10.1.1"

_nats_tokens := version.condition(_nats_since)

_grpc_since := "10.5.10/10.6.0"

_grpc_tokens := version.condition(_grpc_since)

# Per agent whose version is known: "true", "false" or "indeterminate".
_nats := {agent: version.decision(v, _nats_tokens) |
	some agent in lib.agents
	v := lib.fact(agent, "version")
	lib.version_known(agent)
}

_grpc := {agent: version.decision(v, _grpc_tokens) |
	some agent in lib.agents
	v := lib.fact(agent, "version")
	lib.version_known(agent)
}

# A port is needed when either agent runs a version that needs it (the agents of a pair run
# one version; FO102 judges that), and certainly not needed when both are known not to.
_nats_exists if {
	some d in _nats
	d == "true"
}

_grpc_default if {
	some d in _grpc
	d == "true"
}

_not_needed(decisions) if {
	every agent in lib.agents {
		decisions[agent] == "false"
	}
}

_legacy if {
	some solution in nats.solution
	solution == "legacy"
}

# Only the probes of the agents' own ports count (entries for database hosts belong to
# FO604). The rules read the probes list directly, without first building a list of the
# agents' entries: each tests first what rules an entry out most cheaply.
_agent_names := {"primary", "backup"}

# Per agent, the ports that answered and the ports probed at all; built once as whole
# objects, since lookups by key into a partial rule would evaluate it again each time.
_open := {agent: ports |
	some agent in lib.agents
	ports := {e.port | some e in _ports; e.agent == agent; e.state == "open"; _at_agent(e)}
}

_probed := {agent: {e.port | some e in _ports; e.agent == agent} | some agent in lib.agents}

# The gatherer probes an agent's ports at its primary IP. An answer at another address says
# nothing about the agent, so it counts as open only there (or anywhere while the agent's
# addresses are unknown, as before they were read).
_primary_ip := {agent: lower(a[0]) |
	some agent in lib.agents
	a := lib.fact(agent, "addresses")
	is_array(a)
	count(a) > 0
	is_string(a[0])
}

_at_agent(e) if not _primary_ip[e.agent]

_at_agent(e) if lower(e.address) == _primary_ip[e.agent]

unknown contains lib.about(e.agent, msg) if {
	some e in _ports
	e.state == "open"
	e.agent in _agent_names
	e.port in _required
	not _open[e.agent][e.port]
	msg := sprintf("%s: port %d (%s) answered on %s, which is not its primary IP %s", [
		e.agent, e.port, _purpose[e.port], e.address, _primary_ip[e.agent],
	])
}

_observed_from := sprintf("probed from %s", [name]) if {
	name := input.network.observed_from
	is_string(name)
} else := "probed from the gatherer's host"

# The state is tested first: on a ready pair every port answers, so it ends each iteration.
violation contains lib.about(e.agent, msg) if {
	some e in _ports
	e.state in {"closed", "filtered"}
	e.agent in _agent_names
	e.port in _required
	msg := sprintf("%s: port %d (%s) on %s is %s, %s", [
		e.agent, e.port, _purpose[e.port], e.address, e.state, _observed_from,
	])
}

unknown contains lib.about(e.agent, msg) if {
	some e in _ports
	e.state == "error"
	e.agent in _agent_names
	e.port in _required
	msg := sprintf("%s: the probe of port %d (%s) on %s failed (%s)", [
		e.agent, e.port, _purpose[e.port], e.address, _error(e),
	])
}

_error(e) := e.error if {
	is_string(e.error)
} else := "no error recorded"

unknown contains lib.about(agent, msg) if {
	_ports != null
	some agent in lib.agents

	# One set difference per agent rather than a lookup per agent and port.
	some port in (_required - _probed[agent])
	msg := sprintf("%s: port %d (%s) was not probed", [agent, port, _purpose[port]])
}

# A port is only in doubt while it does not answer everywhere anyway. The rules below test
# this last: what makes a port's need unknown is rarer, and _open is then not built at all.
_all_open(port) if {
	every agent in lib.agents {
		_open[agent][port]
	}
}

# 443 is needed when HTTPS is enabled; with the setting missing that cannot be told.
unknown contains lib.about(agent, msg) if {
	not https.configured
	not _grpc_default
	_ports != null
	some agent in lib.agents
	lib.fact(agent, ["https", "enabled"]) == null
	not _all_open(443)
	msg := sprintf("%s, so whether port 443 (HTTPS) must be open is not known", [
		lib.missing(agent, "https", "the HTTPS setting (MaintenanceSettings.xml)").message,
	])
}

# 9090 is needed on legacy NATS; an undecided NATS solution leaves that open.
unknown contains lib.about(agent, msg) if {
	some agent, why in nats.unknown
	_ports != null
	not _not_needed(_nats)
	not _legacy
	not _all_open(9090)
	msg := sprintf("%s, so whether port 9090 (legacy NATS) must be open is not known", [why.message])
}

warning contains lib.about(agent, msg) if {
	some agent, why in nats.indeterminate
	_ports != null
	not _not_needed(_nats)
	not _legacy
	not _all_open(9090)
	msg := sprintf("%s, so whether port 9090 (legacy NATS) must be open is not known", [why.message])
}

# Whether the NATS ports, or 443 without HTTPS, are needed depends on the version: unknown
# while an agent's version is missing, a warning while it cannot be placed; both only while
# the port is not already required for another reason and does not answer anyway.
_version_ports := [
	[_nats, _nats_since, "NATS", [4222, 6222]],
	[_grpc, _grpc_since, "gRPC between agents by default", [443]],
]

unknown contains lib.about(agent, msg) if {
	_ports != null
	some [decisions, since, what, ports] in _version_ports
	some port in ports
	not port in _required
	some agent in lib.agents
	not decisions[agent]
	not _all_open(port)
	msg := sprintf("%s, so whether port %d (%s, from %s) must be open is not known", [
		lib.version_missing(agent).message, port, what, since,
	])
}

warning contains lib.about(agent, msg) if {
	_ports != null
	some [decisions, since, what, ports] in _version_ports
	some port in ports
	not port in _required
	some agent, d in decisions
	d == "indeterminate"
	not _all_open(port)
	msg := sprintf(
		concat("", [
			"cannot tell whether %s, which runs %s, is at %s or later, so whether port %d ",
			"(%s) must be open is not known",
		]),
		[agent, version.label(input.agents[agent].version), since, port, what],
	)
}

result := lib.result(rego.metadata.chain(), {
	"unknown": unknown,
	"violation": violation,
	"warning": warning,
})
