# METADATA
# title: Reminder to run NATSRepair after configuring Failover
# description: |
#   On DataMiner 10.6.0/10.6.1 or higher, and on any system migrated to BrokerGateway, the
#   NATS credentials must be regenerated once Failover is configured, so that they include
#   the virtual IPs or the shared hostname of the pair: run NATSRepair.exe on one agent.
#   This cannot be checked before Failover exists, so it is a reminder (info) for pairs where
#   it applies, and skipped for pairs on the legacy SLNet-managed NATS.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Failover_configuration_in_Cube.html
#     description: Failover configuration in Cube
#   - ref: https://docs.dataminer.services/dataminer/DataMiner_Tools/BrokerGateway_Migration.html
#     description: Migrating to BrokerGateway
# custom:
#   id: FO803
#   name: natsrepair-after-configuration
#   severity: info
#   facts:
#     - agents.*.broker_gateway
#     - agents.*.broker_gateway_soft_launch
#     - agents.*.version
#     - intent.virtual_ips
#     - intent.shared_hostname
#   example_failure: >-
#     after configuring Failover, run C:\Skyline DataMiner\Tools\NATSRepair.exe on one agent so that
#     the NATS credentials include the virtual IPs (primary: BrokerGateway is true in
#     MaintenanceSettings.xml; backup: BrokerGateway is true in MaintenanceSettings.xml)
#   remediation: |
#     After configuring Failover in Cube, run C:\Skyline DataMiner\Tools\NATSRepair.exe on
#     one of the two agents (it updates the whole cluster), then check in the Failover status
#     window that NATS communication works.
package dmaprep.requirements.natsrepair_after_configuration

import data.dmaprep.lib
import data.dmaprep.lib.nats

# Applies when either agent uses BrokerGateway: a true setting, or 10.6.0/10.6.1 or higher
# (lib.nats), which is exactly the docs' "10.6.0/10.6.1 or higher, or BrokerGateway".
_applies if {
	some solution in nats.solution
	solution == "broker_gateway"
}

# The reminder's text is part of the format string rather than a rule of its own: one rule
# and one builtin call fewer.
info contains sprintf(
	concat("", [
		"after configuring Failover, run C:\\Skyline DataMiner\\Tools\\NATSRepair.exe on ",
		"one agent so that the NATS credentials include the %s (%s)",
	]),
	[_address, _reasons],
) if _applies

_address := "virtual IPs" if {
	lib.mode == "virtual_ip"
} else := "shared hostname" if {
	lib.mode == "hostname"
} else := "virtual IPs or shared hostname"

_reasons := concat("; ", [sprintf("%s: %s", [agent, nats.basis[agent]]) |
	some agent in lib.agents
	nats.solution[agent] == "broker_gateway"
])

# nats.solution is read whole (built once; _applies needs it whole anyway): a lookup by key
# would evaluate it once more for that key.
skip contains msg if {
	solution := nats.solution
	solution.primary == "legacy"
	solution.backup == "legacy"
	msg := sprintf("neither agent uses BrokerGateway or runs 10.6.0/10.6.1 or higher (primary: %s; backup: %s)", [
		nats.basis.primary, nats.basis.backup,
	])
}

unknown contains msg if {
	not _applies
	some msg in nats.unknown
}

warning contains msg if {
	not _applies
	some msg in nats.indeterminate
}

result := lib.result(rego.metadata.chain(), {
	"skip": skip,
	"unknown": unknown,
	"warning": warning,
	"info": info,
})
