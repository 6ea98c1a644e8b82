# METADATA
# title: The backup holds no more elements than our limit
# description: |
#   An example of a team's own rule. Our operations team re-uses no server as a backup:
#   the backup must not hold more elements than data.dmaprep.params.max_backup_elements
#   (0 by default), and the rule names a wiki page instead of the DataMiner docs.
# related_resources:
#   - ref: https://wiki.example.com/dataminer/failover-backups
#     description: Our Failover backup checklist
# custom:
#   id: ACME001
#   name: acme-backup-element-limit
#   severity: error
#   area: ACME operations
#   facts:
#     - agents.backup.element_count
#   remediation: Reinstall the backup from our golden image, then run dmaprep again.
package dmaprep.requirements.acme_backup_element_limit

import data.dmaprep.lib
import data.dmaprep.lib.params

# Teams extend the parameters: an absent key falls back to our default.
_limit := object.get(params.params, "max_backup_elements", 0)

unknown contains lib.missing("backup", "element_count", "element count") if {
	lib.fact("backup", "element_count") == null
}

violation contains sprintf("backup has %d elements; our limit is %d", [n, _limit]) if {
	n := input.agents.backup.element_count
	n > _limit
}

result := lib.result(rego.metadata.chain(), {"unknown": unknown, "violation": violation})
