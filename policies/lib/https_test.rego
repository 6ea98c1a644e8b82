package dmaprep.lib.https_test

import data.dmaprep.lib
import data.dmaprep.lib.https
import data.dmaprep.test.fixtures

_setting_missing := "HTTPS setting (<HTTPS enabled> in MaintenanceSettings.xml) was not collected"

_enabled(primary, backup) := json.patch(fixtures.ready_vip, [
	{"op": "replace", "path": "/agents/primary/https/enabled", "value": primary},
	{"op": "replace", "path": "/agents/backup/https/enabled", "value": backup},
])

test_configured_when_both_agents_enable_https if {
	https.configured with input as fixtures.ready_vip
	https.skip == set() with input as fixtures.ready_vip
	_messages(https.unknown) == set() with input as fixtures.ready_vip
	leaves := https.leaves with input as fixtures.ready_vip
	object.keys(leaves) == {"primary", "backup"}
	leaves.backup.subject == "CN=dma-backup.example.local"
}

test_description_names_agent_subject_and_address if {
	d := https.description.primary with input as fixtures.ready_vip
	d == "primary's certificate CN=dma-main.example.local (served at 10.11.5.52:443)"
}

# One agent with HTTPS is enough: both agents serve the Failover address, so both are judged.
test_both_certificates_judged_when_only_primary_enables_https if {
	facts := _enabled(true, false)
	https.configured with input as facts
	https.skip == set() with input as facts
	object.keys(https.leaves) == {"primary", "backup"} with input as facts
}

test_skip_when_neither_agent_enables_https if {
	facts := _enabled(false, false)
	not https.configured with input as facts
	https.skip == {"HTTPS is not enabled on either agent"} with input as facts
	_messages(https.unknown) == set() with input as facts
	https.leaves == {} with input as facts
}

test_unknown_when_setting_null_and_other_agent_disabled if {
	facts := _enabled(false, null)
	not https.configured with input as facts
	https.skip == set() with input as facts
	_messages(https.unknown) == {concat(" ", ["backup:", _setting_missing])} with input as facts
}

test_unknown_when_https_facts_absent_on_both_agents if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "remove", "path": "/agents/primary/https"},
		{"op": "remove", "path": "/agents/backup/https"},
		{"op": "replace", "path": "/agents/backup/errors", "value": {"https": "MaintenanceSettings.xml:3:1: unexpected EOF"}},
	])
	https.skip == set() with input as facts
	_messages(https.unknown) == {
		concat(" ", ["primary:", _setting_missing]),
		concat(" ", ["backup:", _setting_missing, "(MaintenanceSettings.xml:3:1: unexpected EOF)"]),
	} with input as facts
}

# The other agent's HTTPS settles that HTTPS is configured; the null setting is then FO403's.
test_setting_null_does_not_matter_when_other_agent_enables_https if {
	facts := _enabled(null, true)
	https.configured with input as facts
	_messages(https.unknown) == set() with input as facts
	object.keys(https.leaves) == {"primary", "backup"} with input as facts
}

test_unknown_when_certificate_null if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/agents/backup/https/certificate", "value": null}])
	_messages(https.unknown) == {"backup: served HTTPS certificate was not collected"} with input as facts
	object.keys(https.leaves) == {"primary"} with input as facts
}

test_unknown_when_certificate_absent if {
	facts := json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/primary/https/certificate"}])
	_messages(https.unknown) == {"primary: served HTTPS certificate was not collected"} with input as facts
	object.keys(https.leaves) == {"backup"} with input as facts
}

_refused := "dial tcp 10.11.5.52:443: connect: connection refused"

test_unknown_names_the_probe_error if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/agents/primary/https/certificate/error", "value": _refused},
		{"op": "replace", "path": "/agents/primary/https/certificate/chain", "value": null},
	])
	want := concat(" ", ["primary: the TLS handshake with 10.11.5.52:443 failed:", _refused])
	_messages(https.unknown) == {want} with input as facts
	object.keys(https.leaves) == {"backup"} with input as facts
}

test_unknown_when_probe_returned_no_chain if {
	facts := json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/backup/https/certificate/chain"}])
	_messages(https.unknown) == {"backup: 10.11.4.52:443 served no certificate"} with input as facts
	object.keys(https.leaves) == {"primary"} with input as facts
}

# error is optional in a probe: its absence must not hide the certificate.
test_certificate_judged_when_probe_error_field_absent if {
	facts := json.patch(fixtures.ready_vip, [{"op": "remove", "path": "/agents/primary/https/certificate/error"}])
	_messages(https.unknown) == set() with input as facts
	object.keys(https.leaves) == {"primary", "backup"} with input as facts
}

test_unknown_when_probe_has_neither_error_nor_chain if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "remove", "path": "/agents/primary/https/certificate/error"},
		{"op": "remove", "path": "/agents/primary/https/certificate/chain"},
	])
	_messages(https.unknown) == {"primary: 10.11.5.52:443 served no certificate"} with input as facts
	object.keys(https.leaves) == {"backup"} with input as facts
}

_messages(findings) := {lib.message(f) | some f in findings}
