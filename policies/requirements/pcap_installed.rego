# METADATA
# title: Npcap (or WinPcap) is installed on both agents
# description: |
#   In virtual IP mode, Npcap (recommended) or the deprecated WinPcap must be installed on
#   both agents: DataMiner needs a packet capture driver to work with the virtual IPs. Npcap
#   is preferred, so an agent that has only WinPcap gives a warning (the known issue on the
#   SLDataMiner addressChangeThread RTE: with WinPcap the SLSendGARP process that announces
#   the virtual IPs at a switch can hang; its fix is Npcap). The documentation
#   names the software but no way to detect it on disk (only an SLNet message from
#   10.4.10/10.5.0), so this fact comes from `dmaprep gather agent` run on the Windows host
#   (the npcap or npf driver service, or C:\Windows\System32\Npcap) or from the operator
#   (--operator-facts). When neither supplied it, the requirement is unknown.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Viewing_Failover_information/Viewing_the_current_Failover_DMA_status.html
#     description: Viewing the current Failover DMA status
#   - ref: https://docs.dataminer.services/dataminer/Troubleshooting/Known_issues/KI_SLDataMiner_addressChangeThread_RTE_after_DMA_startup.html
#     description: "Known issue: SLDataMiner addressChangeThread RTE after DMA startup (WinPcap; fix: Npcap)"
# custom:
#   id: FO503
#   name: pcap-installed
#   severity: error
#   facts:
#     - agents.*.host_software
#   example_failure: >-
#     backup has neither Npcap nor WinPcap installed (reported by the operator)
#   example_unknown: >-
#     primary: host software (Npcap, WinPcap) was not collected
#   remediation: |
#     Install Npcap (https://npcap.com) on every agent that lacks it; replace a WinPcap-only
#     installation with Npcap, since WinPcap is deprecated. To record the fact, run
#     `dmaprep gather agent -o primary.json` (and backup.json) on each Windows host and pass
#     the files as --primary/--backup, or state it with --operator-facts FILE, e.g.
#     `primary: {host_software: {npcap: true}}` and the same for backup.
package dmaprep.requirements.pcap_installed

import data.dmaprep.lib

skip contains lib.mode_skip("virtual_ip") if not _vip_mode

_vip_mode if lib.mode == "virtual_ip"

unknown contains lib.missing(agent, "host_software", "host software (Npcap, WinPcap)") if {
	_vip_mode
	some agent in lib.agents
	lib.fact(agent, "host_software") == null
}

violation contains lib.about(agent, sprintf("%s has neither Npcap nor WinPcap installed (%s)", [agent, p.source])) if {
	some agent, p in _pcap
	p.npcap == false
	p.winpcap == false
}

# Neither driver is known to be there and at least one was not observed: it may be there.
unknown contains sprintf("%s: Npcap %s, WinPcap %s (%s%s)", [
	agent, _state[p.npcap], _state[p.winpcap], p.source, _error(agent),
]) if {
	some agent, p in _pcap
	p.npcap != true
	p.winpcap != true
	null in [p.npcap, p.winpcap]
}

warning contains lib.about(agent, msg) if {
	some agent, p in _pcap
	p.npcap == false
	p.winpcap == true
	msg := sprintf("%s has only WinPcap, which is deprecated; Npcap is recommended (%s)", [agent, p.source])
}

# _pcap[agent] is what the agent's host_software says about the capture drivers.
_pcap[agent] := p if {
	_vip_mode
	some agent in lib.agents
	hs := lib.fact(agent, "host_software")
	is_object(hs)
	p := {
		"npcap": object.get(hs, "npcap", null),
		"winpcap": object.get(hs, "winpcap", null),
		"source": object.get(_sources, object.get(hs, "source", ""), "source not recorded"),
	}
}

_sources := {"host": "observed on the host", "operator": "reported by the operator"}

_state := {true: "installed", false: "not installed", null: "not collected"}

# _error is the collector's error for host_software, when it recorded one.
_error(agent) := sprintf("; %s", [e]) if {
	e := input.agents[agent].errors.host_software
	is_string(e)
} else := ""

result := lib.result(rego.metadata.chain(), {
	"skip": skip, "unknown": unknown, "violation": violation, "warning": warning,
})
