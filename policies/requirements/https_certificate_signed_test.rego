package dmaprep.requirements.https_certificate_signed_test

import data.dmaprep.requirements.https_certificate_signed as req
import data.dmaprep.test.fixtures

_probe := "/agents/backup/https/certificate"

_leaf := "/agents/backup/https/certificate/chain/0"

_backup := "backup's certificate CN=dma-backup.example.local (served at 10.11.4.52:443)"

_unknown_authority := "x509: certificate signed by unknown authority"

_primary := "primary's certificate CN=dma-main.example.local (served at 10.11.5.52:443)"

# The fixtures' certificates are valid from 2026-01-01T00:00:00Z to 2027-12-31T00:00:00Z.
_collected := time.parse_rfc3339_ns("2026-11-20T09:00:00Z")

_not_after := time.parse_rfc3339_ns("2027-12-31T00:00:00Z")

_not_before := time.parse_rfc3339_ns("2026-01-01T00:00:00Z")

# _at gives the result on facts evaluated at time now (ns).
_at(facts, now) := r if {
	r := req.result with input as facts with time.now_ns as now
}

_patched(ops) := _at(json.patch(fixtures.ready_vip, ops), _collected)

# Whether the certificate covers the Failover address is FO401's question: a trusted, valid
# certificate without the shared hostname passes here (the probe verifies the chain only).
test_pass_when_a_trusted_certificate_lacks_the_shared_hostname if {
	r := _at(
		json.patch(fixtures.ready_hostname, [{
			"op": "replace", "path": "/agents/backup/https/certificate/chain/0/dns_names",
			"value": ["dma-backup.example.local"],
		}]),
		_collected,
	)
	r.status == "pass"
	r.messages == []
}

test_pass_when_certificates_are_trusted_and_valid if {
	r := _at(fixtures.ready_vip, _collected)
	r.status == "pass"
	r.messages == []
}

test_pass_in_hostname_mode if {
	r := _at(fixtures.ready_hostname, _collected)
	r.status == "pass"
	r.messages == []
}

test_skip_when_https_is_not_enabled if {
	r := _patched([
		{"op": "replace", "path": "/agents/primary/https/enabled", "value": false},
		{"op": "replace", "path": "/agents/backup/https/enabled", "value": false},
	])
	r.status == "skip"
	r.messages == ["HTTPS is not enabled on either agent"]
}

test_fail_when_backup_serves_a_self_signed_certificate if {
	r := _patched([
		{"op": "replace", "path": concat("/", [_leaf, "issuer"]), "value": "CN=dma-backup.example.local"},
		{"op": "replace", "path": concat("/", [_leaf, "self_signed"]), "value": true},
		{"op": "replace", "path": concat("/", [_probe, "verified"]), "value": false},
		{"op": "replace", "path": concat("/", [_probe, "verify_error"]), "value": _unknown_authority},
	])
	r.status == "fail"
	r.messages == [
		concat(" ", [_backup, "does not chain to a trusted CA:", _unknown_authority]),
		concat(" ", [_backup, "is self-signed"]),
	]
}

# Trusting it with --ca-file does not make a self-signed certificate acceptable.
test_fail_when_self_signed_certificate_is_trusted_through_ca_file if {
	r := _patched([
		{"op": "replace", "path": concat("/", [_leaf, "issuer"]), "value": "CN=dma-backup.example.local"},
		{"op": "replace", "path": concat("/", [_leaf, "self_signed"]), "value": true},
	])
	r.status == "fail"
	r.messages == [concat(" ", [_backup, "is self-signed"])]
}

test_fail_when_self_signed_flag_absent_and_issuer_is_subject if {
	r := _patched([
		{"op": "remove", "path": concat("/", [_leaf, "self_signed"])},
		{"op": "replace", "path": concat("/", [_leaf, "issuer"]), "value": "CN=dma-backup.example.local"},
	])
	r.status == "fail"
	r.messages == [concat(" ", [_backup, "is self-signed"])]
}

test_pass_when_self_signed_flag_absent_and_issuer_differs if {
	r := _patched([{"op": "remove", "path": concat("/", [_leaf, "self_signed"])}])
	r.status == "pass"
	r.messages == []
}

test_fail_when_chain_does_not_verify_without_error_text if {
	r := _patched([
		{"op": "replace", "path": concat("/", [_probe, "verified"]), "value": false},
		{"op": "replace", "path": concat("/", [_probe, "verify_error"]), "value": null},
	])
	r.status == "fail"
	r.messages == [concat(" ", [_backup, "does not chain to a trusted CA: no verification error recorded"])]
}

