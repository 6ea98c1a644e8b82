package dmaprep.requirements.no_mixed_addressing_test

import data.dmaprep.requirements.no_mixed_addressing as req
import data.dmaprep.test.fixtures

_condition := "10.2.0 [CU21]/10.3.0 [CU9]/10.3.12"

# Hostname pair to be, in a DMS that has a virtual IP pair (10.11.6.10 with VIP 10.11.250.60).
_vip_pair := json.patch(fixtures.ready_hostname, [{
	"op": "replace",
	"path": "/agents/primary/cluster_endpoints/endpoints/1/additional_endpoints",
	"value": ["10.11.250.60", "10.12.250.60"],
}])

_vip_pair_text := concat("", [
	"the DMS already has a Failover pair with virtual IPs (10.11.6.10 with 10.11.250.60, 10.12.250.60); ",
	"a new pair in it must use virtual IPs, not a shared hostname",
])

# Virtual IP pair to be, in a DMS with an agent added by hostname.
_hostname_member := json.patch(fixtures.ready_vip, [{
	"op": "replace",
	"path": "/agents/primary/cluster/members/1",
	"value": {"address": "dma-ops.example.local", "address_is_hostname": true, "id": 35},
}])

_hostname_member_text := concat("", [
	"the DMS already has agents addressed by hostname (dma-ops.example.local); ",
	"a new pair in it must use a shared hostname, not virtual IPs",
])

_blocked(text) := sprintf("%s (DataMiner blocks this from %s)", [text, _condition])

_advised(text, why) := sprintf("%s (advised; DataMiner blocks it only from %s, but %s)", [text, _condition, why])

# _versions runs base with both agents' versions replaced.
_versions(base, primary, backup) := r if {
	facts := json.patch(base, [
		{"op": "replace", "path": "/agents/primary/version", "value": primary},
		{"op": "replace", "path": "/agents/backup/version", "value": backup},
	])
	r := req.result with input as facts
}

_v(raw, minor, patch, build, cu) := {
	"raw": raw, "source": "api",
	"major": 10, "minor": minor, "patch": patch, "revision": 0,
	"build": build, "cu": cu, "track": _track(patch),
}

_track(0) := "MR"

_track(patch) := "FR" if patch > 0

_mr_10_2_0_cu20 := _v("10.2.0.0-12300-CU20", 2, 0, 12300, 20)

_mr_10_2_0_cu21 := _v("10.2.0.0-12400-CU21", 2, 0, 12400, 21)

_mr_10_3_0_cu8 := _v("10.3.0.0-13100-CU8", 3, 0, 13100, 8)

_mr_10_3_0_cu9 := _v("10.3.0.0-13200-CU9", 3, 0, 13200, 9)

_fr_10_3_11 := _v("10.3.11.0-13000", 3, 11, 13000, null)

_fr_10_3_12 := _v("10.3.12.0-13150", 3, 12, 13150, null)

# --- pass and skip ---

test_pass_when_vip_dms_has_only_ip_members if {
	r := req.result with input as fixtures.ready_vip
	r.status == "pass"
	r.messages == []
}

test_pass_when_hostname_dms_has_no_vip_pair if {
	r := req.result with input as fixtures.ready_hostname
	r.status == "pass"
	r.messages == []
}

# Each mode only conflicts with the other mode's addressing.
test_pass_when_new_vip_pair_joins_a_dms_with_a_vip_pair if {
	facts := json.patch(fixtures.ready_vip, [{
		"op": "replace",
		"path": "/agents/primary/cluster_endpoints/endpoints/1/additional_endpoints",
		"value": ["10.11.250.60"],
	}])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

test_pass_when_new_hostname_pair_joins_a_dms_with_hostname_members if {
	facts := json.patch(fixtures.ready_hostname, [{
		"op": "replace",
		"path": "/agents/primary/cluster/members/1",
		"value": {"address": "dma-ops.example.local", "address_is_hostname": true, "id": 35},
	}])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

# Additional endpoints that are not IP addresses are no virtual IPs.
test_pass_when_additional_endpoint_is_a_hostname if {
	facts := json.patch(fixtures.ready_hostname, [{
		"op": "replace",
		"path": "/agents/primary/cluster_endpoints/endpoints/1/additional_endpoints",
		"value": ["fo-other.example.local"],
	}])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

# A primary alone in its DMS has no pair to conflict with, so ClusterEndpoints.json is not needed.
test_pass_when_standalone_primary_has_no_cluster_endpoints if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/primary/cluster/members", "value": [{"address": "10.11.5.52"}]},
		{"op": "remove", "path": "/agents/primary/cluster_endpoints"},
	])
	r := req.result with input as facts
	r.status == "pass"
	r.messages == []
}

# The version does not matter when nothing is mixed.
test_pass_when_versions_unknown_and_nothing_mixed if {
	r := _versions(fixtures.ready_vip, null, null)
	r.status == "pass"
	r.messages == []
}

