# METADATA
# title: With STaaS, the backup is prepared for Storage as a Service without the primary's identity
# description: |
#   With Storage as a Service, the primary joined following the STaaS procedure, and the
#   backup gets the same treatment except for joining itself: its DB.xml has the
#   CloudStorage database
#   (<DataBase active="true" local="true" search="true" cloud="true" type="CloudStorage"/>),
#   and the primary's CcaGatewayPersisted folder
#   (C:\ProgramData\Skyline Communications\DataMiner CloudGateway\Data\CcaGatewayPersisted) is
#   copied to it without the four Dms*Token*.data files, which hold the primary's access
#   tokens. Once CloudGateway is started on the backup it may write token files of its own,
#   so a token file counts as the primary's only when its content equals the primary's file
#   (compared by fingerprint). Its NodeId.txt (C:\ProgramData\Skyline Communications\DxMs
#   Shared\Data) must not be a copy of the primary's. A STaaS proxy in DB.xml needs DataMiner
#   10.4.5/10.5.0 or later on the agent that has it. CloudGateway itself is not required:
#   the docs say an agent that will not host it can safely uninstall it. These folders are
#   outside the DataMiner folder, so dmaprep reads them on the host (`dmaprep gather agent`)
#   or takes them from the operator (--operator-facts).
#   When a DB.xml has no general database, which storage architecture that agent uses
#   cannot be told, so the requirement is unknown rather than skipped.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents (STaaS)
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Systems/Adding_a_DMA/Adding_a_DMA_to_a_DMS_running_STaaS.html
#     description: >-
#       Adding a DataMiner Agent to a cluster running STaaS (the steps; proxy from
#       10.4.5/10.5.0; CloudGateway may be uninstalled)
# custom:
#   id: FO611
#   name: staas-prepared
#   severity: error
#   facts:
#     - agents.*.staas
#     - agents.backup.database
#     - agents.*.version
#   example_failure: >-
#     backup's CcaGatewayPersisted holds the access-token files DmsAccessToken.data,
#     DmsAccessTokenExpiration.data, DmsRefreshToken.data, DmsRefreshTokenExpiration.data copied
#     from the primary (same content)
#   example_unknown: >-
#     backup: DB.xml (database) was not collected
#   remediation: |
#     On the backup: install the DataMiner Cloud Pack; stop DataMiner and CloudGateway; copy
#     the primary's
#     C:\ProgramData\Skyline Communications\DataMiner CloudGateway\Data\CcaGatewayPersisted
#     folder, then delete DmsAccessToken.data, DmsAccessTokenExpiration.data,
#     DmsRefreshToken.data and DmsRefreshTokenExpiration.data from it; delete
#     C:\ProgramData\Skyline Communications\DxMs Shared\Data\NodeId.txt if it was copied from
#     the primary; start CloudGateway; configure the CloudStorage database in DB.xml (a proxy
#     only from DataMiner 10.4.5/10.5.0). When these facts were not collected, run `dmaprep
#     gather agent` on each agent's Windows host, or supply them with --operator-facts FILE,
#     e.g. backup: {staas: {cca_gateway_persisted_present: true, token_files: [],
#     node_id_fingerprint: null}}.
package dmaprep.requirements.staas_prepared

import data.dmaprep.lib
import data.dmaprep.lib.database
import data.dmaprep.lib.version

skip contains sprintf("applies to Storage as a Service only; %s", [database.summary]) if {
	database.neither_uses({"staas"})
}

unknown contains msg if some msg in database.missing

# A DB.xml without a general database cannot tell whether the rule applies.
unknown contains msg if some msg in database.undecided({"staas"})

_staas if database.uses({"staas"})

violation contains lib.about("backup", msg) if {
	_staas
	lib.fact("backup", "database") != null
	not _backup_cloud_storage
	msg := "backup's DB.xml has no active CloudStorage database (<DataBase ... cloud=\"true\" type=\"CloudStorage\">)"
}

_backup_cloud_storage if {
	some db in database.databases("backup")
	database.type_of(db) == "cloudstorage"
	database.active(db)
}

unknown contains lib.missing("backup", "staas", "STaaS preparation (staas)") if {
	_staas
	lib.fact("backup", "staas") == null
}

# The backup's folder: false does not hold, null was not collected. (Whether CloudGateway is
# installed is not judged: an agent that will not host it may uninstall it.)
unknown contains lib.about("backup", msg) if {
	_staas
	lib.fact("backup", "staas") != null
	lib.fact("backup", ["staas", "cca_gateway_persisted_present"]) == null
	msg := sprintf("backup: %s was not collected", [_labels.cca_gateway_persisted_present])
}

violation contains lib.about("backup", msg) if {
	_staas
	lib.fact("backup", ["staas", "cca_gateway_persisted_present"]) == false
	msg := "backup has no CcaGatewayPersisted folder: copy the primary's (without its Dms*Token*.data files)"
}