test_unknown_when_verification_is_null if {
	r := _patched([{"op": "replace", "path": concat("/", [_probe, "verified"]), "value": null}])
	r.status == "unknown"
	r.messages == ["backup: whether the certificate chain verifies was not collected"]
}

test_unknown_when_verification_is_absent if {
	r := _patched([{"op": "remove", "path": "/agents/primary/https/certificate/verified"}])
	r.status == "unknown"
	r.messages == ["primary: whether the certificate chain verifies was not collected"]
}

test_fail_when_certificates_expired if {
	r := _at(fixtures.ready_vip, time.parse_rfc3339_ns("2028-01-05T12:00:00Z"))
	r.status == "fail"
	r.messages == [
		concat(" ", [_backup, "expired on 2027-12-31T00:00:00Z"]),
		concat(" ", [_primary, "expired on 2027-12-31T00:00:00Z"]),
	]
}

# Go's x509 checks the dates first: an expired certificate fails verification for that
# reason, which says nothing about its CA, so only the date is reported.
test_fail_only_for_the_date_when_an_expired_certificate_does_not_verify if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": concat("/", [_probe, "verified"]), "value": false},
		{
			"op": "replace", "path": concat("/", [_probe, "verify_error"]),
			"value": "x509: certificate has expired or is not yet valid",
		},
	])
	r := _at(facts, time.parse_rfc3339_ns("2028-01-05T12:00:00Z"))
	r.status == "fail"
	r.messages == [
		concat(" ", [_backup, "expired on 2027-12-31T00:00:00Z"]),
		concat(" ", [_primary, "expired on 2027-12-31T00:00:00Z"]),
	]
}

test_fail_only_for_the_date_when_a_certificate_not_yet_valid_does_not_verify if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": concat("/", [_probe, "verified"]), "value": false}])
	r := _at(facts, _not_before - 1)
	r.status == "fail"
	r.messages == [
		concat(" ", [_backup, "is not valid before 2026-01-01T00:00:00Z"]),
		concat(" ", [_primary, "is not valid before 2026-01-01T00:00:00Z"]),
	]
}

# Within its validity period, a certificate that does not verify is not trusted.
test_fail_when_a_valid_certificate_does_not_verify if {
	r := _patched([
		{"op": "replace", "path": concat("/", [_probe, "verified"]), "value": false},
		{"op": "replace", "path": concat("/", [_probe, "verify_error"]), "value": _unknown_authority},
	])
	r.status == "fail"
	r.messages == [concat(" ", [_backup, "does not chain to a trusted CA:", _unknown_authority])]
}

# verified true beside a verification error: the probe contradicts itself, so no pass.
test_unknown_when_verified_comes_with_a_verification_error if {
	r := _patched([
		{"op": "replace", "path": concat("/", [_probe, "verified"]), "value": true},
		{"op": "replace", "path": concat("/", [_probe, "verify_error"]), "value": _unknown_authority},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"backup: the probe says the chain of ", _backup,
		" verifies, yet records a verification error: ", _unknown_authority,
	])]
}

test_pass_when_verified_comes_with_an_empty_verification_error if {
	r := _patched([
		{"op": "replace", "path": concat("/", [_probe, "verified"]), "value": true},
		{"op": "replace", "path": concat("/", [_probe, "verify_error"]), "value": ""},
	])
	r.status == "pass"
}

# Validity includes both ends: the last nanosecond passes, the next one fails.
test_pass_at_the_last_instant_of_validity if {
	r := _at(fixtures.ready_vip, _not_after)
	r.status == "pass"
	r.messages == []
}

test_fail_one_nanosecond_after_validity if {
	r := _at(fixtures.ready_vip, _not_after + 1)
	r.status == "fail"
	count(r.messages) == 2
}

test_pass_at_the_first_instant_of_validity if {
	r := _at(fixtures.ready_vip, _not_before)
	r.status == "pass"
	r.messages == []
}

test_fail_one_nanosecond_before_validity if {
	r := _at(fixtures.ready_vip, _not_before - 1)
	r.status == "fail"
	r.messages == [
		concat(" ", [_backup, "is not valid before 2026-01-01T00:00:00Z"]),
		concat(" ", [_primary, "is not valid before 2026-01-01T00:00:00Z"]),
	]
}

