# METADATA
# title: What the SAML requirements share
# description: |
#   What the SAML requirements (FO701-FO703) share: whether the primary uses SAML, which decides
#   whether they apply, and why they do not.
package dmaprep.lib.saml

import data.dmaprep.lib

# primary_uses_saml: the primary's <ExternalAuthentication> has type SAML (any case). The docs
# make the SAML preparation of the backup depend on the primary using it. A plain reference
# reads the type: an absent type fails is_string just as a null one does.
primary_uses_saml if {
	type := input.agents.primary.dataminer_xml.external_authentication.type
	is_string(type)
	lower(type) == "saml"
}

# skip says why a SAML requirement does not apply; it needs the primary's DataMiner.xml,
# so an uncollected file gives unknown instead. Guard first: a primary that uses SAML (the
# usual case, and a cached rule) ends both rules below at once.
skip contains sprintf("the primary does not use SAML (%s)", [_why_not]) if {
	not primary_uses_saml
	object.get(input.agents.primary, "dataminer_xml", null) != null
}

_primary_type := lib.fact("primary", ["dataminer_xml", "external_authentication", "type"])

_why_not := "its DataMiner.xml has no <ExternalAuthentication>" if {
	lib.fact("primary", ["dataminer_xml", "external_authentication"]) == null
} else := "its <ExternalAuthentication> has no type" if {
	_primary_type == null
} else := sprintf("its <ExternalAuthentication> has type %s", [_primary_type])

# unknown: whether the primary uses SAML cannot be told.
unknown contains lib.missing("primary", "dataminer_xml", "DataMiner.xml") if {
	not primary_uses_saml
	object.get(input.agents.primary, "dataminer_xml", null) == null
}

# backup_auth_missing is the unknown message for a SAML fact of the backup that cannot be read
# because the backup has no <ExternalAuthentication> (FO701 reports that as its own failure).
backup_auth_missing := concat("", [
	"backup: its DataMiner.xml has no <ExternalAuthentication>, so the SAML metadata files it ",
	"would name were not looked for (see FO701)",
])
