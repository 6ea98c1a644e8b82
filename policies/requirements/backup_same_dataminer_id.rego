# METADATA
# title: Backup has the primary's DataMiner ID
# description: |
#   The backup DMA must carry exactly the DataMiner ID of the primary DMA (the id attribute
#   of <DataMiner> in DataMiner.xml). The ID may only be changed while the backup is new.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Agents/Configuring_a_DMA/Changing_the_DataMiner_ID.html
#     description: Changing the DataMiner ID of a DMA
# custom:
#   id: FO101
#   name: backup-same-dataminer-id
#   severity: error
#   facts:
#     - agents.*.dataminer_id
#   example_failure: >-
#     backup has DataMiner ID 213, primary has 212
#   example_unknown: >-
#     primary: DataMiner ID was not collected
#   remediation: |
#     Stop DataMiner on the backup, set the id attribute of <DataMiner> in
#     C:\Skyline DataMiner\DataMiner.xml to the primary's DataMiner ID, and start it again.
#     This is only allowed while the backup is newly installed and unused.
package dmaprep.requirements.backup_same_dataminer_id

import data.dmaprep.lib

unknown contains lib.missing(agent, "dataminer_id", "DataMiner ID") if {
	some agent in lib.agents
	lib.fact(agent, "dataminer_id") == null
}

violation contains lib.about("backup", msg) if {
	primary := input.agents.primary.dataminer_id
	backup := input.agents.backup.dataminer_id
	primary != null
	backup != null
	primary != backup
	msg := sprintf("backup has DataMiner ID %d, primary has %d", [backup, primary])
}

result := lib.result(rego.metadata.chain(), {"unknown": unknown, "violation": violation})
