# METADATA
# title: Prior to 10.4.0/10.4.2, with several indexing clusters, DBConfiguration.xml is copied to the backup
# description: |
#   Before DataMiner 10.4.0 (Main Release) and 10.4.2 (Feature Release), several
#   OpenSearch/Elasticsearch clusters are configured in DBConfiguration.xml, which is not
#   synchronised between Failover agents. On those versions, when more than one indexing
#   cluster is used, the file must be copied from the primary to the backup (while DataMiner
#   is stopped on the backup) and be equal on both, except priorityOrder, which may
#   deliberately differ. From 10.4.0/10.4.2 the same configuration lives in DB.xml, which
#   FO602 compares. The documentation disagrees on the folder: the Failover preparation page
#   names C:\Skyline DataMiner\Databases\, while the DBConfiguration.xml page, the pages on
#   multiple OpenSearch and Elasticsearch clusters, the overview of the DataMiner folder
#   (which lists only Database) and the release notes name C:\Skyline DataMiner\Database\,
#   so dmaprep takes Database\ as the folder DataMiner reads. It looks in both (Database\
#   first); a pair whose files sit in different folders fails, naming both paths, since
#   only one of them can be read by DataMiner. An agent's version that cannot be placed
#   against the condition makes the check warn rather than pass.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents (dedicated clustered storage)
#   - ref: https://docs.dataminer.services/dataminer/Reference/Skyline_DataMiner_Folder/More_information_on_certain_files_and_folders/DBConfiguration_xml.html
#     description: DBConfiguration.xml
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Databases/Indexing_database/OpenSearch_Database/Configuring_multiple_OpenSearch_clusters.html
#     description: Configuring multiple OpenSearch clusters
# custom:
#   id: FO603
#   name: dbconfiguration-copied
#   severity: error
#   facts:
#     - agents.*.dbconfiguration
#     - agents.*.version
#   example_failure: >-
#     backup has no DBConfiguration.xml (looked for in Database\ and Databases\); primary has
#     Database\DBConfiguration.xml with 2 indexing clusters
#   example_unknown: >-
#     primary: DataMiner version was not collected
#   remediation: |
#     Stop DataMiner on the backup and copy C:\Skyline DataMiner\Database\DBConfiguration.xml
#     (the preparation page says Databases\) from the primary to the same folder on the
#     backup, and keep it in one folder on both agents (Database\, per most pages); adjust
#     only the priorityOrder attributes if the backup should prefer another cluster. Then
#     start DataMiner on the backup again. Alternatively upgrade both agents to 10.4.0/10.4.2
#     or later, where the indexing clusters are configured in DB.xml.
package dmaprep.requirements.dbconfiguration_copied

import data.dmaprep.lib
import data.dmaprep.lib.database
import data.dmaprep.lib.version

# The catalogue's condition "prior to 10.4.0/10.4.2", exactly as the docs print it.
_condition := "10.4.0/10.4.2"

_facts := {"database", "dbconfiguration"}

skip contains "both agents run 10.4.0/10.4.2 or later, where DB.xml configures the indexing clusters (see FO602)" if {
	every agent in lib.agents {
		_prior[agent].value == "false"
	}
}

skip contains msg if {
	count(_several) == 0
	every agent in lib.agents {
		every f in _facts {
			lib.fact(agent, f) != null
		}
	}
	msg := "neither agent configures more than one indexing cluster (in DBConfiguration.xml or DB.xml)"
}

# The version decides whether the rule applies unless the other agent already settles it.
unknown contains lib.version_missing(agent) if {
	not _prior_true
	some agent in lib.agents
	not lib.version_known(agent)
}

unknown contains lib.missing(agent, "dbconfiguration", "DBConfiguration.xml (dbconfiguration)") if {
	some agent in lib.agents
	lib.fact(agent, "dbconfiguration") == null
}

# A DBConfiguration.xml that exists but could not be read.
unknown contains lib.missing(agent, "dbconfiguration", "the content of DBConfiguration.xml") if {
	some agent in lib.agents
	lib.fact(agent, ["dbconfiguration", "present"]) == true
	lib.fact(agent, ["dbconfiguration", "fingerprint_without_priority"]) == null
}

# DB.xml only tells whether several clusters are used; DBConfiguration.xml may settle it.
unknown contains msg if {
	count(_several) == 0
	some msg in database.missing
}

violation contains msg if {
	_prior_true
	some msg in _problems
}

warning contains lib.about(agent, msg) if {
	_undetermined
	some agent, prior in _prior
	prior.value == "indeterminate"
	msg := sprintf("cannot tell whether %s, which runs %s, is prior to %s: %s", [
		agent, version.label(input.agents[agent].version), _condition, trim_suffix(prior.reason, "."),
	])
}

