# METADATA
# title: Nothing answers on the virtual IPs yet
# description: |
#   In virtual IP mode, the virtual IPs must not be used anywhere else and must be reserved
#   for the Failover pair. Before Failover is configured nothing may answer on them:
#   DataMiner refuses to take a virtual IP that is still reachable and not local, so the
#   online agent would not come online with it. The gatherer probes each virtual IP (TCP,
#   ICMP or ARP); an inconclusive or missing probe leaves the requirement unknown.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Troubleshooting/Known_issues/KI_Online_Failover_Agent_unable_to_acquire_VIP.html
#     description: "Known issue: online Failover Agent unable to acquire the virtual IP"
# custom:
#   id: FO203
#   name: virtual-ip-unused
#   severity: error
#   facts:
#     - network.virtual_ips
#     - intent.virtual_ips
#     - gatherer.skip_network
#   example_failure: >-
#     virtual IP 10.12.250.44 is already in use (arp+icmp: ARP reply from 00-15-5D-4A-01-07; echo
#     reply in 1 ms)
#   example_unknown: >-
#     virtual IP 10.11.250.44 was not probed
#   remediation: |
#     Find the device that answers on the virtual IP (its MAC address is in the ARP evidence;
#     check the DHCP scope and the IP address management records) and move it to another
#     address, or reserve other free addresses for the pair and pass those with --virtual-ip.
#     Have the network team reserve the virtual IPs for the Failover pair (exclude them from
#     DHCP), then gather again without --skip-network so that every virtual IP is probed.
package dmaprep.requirements.virtual_ip_unused

import data.dmaprep.lib

skip contains lib.mode_skip("virtual_ip") if not _vip_mode

_vip_mode if lib.mode == "virtual_ip"

violation contains sprintf("virtual IP %s is already in use (%s)", [ip, _detail(probe)]) if {
	# Skipped requirements cost nothing more: the mode test comes first.
	_vip_mode
	some ip in lib.virtual_ips
	probe := _probe(ip)
	probe.state == "in_use"
}

unknown contains sprintf("virtual IP %s: the probe could not tell whether it is in use (%s)", [ip, _detail(probe)]) if {
	_vip_mode
	some ip in lib.virtual_ips
	probe := _probe(ip)
	probe.state == "undetermined"
}

unknown contains sprintf("virtual IP %s was not probed%s", [ip, _why_not_probed]) if {
	_vip_mode
	some ip in lib.virtual_ips
	not _probe(ip)
}

# _probe is the gatherer's probe of a virtual IP, keyed as the operator gave the address; in
# a fact document written elsewhere the key may spell the same address otherwise
# (2001:DB8::1 for 2001:db8::1), which still counts when exactly one key matches.
_probe(ip) := p if {
	p := input.network.virtual_ips[ip]
	is_object(p)
} else := p if {
	[p] := [q | some key, q in input.network.virtual_ips; lib.same_address(key, ip); is_object(q)]
}

_why_not_probed := " (network probes were switched off with --skip-network)" if {
	input.gatherer.skip_network == true
} else := ""

# _detail is the probe's method, evidence and error, e.g. "arp: reply from 00-15-5D-4A-01-07".
_detail(probe) := sprintf("%s: %s", [method, _findings(probe)]) if {
	method := object.get(probe, "method", "")
	is_string(method)
	method != ""
} else := _findings(probe)

_findings(probe) := concat("; ", parts) if {
	error := object.get(probe, "error", null)
	errors := [sprintf("error: %s", [error]) | is_string(error); error != ""]
	parts := array.concat(object.get(probe, "evidence", []), errors)
	count(parts) > 0
} else := "no evidence recorded"

result := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation})
