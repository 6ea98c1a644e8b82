# METADATA
# title: Backup is not a member of a DMS
# description: |
#   The backup DMA may not be a member of a DataMiner System cluster: it joins the primary's
#   cluster by itself when Failover is configured. A standalone agent's DMS.xml lists one
#   <DMA>, itself; when the facts come from the Web Services API, GetDataMinerAgentsInfo on
#   the backup returns one agent. An agent listed twice counts once. One entry that is not
#   one of the backup's addresses as given is not held against it: in a lab the agent's
#   folder is often read with other addresses than its own. Only the backup is judged: the
#   primary is normally a member of a cluster.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Reference/Skyline_DataMiner_Folder/More_information_on_certain_files_and_folders/DMS_xml.html
#     description: DMS.xml
# custom:
#   id: FO103
#   name: backup-not-in-cluster
#   severity: error
#   facts:
#     - agents.backup.cluster
#     - agents.backup.addresses
#   example_failure: >-
#     backup is a member of a DMS: its DMS.xml lists 3 agents (other members: 10.11.5.52,
#     10.11.6.10)
#   example_unknown: >-
#     backup: DMS membership (DMS.xml) was not collected
#   remediation: |
#     Use as backup an agent that was never added to a DMS: its
#     C:\Skyline DataMiner\DMS.xml holds a single <DMA> entry, its own. Removing the agent
#     from the cluster afterwards does not make it a new agent (see FO104): install DataMiner
#     afresh on the backup server instead. Do not add the backup to the cluster yourself;
#     configuring Failover adds it.
package dmaprep.requirements.backup_not_in_cluster

import data.dmaprep.lib

unknown contains lib.missing("backup", "cluster", "DMS membership (DMS.xml)") if {
	lib.fact("backup", "cluster") == null
}

# A cluster object without members or an API agent count says nothing about membership.
unknown contains lib.missing("backup", "cluster", "DMS membership (DMS.xml members)") if {
	lib.fact("backup", ["cluster", "members"]) == null
	lib.fact("backup", ["cluster", "api_agent_count"]) == null
	lib.fact("backup", "cluster") != null
}

violation contains lib.about("backup", msg) if {
	members := _members
	count(members) > 1
	msg := sprintf("backup is a member of a DMS: its DMS.xml lists %d agents (%s)", [
		count(members), _members_text(members),
	])
}

# _members are the distinct addresses of the agents the backup's DMS.xml lists; undefined
# when only the Web Services API was read (members null).
_members := lib.dms_addresses(m) if {
	m := input.agents.backup.cluster.members
	is_array(m)
}

violation contains lib.about("backup", msg) if {
	n := input.agents.backup.cluster.api_agent_count
	is_number(n)
	n > 1
	msg := sprintf("backup is a member of a DMS: its Web Services API reports %d agents", [n])
}

# _members_text names the members other than the backup itself; all of them when none of
# the addresses is the backup's own (e.g. its addresses were not collected).
_members_text(members) := sprintf("other members: %s", [concat(", ", others)]) if {
	others := [a | some a in members; not _is_own(a)]
	count(others) < count(members)
} else := sprintf("members: %s", [concat(", ", members)])

# _is_own holds for an address of the backup.
_is_own(address) if {
	some own in _own_addresses
	lib.same_address(address, own)
}

_own_addresses := a if {
	a := input.agents.backup.addresses
	is_array(a)
} else := []

result := lib.result(rego.metadata.chain(), {"unknown": unknown, "violation": violation})
