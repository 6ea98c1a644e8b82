package dmaprep.requirements.failover_address_defined_test

import data.dmaprep.requirements.failover_address_defined as req
import data.dmaprep.test.fixtures

# _invalid is the message for a shared hostname that is not a valid DNS name.
_invalid(name, problem) := sprintf("shared hostname %q is not a valid DNS name: %s", [name, problem])

_bad_characters(label) := sprintf("label %q has characters other than letters, digits and hyphens", [label])

_repeat(s, n) := concat("", [s | some _ in numbers.range(1, n)])

_with_vips(ips) := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/intent/virtual_ips", "value": ips}])

_with_hostname(name) := json.patch(fixtures.ready_hostname, [{
	"op": "replace", "path": "/intent/shared_hostname",
	"value": name,
}])

test_pass_when_virtual_ips_are_given if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
	r.area == "Virtual IP addresses"
}

test_pass_when_shared_hostname_is_given if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

test_pass_when_virtual_ips_are_ipv6 if {
	r := req.result with input as _with_vips(["2001:db8:11::44", "2001:DB8:12::44"])
	r.status == "pass"
	r.messages == []
}

test_pass_when_hostname_is_fully_qualified_with_trailing_dot if {
	r := req.result with input as _with_hostname("FO-Pair.example.local.")
	r.status == "pass"
	r.messages == []
}

test_pass_when_hostname_is_a_single_label if {
	r := req.result with input as _with_hostname("fopair01")
	r.status == "pass"
	r.messages == []
}

test_pass_when_hostname_has_63_character_label if {
	r := req.result with input as _with_hostname(concat("", [_repeat("a", 63), ".example.local"]))
	r.status == "pass"
	r.messages == []
}

test_fail_when_neither_is_given if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/intent/virtual_ips", "value": null}])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["no Failover address is given: neither virtual IPs nor a shared hostname"]
}

test_fail_when_neither_is_present if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "remove", "path": "/intent/virtual_ips"},
		{"op": "remove", "path": "/intent/shared_hostname"},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["no Failover address is given: neither virtual IPs nor a shared hostname"]
}

test_fail_when_both_are_empty if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/intent/virtual_ips", "value": []},
		{"op": "replace", "path": "/intent/shared_hostname", "value": ""},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == ["no Failover address is given: neither virtual IPs nor a shared hostname"]
}

test_fail_when_both_are_given if {
	facts := json.patch(fixtures.ready_vip, [{
		"op": "replace", "path": "/intent/shared_hostname",
		"value": "fo-pair.example.local",
	}])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [concat("", [
		"both virtual IPs (10.11.250.44, 10.12.250.44) and a shared hostname (fo-pair.example.local) are given: ",
		"choose one addressing mode",
	])]
}

test_fail_when_virtual_ips_do_not_parse if {
	r := req.result with input as _with_vips(["10.11.250.444", "10.12.250.44/16", "fe80::44%eth0", "", "fo-pair"])
	r.status == "fail"
	r.messages == [
		"virtual IP \"\" is not an IP address",
		"virtual IP \"10.11.250.444\" is not an IP address",
		"virtual IP \"10.12.250.44/16\" is not an IP address",
		"virtual IP \"fe80::44%eth0\" is not an IP address",
		"virtual IP \"fo-pair\" is not an IP address",
	]
}

test_fail_when_hostname_is_an_ipv4_address if {
	r := req.result with input as _with_hostname("10.11.250.44")
	r.status == "fail"
	r.messages == ["shared hostname \"10.11.250.44\" is an IP address, not a DNS name"]
}

test_fail_when_hostname_is_an_ipv6_address if {
	r := req.result with input as _with_hostname("2001:db8::44")
	r.status == "fail"
	r.messages == ["shared hostname \"2001:db8::44\" is an IP address, not a DNS name"]
}

test_fail_when_hostname_has_an_underscore if {
	r := req.result with input as _with_hostname("fo_pair.example.local")
	r.status == "fail"
	r.messages == [
		_invalid("fo_pair.example.local", _bad_characters("fo_pair")),
	]
}

test_fail_when_hostname_label_starts_with_hyphen if {
	r := req.result with input as _with_hostname("-fo-pair.example.local")
	r.status == "fail"
	r.messages == [_invalid("-fo-pair.example.local", "label \"-fo-pair\" starts or ends with a hyphen")]
}

test_fail_when_hostname_label_ends_with_hyphen if {
	r := req.result with input as _with_hostname("fo-pair-.example.local")
	r.status == "fail"
	r.messages == [_invalid("fo-pair-.example.local", "label \"fo-pair-\" starts or ends with a hyphen")]
}

