package dmaprep.requirements.natsrepair_after_configuration_test

import data.dmaprep.requirements.natsrepair_after_configuration as req
import data.dmaprep.test.fixtures

_run(patch) := r if {
	r := req.result with input as json.patch(fixtures.ready_vip, patch)
}

_v(raw, minor, patch, build, cu) := {
	"raw": raw, "source": "api",
	"major": 10, "minor": minor, "patch": patch, "revision": 0,
	"build": build, "cu": cu, "track": _track(patch),
}

_track(0) := "MR"

_track(patch) := "FR" if patch > 0

_reminder := concat("", [
	"after configuring Failover, run C:\\Skyline DataMiner\\Tools\\NATSRepair.exe on one agent ",
	"so that the NATS credentials include the",
])

_both_bgw := concat("", [
	"primary: BrokerGateway is true in MaintenanceSettings.xml; ",
	"backup: BrokerGateway is true in MaintenanceSettings.xml",
])

# _pair(flag, v) gives both agents the same BrokerGateway setting and version.
_pair(flag, v) := [
	{"op": "replace", "path": "/agents/primary/broker_gateway", "value": flag},
	{"op": "replace", "path": "/agents/backup/broker_gateway", "value": flag},
	{"op": "replace", "path": "/agents/primary/version", "value": v},
	{"op": "replace", "path": "/agents/backup/version", "value": v},
]

_mr_10_5_cu20 := _v("10.5.0.0-16400-CU20", 5, 0, 16400, 20)

_mr_10_6_cu0 := _v("10.6.0.0-16500-CU0", 6, 0, 16500, 0)

_mr_10_4_cu4 := _v("10.4.0.0-14511-CU4", 4, 0, 14511, 4)

# _versions(v) puts both agents on version v, keeping their BrokerGateway settings.
_versions(v) := [
	{"op": "replace", "path": "/agents/primary/version", "value": v},
	{"op": "replace", "path": "/agents/backup/version", "value": v},
]

test_info_when_both_use_broker_gateway if {
	r := req.result with input as fixtures.ready_vip
	r.status == "info"
	r.messages == [sprintf("%s virtual IPs (%s)", [_reminder, _both_bgw])]
}

test_info_when_hostname_mode_names_the_shared_hostname if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "info"
	r.messages == [sprintf("%s shared hostname (%s)", [_reminder, _both_bgw])]
}

test_info_when_the_address_is_not_decided if {
	r := _run([{"op": "replace", "path": "/intent/shared_hostname", "value": "fo-pair.example.local"}])
	r.status == "info"
	r.messages == [sprintf("%s virtual IPs or shared hostname (%s)", [_reminder, _both_bgw])]
}

# Boundary of "10.6.0/10.6.1" on the Main Release track: 10.5.0 (any CU) is before, 10.6.0 CU0 from.
test_skip_when_legacy_nats_before_main_release_10_6_0 if {
	r := _run(_pair(false, _mr_10_5_cu20))
	r.status == "skip"
	r.messages == [concat("", [
		"neither agent uses BrokerGateway or runs 10.6.0/10.6.1 or higher (",
		concat("", [
			"primary: BrokerGateway is false in MaintenanceSettings.xml and it runs 10.5.0.0-16400 (MR ",
			"10.5.0 CU20), before 10.6.0/10.6.1; ",
		]),
		concat("", [
			"backup: BrokerGateway is false in MaintenanceSettings.xml and it runs 10.5.0.0-16400 (MR ",
			"10.5.0 CU20), before 10.6.0/10.6.1)",
		]),
	])]
}

test_info_when_main_release_10_6_0 if {
	r := _run(_pair(false, _mr_10_6_cu0))
	r.status == "info"
	r.messages == [sprintf("%s virtual IPs (%s)", [_reminder, concat("", [
		"primary: it runs 10.6.0.0-16500 (MR 10.6.0 CU0), where BrokerGateway is the only NATS solution ",
		"(10.6.0/10.6.1 or higher); backup: it runs 10.6.0.0-16500 (MR 10.6.0 CU0), where BrokerGateway ",
		"is the only NATS solution (10.6.0/10.6.1 or higher)",
	])])]
}

# Boundary on the Feature Release track: 10.5.12 is before, 10.6.1 from.
test_skip_when_legacy_nats_on_feature_release_10_5_12 if {
	r := _run(_pair(false, _v("10.5.12.0-16400", 5, 12, 16400, null)))
	r.status == "skip"
}

