# METADATA
# title: The HTTPS certificate of each agent is CA-signed, trusted and valid
# description: |
#   When HTTPS is used, the certificate each agent of the pair serves must be signed by a
#   certificate authority clients trust: it must not be self-signed, its chain must verify
#   against the system roots (plus the CA file given to dmaprep with --ca-file), and the
#   evaluation time must fall within its validity period. Trust is as the gatherer saw it
#   when it collected the facts (the chain only, not the name); validity is judged at
#   evaluation time. Whether the certificate covers the Failover address is FO401's
#   question, so a certificate that lacks it fails FO401 only.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Agents/Configuring_a_DMA/Setting_up_HTTPS_on_a_DMA.html
#     description: Setting up HTTPS on a DMA
# custom:
#   id: FO402
#   name: https-certificate-signed
#   severity: error
#   facts:
#     - agents.*.https.certificate
#   example_failure: >-
#     backup's certificate CN=dma-backup.example.local (served at 10.11.4.52:443) does not chain to
#     a trusted CA: x509: certificate signed by unknown authority
#   example_unknown: >-
#     primary: served HTTPS certificate was not collected
#   remediation: |
#     Replace a self-signed or expired certificate by one issued by your organisation's CA or
#     a public CA, valid now, and select it in the https binding (port 443) of the Default
#     Web Site in IIS Manager on both agents. Install the intermediate CA certificates on the
#     agents so they serve the whole chain. When the chain is trusted in your network but not
#     where dmaprep runs, pass your root CA certificate with --ca-file.
package dmaprep.requirements.https_certificate_signed

import data.dmaprep.lib
import data.dmaprep.lib.https
import data.dmaprep.lib.params

# The shared findings of lib.https (its skip and unknown) go to the result as they are,
# without rules that copy them.
unknown contains lib.about(agent, sprintf("%s: whether the certificate chain verifies was not collected", [agent])) if {
	some agent, _ in https.leaves
	object.get(https.probes[agent], "verified", null) == null
}

# self_signed is optional in the facts; without it, an issuer equal to the subject is the
# usual sign of a self-signed certificate.
violation contains lib.about(agent, sprintf("%s is self-signed", [https.description[agent]])) if {
	some agent, leaf in https.leaves
	object.get(leaf, "self_signed", leaf.subject == leaf.issuer) == true
}

# A certificate outside its validity period fails verification for that reason first (Go's
# crypto/x509, which the gatherer uses, checks the dates before it builds a chain), so its
# verification error says nothing about the CA: the date violation below stands alone.
violation contains lib.about(agent, msg) if {
	some agent, leaf in https.leaves
	probe := https.probes[agent]
	probe.verified == false
	not _outside_validity(leaf)
	msg := sprintf("%s does not chain to a trusted CA: %s", [https.description[agent], _verify_error(probe)])
}

# A probe that says the chain verifies and also records why it did not contradicts itself:
# neither half can be trusted to pass the certificate.
unknown contains lib.about(agent, msg) if {
	some agent, _ in https.leaves
	probe := https.probes[agent]
	probe.verified == true
	error := object.get(probe, "verify_error", null)
	is_string(error)
	trim_space(error) != ""
	msg := sprintf("%s: the probe says the chain of %s verifies, yet records a verification error: %s", [
		agent, https.description[agent], error,
	])
}

_outside_validity(leaf) if time.now_ns() > _instant(leaf.not_after)

_outside_validity(leaf) if time.now_ns() < _instant(leaf.not_before)

# X.509 validity includes both ends.
violation contains lib.about(agent, sprintf("%s expired on %s", [https.description[agent], leaf.not_after])) if {
	some agent, leaf in https.leaves
	time.now_ns() > _instant(leaf.not_after)
}

violation contains lib.about(agent, msg) if {
	some agent, leaf in https.leaves
	time.now_ns() < _instant(leaf.not_before)
	msg := sprintf("%s is not valid before %s", [https.description[agent], leaf.not_before])
}

# An organisation may pin the issuers it trusts (data.dmaprep.params.trusted_issuers):
# a certificate from any other CA fails even when the chain verifies.
violation contains lib.about(agent, msg) if {
	trusted := params.params.trusted_issuers
	count(trusted) > 0
	some agent, leaf in https.leaves
	not leaf.issuer in trusted
	msg := sprintf("%s is issued by %q, which is not among the trusted issuers %v", [
		https.description[agent], leaf.issuer, trusted,
	])
}

# A validity date that cannot be read leaves the validity period undecided: unknown, not a pass.
unknown contains lib.about(agent, msg) if {
	some agent, leaf in https.leaves
	some field in ["not_before", "not_after"]
	ts := object.get(leaf, field, null)
	not _instant(ts)
	msg := sprintf("%s: %s %v of %s is not a date-time dmaprep can read", [
		agent, field, ts, https.description[agent],
	])
}

# _instant(ts) is a validity date in nanoseconds since 1970. time.parse_rfc3339_ns stops the
# whole evaluation on a date it cannot read, and an RFC 3339 date-time that the fact schema
# accepts can be one: a lower-case t or z, a leap second (:60), or a year whose nanoseconds do
# not fit in 64 bits (before 1678, after 2261; a certificate that never expires carries
# 9999-12-31, as RFC 5280 prescribes). So the letters are read in upper case, a leap second as
# the second before it, and a year out of range as a moment before or after every evaluation
# time, which is all the comparisons need. Undefined for anything else that is not a
# date-time in RFC 3339 form.
_instant(ts) := _before_every_time if {
	_year(ts) < 1678
} else := _after_every_time if {
	_year(ts) > 2261
} else := time.parse_rfc3339_ns(regex.replace(upper(ts), `^(.{17})60`, "${1}59")) if {
	_year(ts)
}

_year(ts) := to_number(substring(ts, 0, 4)) if {
	is_string(ts)
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$`, ts)
}

# One nanosecond beyond the range of time.now_ns() on either side.
_before_every_time := -9223372036854775809

_after_every_time := 9223372036854775808

_verify_error(probe) := probe.verify_error if {
	is_string(object.get(probe, "verify_error", null))
} else := "no verification error recorded"

result := lib.result(rego.metadata.chain(), {
	"skip": https.skip,
	"unknown": (https.unknown | unknown),
	"violation": violation,
})
