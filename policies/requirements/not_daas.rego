# METADATA
# title: Neither agent is a DaaS system
# description: |
#   Failover is not available on DataMiner as a Service (DaaS) systems, which Skyline hosts;
#   DataMiner Cube hides the Failover button there (from 10.3.0 [CU18]/10.4.0 [CU6]/10.4.9).
#   An agent is part of a DaaS system when DataMiner.xml has <DaaS enabled="true"/>. The
#   check does not depend on the version: on older versions the button is shown, but Failover
#   is still not available.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Failover_configuration_in_Cube.html
#     description: Failover configuration in Cube
#   - ref: https://docs.dataminer.services/develop/schemadoc/DataMiner/DataMiner.DaaS.html
#     description: DataMiner.xml DaaS element
# custom:
#   id: FO502
#   name: not-daas
#   severity: error
#   facts:
#     - agents.*.dataminer_xml
#   example_failure: >-
#     primary is a DataMiner as a Service (DaaS) system: DataMiner.xml has <DaaS enabled="true">
#   example_unknown: >-
#     primary: DaaS setting (<DaaS enabled> in DataMiner.xml) was not collected
#   remediation: |
#     Failover cannot be configured on a DaaS system, and <DaaS enabled> is not a setting to
#     change by hand. Use two self-hosted agents (on premises or on your own cloud machines)
#     that are not part of a DaaS system for the Failover pair.
package dmaprep.requirements.not_daas

import data.dmaprep.lib

_daas(agent) := lib.fact(agent, ["dataminer_xml", "daas_enabled"])

unknown contains lib.missing(agent, "dataminer_xml", "DaaS setting (<DaaS enabled> in DataMiner.xml)") if {
	some agent in lib.agents
	not is_boolean(_daas(agent))
}

violation contains lib.about(agent, msg) if {
	some agent in lib.agents
	_daas(agent) == true
	msg := sprintf(`%s is a DataMiner as a Service (DaaS) system: DataMiner.xml has <DaaS enabled="true">`, [agent])
}

result := lib.result(rego.metadata.chain(), {"unknown": unknown, "violation": violation})