test_info_when_feature_release_10_6_1 if {
	r := _run(_pair(null, _v("10.6.1.0-16647", 6, 1, 16647, null)))
	r.status == "info"
	count(r.messages) == 1
}

test_info_when_only_the_primary_uses_broker_gateway if {
	r := _run([
		{"op": "replace", "path": "/agents/backup/broker_gateway", "value": false},
		{"op": "remove", "path": "/agents/backup/version"},
	])
	r.status == "info"
	r.messages == [sprintf("%s virtual IPs (primary: BrokerGateway is true in MaintenanceSettings.xml)", [_reminder])]
}

# Before 10.6.0/10.6.1 a false setting means legacy NATS, so a missing one leaves it undecided.
test_unknown_when_the_setting_is_null if {
	r := _run(array.concat(_versions(_mr_10_4_cu4), [
		{"op": "replace", "path": "/agents/primary/broker_gateway", "value": false},
		{"op": "replace", "path": "/agents/backup/broker_gateway", "value": null},
	]))
	r.status == "unknown"
	r.messages == ["backup: the BrokerGateway setting (MaintenanceSettings.xml) was not collected"]
}

test_unknown_when_the_setting_is_absent if {
	r := _run(array.concat(_versions(_mr_10_4_cu4), [
		{"op": "remove", "path": "/agents/primary/broker_gateway"},
		{"op": "replace", "path": "/agents/backup/broker_gateway", "value": false},
	]))
	r.status == "unknown"
	r.messages == ["primary: the BrokerGateway setting (MaintenanceSettings.xml) was not collected"]
}

test_unknown_when_the_version_is_null if {
	r := _run(_pair(false, null))
	r.status == "unknown"
	r.messages == [
		concat("", [
			"backup: DataMiner version was not collected, which tells whether BrokerGateway false means ",
			"legacy NATS (only BrokerGateway from 10.6.0/10.6.1)",
		]),
		concat("", [
			"primary: DataMiner version was not collected, which tells whether BrokerGateway false means ",
			"legacy NATS (only BrokerGateway from 10.6.0/10.6.1)",
		]),
	]
}

test_unknown_when_the_version_is_absent if {
	r := _run([
		{"op": "replace", "path": "/agents/primary/broker_gateway", "value": false},
		{"op": "replace", "path": "/agents/backup/broker_gateway", "value": false},
		{"op": "replace", "path": "/agents/backup/version", "value": _mr_10_5_cu20},
		{"op": "remove", "path": "/agents/primary/version"},
	])
	r.status == "unknown"
	r.messages == [concat("", [
		"primary: DataMiner version was not collected, which tells whether BrokerGateway false means ",
		"legacy NATS (only BrokerGateway from 10.6.0/10.6.1)",
	])]
}

test_unknown_when_the_version_is_not_parsed if {
	r := _run(array.concat(_pair(false, _mr_10_5_cu20), [{
		"op": "replace", "path": "/agents/primary/version",
		"value": {"raw": "custom build", "major": null, "minor": null, "patch": null},
	}]))
	r.status == "unknown"
	r.messages == [concat("", [
		concat("", [
			"primary: DataMiner version \"custom build\" was not parsed ",
			"(its major, minor and third number are not all given)",
		]),
		", which tells whether BrokerGateway false ",
		"means legacy NATS (only BrokerGateway from 10.6.0/10.6.1)",
	])]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO803"
	r.name == "natsrepair-after-configuration"
	r.severity == "info"
	r.area == "Ports and NATS"
	count(r.docs) == 2
}

# Just below, at and just above "If you are using DataMiner 10.6.0/10.6.1 or higher" (Failover
# configuration in Cube, NATSRepair step), both agents on legacy NATS by their setting:
# [minor, patch, cu, status].
_boundaries := [
	[5, 0, 20, "skip"], # the Main Release branch before 10.6.0
	[6, 0, 0, "info"], # MR from 10.6.0
	[6, 0, 1, "info"],
	[5, 12, null, "skip"],
	[6, 1, null, "info"], # FR from 10.6.1
	[6, 2, null, "info"],
]

test_skip_or_info_at_the_boundaries if {
	every b in _boundaries {
		[minor, patch, cu, status] := b
		_run(_pair(false, _v(sprintf("10.%d.%d.0-16500", [minor, patch]), minor, patch, 16500, cu))).status == status
	}
}
