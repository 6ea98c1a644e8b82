# METADATA
# title: What the storage requirements share
# description: |
#   Package dmaprep.lib.database reads what the storage requirements (FO601-FO611) share: the
#   DB.xml facts of each agent (agent fact "database"), the server entries of its databases,
#   and the TCP port probes recorded in network.ports.
package dmaprep.lib.database

import data.dmaprep.lib

# label names the database fact in "was not collected" messages.
label := "DB.xml (database)"

# missing[agent] says that an agent's DB.xml was not read, with the reader's error (or, below,
# that what was read cannot be judged).
# The fact is read with object.get directly (lib.fact's logic, one call fewer per agent).
missing[agent] := lib.missing(agent, "database", label) if {
	some agent in ["primary", "backup"]
	object.get(input.agents[agent], "database", null) == null
}

# The gatherer derives a known architecture from the general database in the DB.xml list, so a
# DB.xml fact with a known architecture and no database is one nothing can be judged on: the
# storage requirements would pass with nothing looked at.
missing[agent] := lib.about(agent, sprintf("%s: the DB.xml fact says %s storage but lists no database", [
	agent, arch,
])) if {
	some agent in ["primary", "backup"]
	arch := input.agents[agent].database.architecture
	is_string(arch)
	arch != "unknown"
	not _lists_databases(agent)
}

_lists_databases(agent) if {
	d := databases(agent)
	is_array(d)
	count(d) > 0
}

# architectures[agent] is the storage architecture of each agent whose DB.xml was read.
# A complete rule, not a partial object: it is read both whole and per agent
# (architectures.primary), and a partial object would evaluate its body again for each
# agent looked up; this way the object is built once and every lookup uses it.
# The reference is direct: an agent without the fact, or with a null one, is left out.
architectures := {agent: a |
	some agent in ["primary", "backup"]
	a := input.agents[agent].database.architecture
	a != null
}

# no_general[agent] says that an agent's DB.xml was read but has no general database, so
# its storage architecture, and whether a storage requirement applies, cannot be told.
no_general[agent] := lib.about(agent, sprintf(
	"%s: DB.xml has no general database (%s), so its storage architecture is unknown",
	[agent, "<DataBase local=\"true\">"],
)) if {
	some agent, arch in architectures
	arch == "unknown"
	object.get(input.agents[agent], ["database", "general_type"], null) == null
}

# separate are the architectures with a Cassandra database on each agent.
separate := {"separate_cassandra", "separate_cassandra_indexing"}

# uses(archs) holds when at least one agent's DB.xml shows one of archs.
uses(archs) if {
	some a in architectures
	a in archs
}

# neither_uses(archs) holds when both DB.xml files were read, both have a general database
# and neither shows one of archs: only then may a requirement for those architectures skip.
# A DB.xml without a general database (e.g. only the indexing clusters pasted in) tells
# no architecture, so it cannot show that a requirement does not apply (see undecided).
# Both architectures known (the cheap guard first), then neither in archs.
neither_uses(archs) if {
	count(architectures) == 2
	not architectures.primary in archs
	not architectures.backup in archs
	count(no_general) == 0
}

# undecided(archs) are the no_general findings that leave open whether a requirement for
# archs applies: none once an agent is known to use one of them.
undecided(archs) := set() if {
	uses(archs)
} else := {msg | some msg in no_general}

# describe(agent) names an agent's storage for messages, e.g.
# "dedicated clustered storage (general database CassandraCluster)".
# It reads the DB.xml fact directly (what architectures holds for the agent, which
# measured dearer to look up from inside a function).
describe(agent) := sprintf("%s (general database %s)", [name, general]) if {
	db := input.agents[agent].database
	name := _names[db.architecture]
	general := db.general_type
	is_string(general)
} else := sprintf("%s (no general database)", [_names[input.agents[agent].database.architecture]])

# summary describes both agents' storage, for skip reasons.
summary := sprintf("primary uses %s, backup uses %s", [describe("primary"), describe("backup")])

_names := {
	"staas": "Storage as a Service",
	"dedicated_clustered": "dedicated clustered storage",
	"separate_cassandra_indexing": "a separate Cassandra database per agent with indexing",
	"separate_cassandra": "a separate Cassandra database per agent",
	"legacy": "a legacy MySQL/MSSQL database",
	"unknown": "an unrecognised storage architecture",
}

# databases(agent) are the <DataBase> entries of an agent's DB.xml; [] when not read.
databases(agent) := object.get(input.agents[agent], ["database", "databases"], [])

# type_of(db) is the type attribute of a <DataBase> in lower case; "" when absent.
type_of(db) := lower(t) if {
	t := db.type
	is_string(t)
} else := ""

# active(db) holds unless the <DataBase> says active="false": an inactive one is not used.
active(db) if object.get(db, "active", null) != false

# is_cassandra(db) holds for a Cassandra database (one per agent or a cluster).
is_cassandra(db) if type_of(db) in {"cassandra", "cassandracluster"}

