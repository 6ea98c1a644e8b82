# METADATA
# title: The backup has the primary's SAML configuration
# description: |
#   When the primary authenticates users through SAML, the backup must carry exactly the
#   same external-authentication configuration in DataMiner.xml: the <ExternalAuthentication>
#   element and, when Entra ID provisioning is used, the <AzureAD> element. DataMiner does
#   not synchronise this configuration, and every SAML agent must have the same. The
#   preparation page calls the element <ExternalAuth>; this policy follows the schema name,
#   <ExternalAuthentication> (the gatherer reads either spelling). The elements are compared
#   by fingerprint, which leaves out secrets (clientSecret, password, sharedSecret): DataMiner
#   replaces those with placeholders after its first start, so they always differ.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Security/Advanced_security_configuration/Configuring_external_authentication_via_an_identity_provider_using_SAML.html
#     description: Configuring external authentication via an identity provider using SAML
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Security/Advanced_security_configuration/Configuring_SAML/SAML_using_Entra_ID.html
#     description: SAML using Entra ID
#   - ref: https://docs.dataminer.services/develop/schemadoc/DataMiner/DataMiner.ExternalAuthentication.html
#     description: DataMiner.xml ExternalAuthentication element
# custom:
#   id: FO701
#   name: saml-config-mirrored
#   severity: error
#   facts:
#     - agents.*.dataminer_xml
#   example_failure: >-
#     the backup's DataMiner.xml has no <AzureAD>; the primary's has one (tenantId
#     6f1d2c3b-0000-4000-8000-000000000001)
#   example_unknown: >-
#     primary: DataMiner.xml was not collected
#   remediation: |
#     Stop DataMiner on the backup and copy the <ExternalAuthentication> element (with its
#     AutomaticUserCreation settings) and, when present, the <AzureAD> element from the
#     primary's C:\Skyline DataMiner\DataMiner.xml into the backup's DataMiner.xml. Secrets
#     such as clientSecret are entered in plain text; DataMiner encrypts them at the next start.
#     Then start DataMiner on the backup again.
package dmaprep.requirements.saml_config_mirrored

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

violation contains lib.about("backup", msg) if {
	object.get(input.agents.backup, ["dataminer_xml", "external_authentication"], null) == null
	saml.primary_uses_saml
	object.get(input.agents.backup, "dataminer_xml", null) != null
	msg := "the backup's DataMiner.xml has no <ExternalAuthentication>; the primary uses SAML"
}

violation contains lib.about("backup", msg) if {
	primary := input.agents.primary.dataminer_xml.external_authentication
	backup := input.agents.backup.dataminer_xml.external_authentication
	backup != null
	backup.fingerprint != primary.fingerprint
	saml.primary_uses_saml
	msg := sprintf("the backup's <ExternalAuthentication> differs from the primary's: %s", [
		_differences(primary, backup, _auth_fields, _auth_visible),
	])
}

_auth_fields := {"type": "type", "ip_metadata": "ipMetadata", "sp_metadata": "spMetadata"}

_auth_visible := "type, ipMetadata and spMetadata (e.g. AutomaticUserCreation)"

violation contains lib.about("backup", msg) if {
	object.get(input.agents.backup, ["dataminer_xml", "azure_ad"], null) == null
	saml.primary_uses_saml
	object.get(input.agents.backup, "dataminer_xml", null) != null
	primary := object.get(input.agents.primary, ["dataminer_xml", "azure_ad"], null)
	primary != null
	msg := sprintf("the backup's DataMiner.xml has no <AzureAD>; the primary's has one (tenantId %s)", [
		_show(object.get(primary, "tenant_id", null)),
	])
}

violation contains lib.about("backup", msg) if {
	object.get(input.agents.primary, ["dataminer_xml", "azure_ad"], null) == null
	saml.primary_uses_saml
	backup := object.get(input.agents.backup, ["dataminer_xml", "azure_ad"], null)
	backup != null
	msg := sprintf("the backup's DataMiner.xml has an <AzureAD> (tenantId %s); the primary's has none", [
		_show(object.get(backup, "tenant_id", null)),
	])
}

violation contains lib.about("backup", msg) if {
	primary := input.agents.primary.dataminer_xml.azure_ad
	backup := input.agents.backup.dataminer_xml.azure_ad
	backup.fingerprint != primary.fingerprint
	primary != null
	backup != null
	saml.primary_uses_saml
	msg := sprintf("the backup's <AzureAD> differs from the primary's: %s", [
		_differences(primary, backup, _azure_fields, "tenantId and clientId"),
	])
}

_azure_fields := {"tenant_id": "tenantId", "client_id": "clientId"}

# _differences names the visible attributes that differ; when none does, the difference lies
# in what only the fingerprint covers.
_differences(primary, backup, fields, visible) := concat("; ", diffs) if {
	diffs := [sprintf("%s is %s on the backup, %s on the primary", [attr, _show(b), _show(p)]) |
		some key, attr in fields
		p := object.get(primary, key, null)
		b := object.get(backup, key, null)
		p != b
	]
	count(diffs) > 0
} else := sprintf("they differ in settings other than %s; secrets are not compared", [visible])

_show(null) := "not set"

_show(x) := x if x != null

result := lib.result(rego.metadata.chain(), {
	"skip": saml.skip,
	"unknown": (saml.unknown | unknown),
	"violation": violation,
})
