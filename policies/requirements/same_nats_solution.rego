# METADATA
# title: Both agents use the same NATS solution
# description: |
#   The primary and the backup must use the same NATS message broker solution: both the
#   legacy SLNet-managed NATS (Windows services NAS and NATS) or both BrokerGateway-managed
#   NATS (service nats-server, <SLNet><BrokerGateway>true</BrokerGateway></SLNet> in
#   MaintenanceSettings.xml). The two use the same ports with incompatible credentials, so
#   an agent cannot join a DMS that uses the other one. From 10.6.0/10.6.1 BrokerGateway is
#   the only solution and the setting is no longer used, so there a missing or false
#   setting counts as BrokerGateway. When the Windows services of both agents are known
#   (host_software), they must point to the same solution as well.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/DataMiner_Tools/BrokerGateway_Migration.html
#     description: Migrating to BrokerGateway
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Systems/Adding_a_DMA/Adding_a_regular_DataMiner_Agent.html
#     description: Adding a regular DataMiner Agent
#   - ref: https://docs.dataminer.services/develop/schemadoc/MaintenanceSettings/MaintenanceSettings.SLNet.BrokerGateway.html
#     description: MaintenanceSettings.xml SLNet.BrokerGateway
#   - ref: https://docs.dataminer.services/dataminer/Reference/Soft-launch_options/Overview_of_Soft_Launch_Options.html
#     description: Overview of soft-launch options (BrokerGateway, minimum and release version)
# custom:
#   id: FO802
#   name: same-nats-solution
#   severity: error
#   facts:
#     - agents.*.host_software
#     - agents.*.broker_gateway
#     - agents.*.broker_gateway_soft_launch
#     - agents.*.version
#   example_failure: >-
#     the Windows services differ: primary has nats-server (BrokerGateway-managed NATS), backup has
#     NAS and NATS (legacy SLNet-managed NATS)
#   remediation: |
#     Bring both agents onto the same NATS solution before configuring Failover: when the
#     primary has been migrated to BrokerGateway, migrate the backup as well (the
#     BrokerGateway migration tool, which sets <SLNet><BrokerGateway>true</BrokerGateway></SLNet>
#     in C:\Skyline DataMiner\MaintenanceSettings.xml), or install the backup with the same
#     version as the primary. Supply missing facts with `gather agent` on the host, or
#     --operator-facts FILE with e.g. `backup: {host_software: {services: {nats-server: running}}}`.
package dmaprep.requirements.same_nats_solution

import data.dmaprep.lib
import data.dmaprep.lib.nats

# nats.solution is read whole (built once, and shared with FO801 and FO803, which need it
# whole): a lookup by key would evaluate it once more for that key.
violation contains msg if {
	solution := nats.solution
	primary := solution.primary
	backup := solution.backup
	primary != backup
	msg := sprintf("primary uses %s (%s), backup uses %s (%s)", [
		nats.names[primary], nats.basis.primary,
		nats.names[backup], nats.basis.backup,
	])
}

# lib.nats's unknown and indeterminate are objects by agent; the result takes their messages
# through comprehensions in its argument, cheaper than a rule each.

# The Windows services, when both agents' are known, name the solution too: nats-server
# for BrokerGateway, NAS and NATS for legacy NATS. Service names are case-insensitive.
_services[agent] := {lower(name): state | some name, state in services} if {
	some agent in lib.agents
	services := lib.fact(agent, ["host_software", "services"])
	is_object(services)
}

_installed[agent] contains name if {
	some agent, services in _services
	some name in ["nats-server", "nas", "nats"]
	state := services[name]
	state != "absent"
}

_by_services[agent] := "broker_gateway" if {
	some agent, names in _installed
	names == {"nats-server"}
}

_by_services[agent] := "legacy" if {
	some agent, names in _installed
	not "nats-server" in names
	count(names) > 0
}

_service_text := {"nats-server": "nats-server", "nas": "NAS", "nats": "NATS"}

_installed_text(agent) := concat(" and ", sort([_service_text[n] | some n in _installed[agent]]))

violation contains msg if {
	# Cheap guard: identical service lists name the same solution, so the lists are only
	# read one by one when they differ.
	not input.agents.primary.host_software.services == input.agents.backup.host_software.services
	primary := _by_services.primary
	backup := _by_services.backup
	primary != backup
	msg := sprintf("the Windows services differ: primary has %s (%s), backup has %s (%s)", [
		_installed_text("primary"), nats.names[primary],
		_installed_text("backup"), nats.names[backup],
	])
}

result := lib.result(rego.metadata.chain(), {
	"unknown": {msg | some msg in nats.unknown},
	"violation": violation,
	"warning": {msg | some msg in nats.indeterminate},
})
