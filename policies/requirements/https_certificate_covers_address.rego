# METADATA
# title: The HTTPS certificate of each agent covers the Failover address
# description: |
#   When HTTPS is used, clients reach the online agent of a Failover pair at its virtual IP
#   addresses or its shared hostname, so the certificate each agent serves must list that
#   address in its Subject Alternative Names: every virtual IP as an IP entry, or the shared
#   hostname as a DNS entry (a wildcard covers exactly one left-most label, per RFC 6125).
#   The documentation pages disagree on which name goes into the HTTPS tag of
#   MaintenanceSettings.xml (see FO404), but both require the Failover address in the
#   certificate on both agents.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Agents/Configuring_a_DMA/Setting_up_HTTPS_on_a_DMA.html
#     description: Setting up HTTPS on a DMA
# custom:
#   id: FO401
#   name: https-certificate-covers-address
#   severity: error
#   facts:
#     - agents.*.https.certificate
#     - intent.virtual_ips
#     - intent.shared_hostname
#   example_failure: >-
#     backup's certificate CN=dma-backup.example.local (served at 10.11.4.52:443) does not cover
#     virtual IPs 10.11.250.44, 10.12.250.44; its SANs are DNS:dma-backup.example.local,
#     IP:10.11.4.52
#   example_unknown: >-
#     primary: served HTTPS certificate was not collected
#   remediation: |
#     Request a certificate for each agent whose Subject Alternative Names contain, next to
#     the agent's own name, every virtual IP address (as IP entries) or the shared hostname
#     (as a DNS entry, or a wildcard such as *.example.local for it), import it in the
#     agent's Local Computer certificate store, and select it in the https binding (port 443)
#     of the Default Web Site in IIS Manager on both agents.
package dmaprep.requirements.https_certificate_covers_address

import data.dmaprep.lib
import data.dmaprep.lib.https

# Which address must be covered depends on the addressing mode; lib.mode_skip gives the
# "mode not decided" reason whatever mode it is passed. The shared findings of lib.https
# (its skip and unknown) go to the result as they are, without a rule to copy them.
skip contains lib.mode_skip("virtual_ip") if not lib.mode

violation contains lib.about(agent, msg) if {
	lib.mode == "virtual_ip"
	some agent, leaf in https.leaves
	ips := object.get(leaf, "ip_addresses", [])

	# Cheap guard: a certificate that lists every virtual IP exactly as given covers them
	# all; only otherwise are the SANs compared as addresses (2001:db8::1 is 2001:DB8:0::1).
	[vip | some vip in lib.virtual_ips; not vip in ips] != []
	missing := [vip | some vip in lib.virtual_ips; not _lists(ips, vip)]
	count(missing) > 0
	msg := sprintf("%s does not cover virtual %s %s; %s", [
		https.description[agent], _plural(missing, "IP", "IPs"),
		concat(", ", missing), _sans_text(leaf),
	])
}

violation contains lib.about(agent, msg) if {
	lib.mode == "hostname"
	some agent, leaf in https.leaves
	not _covers(leaf, lib.shared_hostname)
	msg := sprintf("%s does not cover the shared hostname %s; %s", [
		https.description[agent], lib.shared_hostname, _sans_text(leaf),
	])
}

_lists(ips, vip) if {
	some ip in ips
	lib.same_address(ip, vip)
}

# RFC 6125 §6.4: a DNS SAN matches the name exactly (case-insensitively), or it is a
# wildcard "*" as its whole left-most label that stands for exactly one label of the name.
# Only one trailing dot (the root) is dropped: "fo-pair.example.local.." is not the name.
_covers(leaf, name) if {
	some san in object.get(leaf, "dns_names", [])
	_matches(lower(trim_suffix(san, ".")), name)
}

_matches(pattern, name) if pattern == name

_matches(pattern, name) if {
	startswith(pattern, "*.")
	labels := split(name, ".")
	count(labels) > 1 # "*." (from "*..") must not stand for a whole single-label name
	labels[0] != ""
	concat(".", array.slice(labels, 1, count(labels))) == substring(pattern, 2, -1)
}

_sans_text(leaf) := sprintf("its SANs are %s", [concat(", ", sans)]) if {
	sans := array.concat(
		[sprintf("DNS:%s", [n]) | some n in object.get(leaf, "dns_names", [])],
		[sprintf("IP:%s", [ip]) | some ip in object.get(leaf, "ip_addresses", [])],
	)
	count(sans) > 0
} else := "it has no Subject Alternative Names"

_plural(items, one, _) := one if count(items) == 1

_plural(items, _, many) := many if count(items) > 1

result := lib.result(rego.metadata.chain(), {
	"skip": (https.skip | skip),
	"unknown": https.unknown,
	"violation": violation,
})
