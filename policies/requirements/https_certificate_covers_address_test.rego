package dmaprep.requirements.https_certificate_covers_address_test

import data.dmaprep.requirements.https_certificate_covers_address as req
import data.dmaprep.test.fixtures

_backup_leaf := "/agents/backup/https/certificate/chain/0"

# _hostname_sans gives the result in hostname mode with the shared hostname set to name and
# the backup's DNS SANs replaced by sans.
_hostname_sans(name, sans) := r if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/intent/shared_hostname", "value": name},
		{"op": "replace", "path": concat("/", [_backup_leaf, "dns_names"]), "value": sans},
	])
	r := req.result with input as facts
}

test_pass_when_certificates_cover_every_virtual_ip if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_certificates_cover_the_shared_hostname if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

test_skip_when_https_is_not_enabled if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/https/enabled", "value": false},
		{"op": "replace", "path": "/agents/backup/https/enabled", "value": false},
	])
	r := req.result with input as facts
	r.status == "skip"
	r.messages == ["HTTPS is not enabled on either agent"]
}

test_skip_when_mode_undecided if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/intent/virtual_ips", "value": []}])
	r := req.result with input as facts
	r.status == "skip"
	r.messages == ["the addressing mode is not decided (see FO201), so mode-specific checks do not apply"]
}

test_fail_when_backup_certificate_lacks_a_virtual_ip if {
	facts := json.patch(fixtures.ready_vip, [{
		"op": "replace", "path": concat("/", [_backup_leaf, "ip_addresses"]),
		"value": ["10.11.4.52", "10.11.250.44"],
	}])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [concat("", [
		"backup's certificate CN=dma-backup.example.local (served at 10.11.4.52:443) does not cover virtual IP ",
		"10.12.250.44; its SANs are DNS:dma-backup.example.local, IP:10.11.4.52, IP:10.11.250.44",
	])]
}

test_fail_when_primary_certificate_has_no_virtual_ip if {
	facts := json.patch(fixtures.ready_vip, [{
		"op": "replace", "path": "/agents/primary/https/certificate/chain/0/ip_addresses",
		"value": ["10.11.5.52"],
	}])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [concat("", [
		"primary's certificate CN=dma-main.example.local (served at 10.11.5.52:443) does not cover virtual IPs ",
		"10.11.250.44, 10.12.250.44; its SANs are DNS:dma-main.example.local, IP:10.11.5.52",
	])]
}

test_pass_when_ipv6_virtual_ip_differs_in_case if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/intent/virtual_ips", "value": ["FD00::250:44"]},
		{"op": "replace", "path": "/agents/primary/https/certificate/chain/0/ip_addresses", "value": ["fd00::250:44"]},
		{"op": "replace", "path": concat("/", [_backup_leaf, "ip_addresses"]), "value": ["fd00::250:44"]},
	])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

test_pass_when_ipv6_virtual_ip_is_spelled_otherwise if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/intent/virtual_ips", "value": ["fd00:0:0:0::250:44"]},
		{"op": "replace", "path": "/agents/primary/https/certificate/chain/0/ip_addresses", "value": ["fd00::250:44"]},
		{"op": "replace", "path": concat("/", [_backup_leaf, "ip_addresses"]), "value": ["FD00::250:44"]},
	])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

test_fail_when_ipv6_virtual_ip_is_another_address if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/intent/virtual_ips", "value": ["fd00::250:45"]},
		{"op": "replace", "path": "/agents/primary/https/certificate/chain/0/ip_addresses", "value": ["fd00::250:44"]},
		{"op": "replace", "path": concat("/", [_backup_leaf, "ip_addresses"]), "value": ["fd00::250:45"]},
	])
	r := req.result with input as facts
	r.status == "fail"
	count(r.messages) == 1
	startswith(r.messages[0], "primary's certificate")
}

test_pass_when_dns_san_differs_in_case_and_trailing_dot if {
	r := _hostname_sans("fo-pair.example.local", ["FO-Pair.Example.Local."])
	r.status == "pass"
	r.messages == []
}

test_pass_when_wildcard_covers_the_left_most_label if {
	r := _hostname_sans("fo-pair.example.local", ["dma-backup.example.local", "*.Example.local"])
	r.status == "pass"
	r.messages == []
}

test_fail_when_wildcard_would_cover_two_labels if {
	r := _hostname_sans("fo.pair.example.local", ["*.example.local"])
	r.status == "fail"
	r.messages == [
		concat("", [
			"backup's certificate CN=dma-backup.example.local (served at 10.11.4.52:443) does not cover the shared ",
			"hostname fo.pair.example.local; its SANs are DNS:*.example.local, IP:10.11.4.52",
		]),
		concat("", [
			"primary's certificate CN=dma-main.example.local (served at 10.11.5.52:443) does not cover the shared ",
			"hostname fo.pair.example.local; its SANs are DNS:dma-main.example.local, DNS:fo-pair.example.local, ",
			"IP:10.11.5.52",
		]),
	]
}

