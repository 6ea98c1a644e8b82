# METADATA
# title: The shared hostname resolves to the primary IPs of both agents
# description: |
#   In shared hostname mode, clients reach whichever agent is online through one DNS name,
#   so a DNS record must exist for the shared hostname and it must resolve to the primary
#   IP address (first network interface) of both the primary and the backup. An address
#   beyond those two is a warning: that rule is derived by dmaprep, not stated in the
#   documentation, but clients sent to a third address reach neither agent.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
# custom:
#   id: FO302
#   name: hostname-resolves-to-agents
#   severity: error
#   facts:
#     - network.dns.forward
#     - intent.shared_hostname
#     - agents.*.addresses
#   example_failure: >-
#     fo-pair.example.local does not resolve to the backup's primary IP 10.11.4.52; it resolves to
#     10.11.5.52
#   example_unknown: >-
#     DNS lookup of fo-pair.example.local was not collected
#   remediation: |
#     In the DNS zone of the shared hostname, create one A (or AAAA) record per agent with
#     the shared hostname as its name and the agent's primary IP address (its first network
#     interface) as its data, for example with Add-DnsServerResourceRecordA on a Windows DNS
#     server, and remove records pointing anywhere else. Check with
#     "nslookup <shared hostname>": it must list exactly the two primary IPs.
package dmaprep.requirements.hostname_resolves_to_agents

import data.dmaprep.lib

_hostname_mode if lib.mode == "hostname"

skip contains lib.mode_skip("hostname") if not _hostname_mode

unknown contains lib.missing(agent, "addresses", "primary IP address") if {
	# Skipped requirements cost nothing more: the mode test comes first.
	_hostname_mode
	some agent in lib.agents
	not _primary_ip(agent)
}

unknown contains sprintf("DNS lookup of %s was not collected", [lib.shared_hostname]) if {
	_hostname_mode
	not _lookup
}

unknown contains msg if {
	_hostname_mode
	_lookup.status in {"servfail", "refused", "timeout", "error"}
	msg := sprintf("DNS lookup of %s failed: %s%s", [lib.shared_hostname, _lookup.status, _error_text(_lookup)])
}

violation contains sprintf("no DNS record for %s (%s)", [lib.shared_hostname, _lookup.status]) if {
	_hostname_mode
	_lookup.status in {"nxdomain", "nodata"}
}

violation contains lib.about(agent, msg) if {
	_hostname_mode
	_lookup.status == "answer"
	some agent in lib.agents
	ip := _primary_ip(agent)
	not _resolves_to(ip)
	not _family_failed(ip)
	msg := sprintf("%s does not resolve to the %s's primary IP %s; it resolves to %s", [
		lib.shared_hostname, agent, ip, _records_text,
	])
}

unknown contains lib.about(agent, msg) if {
	_hostname_mode
	_lookup.status == "answer"
	some agent in lib.agents
	ip := _primary_ip(agent)
	not _resolves_to(ip)
	_family_failed(ip)
	msg := sprintf("%s does not resolve to the %s's primary IP %s as far as the lookup answered; the rest failed%s", [
		lib.shared_hostname, agent, ip, _error_text(_lookup),
	])
}

# The gatherer asks for A and AAAA records apart and records an answer when either question
# got records, with the other question's failure in error. An address of a family of which
# the answer holds no record may be in the half that failed, so its absence proves nothing.
_family_failed(ip) if {
	error := object.get(_lookup, "error", null)
	is_string(error)
	trim_space(error) != ""
	not _family_answered(ip)
}

_family_answered(ip) if {
	some record in _records
	contains(record, ":") == contains(ip, ":")
}

# Derived rule: clients sent to an address that is neither agent reach no DataMiner. An
# agent's other addresses (another interface, its IPv6 address beside the IPv4 one) are
# that agent. Only judged when both primary IPs are known, else every record could look
# extra.
warning contains msg if {
	_hostname_mode
	_lookup.status == "answer"
	every agent in lib.agents {
		_primary_ip(agent)
	}
	extra := {r | some r in _records; not _agent_address(r)}
	count(extra) > 0
	msg := sprintf("%s also resolves to %s, which is no address of either agent (derived rule)", [
		lib.shared_hostname, concat(", ", sort(extra)),
	])
}

# _resolves_to holds when the answer holds ip, however either spells it.
_resolves_to(ip) if {
	some record in _records
	lib.same_address(record, ip)
}

# _agent_address holds for an address of either agent (lib.agent_addresses).
_agent_address(address) if {
	some agent in lib.agents
	some own in lib.agent_addresses(agent)
	lib.same_address(address, own)
}

# The agent's primary IP, lower case so IPv6 spellings compare; undefined when not collected.
# Two agents with one primary IP are one machine described twice: an answer holding that
# address would count as resolving to both.
violation contains msg if {
	_hostname_mode
	ip := _primary_ip("primary")
	ip == _primary_ip("backup")
	msg := sprintf("the primary and the backup have the same primary IP %s, so no answer can resolve to both", [ip])
}

_primary_ip(agent) := lower(lib.primary_ip(agent)) if is_string(lib.primary_ip(agent))

# The forward lookup of the shared hostname. The gatherer keys it by the name it asked,
# which may be the name as the operator wrote it; DNS names compare case-insensitively and
# a trailing dot changes nothing. The normalised spelling wins, then the one in intent.
_lookup := lookups[lib.shared_hostname] if {
	lookups := input.network.dns.forward
} else := lookups[input.intent.shared_hostname] if {
	lookups := input.network.dns.forward
} else := lookups[names[0]] if {
	lookups := input.network.dns.forward
	names := sort([name |
		some name, _ in lookups
		lower(trim_suffix(name, ".")) == lib.shared_hostname
	])
}

_records := {lower(ip) | some ip in object.get(_lookup, "records", [])}

_records_text := concat(", ", sort(_records)) if count(_records) > 0

_records_text := "no address" if count(_records) == 0

_error_text(lookup) := sprintf(" (%s)", [lookup.error]) if is_string(object.get(lookup, "error", null))

_error_text(lookup) := "" if not is_string(object.get(lookup, "error", null))

result := lib.result(rego.metadata.chain(), {
	"skip": skip,
	"unknown": unknown,
	"violation": violation,
	"warning": warning,
})
