# METADATA
# title: The inter-agent ports answer on both agents
# description: |
#   The primary and the backup talk to each other over .NET Remoting (TCP 8004), HTTPS
#   (TCP 443, for gRPC between agents and the web apps, when HTTPS is configured) and NATS
#   (TCP 4222 client connections and 6222 cluster routes, plus 9090 for the NATS Account
#   Server of the legacy SLNet-managed NATS). New installations only open 80 and 8004 in the
#   Windows firewall, so the others usually need rules. The ports are probed from the host
#   that ran the gatherer, which stands in for the other agent. Whether gRPC is configured
#   (DMS.xml Redirects) is not collected, so 443 is required when HTTPS is enabled on either
#   agent. From 10.6.0/10.6.1 BrokerGateway is the only NATS solution, so 9090 is required
#   only where the BrokerGateway setting is false on an older version.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Agents/Configuring_a_DMA/Configuring_the_IP_network_ports.html
#     description: Configuring the IP network ports
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Security/DataMiner_hardening_guide.html
#     description: DataMiner hardening guide
# custom:
#   id: FO801
#   name: required-ports-open
#   severity: error
#   remediation: |
#     On both agents, allow the listed TCP ports inbound in Windows Defender Firewall (and in
#     any firewall between the agents), for traffic from the other agent: 8004, 4222 and
#     6222 always, 443 when HTTPS or gRPC is used, and 9090 with the legacy SLNet-managed
#     NATS. Check that the DataMiner services listening on them are running, then gather the
#     facts again.
package dmaprep.requirements.required_ports_open

import data.dmaprep.lib
import data.dmaprep.lib.https
import data.dmaprep.lib.nats

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

_required contains 4222

_required contains 6222

# Whether HTTPS is enabled on either agent is lib.https's configured, shared with the
# certificate requirements, so a report decides it once.
_required contains 443 if https.configured

_required contains 9090 if _legacy

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
_open := {agent: {e.port | some e in _ports; e.agent == agent; e.state == "open"} | some agent in lib.agents}

_probed := {agent: {e.port | some e in _ports; e.agent == agent} | some agent in lib.agents}

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
	not _legacy
	not _all_open(9090)
	msg := sprintf("%s, so whether port 9090 (legacy NATS) must be open is not known", [why.message])
}

warning contains lib.about(agent, msg) if {
	some agent, why in nats.indeterminate
	_ports != null
	not _legacy
	not _all_open(9090)
	msg := sprintf("%s, so whether port 9090 (legacy NATS) must be open is not known", [why.message])
}

result := lib.result(rego.metadata.chain(), {
	"unknown": unknown,
	"violation": violation,
	"warning": warning,
})