unknown contains lib.about("backup", sprintf("backup: %s was not collected", [_labels.token_files])) if {
	_staas
	lib.fact("backup", ["staas", "cca_gateway_persisted_present"]) == true
	lib.fact("backup", ["staas", "token_files"]) == null
}

# A token file is the primary's only when its content equals the primary's file of that name:
# after CloudGateway starts on the backup, it writes tokens of its own.
violation contains lib.about("backup", msg) if {
	_staas
	count(_copied_tokens) > 0
	msg := sprintf("backup's CcaGatewayPersisted holds the access-token files %s copied from the primary (same content)", [
		concat(", ", sort(_copied_tokens)),
	])
}

_copied_tokens := [name |
	some name, fp in _token_fingerprints("backup")
	fp == _token_fingerprints("primary")[name]
]

# The backup's token files can only be compared with both agents' fingerprints.
unknown contains lib.about(agent, msg) if {
	_staas
	files := lib.fact("backup", ["staas", "token_files"])
	is_array(files)
	count(files) > 0
	some agent in ["backup", "primary"]
	not _token_fingerprints(agent)
	msg := sprintf(
		concat("", [
			"%s: the fingerprints of the token files were not collected, so whether the ",
			"backup's %s are copies of the primary's is not known",
		]),
		[agent, concat(", ", sort(files))],
	)
}

_token_fingerprints(agent) := fps if {
	fps := lib.fact(agent, ["staas", "token_fingerprints"])
	is_object(fps)
}

# A STaaS proxy in DB.xml needs 10.4.5/10.5.0 or later on the agent that configures it.
_proxy_since := "10.4.5/10.5.0"

_proxy_tokens := version.condition(_proxy_since)

_proxy_agents contains agent if {
	_staas
	some agent in lib.agents
	some db in database.databases(agent)
	database.type_of(db) == "cloudstorage"
	db.proxy == true
}

violation contains lib.about(agent, msg) if {
	some agent in _proxy_agents
	v := lib.fact(agent, "version")
	v != null
	version.decision(v, _proxy_tokens) == "false"
	msg := sprintf("%s's DB.xml configures a STaaS proxy, which needs DataMiner %s or later; it runs %s", [
		agent, _proxy_since, version.label(v),
	])
}

warning contains lib.about(agent, msg) if {
	some agent in _proxy_agents
	v := lib.fact(agent, "version")
	lib.version_known(agent)
	version.decision(v, _proxy_tokens) == "indeterminate"
	msg := sprintf("cannot tell whether %s, whose DB.xml configures a STaaS proxy, runs DataMiner %s or later: %s", [
		agent, _proxy_since, trim_suffix(version.satisfies(v, _proxy_since).reason, "."),
	])
}

unknown contains lib.about(agent, msg) if {
	some agent in _proxy_agents
	not lib.version_known(agent)
	msg := sprintf("%s, so whether its STaaS proxy is supported (from %s) is not known", [
		lib.version_missing(agent).message, _proxy_since,
	])
}

# NodeId.txt: null means the file is absent (as it should be); an absent key, not collected.
unknown contains lib.about(agent, sprintf("%s: %s was not collected", [agent, _labels.node_id_fingerprint])) if {
	_staas
	some agent in _node_id_needed
	lib.fact(agent, "staas") != null
	_node_id(agent) == false
}

unknown contains lib.missing("primary", "staas", "STaaS preparation (staas)") if {
	_staas
	is_string(_node_id("backup"))
	lib.fact("primary", "staas") == null
}

violation contains lib.about("backup", msg) if {
	_staas
	backup := _node_id("backup")
	is_string(backup)
	backup == _node_id("primary")
	msg := "backup's NodeId.txt is a copy of the primary's (same fingerprint): delete it on the backup"
}

# The primary's NodeId.txt only matters when the backup has one.
_node_id_needed contains "backup"

_node_id_needed contains "primary" if is_string(_node_id("backup"))

# _node_id is the NodeId.txt fingerprint, null when the file is absent, false when unknown.
_node_id(agent) := object.get(input.agents[agent], ["staas", "node_id_fingerprint"], false)

_labels := {
	"cca_gateway_persisted_present": "whether the CcaGatewayPersisted folder exists",
	"token_files": "the list of Dms*Token*.data files in CcaGatewayPersisted",
	"node_id_fingerprint": "the NodeId.txt fingerprint",
}

# A skipped requirement's result is its skip reasons alone (lib.result), so the other
# findings are only worked out when it does not skip: a pair without STaaS stops after the
# architecture check.
result := lib.result(rego.metadata.chain(), {"skip": skip}) if {
	count(skip) > 0
} else := lib.result(rego.metadata.chain(), {
	"skip": skip,
	"unknown": unknown,
	"violation": violation,
	"warning": warning,
})
