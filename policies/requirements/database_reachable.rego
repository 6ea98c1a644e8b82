# METADATA
# title: With dedicated clustered storage, every database host answers
# description: |
#   With dedicated clustered storage, both agents must reach the Cassandra cluster on TCP
#   port 9042 (also with TLS) and the OpenSearch/Elasticsearch cluster on TCP port 9200, or
#   on the port given as host:port in <DBServer> of DB.xml. dmaprep probes every host of the
#   Cassandra and indexing databases in both agents' C:\Skyline DataMiner\DB.xml from where
#   the gatherer runs (network.observed_from); run the gather on or next to the agents so
#   that the probes take the agents' network path.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents (dedicated clustered storage)
#   - ref: https://docs.dataminer.services/dataminer/Reference/Skyline_DataMiner_Folder/More_information_on_certain_files_and_folders/DB_xml.html
#     description: DB.xml (DBServer, host:port)
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Agents/Configuring_a_DMA/Configuring_the_IP_network_ports.html
#     description: Configuring the IP network ports
# custom:
#   id: FO604
#   name: database-reachable
#   severity: error
#   facts:
#     - network.ports
#     - agents.*.database
#     - gatherer.skip_network
#   example_failure: >-
#     port 9042 (Cassandra CQL) of database host 127.0.20.12 does not answer: filtered (no answer
#     within 2s), probed from ci-runner
#   example_unknown: >-
#     network.ports was not collected (no network probe ran)
#   remediation: |
#     Open TCP 9042 on every Cassandra node and TCP 9200 (or the port configured as host:port
#     in <DBServer> of C:\Skyline DataMiner\DB.xml) on every OpenSearch/Elasticsearch node for
#     both agents (firewalls on the database nodes and in between), check that the database
#     services run, and correct any wrong host in DB.xml. Then gather again.
package dmaprep.requirements.database_reachable

import data.dmaprep.lib
import data.dmaprep.lib.database

_dedicated := {"dedicated_clustered"}

skip contains sprintf("applies to dedicated clustered storage only; %s", [database.summary]) if {
	database.neither_uses(_dedicated)
}

unknown contains msg if some msg in database.missing

# A DB.xml without a general database cannot tell whether the rule applies.
unknown contains msg if some msg in database.undecided(_dedicated)

unknown contains msg if some msg in _findings.unknown

# "localhost" in DB.xml is the agent itself, which dmaprep does not run on: a probe from
# here would reach the wrong machine, so none is made.
unknown contains lib.about(agent, msg) if {
	some [server, default_port], e in _endpoints
	_is_localhost(e.host)
	some [db, port, purpose] in _databases
	port == default_port
	server in _servers(db)
	some agent in _agents_listing(db)
	msg := sprintf(
		concat("", [
			"%s's DB.xml names %s for its %s database: that is the agent itself, not checked ",
			"from here (run dmaprep on the agent, or name the host by address)",
		]),
		[agent, server, _type(db, purpose)],
	)
}

_is_localhost(host) if lower(trim_suffix(host, ".")) == "localhost"

violation contains msg if some msg in _findings.violation

# An empty list names no server either; with nothing to probe it would otherwise pass.
violation contains lib.about(agent, msg) if {
	some [db, _, purpose] in _databases
	count(_servers(db)) == 0
	some agent in _agents_listing(db)
	msg := sprintf("%s's DB.xml names no server (<DBServer>) for its %s database", [agent, _type(db, purpose)])
}

violation contains lib.about(agent, msg) if {
	some [server, port], e in _endpoints
	e.port == null
	some [db, default_port, purpose] in _databases
	default_port == port
	server in db.servers
	some agent in _agents_listing(db)
	msg := sprintf("%s's DB.xml names server %q for its %s database with a port outside 1-65535", [
		agent, server, _type(db, purpose),
	])
}

# The probes are judged once, and only when an agent is on dedicated clustered storage
# (the guard is one membership test on the architectures, database.uses inlined).
_findings := database.probe_findings(_required) if {
	"dedicated_clustered" in database.architectures
} else := {"violation": set(), "unknown": set()}

# _databases are the Cassandra and indexing databases of the agents on dedicated
# clustered storage, each with its default port and what the port is for. A set without
# the agent: a database both DB.xml files list (the usual case) is looked at once.
#
# The DB.xml fact is read by direct references (what database.architectures and
# database.databases hold; an absent one leaves nothing to iterate, as they do), which
# measured cheaper than going through the helpers.
_databases contains [db, port, purpose] if {
	some agent in ["primary", "backup"]
	input.agents[agent].database.architecture == "dedicated_clustered"
	some db in input.agents[agent].database.databases
	object.get(db, "active", null) != false # database.active(db), inlined
	[port, purpose] := _role(db)
}

# _agents_listing(db) are the agents on dedicated clustered storage whose DB.xml lists db,
# for messages only.
_agents_listing(db) := {agent |
	some agent, arch in database.architectures
	arch == "dedicated_clustered"
	db in database.databases(agent)
}

# _role is what a database's servers are probed for: by type (compared in lower case, as
# database.type_of does), else an indexing database by its search attribute. One call
# per database instead of the type helpers' several.
_role(db) := r if {
	t := db.type
	is_string(t)
	r := _roles[lower(t)]
} else := [9200, "OpenSearch/Elasticsearch"] if db.search == true

_roles := {
	"cassandra": [9042, "Cassandra CQL"],
	"cassandracluster": [9042, "Cassandra CQL"],
	"elasticsearch": [9200, "OpenSearch/Elasticsearch"],
	"opensearch": [9200, "OpenSearch/Elasticsearch"],
}

# The default port tells what a server entry is probed for (see _roles).
_purposes := {9042: "Cassandra CQL", 9200: "OpenSearch/Elasticsearch"}

# _endpoints splits each <DBServer> entry with its default port once, though both
# agents' DB.xml list it.
_endpoints := {[server, port]: database.endpoint(server, port) |
	some [db, port, _] in _databases
	some server in _servers(db)
}

# _required are the probes to look up: one per host and port.
_required contains {
	"agent": "database", "address": e.host, "port": e.port,
	"subject": sprintf("database host %s", [e.host]), "purpose": _purposes[port],
} if {
	some [_, port], e in _endpoints
	e.port != null
	not _is_localhost(e.host)
}

_type(db, purpose) := t if {
	t := db.type
	is_string(t)
} else := purpose

_servers(db) := s if {
	s := db.servers
	is_array(s)
} else := []

result := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation})
