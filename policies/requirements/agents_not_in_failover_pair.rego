# METADATA
# title: Neither agent is already part of a Failover pair
# description: |
#   A DataMiner Agent can belong to one Failover pair only, and a backup serves exactly one
#   primary. Neither the primary nor the backup may therefore already be part of a Failover
#   pair. An agent in a pair has a <Failover> section in its DMS.xml (its content is not
#   documented; its presence is enough), and the Web Services API reports IsFailOver true
#   for it in GetDataMinerAgentsInfo. Either source settles the question for an agent.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/About_DMA_Failover.html
#     description: About DMA Failover
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover.html
#     description: Configuring Failover
# custom:
#   id: FO106
#   name: agents-not-in-failover-pair
#   severity: error
#   facts:
#     - agents.*.cluster
#   example_failure: >-
#     primary is already part of a Failover pair: its DMS.xml has a <Failover> section
#   example_unknown: >-
#     primary: Failover membership (<Failover> in DMS.xml, IsFailOver of the API) was not collected
#   remediation: |
#     Choose a primary and a backup that are not in a Failover pair yet. To reuse an agent that
#     is, first end its Failover configuration in DataMiner Cube (System Center > Agents,
#     select the pair, Failover > Delete); from DataMiner 10.2 the backup of the old pair is
#     reset to a clean installation. Then check again that its
#     C:\Skyline DataMiner\DMS.xml no longer has a <Failover> section.
package dmaprep.requirements.agents_not_in_failover_pair

import data.dmaprep.lib

# Neither source was collected for the agent (the cluster fact, or both of its fields, are
# absent or null).
unknown contains lib.missing(agent, "cluster", _membership) if {
	some agent in lib.agents
	lib.fact(agent, ["cluster", "has_failover_config"]) == null
	lib.fact(agent, ["cluster", "api_is_failover"]) == null
}

violation contains lib.about(agent, msg) if {
	some agent in lib.agents
	lib.fact(agent, ["cluster", "has_failover_config"]) == true
	msg := sprintf("%s is already part of a Failover pair: its DMS.xml has a <Failover> section", [agent])
}

violation contains lib.about(agent, msg) if {
	some agent in lib.agents
	lib.fact(agent, ["cluster", "api_is_failover"]) == true
	msg := sprintf("%s is already part of a Failover pair: the Web Services API reports IsFailOver true for it", [agent])
}

_membership := "Failover membership (<Failover> in DMS.xml, IsFailOver of the API)"

result := lib.result(rego.metadata.chain(), {"unknown": unknown, "violation": violation})
