# METADATA
# title: IIS Application Request Routing is installed on both agents
# description: |
#   In shared hostname mode, the IIS extension Application Request Routing (ARR) must be
#   installed on both agents: DataMiner writes an ARR reverse-proxy rule
#   (dataminer-failover-reverseproxy-rule) on each agent when Failover is configured, and
#   the offline agent's IIS uses it to pass requests on to the online agent. The
#   documentation names the extension but no way to detect it, so this fact comes from
#   `dmaprep gather agent` run on the Windows host (the ARR registry key or
#   requestRouter.dll) or from the operator (--operator-facts). When neither supplied it,
#   the requirement is unknown.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Failover_configuration_in_Cube.html
#     description: Failover configuration in DataMiner Cube
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Failover_FAQ/Failover_FAQ_connection_issues.html
#     description: "Failover FAQ: connection issues"
# custom:
#   id: FO504
#   name: arr-installed
#   severity: error
#   facts:
#     - agents.*.host_software
#   example_failure: >-
#     backup does not have IIS Application Request Routing installed (reported by the operator)
#   example_unknown: >-
#     primary: host software (IIS Application Request Routing) was not collected
#   remediation: |
#     Install the IIS extension Application Request Routing 3.0 (Microsoft's installer, or
#     the Web Platform Installer) on every agent that lacks it. To record the fact, run
#     `dmaprep gather agent -o primary.json` (and backup.json) on each Windows host and pass
#     the files as --primary/--backup, or state it with --operator-facts FILE, e.g.
#     `primary: {host_software: {iis_arr: true}}` and the same for backup.
package dmaprep.requirements.arr_installed

import data.dmaprep.lib

skip contains lib.mode_skip("hostname") if not _hostname_mode

_hostname_mode if lib.mode == "hostname"

unknown contains lib.missing(agent, "host_software", "host software (IIS Application Request Routing)") if {
	_hostname_mode
	some agent in lib.agents
	lib.fact(agent, "host_software") == null
}

unknown contains lib.missing(agent, "host_software", label) if {
	some agent, arr in _arr
	arr.installed == null
	label := sprintf("whether IIS Application Request Routing is installed (%s)", [arr.source])
}

violation contains lib.about(agent, msg) if {
	some agent, arr in _arr
	arr.installed == false
	msg := sprintf("%s does not have IIS Application Request Routing installed (%s)", [agent, arr.source])
}

# _arr[agent] is what the agent's host_software says about ARR.
_arr[agent] := {
	"installed": object.get(hs, "iis_arr", null),
	"source": object.get(_sources, object.get(hs, "source", ""), "source not recorded"),
} if {
	_hostname_mode
	some agent in lib.agents
	hs := lib.fact(agent, "host_software")
	is_object(hs)
}

_sources := {"host": "observed on the host", "operator": "reported by the operator"}

result := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation})
