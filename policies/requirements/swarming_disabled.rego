# METADATA
# title: Swarming is not enabled on either agent
# description: |
#   Failover is not supported together with Swarming (and Swarming's own prerequisites
#   require that the DMS has no Failover agents), so Swarming may not be enabled on the
#   primary or the backup. Swarming is enabled when C:\Skyline DataMiner\Swarming.xml exists
#   (deleting it is the documented manual way to disable it). Enabling Swarming is
#   cluster-wide, so the primary's Swarming.xml also stands for the DMS it is in. The
#   Swarming soft-launch option in SoftLaunchOptions.xml only makes Swarming available to be
#   enabled (a capability); on its own it does not fail this check, and it is named in the
#   message when Swarming.xml is present too.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Swarming/Swarming.html
#     description: Swarming
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Swarming/RollbackSwarming.html
#     description: Rolling back Swarming
# custom:
#   id: FO501
#   name: swarming-disabled
#   severity: error
#   facts:
#     - agents.*.swarming
#   example_failure: >-
#     backup has Swarming enabled: C:\Skyline DataMiner\Swarming.xml exists (and the Swarming
#     soft-launch option is on)
#   example_unknown: >-
#     primary: Swarming state (Swarming.xml) was not collected
#   remediation: |
#     Do not use Swarming on a DMS with a Failover pair. On an agent where Swarming was
#     enabled, roll it back as described on the Swarming rollback page (this involves
#     deleting C:\Skyline DataMiner\Swarming.xml while DataMiner is stopped), or install the
#     agent afresh; optionally also remove <Swarming>true</Swarming> from
#     C:\Skyline DataMiner\SoftLaunchOptions.xml.
package dmaprep.requirements.swarming_disabled

import data.dmaprep.lib

_xml_present(agent) := lib.fact(agent, ["swarming", "swarming_xml_present"])

unknown contains lib.missing(agent, "swarming", "Swarming state (Swarming.xml)") if {
	some agent in lib.agents
	not is_boolean(_xml_present(agent))
}

violation contains lib.about(agent, msg) if {
	some agent in lib.agents
	_xml_present(agent) == true
	msg := sprintf("%s has Swarming enabled: C:\\Skyline DataMiner\\Swarming.xml exists%s", [
		agent, _soft_launch_text(agent),
	])
}

_soft_launch_text(agent) := " (and the Swarming soft-launch option is on)" if {
	lib.fact(agent, ["swarming", "soft_launch_enabled"]) == true
} else := ""

result := lib.result(rego.metadata.chain(), {"unknown": unknown, "violation": violation})
