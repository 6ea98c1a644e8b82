# METADATA
# title: Both agents configure .NET Remoting the same way
# description: |
#   <SLNet><EnableDotNetRemoting> in MaintenanceSettings.xml decides whether the agents talk
#   .NET Remoting or gRPC to each other (false disables .NET Remoting and so makes gRPC the
#   default; recommended only from 10.3.6/10.3.0 [CU3]; from 10.5.10/10.6.0 gRPC is the
#   default and true keeps .NET Remoting). The docs ask for the setting to be configured the
#   same way on every agent of a DMS, which the backup joins with the primary. The setting
#   is compared as written: an absent setting follows the version's default, which changes
#   with an upgrade, so it does not match an explicit true or false.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Agents/Configuring_a_DMA/Configuration_of_DataMiner_processes.html
#     description: Configuration of DataMiner processes (Disabling .NET Remoting)
#   - ref: https://docs.dataminer.services/dataminer/Troubleshooting/Known_issues/KI_Upgrade_fails_VerifyGRPCConnection_prerequisite.html
#     description: Upgrade fails because of VerifyGRPCConnection.dll prerequisite
# custom:
#   id: FO805
#   name: dotnet-remoting-same
#   severity: error
#   facts:
#     - agents.*.dotnet_remoting
#   example_failure: >-
#     primary's MaintenanceSettings.xml sets <SLNet><EnableDotNetRemoting> to false, backup's has no
#     <SLNet><EnableDotNetRemoting> (the version's default)
#   example_unknown: >-
#     primary: <SLNet><EnableDotNetRemoting> of MaintenanceSettings.xml (dotnet_remoting) was not
#     collected
#   remediation: |
#     Make <SLNet><EnableDotNetRemoting> in C:\Skyline DataMiner\MaintenanceSettings.xml the
#     same on the backup as on the primary (the same value, or absent on both), then restart
#     DataMiner on the agent you changed.
package dmaprep.requirements.dotnet_remoting_same

import data.dmaprep.lib

_label := "<SLNet><EnableDotNetRemoting> of MaintenanceSettings.xml (dotnet_remoting)"

unknown contains lib.missing(agent, "dotnet_remoting", _label) if {
	some agent in lib.agents
	lib.fact(agent, "dotnet_remoting") == null
}

violation contains sprintf("primary's MaintenanceSettings.xml %s, backup's %s", [
	_describe(primary), _describe(backup),
]) if {
	primary := input.agents.primary.dotnet_remoting
	backup := input.agents.backup.dotnet_remoting
	is_object(primary)
	is_object(backup)
	object.get(primary, "enable", null) != object.get(backup, "enable", null)
}

_describe(setting) := sprintf("sets <SLNet><EnableDotNetRemoting> to %v", [setting.enable]) if {
	is_boolean(setting.enable)
} else := "has no <SLNet><EnableDotNetRemoting> (the version's default)"

result := lib.result(rego.metadata.chain(), {"unknown": unknown, "violation": violation})