test_unknown_when_certificate_probe_failed if {
	r := _patched([
		{"op": "replace", "path": concat("/", [_probe, "error"]), "value": "dial tcp 10.11.4.52:443: i/o timeout"},
		{"op": "replace", "path": concat("/", [_probe, "chain"]), "value": null},
		{"op": "replace", "path": concat("/", [_probe, "verified"]), "value": null},
	])
	r.status == "unknown"
	r.messages == ["backup: the TLS handshake with 10.11.4.52:443 failed: dial tcp 10.11.4.52:443: i/o timeout"]
}

test_unknown_when_certificate_is_absent if {
	r := _patched([{"op": "remove", "path": _probe}])
	r.status == "unknown"
	r.messages == ["backup: served HTTPS certificate was not collected"]
}

test_unknown_when_https_setting_is_absent_and_other_agent_disabled if {
	r := _patched([
		{"op": "replace", "path": "/agents/primary/https/enabled", "value": false},
		{"op": "remove", "path": "/agents/backup/https"},
	])
	r.status == "unknown"
	r.messages == ["backup: HTTPS setting (<HTTPS enabled> in MaintenanceSettings.xml) was not collected"]
}

# A known problem with one certificate is reported even when the other cannot be judged.
test_fail_when_primary_expired_and_backup_unknown if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": _probe, "value": null}])
	r := _at(facts, time.parse_rfc3339_ns("2028-01-05T12:00:00Z"))
	r.status == "fail"
	r.messages == [
		"backup: served HTTPS certificate was not collected",
		concat(" ", [_primary, "expired on 2027-12-31T00:00:00Z"]),
	]
}

test_result_carries_metadata if {
	r := _at(fixtures.ready_vip, _collected)
	r.id == "FO402"
	r.name == "https-certificate-signed"
	r.severity == "error"
	r.area == "HTTPS"
	count(r.docs) == 2
}

test_fail_when_the_issuer_is_not_trusted_by_parameter if {
	r := req.result with input as fixtures.ready_vip
		with data.dmaprep.params.trusted_issuers as ["CN=Our Own CA"]
		with time.now_ns as 1795780800000000000
	r.status == "fail"
	count(r.messages) == 2
	contains(r.messages[0], `is issued by "CN=Example Issuing CA", which is not among the trusted issuers`)
}

test_pass_when_the_issuer_is_trusted_by_parameter if {
	r := req.result with input as fixtures.ready_vip
		with data.dmaprep.params.trusted_issuers as ["CN=Example Issuing CA"]
		with time.now_ns as 1795780800000000000
	r.status == "pass"
}

# Validity dates the fact schema accepts as RFC 3339 but time.parse_rfc3339_ns cannot read
# must be judged, never stop the evaluation: a year past 2261 (RFC 5280's 9999-12-31 for a
# certificate that never expires), a year before 1678, lower-case letters, a leap second.
_dated(field, ts) := _patched([{"op": "replace", "path": concat("/", [_leaf, field]), "value": ts}])

test_pass_when_certificate_never_expires if {
	r := _dated("not_after", "9999-12-31T23:59:59Z")
	r.status == "pass"
}

test_pass_when_certificate_valid_since_year_one if {
	r := _dated("not_before", "0001-01-01T00:00:00Z")
	r.status == "pass"
}

test_fail_when_certificate_expired_before_1678 if {
	r := _dated("not_after", "1677-01-01T00:00:00Z")
	r.status == "fail"
	r.messages == [concat(" ", [_backup, "expired on 1677-01-01T00:00:00Z"])]
}

test_fail_when_certificate_valid_only_from_year_9999 if {
	r := _dated("not_before", "9999-01-01T00:00:00Z")
	r.status == "fail"
	r.messages == [concat(" ", [_backup, "is not valid before 9999-01-01T00:00:00Z"])]
}

test_lower_case_date_time_is_read if {
	_dated("not_after", "2027-12-31t00:00:00z").status == "pass"
	r := _dated("not_after", "2026-11-20t08:59:59z")
	r.status == "fail"
	r.messages == [concat(" ", [_backup, "expired on 2026-11-20t08:59:59z"])]
}

test_leap_second_is_read_as_the_second_before if {
	_dated("not_after", "2026-11-20T09:00:60+00:00").status == "pass"
	r := _dated("not_after", "2026-11-20T08:59:60Z")
	r.status == "fail"
}

# Outside dmaprep (a bundle on an OPA server) nothing checks the schema first.
test_unknown_when_validity_date_is_not_a_date_time if {
	r := _dated("not_after", "31/12/2027")
	r.status == "unknown"
	r.messages == [concat("", ["backup: not_after 31/12/2027 of ", _backup, " is not a date-time dmaprep can read"])]
}
