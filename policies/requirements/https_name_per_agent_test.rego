package dmaprep.requirements.https_name_per_agent_test

import data.dmaprep.requirements.https_name_per_agent as req
import data.dmaprep.test.fixtures

_run(base, patch) := r if {
	r := req.result with input as json.patch(base, patch)
}

_name(agent, name) := {"op": "replace", "path": sprintf("/agents/%s/https/name", [agent]), "value": name}

_enabled(agent, value) := {"op": "replace", "path": sprintf("/agents/%s/https/enabled", [agent]), "value": value}

test_pass_when_each_agent_has_its_own_name_vip_mode if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_each_agent_has_its_own_name_hostname_mode if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

# Names compare without letter case or a trailing dot; an IP name is matched by an IP SAN.
test_pass_when_name_is_own_ip_or_differs_in_case if {
	r := _run(fixtures.ready_vip, [_name("primary", "10.11.5.52"), _name("backup", "DMA-Backup.Example.Local.")])
	r.status == "pass"
	r.messages == []
}

test_pass_when_a_wildcard_san_covers_the_name if {
	r := _run(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/https/certificate/chain/0/dns_names", "value": ["*.example.local"]},
		{"op": "replace", "path": "/agents/backup/https/certificate/chain/0/subject", "value": "CN=*.example.local"},
	])
	r.status == "pass"
	r.messages == []
}

test_pass_when_only_the_cn_covers_the_name if {
	r := _run(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/https/certificate/chain/0/dns_names", "value": []},
	])
	r.status == "pass"
	r.messages == []
}

# Only agents with HTTPS enabled are judged (whether both have it is FO403's question).
test_pass_when_agent_without_https_keeps_a_vip_name if {
	r := _run(fixtures.ready_vip, [_enabled("backup", false), _name("backup", "10.11.250.44")])
	r.status == "pass"
	r.messages == []
}

test_skip_when_neither_agent_has_https if {
	r := _run(fixtures.ready_vip, [_enabled("primary", false), _enabled("backup", false)])
	r.status == "skip"
	r.messages == ["HTTPS is not enabled on either agent"]
}

# The preparation page's advice: both agents named after the shared hostname.
test_warn_when_both_agents_use_the_shared_hostname if {
	r := _run(fixtures.ready_hostname, [
		_name("primary", "fo-pair.example.local"),
		_name("backup", "FO-PAIR.example.local."),
	])
	r.status == "warn"
	r.messages == [
		"backup's HTTPS name FO-PAIR.example.local. is the shared hostname; use the agent's own name",
		"primary's HTTPS name fo-pair.example.local is the shared hostname; use the agent's own name",
	]
}

test_warn_when_primary_uses_a_virtual_ip if {
	r := _run(fixtures.ready_vip, [_name("primary", "10.12.250.44")])
	r.status == "warn"
	r.messages == ["primary's HTTPS name 10.12.250.44 is a virtual IP of the pair; use the agent's own name"]
}

test_warn_when_both_agents_have_the_same_name if {
	r := _run(fixtures.ready_vip, [
		_name("primary", "dma.example.local"), _name("backup", "dma.example.local"),
		{"op": "replace", "path": "/agents/primary/https/certificate/chain/0/dns_names", "value": ["*.example.local"]},
		{"op": "replace", "path": "/agents/backup/https/certificate/chain/0/dns_names", "value": ["*.example.local"]},
	])
	r.status == "warn"
	r.messages == ["primary and backup both have HTTPS name dma.example.local; each agent needs its own"]
}

test_warn_when_certificate_does_not_cover_the_name if {
	r := _run(fixtures.ready_vip, [_name("backup", "dma-backup.corp.example")])
	r.status == "warn"
	r.messages == [concat("", [
		"backup's HTTPS name dma-backup.corp.example is not covered by backup's certificate ",
		"CN=dma-backup.example.local (served at 10.11.4.52:443)",
	])]
}

# A wildcard covers one label only.
test_warn_when_wildcard_covers_a_different_depth if {
	r := _run(fixtures.ready_vip, [
		_name("backup", "dma-backup.site.example.local"),
		{"op": "replace", "path": "/agents/backup/https/certificate/chain/0/dns_names", "value": ["*.example.local"]},
	])
	r.status == "warn"
	r.messages == [concat("", [
		"backup's HTTPS name dma-backup.site.example.local is not covered by backup's certificate ",
		"CN=dma-backup.example.local (served at 10.11.4.52:443)",
	])]
}

test_unknown_when_backup_name_null if {
	r := _run(fixtures.ready_vip, [_name("backup", null)])
	r.status == "unknown"
	r.messages == ["backup: HTTPS name (<HTTPS name> in MaintenanceSettings.xml) was not collected"]
}

test_unknown_when_primary_name_absent if {
	r := _run(fixtures.ready_vip, [{"op": "remove", "path": "/agents/primary/https/name"}])
	r.status == "unknown"
	r.messages == ["primary: HTTPS name (<HTTPS name> in MaintenanceSettings.xml) was not collected"]
}

test_unknown_when_backup_https_absent if {
	r := _run(fixtures.ready_vip, [{"op": "remove", "path": "/agents/backup/https"}])
	r.status == "unknown"
	r.messages == ["backup: HTTPS setting (<HTTPS enabled> in MaintenanceSettings.xml) was not collected"]
}

test_unknown_when_primary_enabled_null if {
	r := _run(fixtures.ready_vip, [_enabled("primary", null)])
	r.status == "unknown"
	r.messages == ["primary: HTTPS setting (<HTTPS enabled> in MaintenanceSettings.xml) was not collected"]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO404"
	r.name == "https-name-per-agent"
	r.severity == "warning"
	r.area == "HTTPS"
	count(r.docs) == 3
}
