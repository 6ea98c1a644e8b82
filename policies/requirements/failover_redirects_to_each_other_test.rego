package dmaprep.requirements.failover_redirects_to_each_other_test

import data.dmaprep.requirements.failover_redirects_to_each_other as req
import data.dmaprep.test.fixtures

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

_redirects(agent, entries) := {
	"op": "replace",
	"path": sprintf("/agents/%s/redirects/entries", [agent]),
	"value": entries,
}

# As on the DMS.xml page: gRPC to the DMS's other agent, and to the Failover partner.
_to_other := {"to": "10.11.6.10", "via": "https://10.11.6.10/APIGateway"}

_to_backup := {"to": "10.11.4.52", "via": "https://10.11.4.52/APIGateway"}

_to_primary := {"to": "10.11.5.52", "via": "https://10.11.5.52/APIGateway"}

test_skip_when_neither_agent_has_redirects if {
	r := req.result with input as fixtures.ready_vip
	r.status == "skip"
	r.messages == ["neither agent's DMS.xml has a <Redirect>: the agents use the default connections"]
}

test_pass_when_each_agent_redirects_to_the_other if {
	r := _run([_redirects("primary", [_to_other, _to_backup]), _redirects("backup", [_to_primary])])
	r.status == "pass"
	r.messages == []
}

# A redirect to * (credentials for every agent, Connection strings page) covers the other.
test_pass_when_a_wildcard_redirect_covers_the_other if {
	r := _run([
		_redirects("primary", [{"to": "*", "via": null}]),
		_redirects("backup", [{"to": "10.12.5.52", "via": null}]),
	])
	r.status == "pass"
	r.messages == []
}

test_fail_when_the_backup_has_no_redirect_to_the_primary if {
	r := _run([_redirects("primary", [_to_other, _to_backup])])
	r.status == "fail"
	r.messages == ["backup's DMS.xml has no redirect to primary (10.11.5.52, 10.12.5.52); its redirects: none"]
	r.findings[0].agents == ["backup"]
}

test_fail_when_the_primary_redirects_only_to_another_agent if {
	r := _run([_redirects("primary", [_to_other]), _redirects("backup", [_to_primary])])
	r.status == "fail"
	r.messages == [concat("", [
		"primary's DMS.xml has no redirect to backup (10.11.4.52, 10.12.4.52); ",
		"its redirects: to 10.11.6.10 via https://10.11.6.10/APIGateway",
	])]
}

test_unknown_when_the_backup_redirects_are_absent if {
	r := _run([{"op": "remove", "path": "/agents/backup/redirects"}])
	r.status == "unknown"
	r.messages == ["backup: DMS.xml <Redirects> (redirects) was not collected"]
}

test_unknown_when_the_primary_dms_xml_was_unreadable if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/redirects", "value": null},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"redirects": "DMS.xml:3:1: XML syntax error"}},
	])
	r.status == "unknown"
	r.messages == ["primary: DMS.xml <Redirects> (redirects) was not collected (DMS.xml:3:1: XML syntax error)"]
}

test_unknown_when_the_primary_addresses_are_missing if {
	r := _run([
		_redirects("primary", [_to_other, _to_backup]),
		_redirects("backup", [_to_other]),
		{"op": "replace", "path": "/agents/primary/addresses", "value": null},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"primary's addresses were not collected, so whether backup's DMS.xml redirects to it ",
		"cannot be told (give --primary-ip)",
	])]
}

# Both halves at once: the backup's addresses are unknown, the primary's are known.
test_fail_when_the_backup_lacks_its_redirect_and_the_backup_addresses_are_null if {
	r := _run([
		_redirects("primary", [_to_other]),
		{"op": "replace", "path": "/agents/backup/addresses", "value": null},
	])
	r.status == "fail"
	r.messages == [
		"backup's DMS.xml has no redirect to primary (10.11.5.52, 10.12.5.52); its redirects: none",
		concat("", [
			"backup's addresses were not collected, so whether primary's DMS.xml redirects ",
			"to it cannot be told (give --backup-ip)",
		]),
	]
}

# A redirect names the other agent's address in any spelling.
test_pass_when_redirects_spell_ipv6_addresses_otherwise if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/addresses", "value": ["fd00::5:52"]},
		{"op": "replace", "path": "/agents/backup/addresses", "value": ["fd00::4:52"]},
		_redirects("primary", [{"to": "FD00:0::4:52", "via": null}]),
		_redirects("backup", [{"to": "fd00:0:0::5:52", "via": null}]),
	])
	r.status == "pass"
	r.messages == []
}
