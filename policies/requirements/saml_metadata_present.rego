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
#   remediation: |
#     Copy the SP metadata file (the spMetadata path of <ExternalAuthentication> in
#     C:\Skyline DataMiner\DataMiner.xml, e.g. C:\Skyline DataMiner\spMetadata.xml) and, when
#     ipMetadata is a local file, the IdP metadata file from the primary to the same paths on
#     the backup. When a file lies outside C:\Skyline DataMiner, check by hand that it exists
#     on the backup.
package dmaprep.requirements.saml_metadata_present

import data.dmaprep.lib
import data.dmaprep.lib.saml

# Whether the primary uses SAML decides whether this applies (lib.saml).
skip contains msg if some msg in saml.skip

unknown contains msg if some msg in saml.unknown

_xml := lib.fact("backup", "dataminer_xml")

_auth := lib.fact("backup", ["dataminer_xml", "external_authentication"])

_files := lib.fact("backup", "saml")

unknown contains lib.missing("backup", "dataminer_xml", "DataMiner.xml") if {
	saml.primary_uses_saml
	_xml == null
}

unknown contains saml.backup_auth_missing if {
	saml.primary_uses_saml
	_xml != null
	_auth == null
}

unknown contains lib.missing("backup", "saml", "the SAML metadata") if {
	saml.primary_uses_saml
	_auth != null
	_files == null
}

# The SP metadata file: required, so a SAML configuration without one is a violation.
_sp_path := lib.fact("backup", ["dataminer_xml", "external_authentication", "sp_metadata"])

violation contains "backup: its <ExternalAuthentication> names no SP metadata file (spMetadata)" if {
	saml.primary_uses_saml
	_auth != null
	_sp_path == null
}

violation contains sprintf("backup: the SP metadata file %s (spMetadata) does not exist", [_sp_path]) if {
	saml.primary_uses_saml
	_sp_path != null
	lib.fact("backup", ["saml", "sp_metadata_present"]) == false
}

unknown contains _not_checked("SP", _sp_path) if {
	saml.primary_uses_saml
	_sp_path != null
	_files != null
	lib.fact("backup", ["saml", "sp_metadata_present"]) == null
}

# The IdP metadata file: only a local path must exist on the backup; a URL is fetched.
_ip_path := lib.fact("backup", ["dataminer_xml", "external_authentication", "ip_metadata"])

# Decided from the value itself (as the gatherer's ip_metadata_is_url is), so an older fact
# document without that flag is judged the same way.
_ip_local if {
	is_string(_ip_path)
	not regex.match(`(?i)^\s*https?://`, _ip_path)
}

violation contains sprintf("backup: the IdP metadata file %s (ipMetadata) does not exist", [_ip_path]) if {
	saml.primary_uses_saml
	_ip_local
	lib.fact("backup", ["saml", "ip_metadata_present"]) == false
}

unknown contains _not_checked("IdP", _ip_path) if {
	saml.primary_uses_saml
	_ip_local
	_files != null
	lib.fact("backup", ["saml", "ip_metadata_present"]) == null
}

# The gatherer leaves a configured file's presence null when the path lies outside the
# DataMiner folder, or records why it could not tell.
_not_checked(kind, path) := sprintf("backup: whether the %s metadata file %s exists was not checked (%s)", [
	kind, path, why,
]) if {
	why := input.agents.backup.errors.saml
	is_string(why)
} else := sprintf(
	"backup: whether the %s metadata file %s exists was not checked (only files inside C:\\Skyline DataMiner are read)",
	[kind, path],
)

result := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation})