test_skip_when_mode_undecided if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/intent/virtual_ips", "value": ["10.11.250.44"]},
	])
	r := req.result with input as facts
	r.status == "skip"
	r.messages == ["the addressing mode is not decided (see FO201), so mode-specific checks do not apply"]
}

# --- fail and warn, on the fixtures' versions (MR 10.4.0: a newer branch than 10.3) ---

test_fail_when_hostname_pair_joins_a_dms_with_a_vip_pair if {
	r := req.result with input as _vip_pair
	r.status == "fail"
	r.messages == [_blocked(_vip_pair_text)]
}

test_fail_when_vip_pair_joins_a_dms_with_a_hostname_member if {
	r := req.result with input as _hostname_member
	r.status == "fail"
	r.messages == [_blocked(_hostname_member_text)]
}

# Without address_is_hostname the address itself tells.
test_fail_when_member_hostname_flag_absent if {
	facts := json.patch(fixtures.ready_vip, [{
		"op": "replace",
		"path": "/agents/primary/cluster/members/1",
		"value": {"address": "dma-ops.example.local"},
	}])
	r := req.result with input as facts
	r.status == "fail"
	r.messages == [_blocked(_hostname_member_text)]
}

# --- version boundaries: Main Release 10.2.0 (CU21), 10.3.0 (CU9), Feature Release 10.3.12 ---

test_warn_when_both_run_main_release_10_2_0_cu20 if {
	r := _versions(_vip_pair, _mr_10_2_0_cu20, _mr_10_2_0_cu20)
	r.status == "warn"
	r.messages == [_advised(_vip_pair_text, concat("; ", [
		"backup runs 10.2.0.0-12300 (MR 10.2.0 CU20), prior to that",
		"primary runs 10.2.0.0-12300 (MR 10.2.0 CU20), prior to that",
	]))]
}

test_fail_when_both_run_main_release_10_2_0_cu21 if {
	r := _versions(_vip_pair, _mr_10_2_0_cu21, _mr_10_2_0_cu21)
	r.status == "fail"
	r.messages == [_blocked(_vip_pair_text)]
}

test_warn_when_both_run_main_release_10_3_0_cu8 if {
	r := _versions(_hostname_member, _mr_10_3_0_cu8, _mr_10_3_0_cu8)
	r.status == "warn"
	r.messages == [_advised(_hostname_member_text, concat("; ", [
		"backup runs 10.3.0.0-13100 (MR 10.3.0 CU8), prior to that",
		"primary runs 10.3.0.0-13100 (MR 10.3.0 CU8), prior to that",
	]))]
}

test_fail_when_both_run_main_release_10_3_0_cu9 if {
	r := _versions(_hostname_member, _mr_10_3_0_cu9, _mr_10_3_0_cu9)
	r.status == "fail"
	r.messages == [_blocked(_hostname_member_text)]
}

test_warn_when_both_run_feature_release_10_3_11 if {
	r := _versions(_vip_pair, _fr_10_3_11, _fr_10_3_11)
	r.status == "warn"
	r.messages == [_advised(_vip_pair_text, concat("; ", [
		"backup runs 10.3.11.0-13000 (FR 10.3.11), prior to that",
		"primary runs 10.3.11.0-13000 (FR 10.3.11), prior to that",
	]))]
}

test_fail_when_both_run_feature_release_10_3_12 if {
	r := _versions(_vip_pair, _fr_10_3_12, _fr_10_3_12)
	r.status == "fail"
	r.messages == [_blocked(_vip_pair_text)]
}

# FR 10.2.12 predates the MR 10.2.0 CU21 content (worked example 9).
test_warn_when_both_run_feature_release_10_2_12 if {
	v := _v("10.2.12.0-12200", 2, 12, 12200, null)
	r := _versions(_vip_pair, v, v)
	r.status == "warn"
	r.messages == [_advised(_vip_pair_text, concat("; ", [
		"backup runs 10.2.12.0-12200 (FR 10.2.12), prior to that",
		"primary runs 10.2.12.0-12200 (FR 10.2.12), prior to that",
	]))]
}

# Only one agent enforcing it is not enough: the other could still create the pair.
test_warn_when_only_primary_enforces_it if {
	r := _versions(_vip_pair, _mr_10_3_0_cu9, _mr_10_3_0_cu8)
	r.status == "warn"
	r.messages == [_advised(_vip_pair_text, "backup runs 10.3.0.0-13100 (MR 10.3.0 CU8), prior to that")]
}

