# METADATA
# title: With a separate Cassandra per agent, the database ports are open between the agents
# description: |
#   In a separate Cassandra setup, the Cassandra databases of the two agents form one
#   cluster, so TCP 7000 (Cassandra inter-node; 7001 instead when TLSEnabled is set in
#   DB.xml) and TCP 9042 (CQL) must be open between the primary and the backup. With an
#   indexing database on each agent as well, the two OpenSearch/Elasticsearch nodes form a
#   cluster too and also need TCP 9200 and 9300 between the agents. dmaprep probes each
#   port at each agent's primary IP from where the gatherer runs (network.observed_from).
#   When a DB.xml has no general database, which storage architecture that agent uses
#   cannot be told, so the requirement is unknown rather than skipped.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents (separate Cassandra setup)
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Agents/Configuring_a_DMA/Configuring_the_IP_network_ports.html
#     description: Configuring the IP network ports
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Security/Advanced_security_configuration/Database_security/Security_Cassandra_general/Cassandra_firewall.html
#     description: Cassandra firewall configuration
# custom:
#   id: FO606
#   name: database-ports-between-agents
#   severity: error
#   facts:
#     - network.ports
#     - agents.*.database
#     - agents.*.addresses
#     - gatherer.skip_network
#   example_failure: >-
#     port 7000 (Cassandra inter-node) of backup 10.11.4.52 does not answer: closed (connection
#     refused), probed from ci-runner
#   example_unknown: >-
#     primary: DB.xml (database) was not collected
#   remediation: |
#     Allow inbound TCP 7000 (7001 when Cassandra uses TLS) and 9042 in the Windows Firewall
#     of both agents, and TCP 9200 and 9300 as well when each agent has an indexing database,
#     for the other agent's address; make sure the cassandra (and OpenSearch/Elasticsearch)
#     services run and listen on the agent's primary IP. Then gather again.
package dmaprep.requirements.database_ports_between_agents

import data.dmaprep.lib
import data.dmaprep.lib.database

skip contains sprintf("applies to a separate Cassandra database per agent only; %s", [database.summary]) if {
	database.neither_uses(database.separate)
}

unknown contains msg if some msg in database.missing

# A DB.xml without a general database cannot tell whether the rule applies.
unknown contains msg if some msg in database.undecided(database.separate)

unknown contains lib.missing(agent, "addresses", "primary IP address") if {
	database.uses(database.separate)
	some agent in lib.agents
	not _has_ip(agent)
}

unknown contains msg if {
	database.uses(database.separate)
	some msg in _findings.unknown
}

violation contains msg if {
	database.uses(database.separate)
	some msg in _findings.violation
}

_has_ip(agent) if is_string(lib.primary_ip(agent))

_findings := database.probe_findings(_required)

# _required: every port at every agent's primary IP, agent as the gatherer records it.
_required contains {
	"agent": agent, "address": ip, "port": port,
	"subject": sprintf("%s %s", [agent, ip]), "purpose": purpose,
} if {
	some agent in lib.agents
	ip := lib.primary_ip(agent)
	some [port, purpose] in _ports
}

_ports contains [7001, "Cassandra inter-node, TLS"] if _tls

_ports contains [7000, "Cassandra inter-node"] if not _tls

_ports contains [9042, "Cassandra CQL"]

_ports contains [9200, "OpenSearch/Elasticsearch"] if _indexing

_ports contains [9300, "OpenSearch/Elasticsearch inter-node"] if _indexing

# Cassandra uses 7001 once either agent's DB.xml enables TLS for it (FO610 wants both).
_tls if {
	some agent in lib.agents
	some db in database.databases(agent)
	database.is_cassandra(db)
	db.tls_enabled == true
}

_indexing if database.uses({"separate_cassandra_indexing"})

# A skipped requirement's result is its skip reasons alone (lib.result), so the other
# findings are only worked out when it does not skip: a pair without a separate Cassandra
# database stops after the architecture check.
result := lib.result(rego.metadata.chain(), {"skip": skip}) if {
	count(skip) > 0
} else := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation})
