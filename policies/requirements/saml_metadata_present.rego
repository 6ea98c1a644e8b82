# METADATA
# title: The SAML metadata files exist on the backup
# description: |
#   When the primary uses SAML, the files that <ExternalAuthentication> in DataMiner.xml
#   names must exist on the backup at the configured paths: the service provider metadata
#   (spMetadata) always, and the identity provider metadata (ipMetadata) when it is a local
#   file rather than a URL. Without them the backup cannot authenticate users once it is
#   online. The paths are the backup's own (FO701 checks that they equal the primary's); only
#   files inside C:\Skyline DataMiner can be checked from the DataMiner folder.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Security/Advanced_security_configuration/Configuring_external_authentication_via_an_identity_provider_using_SAML.html
#     description: Configuring external authentication via an identity provider using SAML
# custom:
#   id: FO702
#   name: saml-metadata-present
#   severity: error
#   facts:
#     - agents.backup.saml
#     - agents.backup.dataminer_xml
#   example_failure: >-
#     backup: the IdP metadata file C:\Skyline DataMiner\federationmetadata.xml (ipMetadata) does
#     not exist
#   example_unknown: >-
#     backup: the SAML metadata was not collected
#   remediation: |
#     Copy the SP metadata file (the spMetadata path of <ExternalAuthentication> in
#     C:\Skyline DataMiner\DataMiner.xml, e.g. C:\Skyline DataMiner\spMetadata.xml) and, when
#     ipMetadata is a local file, the IdP metadata file from the primary to the same paths on
#     the backup. When a file lies outside C:\Skyline DataMiner, check by hand that it exists
#     on the backup.
package dmaprep.requirements.saml_metadata_present

import data.dmaprep.lib
import data.dmaprep.lib.saml

# Whether the primary uses SAML decides whether this applies (lib.saml); lib.saml's skip and
# unknown go to the result as they are, without rules that copy them.
#
# Facts are read inline with object.get (as lib.fact does) where a null must be told apart,
# and by plain reference where an absent value simply fails the test: both are cheaper than
# a helper rule each. Each rule tests first what usually fails on a ready pair.

unknown contains lib.missing("backup", "dataminer_xml", "DataMiner.xml") if {
	object.get(input.agents.backup, "dataminer_xml", null) == null
	saml.primary_uses_saml
}

unknown contains lib.about("backup", saml.backup_auth_missing) if {
	object.get(input.agents.backup, ["dataminer_xml", "external_authentication"], null) == null
	saml.primary_uses_saml
	object.get(input.agents.backup, "dataminer_xml", null) != null
}

unknown contains lib.missing("backup", "saml", "the SAML metadata") if {
	object.get(input.agents.backup, "saml", null) == null
	saml.primary_uses_saml
	object.get(input.agents.backup, ["dataminer_xml", "external_authentication"], null) != null
}

# The SP metadata file: required, so a SAML configuration without one is a violation.
violation contains lib.about("backup", msg) if {
	object.get(input.agents.backup, ["dataminer_xml", "external_authentication", "sp_metadata"], null) == null
	saml.primary_uses_saml
	object.get(input.agents.backup, ["dataminer_xml", "external_authentication"], null) != null
	msg := "backup: its <ExternalAuthentication> names no SP metadata file (spMetadata)"
}

violation contains lib.about("backup", msg) if {
	input.agents.backup.saml.sp_metadata_present == false
	saml.primary_uses_saml
	path := input.agents.backup.dataminer_xml.external_authentication.sp_metadata
	path != null
	msg := sprintf("backup: the SP metadata file %s (spMetadata) does not exist", [path])
}

unknown contains lib.about("backup", _not_checked("SP", path)) if {
	object.get(input.agents.backup, ["saml", "sp_metadata_present"], null) == null
	saml.primary_uses_saml
	path := input.agents.backup.dataminer_xml.external_authentication.sp_metadata
	path != null
	object.get(input.agents.backup, "saml", null) != null
}

# The IdP metadata file: only a local path must exist on the backup; a URL is fetched.
_ip_path := lib.fact("backup", ["dataminer_xml", "external_authentication", "ip_metadata"])

# Decided from the value itself (as the gatherer's ip_metadata_is_url is), so an older fact
# document without that flag is judged the same way. Cheap guard first: a path that starts
# with "https://" or "http://" is a URL without the regex (which also allows leading space
# and any case).
_ip_local if {
	is_string(_ip_path)
	not startswith(_ip_path, "https://")
	not startswith(_ip_path, "http://")
	not regex.match(`(?i)^\s*https?://`, _ip_path)
}

violation contains lib.about("backup", msg) if {
	input.agents.backup.saml.ip_metadata_present == false
	saml.primary_uses_saml
	_ip_local
	msg := sprintf("backup: the IdP metadata file %s (ipMetadata) does not exist", [_ip_path])
}

unknown contains lib.about("backup", _not_checked("IdP", _ip_path)) if {
	object.get(input.agents.backup, ["saml", "ip_metadata_present"], null) == null
	saml.primary_uses_saml
	object.get(input.agents.backup, "saml", null) != null
	_ip_local
}

# The gatherer leaves a configured file's presence null when the path lies outside the
# DataMiner folder, or records why it could not tell (e.g. a placeholder path): its error
# is quoted when it names this file's attribute, or when it names neither attribute.
_attribute := {"SP": "spMetadata", "IdP": "ipMetadata"}

_not_checked(kind, path) := sprintf("backup: whether the %s metadata file %s exists was not checked (%s)", [
	kind, path, why,
]) if {
	why := input.agents.backup.errors.saml
	is_string(why)
	_concerns(why, _attribute[kind])
} else := sprintf(
	"backup: whether the %s metadata file %s exists was not checked (only files inside C:\\Skyline DataMiner are read)",
	[kind, path],
)

_concerns(why, attribute) if contains(why, attribute)

_concerns(why, _) if {
	not contains(why, "spMetadata")
	not contains(why, "ipMetadata")
}

result := lib.result(rego.metadata.chain(), {
	"skip": saml.skip,
	"unknown": (saml.unknown | unknown),
	"violation": violation,
})