# An unknown CU on a listed branch is indeterminate: never a pass, never a fail.
test_warn_when_cu_unknown_on_main_release_10_3_0 if {
	v := _v("10.3.0.0-13200-20230901-release", 3, 0, 13200, null)
	r := _versions(_vip_pair, v, v)
	r.status == "warn"
	r.messages == [_advised(_vip_pair_text, concat("; ", [
		concat("", [
			"cannot tell whether backup (10.3.0.0-13200 (MR 10.3.0, CU unknown)) runs it: ",
			"MR 10.3.0 (CU unknown) is on listed branch 10.3.0 [CU9], but its CU is unknown",
		]),
		concat("", [
			"cannot tell whether primary (10.3.0.0-13200 (MR 10.3.0, CU unknown)) runs it: ",
			"MR 10.3.0 (CU unknown) is on listed branch 10.3.0 [CU9], but its CU is unknown",
		]),
	]))]
}

# On a branch newer than every listed one, the CU does not matter (worked example 26).
test_fail_when_cu_unknown_on_main_release_10_4_0 if {
	v := _v("10.4.0.0-14772-20240821-release", 4, 0, 14772, null)
	r := _versions(_vip_pair, v, v)
	r.status == "fail"
	r.messages == [_blocked(_vip_pair_text)]
}

# --- unknown ---

test_unknown_when_vip_mode_and_primary_members_null if {
	facts := json.patch(fixtures.ready_vip, [{"op": "replace", "path": "/agents/primary/cluster/members", "value": null}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: DMS members (DMS.xml) was not collected"]
}

test_unknown_when_vip_mode_and_primary_cluster_absent if {
	facts := json.patch(fixtures.ready_vip, [
		{"op": "remove", "path": "/agents/primary/cluster"},
		{"op": "replace", "path": "/agents/primary/errors", "value": {"cluster": "DMS.xml:2:5: bad XML"}},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: DMS members (DMS.xml) was not collected (DMS.xml:2:5: bad XML)"]
}

test_unknown_when_hostname_mode_and_cluster_endpoints_absent if {
	facts := json.patch(fixtures.ready_hostname, [{"op": "remove", "path": "/agents/primary/cluster_endpoints"}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: Failover virtual IPs of the DMS (ClusterEndpoints.json) was not collected"]
}

test_unknown_when_hostname_mode_and_endpoints_null if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "replace", "path": "/agents/primary/cluster_endpoints/endpoints", "value": null},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: Failover virtual IPs of the DMS (ClusterEndpoints.json) was not collected"]
}

# Neither DMS.xml nor ClusterEndpoints.json: whether the primary is alone is not known either.
test_unknown_when_hostname_mode_and_dms_facts_absent if {
	facts := json.patch(fixtures.ready_hostname, [
		{"op": "remove", "path": "/agents/primary/cluster"},
		{"op": "remove", "path": "/agents/primary/cluster_endpoints"},
	])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == ["primary: Failover virtual IPs of the DMS (ClusterEndpoints.json) was not collected"]
}

# Mixing found, but whether DataMiner enforces it cannot be told without the version.
test_unknown_when_mixed_and_backup_version_null if {
	r := _versions(_vip_pair, _mr_10_3_0_cu9, null)
	r.status == "unknown"
	r.messages == [
		"backup: DataMiner version was not collected",
		_advised(_vip_pair_text, "cannot tell whether backup (unknown version) runs it: version unknown"),
	]
}

test_unknown_when_mixed_and_primary_version_absent if {
	facts := json.patch(_hostname_member, [{"op": "remove", "path": "/agents/primary/version"}])
	r := req.result with input as facts
	r.status == "unknown"
	r.messages == [
		"primary: DataMiner version was not collected",
		_advised(_hostname_member_text, "cannot tell whether primary (unknown version) runs it: version unknown"),
	]
}

test_result_carries_metadata if {
	r := req.result with input as fixtures.ready_vip
	r.id == "FO505"
	r.name == "no-mixed-addressing"
	r.severity == "error"
	r.area == "Platform and network"
	count(r.docs) == 3
}

# Just below, at and just above "from DataMiner 10.2.0 [CU21]/10.3.0 [CU9]/10.3.12 onwards,
# such a mix of environments is not allowed" (Preparing the two DataMiner Agents, Additional
# IP addresses or hostname), a hostname pair joining a DMS with a virtual IP pair, both agents
# on the version: [minor, patch, cu, status].
_boundaries := [
	[1, 0, 30, "warn"], # a branch the condition does not name
	[2, 0, 20, "warn"],
	[2, 0, 21, "fail"], # MR from 10.2.0 [CU21]
	[2, 0, 22, "fail"],
	[3, 0, 8, "warn"],
	[3, 0, 9, "fail"], # MR from 10.3.0 [CU9]
	[3, 0, 10, "fail"],
	[4, 0, 0, "fail"], # a newer Main Release branch
	[3, 11, null, "warn"],
	[3, 12, null, "fail"], # FR from 10.3.12
	[4, 1, null, "fail"],
]

test_warn_or_fail_at_the_boundaries if {
	every b in _boundaries {
		[minor, patch, cu, status] := b
		v := _v(sprintf("10.%d.%d.0-13000", [minor, patch]), minor, patch, 13000, cu)
		_versions(_vip_pair, v, v).status == status
	}
}
