# METADATA
# title: What every requirement shares
# description: |
#   Package dmaprep.lib holds what every requirement shares: turning a requirement's
#   findings into one report result, reading METADATA once, and reading facts that several
#   requirements need (the addressing mode, the agents, why a fact is missing).
package dmaprep.lib

# The two agents of a pair, in report order.
agents := ["primary", "backup"]

# Every status a result can have, in the order summaries list them.
statuses := ["pass", "fail", "warn", "info", "skip", "unknown", "waived"]

# Report areas, by the first digit of an FOnnn ID. A custom requirement may set its own
# area in METADATA (custom.area).
areas := {
	"1": "Identity and software",
	"2": "Virtual IP addresses",
	"3": "Shared hostname",
	"4": "HTTPS",
	"5": "Platform and network",
	"6": "Database",
	"7": "Authentication",
	"8": "Ports and NATS",
	"9": "Known issues",
}

# result builds a requirement's report entry from its METADATA chain (pass
# rego.metadata.chain()) and its findings, an object with any of these sets of findings:
#   skip      why the requirement does not apply to this pair (non-empty => skip)
#   violation what does not hold (=> fail for error severity, warn for warning)
#   unknown   which fact could not be checked and why (=> unknown)
#   warning   a degraded check, e.g. an indeterminate version condition (=> warn)
#   info      the reminder an info-severity requirement gives
# Precedence: skip, then a known violation, then unknown, then warning. A missing fact
# can therefore never read as a pass.
#
# A finding is a string, which concerns the pair as a whole, or an object
# {"message": string, "agents": ["primary"|"backup", ...]} for one that concerns some agents
# (build it with about(agent, message)). The entry lists the messages as strings
# ("messages", which pipelines read) and, beside them, every finding as an object with its
# agents ("findings"; agents is empty for a pair-wide finding), both sorted by message.
# Waivers that name an agent match on the findings' agents.
#
# This runs once per requirement per document, so it is written for few evaluation steps
# (each costs about a microsecond): the entry is one object literal, the status one
# function whose branches read the findings directly, and no set is read twice.
result(chain, findings) := {
	"id": custom.id,
	"name": custom.name,
	"title": meta.title,
	"severity": custom.severity,
	"area": object.get(custom, "area", object.get(areas, substring(custom.id, 2, 1), "Custom")),
	"status": verdict[0],
	"messages": [f.message | some f in verdict[1]],
	"findings": verdict[1],
	"remediation": prose(object.get(custom, "remediation", "")),
	"docs": [r.ref | some r in object.get(meta, "related_resources", [])],
} if {
	some link in chain
	meta := link.annotations
	custom := meta.custom
	is_string(custom.id)
	verdict := _verdict(custom.severity, findings)
}

# _verdict is [status, messages]. Most results pass with nothing found, so that case is
# decided first with one comparison: the set of the finding sets is {set()} exactly when
# every one of them is empty.
_verdict(severity, findings) := [_quiet_status[severity], _no_messages] if {
	{found | some found in findings} == {set()}
} else := ["skip", _sorted(findings.skip)] if {
	# A skipped requirement says only why it was skipped; any other says all it found.
	count(findings.skip) > 0
} else := [_status(severity, findings), _sorted({f | some kind, found in findings; kind != "skip"; some f in found})]

# _sorted turns findings into objects sorted by message: a [message, agents] pair sorts by
# its message first.
_sorted(found) := [{"message": p[0], "agents": p[1]} | some p in sort({_pair(f) | some f in found})]

_pair(f) := [f, _pair_wide] if is_string(f)

else := [f.message, sort(object.get(f, "agents", []))]

_pair_wide := sort(set())

# message is a finding's text, whether the finding is a string or an object.
message(f) := f if is_string(f)

else := f.message

# about is a finding that concerns one agent ("primary" or "backup").
about(agent, message) := {"message": message, "agents": [agent]}

# prose folds remediation text written over several lines into paragraphs: a line break
# inside a paragraph becomes a space; a blank line between paragraphs and a line that
# starts a list item ("- ", "* ") stay, since the author meant them. Renderers then wrap
# it to their own width.
prose(text) := concat("\n\n", [regex.replace(p, `[ \t]*\n[ \t]*([^-*\s])`, " ${1}") |
	some p in split(trim_space(text), "\n\n")
])

# The empty message list of a pass, typed as an array of anything rather than written as the
# empty array literal: OPA's type checker walks every module once more for each rule whose
# type holds an empty collection, and every requirement's result would.
_no_messages := sort(set())

# A missing set reads as empty: the body of that branch is undefined and the next one runs.
_status(severity, findings) := _violated_status[severity] if {
	count(findings.violation) > 0
} else := "unknown" if {
	count(findings.unknown) > 0
} else := "warn" if {
	count(findings.warning) > 0
} else := _quiet_status[severity]

_violated_status := {"error": "fail", "warning": "warn", "info": "info"}

# An info-severity requirement always gives its reminder; the others pass when nothing
# else was found.
_quiet_status := {"error": "pass", "warning": "pass", "info": "info"}

