# What the SAML requirements (FO701-FO703) share: whether the primary uses SAML, which decides
# whether they apply, and why they do not.
package dmaprep.lib.saml

import data.dmaprep.lib

_primary_xml := lib.fact("primary", "dataminer_xml")

_primary_type := lib.fact("primary", ["dataminer_xml", "external_authentication", "type"])

# primary_uses_saml: the primary's <ExternalAuthentication> has type SAML (any case). The docs
# make the SAML preparation of the backup depend on the primary using it.
primary_uses_saml if {
	is_string(_primary_type)
	lower(_primary_type) == "saml"
}

# skip says why a SAML requirement does not apply; it needs the primary's DataMiner.xml,
# so an uncollected file gives unknown instead.
skip contains sprintf("the primary does not use SAML (%s)", [_why_not]) if {
	_primary_xml != null
	not primary_uses_saml
}

_why_not := "its DataMiner.xml has no <ExternalAuthentication>" if {
	lib.fact("primary", ["dataminer_xml", "external_authentication"]) == null
} else := "its <ExternalAuthentication> has no type" if {
	_primary_type == null
} else := sprintf("its <ExternalAuthentication> has type %s", [_primary_type])

# unknown: whether the primary uses SAML cannot be told.
unknown contains lib.missing("primary", "dataminer_xml", "DataMiner.xml") if _primary_xml == null

# backup_auth_missing is the unknown message for a SAML fact of the backup that cannot be read
# because the backup has no <ExternalAuthentication> (FO701 reports that as its own failure).
backup_auth_missing := concat("", [
	"backup: its DataMiner.xml has no <ExternalAuthentication>, so the SAML metadata files it ",
	"would name were not looked for (see FO701)",
])