test_fail_when_wildcard_would_cover_the_bare_domain if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/intent/shared_hostname", "value": "example.local"},
		{"op": "replace", "path": "/agents/primary/https/certificate/chain/0/dns_names", "value": ["*.example.local"]},
		{"op": "replace", "path": concat("/", [_backup_leaf, "dns_names"]), "value": ["example.local"]},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [concat("", [
		"primary's certificate CN=dma-main.example.local (served at 10.11.5.52:443) does not cover the shared ",
		"hostname example.local; its SANs are DNS:*.example.local, IP:10.11.5.52",
	])]
}

test_fail_when_wildcard_is_partial if {
	r := _hostname_sans("fo-pair.example.local", ["fo*.example.local"])
	r.status == "fail"
	r.messages == [concat("", [
		"backup's certificate CN=dma-backup.example.local (served at 10.11.4.52:443) does not cover the shared ",
		"hostname fo-pair.example.local; its SANs are DNS:fo*.example.local, IP:10.11.4.52",
	])]
}

test_fail_when_wildcard_is_not_the_left_most_label if {
	r := _hostname_sans("fo-pair.example.local", ["fo-pair.*.local"])
	r.status == "fail"
	r.messages == [concat("", [
		"backup's certificate CN=dma-backup.example.local (served at 10.11.4.52:443) does not cover the shared ",
		"hostname fo-pair.example.local; its SANs are DNS:fo-pair.*.local, IP:10.11.4.52",
	])]
}

test_fail_when_certificate_has_no_sans if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "remove", "path": concat("/", [_backup_leaf, "dns_names"])},
		{"op": "remove", "path": concat("/", [_backup_leaf, "ip_addresses"])},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [concat("", [
		"backup's certificate CN=dma-backup.example.local (served at 10.11.4.52:443) does not cover the shared ",
		"hostname fo-pair.example.local; it has no Subject Alternative Names",
	])]
}

# Only the primary has HTTPS enabled, but the backup serves the Failover address too.
test_fail_when_only_primary_enables_https_and_backup_certificate_lacks_the_name if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/backup/https/enabled", "value": false},
		{"op": "replace", "path": concat("/", [_backup_leaf, "dns_names"]), "value": ["dma-backup.example.local"]},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [concat("", [
		"backup's certificate CN=dma-backup.example.local (served at 10.11.4.52:443) does not cover the shared ",
		"hostname fo-pair.example.local; its SANs are DNS:dma-backup.example.local, IP:10.11.4.52",
	])]
}

test_unknown_when_certificate_probe_failed if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/backup/https/certificate/error", "value": "remote error: tls: handshake failure"},
		{"op": "replace", "path": "/agents/backup/https/certificate/chain", "value": null},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: the TLS handshake with 10.11.4.52:443 failed: remote error: tls: handshake failure"]
}

test_unknown_when_certificate_is_null if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/https/certificate", "value": null},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: served HTTPS certificate was not collected"]
}

test_unknown_when_certificate_is_absent if {
	facts := json.patch(fixtures.ready_hostname, [{"op": "remove", "path": "/agents/backup/https/certificate"}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: served HTTPS certificate was not collected"]
}

test_unknown_when_https_setting_is_null_and_other_agent_disabled if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/https/enabled", "value": false},
		{"op": "replace", "path": "/agents/backup/https", "value": null},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["backup: HTTPS setting (<HTTPS enabled> in MaintenanceSettings.xml) was not collected"]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO401"
	r.name == "https-certificate-covers-address"
	r.severity == "error"
	r.area == "HTTPS"
	count(r.docs) == 2
}

# Only the root dot is dropped: a SAN with two trailing dots is not the name.
test_fail_when_dns_san_has_two_trailing_dots if {
	r := _hostname_sans("fo-pair.example.local", ["fo-pair.example.local.."])
	r.status == "fail"
	r.messages[0] == concat("", [
		"backup's certificate CN=dma-backup.example.local (served at 10.11.4.52:443) does not cover the shared ",
		"hostname fo-pair.example.local; its SANs are DNS:fo-pair.example.local.., IP:10.11.4.52",
	])
}

# "*.." with its root dot dropped is "*.", which must not stand for a whole single-label name.
test_fail_when_wildcard_has_no_domain if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/intent/shared_hostname", "value": "fopair"},
		{"op": "replace", "path": "/agents/primary/https/certificate/chain/0/dns_names", "value": ["fopair"]},
		{"op": "replace", "path": concat("/", [_backup_leaf, "dns_names"]), "value": ["*.."]},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [concat("", [
		"backup's certificate CN=dma-backup.example.local (served at 10.11.4.52:443) does not cover the shared ",
		"hostname fopair; its SANs are DNS:*.., IP:10.11.4.52",
	])]
}
