# METADATA
# title: Both agents run a version that supports a shared hostname
# description: |
#   A Failover pair can only be addressed by a shared hostname (instead of virtual IP
#   addresses) from DataMiner 10.2.0 (Main Release) or 10.1.8 (Feature Release) onwards, so
#   in shared hostname mode both the primary and the backup must run 10.2.0/10.1.8 or later.
#   When an agent's Cumulative Update matters but is unknown, the check cannot decide and
#   warns instead of passing.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/About_DMA_Failover.html
#     description: About DMA Failover
# custom:
#   id: FO301
#   name: hostname-supported
#   severity: error
#   remediation: |
#     Upgrade both agents to DataMiner 10.2.0 (Main Release) or 10.1.8 (Feature Release) or
#     later, to the same version (see FO102), before configuring Failover with a shared
#     hostname; or configure the pair with virtual IP addresses instead.
package dmaprep.requirements.hostname_supported

import data.dmaprep.lib
import data.dmaprep.lib.version

# The condition exactly as the documentation prints it.
_condition := "10.2.0/10.1.8"

_hostname_mode if lib.mode == "hostname"

skip contains lib.mode_skip("hostname") if not _hostname_mode

unknown contains lib.missing(agent, "version", "DataMiner version") if {
	# Skipped requirements cost nothing more: the mode test comes first.
	_hostname_mode
	some agent in lib.agents
	lib.fact(agent, "version") == null
}

violation contains msg if {
	_hostname_mode
	some agent in lib.agents
	v := _version(agent)
	version.satisfies(v, _condition).value == "false"
	msg := sprintf("%s runs %s; a shared hostname needs %s or later", [agent, version.label(v), _condition])
}

warning contains msg if {
	_hostname_mode
	some agent in lib.agents
	v := _version(agent)
	s := version.satisfies(v, _condition)
	s.value == "indeterminate"
	msg := sprintf("cannot tell whether %s (%s) runs %s or later: %s", [
		agent, version.label(v), _condition,
		trim_suffix(s.reason, "."),
	])
}

_version(agent) := v if {
	v := lib.fact(agent, "version")
	v != null
}

result := lib.result(rego.metadata.chain(), {
	"skip": skip,
	"unknown": unknown,
	"violation": violation,
	"warning": warning,
})
