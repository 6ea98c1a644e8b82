package dmaprep.requirements.saml_config_mirrored_test

import data.dmaprep.requirements.saml_config_mirrored as req
import data.dmaprep.test.fixtures

_other := "sha256:0000000000000000000000000000000000000000000000000000000000000001"

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

test_pass_when_backup_mirrors_the_primary if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_the_hostname_fixture if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

test_pass_when_neither_uses_azure_ad if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/dataminer_xml/azure_ad", "value": null},
		{"op": "remove", "path": "/agents/backup/dataminer_xml/azure_ad"},
	])
	r.status == "pass"
	r.messages == []
}

test_skip_when_primary_has_no_external_authentication if {
	r := _run([{"op": "replace", "path": "/agents/primary/dataminer_xml/external_authentication", "value": null}])
	r.status == "skip"
	r.messages == ["the primary does not use SAML (its DataMiner.xml has no <ExternalAuthentication>)"]
}

test_skip_when_primary_uses_another_kind_of_external_authentication if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/dataminer_xml/external_authentication/type", "value": "RADIUS"},
	])
	r.status == "skip"
	r.messages == ["the primary does not use SAML (its <ExternalAuthentication> has type RADIUS)"]
}

test_skip_when_external_authentication_has_no_type if {
	r := _run([{"op": "remove", "path": "/agents/primary/dataminer_xml/external_authentication/type"}])
	r.status == "skip"
	r.messages == ["the primary does not use SAML (its <ExternalAuthentication> has no type)"]
}

test_pass_when_type_is_written_in_another_case if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/dataminer_xml/external_authentication/type", "value": "saml"},
		{"op": "replace", "path": "/agents/backup/dataminer_xml/external_authentication/type", "value": "saml"},
	])
	r.status == "pass"
}

test_fail_when_backup_has_no_external_authentication if {
	r := _run([{"op": "replace", "path": "/agents/backup/dataminer_xml/external_authentication", "value": null}])
	r.status == "fail"
	r.messages == ["the backup's DataMiner.xml has no <ExternalAuthentication>; the primary uses SAML"]
}

test_fail_names_the_attribute_that_differs if {
	r := _run([
		{
			"op": "replace", "path": "/agents/backup/dataminer_xml/external_authentication/sp_metadata",
			"value": "C:\\Skyline DataMiner\\spMetadata-backup.xml",
		},
		{"op": "replace", "path": "/agents/backup/dataminer_xml/external_authentication/fingerprint", "value": _other},
	])
	r.status == "fail"
	r.messages == [concat("", [
		"the backup's <ExternalAuthentication> differs from the primary's: spMetadata is ",
		concat("", [
			"C:\\Skyline DataMiner\\spMetadata-backup.xml on the backup, C:\\Skyline ",
			"DataMiner\\spMetadata.xml on the primary",
		]),
	])]
}

test_fail_when_only_the_fingerprint_differs if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/dataminer_xml/external_authentication/fingerprint", "value": _other},
	])
	r.status == "fail"
	r.messages == [concat("", [
		"the backup's <ExternalAuthentication> differs from the primary's: they differ in settings other than ",
		"type, ipMetadata and spMetadata (e.g. AutomaticUserCreation); secrets are not compared",
	])]
}

test_fail_when_backup_lacks_azure_ad if {
	r := _run([{"op": "replace", "path": "/agents/backup/dataminer_xml/azure_ad", "value": null}])
	r.status == "fail"
	r.messages == [concat("", [
		"the backup's DataMiner.xml has no <AzureAD>; the primary's has one (tenantId ",
		"6f1d2c3b-0000-4000-8000-000000000001)",
	])]
}

test_fail_when_only_backup_has_azure_ad if {
	r := _run([{"op": "remove", "path": "/agents/primary/dataminer_xml/azure_ad"}])
	r.status == "fail"
	r.messages == [concat("", [
		"the backup's DataMiner.xml has an <AzureAD> (tenantId 6f1d2c3b-0000-4000-8000-000000000001); ",
		"the primary's has none",
	])]
}

test_fail_when_azure_ad_differs if {
	r := _run([
		{
			"op": "replace", "path": "/agents/backup/dataminer_xml/azure_ad/client_id",
			"value": "11111111-0000-4000-8000-000000000009",
		},
		{"op": "replace", "path": "/agents/backup/dataminer_xml/azure_ad/fingerprint", "value": _other},
	])
	r.status == "fail"
	r.messages == [concat("", [
		concat("", [
			"the backup's <AzureAD> differs from the primary's: clientId is ",
			"11111111-0000-4000-8000-000000000009 on the backup, ",
		]),
		"0c9e8d7f-0000-4000-8000-000000000003 on the primary",
	])]
}

test_fail_when_azure_ad_differs_in_other_settings if {
	r := _run([{"op": "replace", "path": "/agents/backup/dataminer_xml/azure_ad/fingerprint", "value": _other}])
	r.status == "fail"
	r.messages == [concat("", [
		"the backup's <AzureAD> differs from the primary's: they differ in settings other than tenantId and clientId; ",
		"secrets are not compared",
	])]
}

test_unknown_when_primary_dataminer_xml_is_null if {
	r := _run([{"op": "replace", "path": "/agents/primary/dataminer_xml", "value": null}])
	r.status == "unknown"
	r.messages == ["primary: DataMiner.xml was not collected"]
}

test_unknown_when_primary_dataminer_xml_is_absent if {
	r := _run([
		{"op": "remove", "path": "/agents/primary/dataminer_xml"},
		{
			"op": "replace", "path": "/agents/primary/errors",
			"value": {"dataminer_xml": "DataMiner.xml:11:3: unexpected EOF"},
		},
	])
	r.status == "unknown"
	r.messages == ["primary: DataMiner.xml was not collected (DataMiner.xml:11:3: unexpected EOF)"]
}

test_unknown_when_backup_dataminer_xml_is_null if {
	r := _run([{"op": "replace", "path": "/agents/backup/dataminer_xml", "value": null}])
	r.status == "unknown"
	r.messages == ["backup: DataMiner.xml was not collected"]
}

test_unknown_when_backup_dataminer_xml_is_absent if {
	r := _run([{"op": "remove", "path": "/agents/backup/dataminer_xml"}])
	r.status == "unknown"
	r.messages == ["backup: DataMiner.xml was not collected"]
}

test_skip_wins_over_a_missing_backup_when_primary_has_no_saml if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/dataminer_xml/external_authentication", "value": null},
		{"op": "remove", "path": "/agents/backup/dataminer_xml"},
	])
	r.status == "skip"
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO701"
	r.name == "saml-config-mirrored"
	r.severity == "error"
	r.area == "Authentication"
	count(r.docs) == 4
}
