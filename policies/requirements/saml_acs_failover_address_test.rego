package dmaprep.requirements.saml_acs_failover_address_test

import data.dmaprep.requirements.saml_acs_failover_address as req
import data.dmaprep.test.fixtures

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

_acs(agent, services) := {
	"op": "replace",
	"path": sprintf("/agents/%s/saml/assertion_consumer_services", [agent]),
	"value": services,
}

test_pass_when_default_points_at_the_virtual_ip if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_default_points_at_the_shared_hostname if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

test_pass_when_default_points_at_the_second_virtual_ip_in_another_case if {
	r := _run([_acs("backup", [{"location": "HTTPS://10.12.250.44/api/", "index": 0, "is_default": true}])])
	r.status == "pass"
	r.messages == []
}

test_skip_when_primary_does_not_use_saml if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/dataminer_xml/external_authentication/type", "value": "RADIUS"},
	])
	r.status == "skip"
	r.messages == ["the primary does not use SAML (its <ExternalAuthentication> has type RADIUS)"]
}

test_fail_when_default_points_at_the_agent_ip if {
	r := _run([_acs("primary", [
		{"location": "https://10.11.5.52/API/", "index": 0, "is_default": true},
		{"location": "https://10.11.250.44/API/", "index": 1, "is_default": null},
	])])
	r.status == "fail"
	r.messages == [concat("", [
		"primary: the default AssertionConsumerService points at https://10.11.5.52/API/, ",
		"not at https://10.11.250.44/API/ or https://10.12.250.44/API/ (a virtual IP)",
	])]
}

test_fail_when_default_points_at_an_agent_name_in_hostname_mode if {
	facts := json.patch(fixtures.ready_hostname, [_acs("backup", [
		{"location": "https://dma-backup.example.local/API/", "index": 0, "is_default": true},
	])])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [concat("", [
		"backup: the default AssertionConsumerService points at https://dma-backup.example.local/API/, ",
		"not at https://fo-pair.example.local/API/ (the shared hostname)",
	])]
}

test_fail_when_the_path_is_not_api if {
	r := _run([_acs("backup", [{"location": "https://10.11.250.44/", "index": 0, "is_default": true}])])
	r.status == "fail"
	r.messages == [concat("", [
		"backup: the default AssertionConsumerService points at https://10.11.250.44/, ",
		"not at https://10.11.250.44/API/ or https://10.12.250.44/API/ (a virtual IP)",
	])]
}

# Without isDefault="true", the entry not marked false is the default (SAML metadata rule):
# here the agent's own IP.
test_fail_when_the_implied_default_is_the_agent_ip if {
	r := _run([_acs("backup", [
		{"location": "https://10.11.250.44/API/", "index": 0, "is_default": false},
		{"location": "https://10.11.5.52/API/", "index": 1},
	])])
	r.status == "fail"
	r.messages == [concat("", [
		"backup: the default AssertionConsumerService points at https://10.11.5.52/API/, ",
		"not at https://10.11.250.44/API/ or https://10.12.250.44/API/ (a virtual IP)",
	])]
}

# SAML using Okta: the template's sole AssertionConsumerService says isDefault="false"; a
# sole endpoint is the default all the same.
test_pass_with_okta_sole_service_marked_not_default if {
	r := _run([_acs("backup", [{"location": "https://10.11.250.44/API/", "index": 0, "is_default": false}])])
	r.status == "pass"
}

# Every entry marked false, none without index: the lowest index is the default, wherever
# it stands in the file.
test_pass_when_all_marked_false_and_the_lowest_index_is_the_vip if {
	r := _run([_acs("backup", [
		{"location": "https://10.11.250.44/root/", "index": 1, "is_default": false},
		{"location": "https://10.11.250.44/API/", "index": 0, "is_default": false},
	])])
	r.status == "pass"
}

test_fail_when_the_sp_metadata_has_no_service if {
	r := _run([_acs("backup", [])])
	r.status == "fail"
	r.messages == ["backup: the SP metadata has no AssertionConsumerService"]
}

test_fail_when_two_services_are_the_default if {
	r := _run([_acs("primary", [
		{"location": "https://10.11.250.44/API/", "index": 0, "is_default": true},
		{"location": "https://10.11.5.52/API/", "index": 1, "is_default": true},
	])])
	r.status == "fail"
	r.messages == [concat("", [
		"primary: the SP metadata has 2 AssertionConsumerService entries with isDefault=\"true\" ",
		"(https://10.11.250.44/API/, https://10.11.5.52/API/); only one may be",
	])]
}

