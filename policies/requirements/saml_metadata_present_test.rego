package dmaprep.requirements.saml_metadata_present_test

import data.dmaprep.requirements.saml_metadata_present as req
import data.dmaprep.test.fixtures

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

_auth := "/agents/backup/dataminer_xml/external_authentication"

_local_ip := "C:\\Skyline DataMiner\\federationmetadata.xml"

# _local_idp gives the backup a local IdP metadata file whose presence is `present`.
_local_idp(present) := [
	{"op": "replace", "path": concat("", [_auth, "/ip_metadata"]), "value": _local_ip},
	{"op": "replace", "path": concat("", [_auth, "/ip_metadata_is_url"]), "value": false},
	{"op": "replace", "path": "/agents/backup/saml/ip_metadata_present", "value": present},
]

test_pass_when_sp_metadata_exists_and_idp_metadata_is_a_url if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_the_hostname_fixture if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

test_pass_when_a_local_idp_metadata_file_exists if {
	r := _run(_local_idp(true))
	r.status == "pass"
	r.messages == []
}

test_skip_when_primary_does_not_use_saml if {
	r := _run([{"op": "replace", "path": "/agents/primary/dataminer_xml/external_authentication", "value": null}])
	r.status == "skip"
	r.messages == ["the primary does not use SAML (its DataMiner.xml has no <ExternalAuthentication>)"]
}

test_fail_when_sp_metadata_file_is_missing if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/saml/sp_metadata_present", "value": false},
		{"op": "replace", "path": "/agents/backup/saml/assertion_consumer_services", "value": null},
	])
	r.status == "fail"
	r.messages == ["backup: the SP metadata file C:\\Skyline DataMiner\\spMetadata.xml (spMetadata) does not exist"]
}

test_fail_when_no_sp_metadata_is_configured if {
	r := _run([
		{"op": "replace", "path": concat("", [_auth, "/sp_metadata"]), "value": null},
		{"op": "replace", "path": "/agents/backup/saml/sp_metadata_present", "value": null},
	])
	r.status == "fail"
	r.messages == ["backup: its <ExternalAuthentication> names no SP metadata file (spMetadata)"]
}

test_fail_when_a_local_idp_metadata_file_is_missing if {
	r := _run(_local_idp(false))
	r.status == "fail"
	r.messages == [concat("", [
		"backup: the IdP metadata file C:\\Skyline DataMiner\\federationmetadata.xml (ipMetadata) does ",
		"not exist",
	])]
}

test_fail_when_both_files_are_missing if {
	r := _run(array.concat(_local_idp(false), [
		{"op": "replace", "path": "/agents/backup/saml/sp_metadata_present", "value": false},
	]))
	r.status == "fail"
	r.messages == [
		"backup: the IdP metadata file C:\\Skyline DataMiner\\federationmetadata.xml (ipMetadata) does not exist",
		"backup: the SP metadata file C:\\Skyline DataMiner\\spMetadata.xml (spMetadata) does not exist",
	]
}

test_fail_when_one_finding_fails_and_another_is_unknown if {
	r := _run(array.concat(_local_idp(null), [
		{"op": "replace", "path": "/agents/backup/saml/sp_metadata_present", "value": false},
	]))
	r.status == "fail"
	count(r.messages) == 2
}

test_unknown_when_sp_metadata_is_outside_the_dataminer_folder if {
	r := _run([
		{"op": "replace", "path": concat("", [_auth, "/sp_metadata"]), "value": "D:\\SAML\\spMetadata.xml"},
		{"op": "replace", "path": "/agents/backup/saml/sp_metadata_present", "value": null},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: whether the SP metadata file D:\\SAML\\spMetadata.xml exists was not checked ",
		"(only files inside C:\\Skyline DataMiner are read)",
	])]
}

test_unknown_when_local_idp_metadata_presence_is_null if {
	r := _run(_local_idp(null))
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: whether the IdP metadata file C:\\Skyline DataMiner\\federationmetadata.xml exists was not checked ",
		"(only files inside C:\\Skyline DataMiner are read)",
	])]
}

