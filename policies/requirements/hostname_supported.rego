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
#   facts:
#     - agents.*.version
#     - intent.shared_hostname
#   example_failure: >-
#     backup runs 10.1.7.0-10523 (FR 10.1.7); a shared hostname needs 10.2.0/10.1.8 or later
#   example_unknown: >-
#     primary: DataMiner version was not collected
#   remediation: |
#     Upgrade both agents to DataMiner 10.2.0 (Main Release) or 10.1.8 (Feature Release) or
#     later, to the same version (see FO102), before configuring Failover with a shared
#     hostname; or configure the pair with virtual IP addresses instead.
package dmaprep.requirements.hostname_supported

import data.dmaprep.lib
import data.dmaprep.lib.version

# The condition exactly as the documentation prints it.
_condition := "10.2.0/10.1.8"

# Parsed once per evaluation, shared by both agents' decisions.
_condition_tokens := version.condition(_condition)

# The mode test is written out in each rule (a reference to lib.mode is cheaper than a helper
# rule) and comes first, so that a pair in virtual IP mode stops there.
skip contains lib.mode_skip("hostname") if not lib.mode == "hostname"

# The agents are a literal array (lib.agents is a rule to evaluate); object.get, not a bare
# reference, so that an absent version is unknown too.
unknown contains lib.version_missing(agent) if {
	lib.mode == "hostname"
	some agent in ["primary", "backup"]
	not lib.version_known(agent)
}

# One decision per collected and parsed version, without the reason (the usual agent gets no
# message); a version that is not is unknown.
_supported[agent] := version.decision(v, _condition_tokens) if {
	lib.mode == "hostname"
	some agent in ["primary", "backup"]
	lib.version_known(agent)
	v := input.agents[agent].version
}

violation contains lib.about(agent, msg) if {
	some agent, value in _supported
	value == "false"
	msg := sprintf("%s runs %s; a shared hostname needs %s or later", [
		agent, version.label(input.agents[agent].version), _condition,
	])
}

# The reason is only needed here, so only here is the condition string parsed.
warning contains lib.about(agent, msg) if {
	some agent, value in _supported
	value == "indeterminate"
	v := input.agents[agent].version
	msg := sprintf("cannot tell whether %s (%s) runs %s or later: %s", [
		agent, version.label(v), _condition,
		trim_suffix(version.satisfies(v, _condition).reason, "."),
	])
}

result := lib.result(rego.metadata.chain(), {
	"skip": skip,
	"unknown": unknown,
	"violation": violation,
	"warning": warning,
})
