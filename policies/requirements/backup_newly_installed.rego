# METADATA
# title: Backup is a newly installed, blank agent
# description: |
#   The backup DMA must be a newly installed DataMiner Agent: not a re-used server and not a
#   clone of an existing agent's VM, and blank, without elements, so that nothing conflicts
#   when it joins the primary's place in the DMS. Whether an agent is new cannot be observed
#   directly; these facts stand in for it: its Upgrades\VersionHistory.txt has a single
#   entry (the installation), it has no elements, and its DMS.xml carries no cluster name
#   (an agent that was part of a DMS keeps one). Read through the Web Services API, whose
#   cluster name is "DMS" on a standalone agent and which does not show DMS.xml, the number
#   of agents it lists stands in for the name: more than one is a DMS (which cannot tell a
#   DMS the agent left). Membership of a DMS itself is FO103.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Getting_started/Installing_a_DMA/Installing_DM_using_the_DM_Installer.html
#     description: Installing DataMiner using the DataMiner Installer
# custom:
#   id: FO104
#   name: backup-newly-installed
#   severity: error
#   remediation: |
#     Install DataMiner afresh on a clean backup server (not a copy of an existing DMA's VM)
#     with the DataMiner Installer, and upgrade it to the primary's version. Until Failover is
#     configured, do not create elements on it and do not add it to a DMS. Deleting elements
#     or leaving a cluster does not make a used agent new again. When the only extra
#     VersionHistory.txt entries are the upgrades of that fresh installation to the primary's
#     version, waive this requirement with that reason.
package dmaprep.requirements.backup_newly_installed

import data.dmaprep.lib

unknown contains lib.missing("backup", "install_history", "installation history (VersionHistory.txt)") if {
	lib.fact("backup", ["install_history", "entries"]) == null
}

# An empty history is not a fresh installation either, but it tells nothing about one.
unknown contains "backup: VersionHistory.txt has no entries, so the installation history cannot be judged" if {
	lib.fact("backup", ["install_history", "entries"]) == []
}

unknown contains lib.missing("backup", "element_count", "element count") if {
	lib.fact("backup", "element_count") == null
}

# The name is null when DMS.xml has no <Cluster> tag; a cluster object without the key, or
# without DMS.xml's members (read through the Web Services API), was not read from DMS.xml,
# so it is not taken for "no name". The API's agent count stands in then.
unknown contains lib.missing("backup", "cluster", "cluster name (DMS.xml)") if {
	not _cluster_name_read
	not is_number(lib.fact("backup", ["cluster", "api_agent_count"]))
}

violation contains msg if {
	entries := input.agents.backup.install_history.entries
	count(entries) > 1
	msg := sprintf("backup is not newly installed: its VersionHistory.txt has %d entries, the first %s", [
		count(entries), entries[0].version,
	])
}

violation contains msg if {
	n := input.agents.backup.element_count
	n > 0
	msg := sprintf("backup is not blank: it has %s", [_count_text(n, "element")])
}

violation contains msg if {
	name := input.agents.backup.cluster.name
	is_string(name)
	name != ""
	msg := sprintf("backup was part of a DMS: its DMS.xml names cluster %q", [name])
}

violation contains msg if {
	not _cluster_name_read
	n := lib.fact("backup", ["cluster", "api_agent_count"])
	is_number(n)
	n > 1
	msg := sprintf("backup is part of a DMS: its Web Services API lists %d agents", [n])
}

_cluster_name_read if {
	cluster := lib.fact("backup", "cluster")
	is_object(cluster)
	"name" in object.keys(cluster)
	is_array(object.get(cluster, "members", null))
}

_count_text(1, noun) := sprintf("1 %s", [noun])

_count_text(n, noun) := sprintf("%d %ss", [n, noun]) if n != 1

result := lib.result(rego.metadata.chain(), {"unknown": unknown, "violation": violation})