# is_search(db) holds for an indexing (OpenSearch/Elasticsearch) database.
is_search(db) if db.search == true

is_search(db) if type_of(db) in {"elasticsearch", "opensearch"}

# endpoint(server, default_port) splits one <DBServer> entry into {"host", "port"}: "host",
# "host:port", "[v6]:port" or a bare IPv6 address, with an optional scheme ("https://") and
# path, which are dropped. port is null when the entry names one that is not 1-65535. The
# gatherer (gatherer/network_database.go) splits entries the same way.
#
# A plain host (no ":", "/" or "[") is by far the most common entry: it is answered by one
# regex test instead of the three or four of the general split.
endpoint(server, default_port) := {"host": s, "port": default_port} if {
	s := trim_space(server)
	not regex.match(`[:/\[]`, s)
} else := {"host": host, "port": port} if {
	s := regex.replace(regex.replace(trim_space(server), `^[A-Za-z][A-Za-z0-9+.-]*://`, ""), `/.*$`, "")
	[host, text] := _split(s)
	port := _port(text, default_port)
}

_split(s) := [m[1], m[2]] if {
	m := regex.find_all_string_submatch_n(`^\[([^\]]*)\](?::(.*))?$`, s, 1)[0]
} else := [m[1], m[2]] if {
	m := regex.find_all_string_submatch_n(`^([^:]*):([^:]*)$`, s, 1)[0]
} else := [s, ""]

_port("", default_port) := default_port

_port(text, _) := _valid_port(text) if text != ""

_valid_port(text) := p if {
	regex.match(`^\d{1,5}$`, text)
	p := to_number(text)
	p >= 1
	p <= 65535
} else := null

# ports are the TCP port probes of network.ports; undefined when none were recorded.
ports := p if {
	p := object.get(input, ["network", "ports"], null)
	is_array(p)
}

# ports_missing says why no port probe can be looked up.
ports_missing := "network.ports was not collected: the gatherer ran with --skip-network" if {
	object.get(input, ["gatherer", "skip_network"], false) == true
} else := "network.ports was not collected (no network probe ran)"

_key(agent, host, port) := sprintf("%s|%s|%d", [agent, lower(host), port])

# _keyed pairs every probe with its key, computed once per probe; only looked at when a
# required probe is not found open as recorded (see probe_findings).
_keyed := [[_key(p.agent, p.address, p.port), p] | some p in ports]

_open := {k | some [k, p] in _keyed; p.state == "open"}

_recorded := {k | some [k, _] in _keyed}

# probe_findings(required) judges the probes a requirement needs. required is a set of
# {"agent", "address", "port", "subject", "purpose"}: agent as in network.ports ("primary",
# "backup" or "database"), subject naming the address in messages ("backup 10.11.4.52"),
# purpose naming the port ("Cassandra CQL"). Returns {"violation", "unknown"}: a port that
# was refused or stayed silent does not hold; a probe that erred, was not recorded, or a
# document without network.ports, is unknown. Only the required probes that did not answer
# are looked at again.
#
# A ready pair is answered by the first branch without a key or a pass over the probes in
# Rego: each required probe is looked for as the exact object the gatherer records for an
# open port without error (one membership test, run natively). Any other shape falls back
# to the keyed lookup, which decides as before.
probe_findings(required) := {"violation": set(), "unknown": set()} if {
	is_array(ports)
	every r in required {
		{"agent": r.agent, "address": r.address, "port": r.port, "state": "open", "error": null} in ports
	}
} else := {"violation": violation, "unknown": unknown} if {
	is_array(ports)
	pending := [[k, r] |
		some r in required
		k := _key(r.agent, r.address, r.port)
		not k in _open
	]
	violation := {_not_open(r, p) |
		some [k, r] in pending
		some [pk, p] in _keyed
		pk == k
		p.state in {"closed", "filtered"}
	}
	erred := {_erred(r, p) |
		some [k, r] in pending
		some [pk, p] in _keyed
		pk == k
		p.state == "error"
	}
	absent := {sprintf("no probe of port %d (%s) of %s was recorded in network.ports", [r.port, r.purpose, r.subject]) |
		some [k, r] in pending
		not k in _recorded
	}
	unknown := erred | absent
} else := {"violation": set(), "unknown": {ports_missing}}

_not_open(r, p) := sprintf("port %d (%s) of %s does not answer: %s (%s), %s", [
	r.port, r.purpose, r.subject, p.state, _error(p), _observed_from,
])

# Where the probes ran matters: the gatherer's host stands in for the agents.
_observed_from := sprintf("probed from %s", [name]) if {
	name := input.network.observed_from
	is_string(name)
} else := "probed from the gatherer's host"

_erred(r, p) := sprintf("the probe of port %d (%s) of %s failed: %s", [r.port, r.purpose, r.subject, _error(p)])

_error(p) := e if {
	e := p.error
	is_string(e)
} else := "no detail recorded"
