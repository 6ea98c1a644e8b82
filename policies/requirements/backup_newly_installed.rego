# METADATA
# title: Backup is a newly installed, blank agent
# description: |
#   The backup DMA must be a newly installed DataMiner Agent: not a re-used server and not a
#   clone of an existing agent's VM, and blank, without elements, so that nothing conflicts
#   when it joins the primary's place in the DMS. Whether an agent is new cannot be observed
#   directly, so this judges what would show earlier use: elements on the agent, other
#   agents in its DMS.xml (or in its Web Services API's agent list), and a Failover section
#   in its DMS.xml. The documented preparation installs the backup and then upgrades it to
#   the primary's exact version, so several Upgrades\VersionHistory.txt entries are normal
#   and count against nothing; a DMS name on a standalone agent is no evidence either (a new
#   agent can be given one). Membership of a DMS as such is also FO103.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents (backup DMA; dedicated clustered storage, step 3)
#   - ref: https://docs.dataminer.services/dataminer/Getting_started/Installing_a_DMA/Using_the_installer/Configuring_a_new_DMA_in_Failover_pair.html
#     description: Configuring a new DMA in a Failover pair (install, then upgrade to the primary's version)
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Agents/Upgrading_a_DMA/Checking_the_upgrade_history_of_a_DataMiner_Agent.html
#     description: Checking the upgrade history of a DataMiner Agent (one line per installation or upgrade)
#   - ref: https://docs.dataminer.services/dataminer/Reference/MOPs/MOP_Migrating_a_Failover_pair_to_new_hardware.html
#     description: Migrating a Failover pair to new hardware
# custom:
#   id: FO104
#   name: backup-newly-installed
#   severity: error
#   facts:
#     - agents.backup.element_count
#     - agents.backup.cluster
#   example_failure: >-
#     backup is not blank: it has 12 elements
#   example_unknown: >-
#     backup: element count was not collected
#   remediation: |
#     Install DataMiner afresh on a clean backup server (not a copy of an existing DMA's VM)
#     with the DataMiner Installer, and upgrade it to the primary's exact version. Until
#     Failover is configured, do not create elements on it, do not add it to a DMS and do not
#     configure Failover on it. Deleting elements or leaving a cluster does not make a used
#     agent new again.
package dmaprep.requirements.backup_newly_installed

import data.dmaprep.lib

unknown contains lib.missing("backup", "element_count", "element count") if {
	lib.fact("backup", "element_count") == null
}

# The other agents of its DMS: DMS.xml's members, or the API's agent count.
unknown contains lib.missing("backup", "cluster", "DMS membership (DMS.xml members)") if {
	lib.fact("backup", ["cluster", "members"]) == null
	lib.fact("backup", ["cluster", "api_agent_count"]) == null
}

# A Failover section in DMS.xml, or the API's IsFailOver flag.
unknown contains lib.missing("backup", "cluster", "Failover configuration (DMS.xml <Failover>)") if {
	lib.fact("backup", ["cluster", "has_failover_config"]) == null
	lib.fact("backup", ["cluster", "api_is_failover"]) == null
}

violation contains lib.about("backup", msg) if {
	n := input.agents.backup.element_count
	n > 0
	msg := sprintf("backup is not blank: it has %s", [_count_text(n, "element")])
}

violation contains lib.about("backup", msg) if {
	listed := input.agents.backup.cluster.members
	is_array(listed)
	members := lib.dms_addresses(listed)
	count(members) > 1
	msg := sprintf("backup was used in a DMS: its DMS.xml lists %d agents (%s)", [count(members), concat(", ", members)])
}

violation contains lib.about("backup", msg) if {
	n := input.agents.backup.cluster.api_agent_count
	is_number(n)
	n > 1
	msg := sprintf("backup was used in a DMS: its Web Services API reports %d agents", [n])
}

violation contains lib.about("backup", "backup was used in a Failover pair: its DMS.xml has a <Failover> section") if {
	input.agents.backup.cluster.has_failover_config == true
}

violation contains lib.about("backup", msg) if {
	input.agents.backup.cluster.api_is_failover == true
	msg := "backup was used in a Failover pair: its Web Services API reports it as a Failover agent"
}

_count_text(1, noun) := sprintf("1 %s", [noun])

_count_text(n, noun) := sprintf("%d %ss", [n, noun]) if n != 1

result := lib.result(rego.metadata.chain(), {"unknown": unknown, "violation": violation})
