# METADATA
# title: A reverse lookup of each agent's primary IP gives the shared hostname
# description: |
#   In shared hostname mode, a reverse DNS lookup (PTR record) of the primary IP address of
#   the primary and of the backup (each agent's first network interface) must give the
#   shared hostname. The current documentation added this to the forward lookup the
#   original page asked for.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
# custom:
#   id: FO303
#   name: hostname-reverse-lookup
#   severity: error
#   facts:
#     - network.dns.reverse
#     - intent.shared_hostname
#     - agents.*.addresses
#   example_failure: >-
#     reverse lookup of the backup's primary IP 10.11.4.52 gives dma-backup.example.local, not
#     fo-pair.example.local
#   example_unknown: >-
#     reverse lookup of the backup's primary IP 10.11.4.52 was not collected
#   remediation: |
#     In the reverse lookup zone of each agent's primary IP address, create a PTR record for
#     that address with the shared hostname as its data, for example with
#     Add-DnsServerResourceRecordPtr on a Windows DNS server (or tick "Update associated
#     pointer (PTR) record" when creating the A records). Check with "nslookup <primary IP>"
#     for each agent: it must answer with the shared hostname.
package dmaprep.requirements.hostname_reverse_lookup

import data.dmaprep.lib

_hostname_mode if lib.mode == "hostname"

skip contains lib.mode_skip("hostname") if not _hostname_mode

unknown contains lib.missing(agent, "addresses", "primary IP address") if {
	# Skipped requirements cost nothing more: the mode test comes first.
	_hostname_mode
	some agent in lib.agents
	not _primary_ip(agent)
}

unknown contains lib.about(agent, msg) if {
	_hostname_mode
	some agent in lib.agents
	ip := _primary_ip(agent)
	not _lookup(ip)
	msg := sprintf("reverse lookup of the %s's primary IP %s was not collected", [agent, ip])
}

unknown contains lib.about(agent, msg) if {
	_hostname_mode
	some agent in lib.agents
	ip := _primary_ip(agent)
	lookup := _lookup(ip)
	lookup.status in {"servfail", "refused", "timeout", "error"}
	msg := sprintf("reverse lookup of the %s's primary IP %s failed: %s%s", [
		agent, ip, lookup.status,
		_error_text(lookup),
	])
}

violation contains lib.about(agent, msg) if {
	_hostname_mode
	some agent in lib.agents
	ip := _primary_ip(agent)
	lookup := _lookup(ip)
	lookup.status in {"nxdomain", "nodata"}
	msg := sprintf("no PTR record for the %s's primary IP %s (%s)", [agent, ip, lookup.status])
}

violation contains lib.about(agent, msg) if {
	_hostname_mode
	some agent in lib.agents
	ip := _primary_ip(agent)
	lookup := _lookup(ip)
	lookup.status == "answer"
	names := _names(lookup)
	not lib.shared_hostname in names
	msg := sprintf("reverse lookup of the %s's primary IP %s gives %s, not %s", [
		agent, ip, _names_text(names), lib.shared_hostname,
	])
}

_primary_ip(agent) := ip if {
	ip := lib.primary_ip(agent)
	is_string(ip)
}

# The PTR lookup of an address; keys are compared as addresses so any IPv6 spelling matches.
_lookup(ip) := lookups[ip] if {
	lookups := input.network.dns.reverse
} else := lookups[keys[0]] if {
	lookups := input.network.dns.reverse
	keys := sort([key | some key, _ in lookups; lib.same_address(key, ip)])
}

# PTR answers are fully qualified ("fo-pair.example.local."); compare as lib.shared_hostname is,
# dropping that one root dot only: "fo-pair.example.local.." is not the name.
_names(lookup) := {lower(trim_suffix(name, ".")) | some name in object.get(lookup, "records", [])}

_names_text(names) := concat(", ", sort(names)) if count(names) > 0

_names_text(names) := "no name" if count(names) == 0

_error_text(lookup) := sprintf(" (%s)", [lookup.error]) if is_string(object.get(lookup, "error", null))

_error_text(lookup) := "" if not is_string(object.get(lookup, "error", null))

result := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation})