# mode is the addressing mode the operator chose: "virtual_ip" or "hostname". It is
# undefined when neither or both are given; FO201 reports that, and the mode-specific
# requirements skip.
mode := "virtual_ip" if {
	count(virtual_ips) > 0
	not _has_hostname
}

mode := "hostname" if {
	count(virtual_ips) == 0
	_has_hostname
}

# virtual_ips are the intended virtual IPs (empty when none were given).
virtual_ips := ips if {
	ips := input.intent.virtual_ips
	is_array(ips)
} else := []

# shared_hostname is the intended shared hostname, lower case, without a trailing dot.
shared_hostname := lower(trim_right(name, ".")) if {
	name := input.intent.shared_hostname
	is_string(name)
} else := ""

_has_hostname if shared_hostname != ""

# mode_skip is the skip reason for a requirement that only applies in mode m.
mode_skip(m) := sprintf("applies to %s mode only; this pair uses %s mode", [_mode_names[m], _mode_names[mode]])

mode_skip(_) := "the addressing mode is not decided (see FO201), so mode-specific checks do not apply" if not mode

_mode_names := {"virtual_ip": "virtual IP", "hostname": "shared hostname"}

# missing says that a fact of an agent was not collected, with the collector's error when
# it recorded one (for example a parse error with file and line).
# The finding concerns that agent.
missing(agent, fact, label) := about(agent, sprintf("%s: %s was not collected (%s)", [agent, label, why])) if {
	why := input.agents[agent].errors[fact]
	is_string(why)
} else := about(agent, sprintf("%s: %s was not collected", [agent, label]))

# fact reads a fact of an agent by path (a key, or an array of keys), with null for a fact
# that is absent or null. Use it to test for missing facts: a plain reference such as
# input.agents[agent].dataminer_id inside "not" is hoisted out of the negation by the
# compiler, so an absent field would make the whole rule undefined, a silent pass.
fact(agent, path) := object.get(input.agents[agent], path, null)

# version_known(agent) holds when the agent's version is collected and parsed: its major, minor
# and third number are numbers. Requirements read those parsed fields, never the raw string, so
# a version object with only "raw" (or with those numbers null), which the schema allows, is as
# unknown as a null version: judged with it, a requirement would only warn that it "cannot tell"
# and the pair would count as ready.
version_known(agent) if {
	v := fact(agent, "version")
	is_number(v.major)
	is_number(v.minor)
	is_number(v.patch)
}

# version_missing(agent) is the unknown finding for an agent whose version is not known (see
# version_known), with the raw string when there is one.
version_missing(agent) := missing(agent, "version", "DataMiner version") if {
	fact(agent, "version") == null
} else := about(agent, sprintf(
	"%s: DataMiner version %q was not parsed (its major, minor and third number are not all given)",
	[agent, object.get(fact(agent, "version"), "raw", "")],
)) if {
	not version_known(agent)
}

# primary_ip is an agent's primary IP: the address of its first network interface.
primary_ip(agent) := input.agents[agent].addresses[0]

# dms_addresses are the distinct addresses of a DMS.xml member list, in lower case and
# sorted: an agent listed twice (a corrupted or hand-edited file) is still one agent.
dms_addresses(members) := sort({lower(m.address) | some m in members})

# same_address holds when a and b name the same host: the same address however it is
# spelled (2001:db8::4:52 and 2001:DB8:0:0::4:52), or the same name in lower case. Facts
# from dmaprep's gatherer write every IP address one way; a fact document from elsewhere
# may not.
same_address(a, b) if canonical_address(a) == canonical_address(b)

# canonical_address is an address in one spelling: the CIDR merge prints an IPv6 address in
# its canonical lower-case form and an IPv4-mapped one as IPv4. Anything else (a hostname,
# what does not parse) is only lower-cased. Without a colon the address is IPv4 or no
# address, and a valid dotted quad (no leading zeros, which do not parse) is canonical
# already, so lower-casing gives the same without the CIDR built-ins.
canonical_address(a) := lower(a) if {
	not contains(a, ":")
} else := split(merged, "/")[0] if {
	cidr := sprintf("%s/128", [a])
	net.cidr_is_valid(cidr)
	some merged in net.cidr_merge([cidr])
} else := lower(a)

# is_ip holds for an IPv4 or IPv6 address (not a hostname, not a prefix). /32 is a valid
# prefix length for both families, so the CIDR parser checks the address itself; a string
# that already is a prefix gets two and fails.
is_ip(x) if {
	is_string(x)
	net.cidr_is_valid(sprintf("%s/32", [x]))
}

# agent_addresses(agent) are the addresses the facts give an agent: one per network
# interface (addresses) and those listed on its interfaces (network_interfaces).
agent_addresses(agent) := {a | some a in _array(fact(agent, "addresses")); is_string(a)} | {a.ip |
	some nic in _array(fact(agent, "network_interfaces"))
	some a in _array(object.get(nic, "addresses", null))
	is_string(a.ip)
}

_array(x) := x if is_array(x)

else := []
