# METADATA
# title: Backup runs exactly the primary's DataMiner version
# description: |
#   The backup DMA must run exactly the DataMiner version of the primary DMA: the same
#   major.minor.patch.revision, build number and Cumulative Update. The versions are compared
#   field by field, not as strings. When the CU of one agent is unknown (VersionHistory.txt does
#   not record it), equal build numbers still settle it, as one build is one package; when
#   nothing settles it, the check warns with the reason instead of passing.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Agents/Upgrading_a_DMA/Checking_the_upgrade_history_of_a_DataMiner_Agent.html
#     description: Checking the upgrade history of a DataMiner Agent
# custom:
#   id: FO102
#   name: backup-same-version
#   severity: error
#   facts:
#     - agents.*.version
#   example_failure: >-
#     backup runs 10.6.0.0-17212 (MR 10.6.0, CU unknown), primary runs 10.6.0.0-17110 (MR 10.6.0
#     CU6)
#   example_unknown: >-
#     primary: DataMiner version was not collected
#   remediation: |
#     Bring the backup to the primary's exact version, CU included: the primary's version is
#     in Cube (About > Versions) or on the last line of
#     C:\Skyline DataMiner\Upgrades\VersionHistory.txt. Install the backup with the same
#     DataMiner installer and upgrade it with the same upgrade package(s) as the primary,
#     then gather the facts again.
package dmaprep.requirements.backup_same_version

import data.dmaprep.lib
import data.dmaprep.lib.version

# The agents are a literal array (lib.agents is a rule to evaluate); object.get, not a bare
# reference, so that an absent version is unknown too.
unknown contains lib.version_missing(agent) if {
	some agent in ["primary", "backup"]
	not lib.version_known(agent)
}

violation contains lib.about("backup", msg) if {
	_compared == "false"
	msg := sprintf("backup runs %s, primary runs %s", [_label("backup"), _label("primary")])
}

# A hotfix on one agent only: the versions differ whatever the builds say. (A hotfix string
# carries no build, so without this the comparison could only say it cannot be made.)
violation contains lib.about(agent, msg) if {
	some agent in ["primary", "backup"]
	_hotfix(agent)
	other := {"primary": "backup", "backup": "primary"}[agent]
	not _hotfix(other)
	input.agents[other].version != null
	msg := sprintf("%s carries a hotfix (%s) that %s lacks (%s)", [
		agent, input.agents[agent].version.raw, other, _label(other),
	])
}

_hotfix(agent) if _hotfix_flag(agent) == true

_hotfix_flag(agent) := object.get(input.agents[agent], ["version", "hotfix"], false)

# An indeterminate comparison (e.g. a build that is unknown on one side) never passes. The
# reason is only needed here, so only here is it formatted.
warning contains lib.about("backup", msg) if {
	_compared == "indeterminate"
	_hotfix_flag("primary") == _hotfix_flag("backup")
	msg := sprintf("backup runs %s, primary runs %s, which cannot be compared: %s", [
		_label("backup"), _label("primary"),
		trim_suffix(version.equal(input.agents.primary.version, input.agents.backup.version).reason, "."),
	])
}

# Only compared when both versions were collected and parsed; otherwise unknown says which is not.
# The value only (no reason): the usual pair gets no message.
_compared := version.equal_decision(p, b) if {
	lib.version_known("primary")
	lib.version_known("backup")
	p := input.agents.primary.version
	b := input.agents.backup.version
}

_label(agent) := version.label(input.agents[agent].version)

result := lib.result(rego.metadata.chain(), {"unknown": unknown, "violation": violation, "warning": warning})
