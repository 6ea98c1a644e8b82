# METADATA
# title: HTTPS is enabled on both agents or on neither
# description: |
#   The HTTPS configuration must exist on every DataMiner Agent of a DMS, so when the
#   primary or the backup has <HTTPS enabled="true"> in MaintenanceSettings.xml, the other
#   one must have it too: after a switch the other agent serves the pair's address. The
#   HTTPS page states this for every agent of a DMS; applying it to the pair is our
#   reading. Skipped when neither agent has HTTPS enabled.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Agents/Configuring_a_DMA/Setting_up_HTTPS_on_a_DMA.html
#     description: Setting up HTTPS on a DMA
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
# custom:
#   id: FO403
#   name: https-on-both-agents
#   severity: error
#   facts:
#     - agents.*.https.enabled
#   example_failure: >-
#     primary has HTTPS enabled in MaintenanceSettings.xml, backup does not
#   example_unknown: >-
#     primary: HTTPS setting (<HTTPS enabled> in MaintenanceSettings.xml) was not collected
#   remediation: |
#     Set up HTTPS on the agent that lacks it as on the other one: bind a certificate for
#     port 443 in IIS, and add <HTTPS enabled="true" name="..."/> (with that agent's own
#     name, see FO404) to C:\Skyline DataMiner\MaintenanceSettings.xml while DataMiner is
#     stopped; then start DataMiner again.
package dmaprep.requirements.https_on_both_agents

import data.dmaprep.lib

# Plain references test the settings: cheaper than a function call per test, and an absent
# setting fails an == test just as a null one does.
skip contains "HTTPS is not enabled on either agent" if {
	input.agents.primary.https.enabled == false
	input.agents.backup.https.enabled == false
}

# Whether HTTPS is enabled is needed from both agents: one agent's answer cannot settle it.
# The setting is read with object.get (as lib.fact does): a bare reference inside "not"
# would be hoisted out of the negation.
unknown contains lib.missing(agent, "https", "HTTPS setting (<HTTPS enabled> in MaintenanceSettings.xml)") if {
	some agent in lib.agents
	not is_boolean(object.get(input.agents[agent], ["https", "enabled"], null))
}

# One rule per direction, with the message spelled out, instead of an iteration.
violation contains lib.about("backup", "primary has HTTPS enabled in MaintenanceSettings.xml, backup does not") if {
	input.agents.primary.https.enabled == true
	input.agents.backup.https.enabled == false
}

violation contains lib.about("primary", "backup has HTTPS enabled in MaintenanceSettings.xml, primary does not") if {
	input.agents.backup.https.enabled == true
	input.agents.primary.https.enabled == false
}

result := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation})