test_fail_when_hostname_has_an_empty_label if {
	r := req.result with input as _with_hostname("fo-pair..local")
	r.status == "fail"
	r.messages == ["shared hostname \"fo-pair..local\" is not a valid DNS name: it has an empty label"]
}

test_fail_when_hostname_has_two_trailing_dots if {
	r := req.result with input as _with_hostname("fo-pair.local..")
	r.status == "fail"
	r.messages == ["shared hostname \"fo-pair.local..\" is not a valid DNS name: it has an empty label"]
}

test_fail_when_hostname_label_is_64_characters if {
	label := _repeat("a", 64)
	r := req.result with input as _with_hostname(concat(".", [label, "local"]))
	r.status == "fail"
	r.messages == [_invalid(concat(".", [label, "local"]), sprintf("label %q is longer than 63 characters", [label]))]
}

test_pass_when_hostname_is_253_characters if {
	name := concat(".", [_repeat("a", 63), _repeat("b", 63), _repeat("c", 63), _repeat("d", 61)])
	count(name) == 253
	r := req.result with input as _with_hostname(name)
	r.status == "pass"
}

test_fail_when_hostname_is_254_characters if {
	name := concat(".", [_repeat("a", 63), _repeat("b", 63), _repeat("c", 63), _repeat("d", 62)])
	r := req.result with input as _with_hostname(name)
	r.status == "fail"
	r.messages == [sprintf("shared hostname %q is not a valid DNS name: it is 254 characters long, more than 253", [name])]
}

test_fail_when_hostname_looks_like_a_partial_ip if {
	r := req.result with input as _with_hostname("10.11.250")
	r.status == "fail"
	r.messages == ["shared hostname \"10.11.250\" is not a valid DNS name: its last label \"250\" is all digits"]
}

test_fail_when_hostname_has_spaces if {
	r := req.result with input as _with_hostname(" ")
	r.status == "fail"
	r.messages == [_invalid(" ", _bad_characters(" "))]
}

test_fail_lists_mode_and_value_problems_together if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "replace", "path": "/intent/virtual_ips", "value": ["10.11.250.44", "10.12.250"]},
		{"op": "replace", "path": "/intent/shared_hostname", "value": "fo pair"},
	])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [
		"both virtual IPs (10.11.250.44, 10.12.250) and a shared hostname (fo pair) are given: choose one addressing mode",
		_invalid("fo pair", _bad_characters("fo pair")),
		"virtual IP \"10.12.250\" is not an IP address",
	]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO201"
	r.name == "failover-address-defined"
	r.severity == "error"
	count(r.docs) == 2
}

test_fail_when_hostname_mode_is_required_but_vips_are_given if {
	r := req.result with input as fixtures.ready_vip with data.dmaprep.params.require_hostname_mode as true
	r.status == "fail"
	r.messages == ["virtual IP mode is chosen, but this organisation requires shared hostname mode"]
}

test_pass_when_hostname_mode_is_required_and_used if {
	r := req.result with input as fixtures.ready_hostname with data.dmaprep.params.require_hostname_mode as true
	r.status == "pass"
}

# Addresses that parse but no host can hold fail like those that do not parse.
test_fail_when_virtual_ips_cannot_be_a_host_address if {
	r := req.result with input as _with_vips(["0.0.0.0", "::", "255.255.255.255", "224.0.0.18", "FF02::12", "0.1.2.3"])
	r.status == "fail"
	r.messages == [
		"virtual IP \"0.0.0.0\" is an unspecified (\"this network\") address, which cannot be a virtual IP",
		"virtual IP \"0.1.2.3\" is an unspecified (\"this network\") address, which cannot be a virtual IP",
		"virtual IP \"224.0.0.18\" is a multicast address, which cannot be a virtual IP",
		"virtual IP \"255.255.255.255\" is the broadcast address, which cannot be a virtual IP",
		"virtual IP \"::\" is the unspecified address, which cannot be a virtual IP",
		"virtual IP \"FF02::12\" is a multicast address, which cannot be a virtual IP",
	]
}

test_fail_when_a_virtual_ip_is_ipv4_mapped if {
	r := req.result with input as _with_vips(["::ffff:10.11.250.44", "::FFFF:a0c:fa2c"])
	r.status == "fail"
	r.messages == [
		"virtual IP \"::FFFF:a0c:fa2c\" is an IPv4-mapped IPv6 address: give the IPv4 address itself",
		"virtual IP \"::ffff:10.11.250.44\" is an IPv4-mapped IPv6 address: give the IPv4 address itself",
	]
}

# Loopback, link-local without a zone and IPv6 addresses that merely contain ffff stay valid.
test_pass_when_virtual_ips_are_unusual_but_host_addresses if {
	r := req.result with input as _with_vips(["127.0.0.77", "fe80::ffff:1", "2001:db8::ffff:0:1"])
	r.status == "pass"
}