warning contains msg if {
	_undetermined
	some msg in _problems
}

# _prior[agent] is prior_to for each agent whose version was collected and parsed, one call per
# agent. The agents of a ready pair run the same version: it is then judged once, for both.
_prior := {"primary": p, "backup": p} if {
	lib.version_known("primary")
	v := input.agents.primary.version
	v == input.agents.backup.version
	p := version.prior_to(v, _condition)
} else := {agent: version.prior_to(v, _condition) |
	some agent in lib.agents
	lib.version_known(agent)
	v := lib.fact(agent, "version")
}

_prior_true if {
	count(_several) > 0
	some prior in _prior
	prior.value == "true"
}

_undetermined if {
	count(_several) > 0
	not _prior_true
	some prior in _prior
	prior.value == "indeterminate"
}

# _several are the agents that configure more than one indexing cluster.
_several contains agent if {
	some agent in ["primary", "backup"]
	_configures_several(agent)
}

# DBConfiguration.xml's cluster count settles it (one fact read); only otherwise are the
# agent's DB.xml databases counted.
_configures_several(agent) if {
	n := object.get(input.agents[agent], ["dbconfiguration", "elastic_cluster_count"], null)
	is_number(n)
	n > 1
} else if {
	count(_search_databases(agent)) > 1
}

# _search_databases(agent) are the active indexing databases in an agent's DB.xml.
_search_databases(agent) := [db | some db in database.databases(agent); database.is_search(db); database.active(db)]

_other := {"primary": "backup", "backup": "primary"}

# _problems are what does not hold when the rule applies.
_problems contains msg if {
	some agent in lib.agents
	lib.fact(agent, ["dbconfiguration", "present"]) == false
	other := _other[agent]
	lib.fact(other, ["dbconfiguration", "present"]) == true
	msg := sprintf("%s has no DBConfiguration.xml (looked for in Database\\ and Databases\\); %s has %s%s", [
		agent, other, input.agents[other].dbconfiguration.path, _clusters(other),
	])
}

_problems contains msg if {
	every agent in lib.agents {
		lib.fact(agent, ["dbconfiguration", "present"]) == false
	}
	msg := sprintf("neither agent has DBConfiguration.xml (looked for in Database\\ and Databases\\), but %s", [
		concat(" and ", sort([sprintf("%s's DB.xml lists %d indexing databases", [agent, n]) |
			some agent in _several
			n := count(_search_databases(agent))
		])),
	])
}

_problems contains msg if {
	primary := input.agents.primary.dbconfiguration.fingerprint_without_priority
	backup := input.agents.backup.dbconfiguration.fingerprint_without_priority
	is_string(primary)
	is_string(backup)
	primary != backup
	msg := sprintf("backup's DBConfiguration.xml%s differs from the primary's%s (priorityOrder and passwords ignored)", [
		_clusters("backup"), _clusters("primary"),
	])
}

# Only one of Database\ and Databases\ is the folder DataMiner reads: files in different
# folders cannot both be in use, whatever their content.
_problems contains msg if {
	primary := _folder("primary")
	backup := _folder("backup")
	primary != backup
	msg := sprintf(
		concat("", [
			"the agents keep DBConfiguration.xml in different folders: primary %s, backup ",
			"%s; DataMiner reads only one of them (Database\\ per the DBConfiguration.xml ",
			"page; the preparation page says Databases\\)",
		]),
		[input.agents.primary.dbconfiguration.path, input.agents.backup.dbconfiguration.path],
	)
}

# _folder is the folder an agent's DBConfiguration.xml was read from, in lower case (the
# reader records the path as on disk, and Windows ignores case).
_folder(agent) := lower(dir) if {
	input.agents[agent].dbconfiguration.present == true
	[dir, _] := split(input.agents[agent].dbconfiguration.path, "\\")
}

# _clusters says how many indexing clusters an agent's DBConfiguration.xml configures.
_clusters(agent) := sprintf(" with %d indexing clusters", [n]) if {
	n := lib.fact(agent, ["dbconfiguration", "elastic_cluster_count"])
	is_number(n)
} else := ""

# A skipped requirement's result is its skip reasons alone (lib.result), so the other
# findings are only worked out when it does not skip: the usual pair, on 10.4 or later,
# stops after the version check.
result := lib.result(rego.metadata.chain(), {"skip": skip}) if {
	count(skip) > 0
} else := lib.result(rego.metadata.chain(), {
	"skip": skip, "unknown": unknown,
	"violation": violation, "warning": warning,
})
