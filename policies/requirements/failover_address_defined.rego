# METADATA
# title: Exactly one well-formed Failover address is chosen
# description: |
#   A Failover pair is addressed either by virtual IP addresses or, from DataMiner
#   10.2.0/10.1.8, by a shared hostname, never both. Exactly one of the two must be given,
#   and its values must be well formed: every virtual IP is an IPv4 or IPv6 address that one
#   host can hold (not an unspecified, broadcast or multicast address, and an IPv4 address in
#   its IPv4 form rather than IPv4-mapped), and the shared hostname is a valid DNS name
#   (RFC 1123 labels of letters, digits and hyphens), not an IP address. In the Failover
#   dialog only the shared name may be a hostname; the agents themselves are entered by IP
#   address. The number of virtual IPs is FO202, duplicates are
#   FO204; the mode-specific requirements skip while the mode is not decided.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Failover_configuration_in_Cube.html
#     description: Failover configuration in DataMiner Cube
# custom:
#   id: FO201
#   name: failover-address-defined
#   severity: error
#   facts:
#     - intent.virtual_ips
#     - intent.shared_hostname
#   example_failure: >-
#     both virtual IPs (10.11.250.44, 10.12.250.44) and a shared hostname (fo-pair.example.local)
#     are given: choose one addressing mode
#   remediation: |
#     Choose one addressing mode and give dmaprep only that: --virtual-ip IP once per network
#     interface of the agents (corporate first), or --hostname NAME (DataMiner 10.2.0/10.1.8
#     and later); in a fact document, intent.virtual_ips or intent.shared_hostname. A virtual
#     IP is a plain IPv4 or IPv6 address without prefix length; the shared hostname is a DNS
#     name such as fo-pair.example.local (labels of 1 to 63 letters, digits and hyphens, not
#     starting or ending with a hyphen, 253 characters at most), not an IP address.
package dmaprep.requirements.failover_address_defined

import data.dmaprep.lib
import data.dmaprep.lib.params

# "Given" follows lib.mode, so this requirement and the mode-specific ones agree.
_vips_given if count(lib.virtual_ips) > 0

_hostname_given if lib.shared_hostname != ""

violation contains "no Failover address is given: neither virtual IPs nor a shared hostname" if {
	not _vips_given
	not _hostname_given
}

violation contains msg if {
	_vips_given
	_hostname_given
	msg := sprintf("both virtual IPs (%s) and a shared hostname (%s) are given: choose one addressing mode", [
		concat(", ", [sprintf("%v", [ip]) | some ip in lib.virtual_ips]), input.intent.shared_hostname,
	])
}

violation contains sprintf("virtual IP %q is not an IP address", [ip]) if {
	some ip in lib.virtual_ips
	not lib.is_ip(ip)
}

# An address that parses but cannot be one host's address is as wrong as one that does not
# parse: clients cannot reach the pair at it, and the probes (FO203) and the certificate check
# (FO401) would judge a value no agent can hold.
violation contains sprintf("virtual IP %q is %s, which cannot be a virtual IP", [ip, kind]) if {
	some ip in lib.virtual_ips
	lib.is_ip(ip)
	kind := _special(ip)
}

# An IPv4 address written as an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address
# in disguise: the interfaces, certificates and probes give it in its IPv4 form, so they would
# not match this spelling.
violation contains sprintf("virtual IP %q is an IPv4-mapped IPv6 address: give the IPv4 address itself", [ip]) if {
	some ip in lib.virtual_ips
	lib.is_ip(ip)
	regex.match(`(?i)^(0{0,4}:){1,5}ffff:([0-9]+(\.[0-9]+){3}|[0-9a-f]{1,4}:[0-9a-f]{1,4})$`, ip)
}

_special(ip) := kind if {
	some [cidr, kind] in _special_ranges
	net.cidr_contains(cidr, ip)
}

_special_ranges := [
	["0.0.0.0/8", "an unspecified (\"this network\") address"],
	["::/128", "the unspecified address"],
	["255.255.255.255/32", "the broadcast address"],
	["224.0.0.0/4", "a multicast address"],
	["ff00::/8", "a multicast address"],
]

violation contains sprintf("shared hostname %q is an IP address, not a DNS name", [_hostname]) if {
	_hostname_given
	lib.is_ip(_name)
}

violation contains sprintf("shared hostname %q is not a valid DNS name: %s", [_hostname, problem]) if {
	_hostname_given
	not lib.is_ip(_name)
	some problem in _name_problems
}

_hostname := input.intent.shared_hostname

# One trailing dot (a fully qualified name) is allowed.
_name := trim_suffix(_hostname, ".")

_labels := split(_name, ".")

_name_problems contains sprintf("it is %d characters long, more than 253", [count(_name)]) if count(_name) > 253

_name_problems contains "it has an empty label" if "" in _labels

_name_problems contains sprintf("label %q is longer than 63 characters", [label]) if {
	some label in _labels
	count(label) > 63
}

_name_problems contains sprintf("label %q has characters other than letters, digits and hyphens", [label]) if {
	some label in _labels
	regex.match(`[^A-Za-z0-9-]`, label)
}

_name_problems contains sprintf("label %q starts or ends with a hyphen", [label]) if {
	some label in _labels
	regex.match(`^-|-$`, label)
}

# A top-level label is never all digits (RFC 3696 section 2), so "10.11.5" is no name either.
_name_problems contains sprintf("its last label %q is all digits", [last]) if {
	last := _labels[count(_labels) - 1]
	regex.match(`^[0-9]+$`, last)
}

# An organisation may make shared hostname mode mandatory
# (data.dmaprep.params.require_hostname_mode), e.g. to avoid the DNS double registration
# of virtual IPs.
violation contains "virtual IP mode is chosen, but this organisation requires shared hostname mode" if {
	params.params.require_hostname_mode == true
	lib.mode == "virtual_ip"
}

result := lib.result(rego.metadata.chain(), {"violation": violation})
