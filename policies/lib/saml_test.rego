package dmaprep.lib.saml_test

import data.dmaprep.lib
import data.dmaprep.lib.saml
import data.dmaprep.test.fixtures

_auth := "/agents/primary/dataminer_xml/external_authentication"

test_primary_uses_saml_in_the_fixture if {
	saml.primary_uses_saml with input as fixtures.ready_vip
	count(saml.skip) == 0 with input as fixtures.ready_vip
	count(saml.unknown) == 0 with input as fixtures.ready_vip
}

test_the_type_is_compared_in_any_case if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": concat("", [_auth, "/type"]), "value": "Saml"}])
	saml.primary_uses_saml with input as facts
}

test_skip_without_external_authentication if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": _auth, "value": null}])
	not saml.primary_uses_saml with input as facts
	msg := "the primary does not use SAML (its DataMiner.xml has no <ExternalAuthentication>)"
	saml.skip == {msg} with input as facts
}

test_skip_with_another_type if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": concat("", [_auth, "/type"]), "value": "RADIUS"},
	])
	saml.skip == {"the primary does not use SAML (its <ExternalAuthentication> has type RADIUS)"} with input as facts
}

test_skip_without_a_type if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": concat("", [_auth, "/type"]), "value": null}])
	saml.skip == {"the primary does not use SAML (its <ExternalAuthentication> has no type)"} with input as facts
}

test_unknown_when_the_primary_dataminer_xml_is_absent if {
	facts := json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/primary/dataminer_xml"}])
	not saml.primary_uses_saml with input as facts
	count(saml.skip) == 0 with input as facts
	saml.unknown == {lib.about("primary", "primary: DataMiner.xml was not collected")} with input as facts
}

test_unknown_when_the_primary_dataminer_xml_is_null if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/agents/primary/dataminer_xml", "value": null}])
	count(saml.skip) == 0 with input as facts
	saml.unknown == {lib.about("primary", "primary: DataMiner.xml was not collected")} with input as facts
}