test_fail_when_a_service_has_no_index if {
	r := _run([_acs("backup", [
		{"location": "https://10.11.250.44/API/", "index": 0, "is_default": true},
		{"location": "https://10.11.4.52/API/", "index": null, "is_default": null},
		{"location": "https://dma-backup/API/"},
	])])
	r.status == "fail"
	r.messages == [
		"backup: AssertionConsumerService https://10.11.4.52/API/ has no index attribute",
		"backup: AssertionConsumerService https://dma-backup/API/ has no index attribute",
	]
}

test_fail_when_both_agents if {
	services := [{"location": "https://10.11.250.44/API/", "is_default": true}]
	r := _run([_acs("primary", services), _acs("backup", services)])
	r.status == "fail"
	r.messages == [
		"backup: AssertionConsumerService https://10.11.250.44/API/ has no index attribute",
		"primary: AssertionConsumerService https://10.11.250.44/API/ has no index attribute",
	]
}

test_unknown_when_the_failover_address_is_not_decided if {
	r := _run([{"op": "replace", "path": "/intent/virtual_ips", "value": null}])
	r.status == "unknown"
	r.messages == [
		concat("", [
			"backup: the Failover address is not decided (see FO201), ",
			"so the default AssertionConsumerService https://10.11.250.44/API/ cannot be checked",
		]),
		concat("", [
			"primary: the Failover address is not decided (see FO201), ",
			"so the default AssertionConsumerService https://10.11.250.44/API/ cannot be checked",
		]),
	]
}

test_fail_when_a_missing_index_even_when_the_address_is_not_decided if {
	r := _run([
		{"op": "replace", "path": "/intent/virtual_ips", "value": null},
		_acs("backup", [{"location": "https://10.11.250.44/API/", "is_default": true}]),
	])
	r.status == "fail"
	r.messages[0] == "backup: AssertionConsumerService https://10.11.250.44/API/ has no index attribute"
}

test_unknown_when_services_are_null if {
	r := _run([_acs("primary", null)])
	r.status == "unknown"
	r.messages == ["primary: the AssertionConsumerService list of the SP metadata was not collected"]
}

test_unknown_when_services_are_absent if {
	r := _run([
		{"op": "remove", "path": "/agents/primary/saml/assertion_consumer_services"},
		{
			"op": "replace", "path": "/agents/primary/errors",
			"value": {"saml": "spMetadata.xml:3:1: element not closed"},
		},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"primary: the AssertionConsumerService list of the SP metadata was not collected ",
		"(spMetadata.xml:3:1: element not closed)",
	])]
}

test_unknown_when_backup_saml_is_null if {
	r := _run([{"op": "replace", "path": "/agents/backup/saml", "value": null}])
	r.status == "unknown"
	r.messages == ["backup: the AssertionConsumerService list of the SP metadata was not collected"]
}

test_unknown_when_backup_saml_is_absent if {
	r := _run([{"op": "remove", "path": "/agents/backup/saml"}])
	r.status == "unknown"
	r.messages == ["backup: the AssertionConsumerService list of the SP metadata was not collected"]
}

test_unknown_when_the_sp_metadata_file_is_missing if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/saml/sp_metadata_present", "value": false},
		_acs("backup", null),
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: the SP metadata file C:\\Skyline DataMiner\\spMetadata.xml does not exist, ",
		"so its AssertionConsumerService entries were not read",
	])]
}

test_unknown_when_backup_has_no_external_authentication if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/dataminer_xml/external_authentication", "value": null},
		{"op": "replace", "path": "/agents/backup/saml", "value": null},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: its DataMiner.xml has no <ExternalAuthentication>, so the SAML metadata files it ",
		"would name were not looked for (see FO701)",
	])]
}

test_unknown_when_backup_dataminer_xml_is_absent if {
	r := _run([
		{"op": "remove", "path": "/agents/backup/dataminer_xml"},
		{"op": "remove", "path": "/agents/backup/saml"},
	])
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
	r.id == "FO703"
	r.name == "saml-acs-failover-address"
	r.severity == "error"
	r.area == "Authentication"
	count(r.docs) == 3
}