test_unknown_names_the_collection_error if {
	r := _run(array.concat(_local_idp(null), [{
		"op": "replace", "path": "/agents/backup/errors",
		"value": {"saml": "access to C:\\Skyline DataMiner\\federationmetadata.xml is denied"},
	}]))
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: whether the IdP metadata file C:\\Skyline DataMiner\\federationmetadata.xml exists was not checked ",
		"(access to C:\\Skyline DataMiner\\federationmetadata.xml is denied)",
	])]
}

# A placeholder path, as the SAML pages' DataMiner.xml examples show it, is not checked:
# the gatherer's error names the attribute, and FO702 quotes it for that file only.
_placeholder := "[Path/URL of DataMiner's metadata file]"

_placeholder_error := concat("", [
	"DataMiner.xml: <ExternalAuthentication> spMetadata \"", _placeholder,
	"\" is neither an absolute Windows path nor a URL (a placeholder such as the docs' example value?)",
])

test_unknown_names_the_placeholder_sp_metadata_path if {
	r := _run([
		{"op": "replace", "path": concat("", [_auth, "/sp_metadata"]), "value": _placeholder},
		{"op": "replace", "path": "/agents/backup/saml", "value": {
			"sp_metadata_present": null, "ip_metadata_present": null,
			"assertion_consumer_services": null,
		}},
		{"op": "replace", "path": "/agents/backup/errors", "value": {"saml": _placeholder_error}},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: whether the SP metadata file ", _placeholder, " exists was not checked (", _placeholder_error, ")",
	])]
}

test_unknown_does_not_blame_the_idp_file_on_the_sp_placeholder if {
	r := _run(array.concat(_local_idp(null), [
		{"op": "replace", "path": concat("", [_auth, "/sp_metadata"]), "value": _placeholder},
		{"op": "replace", "path": "/agents/backup/saml/sp_metadata_present", "value": null},
		{"op": "replace", "path": "/agents/backup/errors", "value": {"saml": _placeholder_error}},
	]))
	r.status == "unknown"
	r.messages == [
		concat("", [
			"backup: whether the IdP metadata file C:\\Skyline DataMiner\\federationmetadata.xml exists was not checked ",
			"(only files inside C:\\Skyline DataMiner are read)",
		]),
		concat("", [
			"backup: whether the SP metadata file ", _placeholder,
			" exists was not checked (", _placeholder_error, ")",
		]),
	]
}

test_unknown_when_backup_saml_facts_are_null if {
	r := _run([{"op": "replace", "path": "/agents/backup/saml", "value": null}])
	r.status == "unknown"
	r.messages == ["backup: the SAML metadata was not collected"]
}

test_unknown_when_backup_saml_facts_are_absent if {
	r := _run([{"op": "remove", "path": "/agents/backup/saml"}])
	r.status == "unknown"
	r.messages == ["backup: the SAML metadata was not collected"]
}

test_unknown_when_sp_metadata_presence_is_absent if {
	r := _run([{"op": "remove", "path": "/agents/backup/saml/sp_metadata_present"}])
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: whether the SP metadata file C:\\Skyline DataMiner\\spMetadata.xml exists was not checked ",
		"(only files inside C:\\Skyline DataMiner are read)",
	])]
}

test_unknown_when_backup_has_no_external_authentication if {
	r := _run([{"op": "replace", "path": _auth, "value": null}])
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: its DataMiner.xml has no <ExternalAuthentication>, so the SAML metadata files it ",
		"would name were not looked for (see FO701)",
	])]
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

test_unknown_when_primary_dataminer_xml_is_null if {
	r := _run([{"op": "replace", "path": "/agents/primary/dataminer_xml", "value": null}])
	r.status == "unknown"
	r.messages == ["primary: DataMiner.xml was not collected"]
}

test_unknown_when_primary_dataminer_xml_is_absent if {
	r := _run([{"op": "remove", "path": "/agents/primary/dataminer_xml"}])
	r.status == "unknown"
	r.messages == ["primary: DataMiner.xml was not collected"]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO702"
	r.name == "saml-metadata-present"
	r.severity == "error"
	r.area == "Authentication"
	count(r.docs) == 2
}
