# Tests for dmaprep.lib.version: worked examples of version conditions as the DataMiner
# documentation prints them, every shape of version string DataMiner writes, and every
# spelling of a CU in a condition.
package dmaprep.lib.version_test

import data.dmaprep.lib.version

# Conditions of the DataMiner documentation, as it prints them.
_a := "10.2.0 [CU21]/10.3.0 [CU9]/10.3.12"

_b := "10.2.0/10.1.8"

_c := "10.4.10/10.5.0"

_d := "10.4.0/10.4.2"

_e := "10.6.0/10.6.1"

_f := "10.2.0 [CU5]/10.2.8"

_g := "10.5.0 [CU11]/10.5.12 [CU2]"

# Agents as the fact document holds them; cu null = CU unknown.
_mr(major, minor, cu) := {
	"major": major, "minor": minor, "patch": 0, "revision": 0,
	"build": null, "cu": cu, "track": "MR",
}

_fr(major, minor, patch, cu) := {
	"major": major, "minor": minor, "patch": patch, "revision": 0,
	"build": null, "cu": cu, "track": "FR",
}

# A fact-document agent read from VersionHistory.txt only: MR 10.4.0, CU unknown.
_hist_10_4 := version.parse("10.4.0.0-14772-20240821-release")

_sat(v, cond) := version.satisfies(v, cond).value

_prior(v, cond) := version.prior_to(v, cond).value

# ---------------------------------------------------------------------------------------
# worked examples
# ---------------------------------------------------------------------------------------

test_example_01_mr_below_listed_cu if _sat(_mr(10, 2, 20), _a) == "false"

test_example_02_mr_at_listed_cu if _sat(_mr(10, 2, 21), _a) == "true"

test_example_03_mr_below_cu_on_second_listed_branch if _sat(_mr(10, 3, 8), _a) == "false"

test_example_04_mr_at_cu_on_second_listed_branch if _sat(_mr(10, 3, 9), _a) == "true"

test_example_05_mr_newer_branch_inherits if _sat(_mr(10, 4, 0), _a) == "true"

test_example_06_mr_older_branch_any_cu if _sat(_mr(10, 1, 30), _a) == "false"

test_example_07_fr_before_fr_token if _sat(_fr(10, 3, 11, null), _a) == "false"

test_example_08_fr_equal_to_fr_token if _sat(_fr(10, 3, 12, null), _a) == "true"

test_example_09_fr_of_older_series if _sat(_fr(10, 2, 12, null), _a) == "false"

test_example_10_fr_of_newer_series if _sat(_fr(10, 4, 1, null), _a) == "true"

test_example_11_mr_token_without_cu_means_cu0 if _sat(_mr(10, 2, 0), _b) == "true"

test_example_12_mr_older_branch_despite_fr_token if _sat(_mr(10, 1, 15), _b) == "false"

test_example_13_fr_plain_comparison if {
	_sat(_fr(10, 1, 7, null), _b) == "false"
	_sat(_fr(10, 1, 8, null), _b) == "true"
	_sat(_fr(10, 2, 3, null), _b) == "true"
}

test_example_14_mr_unlisted_branch_not_backported if _sat(_mr(10, 4, 21), _c) == "false"

test_example_15_fr_token_listed_first if {
	_sat(_fr(10, 4, 9, null), _c) == "false"
	_sat(_fr(10, 4, 10, null), _c) == "true"
}

test_example_16_mr_listed_and_newer_branch if {
	_sat(_mr(10, 5, 0), _c) == "true"
	_sat(_mr(10, 6, 3), _c) == "true"
}

test_example_17_prior_to_older_mr_branch if _prior(_mr(10, 3, 22), _d) == "true"

test_example_18_prior_to_fr if {
	_prior(_fr(10, 4, 1, null), _d) == "true"
	_prior(_fr(10, 4, 2, null), _d) == "false"
}

test_example_19_not_prior_to_listed_mr_cu0 if _prior(_mr(10, 4, 0), _d) == "false"

test_example_20_fr_with_cu_of_older_series if _sat(_fr(10, 5, 12, 2), _e) == "false"

test_example_21_mr_older_listed_newer if {
	_sat(_mr(10, 5, 15), _e) == "false"
	_sat(_mr(10, 6, 0), _e) == "true"
	_sat(_mr(10, 7, 0), _e) == "true"
}

test_example_22_mr_cu_threshold if {
	_sat(_mr(10, 2, 4), _f) == "false"
	_sat(_mr(10, 2, 5), _f) == "true"
}

test_example_23_fr_against_10_2_8 if {
	_sat(_fr(10, 2, 7, null), _f) == "false"
	_sat(_fr(10, 3, 1, null), _f) == "true"
}

test_example_24_fr_cu_comparison if {
	_sat(_fr(10, 5, 12, 1), _g) == "false"
	_sat(_fr(10, 5, 12, 2), _g) == "true"
}

test_example_25_mr_below_cu_on_listed_branch if _sat(_mr(10, 5, 10), _g) == "false"

test_example_26_unknown_cu_irrelevant_on_newer_branch if _sat(_hist_10_4, _a) == "true"

test_example_27_unknown_cu_on_listed_branch if _sat(_hist_10_4, "10.3.0 [CU20]/10.4.0 [CU8]") == "indeterminate"

test_example_28_ki_hostname_affected if {
	version.in_range(_mr(10, 2, 25), "10.2.0/10.1.8", "10.3.0 [CU11]/10.4.2").value == "true"
}

test_example_29_ki_brokergateway_branch_never_fixed if {
	version.in_range(_mr(10, 5, 20), "10.5.0 [CU4]/10.5.7", "10.6.0 [CU5]/10.6.8").value == "true"
}

test_example_30_ki_vip_branch_not_in_fix_list if {
	r := version.in_range(_mr(10, 3, 21), "10.3.0 [CU20]/10.4.0 [CU8]/10.4.11", "10.4.0 [CU12]/10.5.0 [CU0]/10.5.3")
	r.value == "true"
}

# ---------------------------------------------------------------------------------------
# satisfies beyond the worked examples
# ---------------------------------------------------------------------------------------

test_satisfies_token_order_does_not_matter if {
	_sat(_mr(10, 1, 15), "10.1.8/10.2.0") == "false"
	_sat(_fr(10, 1, 8, null), "10.1.8/10.2.0") == "true"
}

test_satisfies_unlisted_branch_between_listed_ones_is_false if {
	_sat(_mr(10, 3, 9), "10.2.0 [CU5]/10.4.0 [CU3]") == "false"
}

test_satisfies_mr_unknown_cu_listed_branch_cu0_is_true if _sat(_hist_10_4, _d) == "true"

test_satisfies_fr_unknown_cu_needs_fr_cu if _sat(_fr(10, 5, 12, null), _g) == "indeterminate"

test_satisfies_fr_unknown_cu_counts_as_cu0 if _sat(_fr(10, 5, 12, null), "10.5.12 [CU0]") == "true"

test_satisfies_mr_only_fr_tokens_newer_branch_is_heuristic if {
	s := version.satisfies(_mr(10, 5, 0), "10.4.2")
	s.value == "true"
	s.heuristic
	contains(s.reason, "heuristic")
}

test_satisfies_mr_only_fr_tokens_same_branch_indeterminate if _sat(_mr(10, 4, 6), "10.4.2") == "indeterminate"

test_satisfies_fr_only_mr_tokens_newer_series_is_heuristic if {
	s := version.satisfies(_fr(10, 6, 2, null), "10.5.0 [CU11]")
	s.value == "true"
	s.heuristic
}

test_satisfies_fr_only_mr_tokens_older_series_is_heuristic if {
	s := version.satisfies(_fr(10, 4, 3, null), "10.5.0 [CU11]")
	s.value == "false"
	s.heuristic
}

# ---------------------------------------------------------------------------------------
# versions before 10: no tracks, plain tuple order
# ---------------------------------------------------------------------------------------

_old(raw) := version.parse(raw)

test_pre10_parse_has_no_track if {
	_old("7.5.4.3").track == null
	_old("9.6.0.0-8600").track == null
	_old("10.0.0.0-9000").track == "MR"
}

test_pre10_month_week_after_the_token if {
	s := version.satisfies(_old("7.5.4.3"), "7.5.0")
	s == {"value": "true", "heuristic": false, "reason": "7.5.4.3 is at or after 7.5.0."}
}

test_pre10_same_version_reaches_the_token if _sat(_old("7.5.0"), "7.5.0") == "true"

test_pre10_older_is_before_the_token if {
	s := version.satisfies(_old("7.0.9.1"), "7.5.0")
	s == {"value": "false", "heuristic": false, "reason": "7.0.9.1 is before 7.5.0."}
}

test_pre10_later_series_is_after_the_token if {
	_sat(_old("8.5.8.5"), "7.5.0") == "true"
	_sat(_old("9.0.3.7-5687"), "7.5.0") == "true"
	_sat(_old("7.4.12.4"), "7.5.0") == "false"
}

# A version before 10 with a CU in its string is still ordered by its four numbers only.
test_pre10_cu_is_not_a_track if _sat(_old("7.0.0.0-3490-CU5"), "7.5.0") == "false"

test_pre10_is_before_every_10_token if {
	s := version.satisfies(_old("9.6.13.0-9000"), "10.1.1/10.2.0")
	s == {"value": "false", "heuristic": false, "reason": "9.6.13.0 is before 10.1.1: every version before 10 is."}
	_sat(_old("9.6.0"), "10.0.0") == "false"
	_prior(_old("9.6.0"), "10.1.1/10.2.0") == "true"
	version.in_range(_old("9.6.0"), "10.2.0/10.1.8", "10.3.0 [CU11]/10.4.2").value == "false"
}

test_10_is_after_every_pre10_token if {
	s := version.satisfies(_mr(10, 0, null), "7.5.0")
	s == {"value": "true", "heuristic": false, "reason": "MR 10.0.0 (CU unknown) is after 7.5.0: every 10.x version is."}
	_sat(_fr(10, 5, 4, null), "7.5.0") == "true"
	_prior(_fr(10, 5, 4, null), "7.5.0") == "false"
}

# decision, the reason-less path, agrees with satisfies on every case above.
test_pre10_decision_agrees if {
	every c in [
		["7.5.4.3", "7.5.0"], ["7.0.9.1", "7.5.0"], ["7.5.0", "7.5.0"], ["9.6.0", "10.1.1"],
		["10.0.0.0-9000", "7.5.0"], ["10.5.4.0-15588", "7.5.0"],
	] {
		version.decision(_old(c[0]), version.condition(c[1])) == _sat(_old(c[0]), c[1])
	}
}

test_pre10_label_has_no_track if {
	version.label(_old("7.5.4.3")) == "7.5.4.3"
	version.label(_old("9.0.3.7-5687")) == "9.0.3.7-5687"
	version.label(_old("7.0.0.0-3490-CU5")) == "7.0.0.0-3490 (CU5)"
}

test_satisfies_fr_only_mr_tokens_same_series_indeterminate if {
	_sat(_fr(10, 5, 4, null), "10.5.0 [CU11]") == "indeterminate"
}

test_satisfies_mr_agent_mr_only_tokens_is_certain if {
	s := version.satisfies(_mr(10, 4, 0), "7.5.0")
	s.value == "true"
	not s.heuristic
}

test_satisfies_condition_without_token_is_indeterminate if _sat(_mr(10, 4, 0), "10.3") == "indeterminate"

test_satisfies_unknown_version if {
	version.satisfies({"raw": "", "major": null, "minor": null, "patch": null}, _a) == {
		"value": "indeterminate", "heuristic": false, "reason": "version unknown",
	}
	_sat({}, _a) == "indeterminate"
	_sat(null, _a) == "indeterminate"
	_sat(_mr(10, null, 3), _a) == "indeterminate"
}

test_satisfies_reason_names_agent_and_token if {
	r := version.satisfies(_mr(10, 2, 20), _a).reason
	contains(r, "MR 10.2.0 CU20")
	contains(r, "10.2.0 [CU21]")
}

test_satisfies_reason_names_unknown_cu if {
	r := version.satisfies(_hist_10_4, "10.3.0 [CU20]/10.4.0 [CU8]").reason
	contains(r, "MR 10.4.0 (CU unknown)")
	contains(r, "10.4.0 [CU8]")
}

# ---------------------------------------------------------------------------------------
# prior_to, in_range
# ---------------------------------------------------------------------------------------

test_prior_to_keeps_indeterminate if _prior(_hist_10_4, "10.3.0 [CU20]/10.4.0 [CU8]") == "indeterminate"

test_prior_to_keeps_heuristic_and_reason if {
	s := version.satisfies(_fr(10, 6, 2, null), "10.5.0 [CU11]")
	version.prior_to(_fr(10, 6, 2, null), "10.5.0 [CU11]") == {"value": "false", "heuristic": true, "reason": s.reason}
}

test_in_range_fixed_branch_cu if version.in_range(_mr(10, 3, 11), _b, "10.3.0 [CU11]/10.4.2").value == "false"

test_in_range_fixed_fr if version.in_range(_fr(10, 4, 2, null), _b, "10.3.0 [CU11]/10.4.2").value == "false"

test_in_range_before_range if {
	version.in_range(_fr(10, 1, 7, null), _b, "10.3.0 [CU11]/10.4.2").value == "false"
	version.in_range(_mr(10, 1, 15), _b, "10.3.0 [CU11]/10.4.2").value == "false"
}

test_in_range_unknown_cu_is_indeterminate if {
	r := version.in_range(_hist_10_4, "10.3.0 [CU20]/10.4.0 [CU8]/10.4.11", "10.4.0 [CU12]/10.5.0 [CU0]/10.5.3")
	r.value == "indeterminate"
}

test_in_range_false_wins_over_indeterminate if {
	# fix certainly present (10.4.0 [CU0] listed, any CU) even though the lower bound is undetermined
	version.in_range(_hist_10_4, "10.4.0 [CU8]", "10.4.0/10.4.2").value == "false"
}

test_in_range_heuristic_when_a_part_is if {
	# KI-CASS: lower bound lists only FR 10.4.2, so an MR agent of 10.5 is placed by heuristic
	r := version.in_range(_mr(10, 5, 0), "10.4.2", "10.3.0 [CU18]/10.4.0 [CU6]/10.4.9")
	r.value == "false"
	r.heuristic
}

test_in_range_reason_names_both_conditions if {
	r := version.in_range(_mr(10, 2, 25), _b, "10.3.0 [CU11]/10.4.2").reason
	contains(r, _b)
	contains(r, "10.3.0 [CU11]/10.4.2")
	contains(r, "MR 10.2.0 CU25")
}

# ---------------------------------------------------------------------------------------
# parse: every shape of version string
# ---------------------------------------------------------------------------------------

_v(raw, dotted, build, cu, track) := {
	"raw": raw, "major": dotted[0], "minor": dotted[1], "patch": dotted[2], "revision": dotted[3],
	"build": build, "cu": cu, "track": track,
}

_p(raw) := version.parse(raw)

# A shape DataMiner does not write, or a number past 32 bits, is no version (as for the Go
# parser): a fact document that gives only such a raw string leaves the version unknown.
test_parse_refuses_other_shapes_and_numbers_past_32_bits if {
	every raw in [
		"10.4.0.0.1", "10.4.0x", "10.4.0a-12345", "10.4.0.0-99999999999999999999",
		"10.4.0.0-2147483648", "10.99999999999.0.0-12345", "10.4.0.0-12345-CU99999999999",
		"2147483648.0.0",
	] {
		not _p(raw)
	}
	_p("10.4.0.0-2147483647") == _v("10.4.0.0-2147483647", [10, 4, 0, 0], 2147483647, null, "MR")
}

test_parse_versionhistory_mr_entry if {
	s := "10.4.0.0-14772-20240821-release"
	_p(s) == _v(s, [10, 4, 0, 0], 14772, null, "MR")
}

test_parse_versionhistory_fr_entry if {
	s := "10.5.4.0-15588-20250319-release"
	_p(s) == _v(s, [10, 5, 4, 0], 15588, null, "FR")
}

test_parse_versionhistory_full_line if {
	s := "2025-03-27 11:16:35;10.5.4.0-15588-20250319-release"
	_p(s) == _v(s, [10, 5, 4, 0], 15588, null, "FR")
}

test_parse_cube_upgrade_history_line if {
	s := "2025-03-27 11:16:35 => 10.5.4.0-15588-20250319-release"
	_p(s) == _v(s, [10, 5, 4, 0], 15588, null, "FR")
}

test_parse_build_and_cu if {
	s := "10.2.0.0-11897-CU4"
	_p(s) == _v(s, [10, 2, 0, 0], 11897, 4, "MR")
}

test_parse_dataminer_prefix_and_trailing_words if {
	s := "DataMiner 10.2.0.0-11897-CU4 Main Release"
	_p(s) == _v(s, [10, 2, 0, 0], 11897, 4, "MR")
}

test_parse_main_release_slug_cu4 if {
	s := "dataminer-main-release-10-4-0-0-14511-cu4"
	_p(s) == _v(s, [10, 4, 0, 0], 14511, 4, "MR")
}

test_parse_main_release_slug_cu10 if {
	s := "dataminer-main-release-10-4-0-0-15230-cu10"
	_p(s) == _v(s, [10, 4, 0, 0], 15230, 10, "MR")
}

test_parse_main_release_slug_10_0 if {
	s := "dataminer-main-release-10-0-0-0-11025-cu19"
	_p(s) == _v(s, [10, 0, 0, 0], 11025, 19, "MR")
}

test_parse_feature_release_slug if {
	s := "dataminer-feature-release-10-1-7-0-10523"
	_p(s) == _v(s, [10, 1, 7, 0], 10523, null, "FR")
}

test_parse_fr_minimum_builds if {
	_p("10.2.7.0-11922") == _v("10.2.7.0-11922", [10, 2, 7, 0], 11922, null, "FR")
	_p("10.2.5.0-11681") == _v("10.2.5.0-11681", [10, 2, 5, 0], 11681, null, "FR")
	_p("10.6.1.0-16647") == _v("10.6.1.0-16647", [10, 6, 1, 0], 16647, null, "FR")
}

test_parse_minimum_dma_versions if {
	_p("10.4.2.0-13691") == _v("10.4.2.0-13691", [10, 4, 2, 0], 13691, null, "FR")
	_p("10.4.5.0-14225") == _v("10.4.5.0-14225", [10, 4, 5, 0], 14225, null, "FR")
	_p("10.0.11.0-9451") == _v("10.0.11.0-9451", [10, 0, 11, 0], 9451, null, "FR")
	_p("10.0.12.0-9536") == _v("10.0.12.0-9536", [10, 0, 12, 0], 9536, null, "FR")
}

test_parse_full_upgrade_package_name if {
	s := "DataMiner 10.0.12.0-9536 Full Upgrade (rc)"
	_p(s) == _v(s, [10, 0, 12, 0], 9536, null, "FR")
}

test_parse_month_week_scheme_keeps_revision if {
	_p("10.3.3.7-5687") == _v("10.3.3.7-5687", [10, 3, 3, 7], 5687, null, "FR")
	_p("9.0.3.7-5687") == _v("9.0.3.7-5687", [9, 0, 3, 7], 5687, null, null)
}

test_parse_nt_dataminer_info if _p("10.2.5.6-1234") == _v("10.2.5.6-1234", [10, 2, 5, 6], 1234, null, "FR")

test_parse_hotfix_date_and_time_are_not_builds if {
	s := "HF_10.0.7.0(CU0)_20200520-135714"
	_p(s) == _v(s, [10, 0, 7, 0], null, 0, "FR")
}

test_parse_library_format_cu0 if _p("10.0.3.0-CU0") == _v("10.0.3.0-CU0", [10, 0, 3, 0], null, 0, "FR")

test_parse_three_part_with_cu if _p("10.4.0-CU4") == _v("10.4.0-CU4", [10, 4, 0, 0], null, 4, "MR")

test_parse_web_version_format if _p("10.6.2 (CU0)") == _v("10.6.2 (CU0)", [10, 6, 2, 0], null, 0, "FR")

test_parse_cu_spellings if {
	_p("10.3.0 [CU9]").cu == 9
	_p(`10.2.0 \[CU5]`).cu == 5
	_p("10.4.0.0-14511 CU2") == _v("10.4.0.0-14511 CU2", [10, 4, 0, 0], 14511, 2, "MR")
	_p("10.4.0.0-15230-cu10").cu == 10
	_p("10.4.0.0-14511 CU 4").build == 14511
}

test_parse_trims_and_keeps_raw if {
	s := "  10.5.4.0-15588-20250319-release\n"
	_p(s) == _v(s, [10, 5, 4, 0], 15588, null, "FR")
}

test_parse_leaves_source_to_the_gatherer if not "source" in object.keys(_p("10.4.0.0-14511-CU4"))

test_parse_non_versions_are_undefined if {
	not _p("10.4")
	not _p("")
	not _p("abc")
	not _p("release-10.4")
	not _p(42)
}

# ---------------------------------------------------------------------------------------
# tokens
# ---------------------------------------------------------------------------------------

_t(major, minor, patch, cu) := {"major": major, "minor": minor, "patch": patch, "cu": cu}

test_tokens_mr_with_cus_and_fr if version.tokens(_a) == [_t(10, 2, 0, 21), _t(10, 3, 0, 9), _t(10, 3, 12, 0)]

test_tokens_mr_without_cu_is_cu0 if version.tokens(_b) == [_t(10, 2, 0, 0), _t(10, 1, 8, 0)]

test_tokens_single_plain_version if version.tokens("7.5.0") == [_t(7, 5, 0, 0)]

test_tokens_mr_and_fr_of_one_series if version.tokens(_d) == [_t(10, 4, 0, 0), _t(10, 4, 2, 0)]

test_tokens_fix_list if version.tokens("10.3.0 [CU11]/10.4.2") == [_t(10, 3, 0, 11), _t(10, 4, 2, 0)]

test_tokens_explicit_cu0 if {
	version.tokens("10.4.0 [CU12]/10.5.0 [CU0]/10.5.3") == [_t(10, 4, 0, 12), _t(10, 5, 0, 0), _t(10, 5, 3, 0)]
}

test_tokens_escaped_markdown_bracket if version.tokens(`10.2.0 \[CU5]/10.2.8`) == [_t(10, 2, 0, 5), _t(10, 2, 8, 0)]

test_tokens_bare_cu if version.tokens("10.3.0 CU9") == [_t(10, 3, 0, 9)]

test_tokens_parenthesised_cu if version.tokens("10.4.0 (CU3)/10.4.6") == [_t(10, 4, 0, 3), _t(10, 4, 6, 0)]

test_tokens_dash_cu if version.tokens("10.2.0-CU1") == [_t(10, 2, 0, 1)]

test_tokens_four_part_version_with_cu if version.tokens("10.0.3.0-CU0") == [_t(10, 0, 3, 0)]

test_tokens_fr_with_cu if version.tokens(_g) == [_t(10, 5, 0, 11), _t(10, 5, 12, 2)]

test_tokens_classified_by_patch_not_position if {
	version.tokens("10.6.1/10.6.0 [CU0]/10.5.0 [CU10]") == [_t(10, 6, 1, 0), _t(10, 6, 0, 0), _t(10, 5, 0, 10)]
	version.tokens("10.4.0 [CU0]/10.3.7") == [_t(10, 4, 0, 0), _t(10, 3, 7, 0)]
}

test_tokens_words_and_separators_ignored if {
	version.tokens("from 10.2.0 [CU21], 10.3.0 CU9 or 10.3.12 onwards") == [
		_t(10, 2, 0, 21),
		_t(10, 3, 0, 9),
		_t(10, 3, 12, 0),
	]
}

test_tokens_none if {
	version.tokens("10.3") == []
	version.tokens(null) == []
}

# ---------------------------------------------------------------------------------------
# equal (FO102)
# ---------------------------------------------------------------------------------------

_eq(a, b) := version.equal(_p(a), _p(b)).value

test_equal_same_version if _eq("10.4.0.0-14511-CU4", "dataminer-main-release-10-4-0-0-14511-cu4") == "true"

test_equal_differing_build if {
	r := version.equal(_p("10.4.0.0-14511-CU4"), _p("10.4.0.0-14772-CU4"))
	r.value == "false"
	contains(r.reason, "14511 vs 14772")
}

test_equal_differing_cu if {
	r := version.equal(_p("10.4.0.0-14511-CU4"), _p("10.4.0.0-14511-CU5"))
	r.value == "false"
	contains(r.reason, "CU4 vs CU5")
}

test_equal_differing_patch_without_builds if _eq("10.4.0", "10.4.2") == "false"

test_equal_cu_unknown_equal_builds if {
	_eq("10.4.0.0-14772-20240821-release", "10.4.0.0-14772-CU7") == "true"
	_eq("10.4.0.0-14772-20240821-release", "2024-08-30 10:00:00;10.4.0.0-14772-20240821-release") == "true"
}

test_equal_builds_unknown if {
	r := version.equal(_p("10.4.0.0-14511-CU4"), _p("10.4.0-CU4"))
	r.value == "indeterminate"
	contains(r.reason, "builds cannot be compared")
	_eq("10.4.0 [CU4]", "10.4.0 [CU4]") == "indeterminate"
}

test_equal_unknown_version if version.equal(_p("10.4.0.0-14511-CU4"), {"raw": "?"}) == {
	"value": "indeterminate",
	"reason": "version unknown",
}

# ---------------------------------------------------------------------------------------
# label
# ---------------------------------------------------------------------------------------

test_label_mr_with_cu if version.label(_p("10.4.0.0-14511-CU4")) == "10.4.0.0-14511 (MR 10.4.0 CU4)"

test_label_fr if version.label(_p("10.5.4.0-15588-20250319-release")) == "10.5.4.0-15588 (FR 10.5.4)"

test_label_fr_with_cu if version.label(_p("10.5.12.0-16000-CU2")) == "10.5.12.0-16000 (FR 10.5.12 CU2)"

test_label_mr_cu_unknown if version.label(_hist_10_4) == "10.4.0.0-14772 (MR 10.4.0, CU unknown)"

test_label_without_build if version.label(_mr(10, 2, 20)) == "10.2.0.0 (MR 10.2.0 CU20)"

test_label_without_revision if {
	v := {"major": 10, "minor": 4, "patch": 0, "revision": null, "build": 14511, "cu": 4}
	version.label(v) == "10.4.0-14511 (MR 10.4.0 CU4)"
}

test_label_falls_back_to_raw if version.label({"raw": "DataMiner (custom)", "major": null}) == "DataMiner (custom)"

test_label_unknown_version if {
	version.label({}) == "unknown version"
	version.label({"raw": ""}) == "unknown version"
	version.label(null) == "unknown version"
}

# ---------------------------------------------------------------------------------------
# behaviour kept through the performance rewrite
# ---------------------------------------------------------------------------------------

test_satisfies_branch_listed_twice_lowest_cu_wins if {
	r := version.satisfies(_mr(10, 4, 9), "10.4.0 [CU10]/10.4.0 [CU9]")
	r.value == "true"
	contains(r.reason, "10.4.0 [CU9]")
}

test_satisfies_cu_that_is_not_a_number_is_unknown if {
	v := object.union(_mr(10, 4, null), {"cu": "8"})
	version.satisfies(v, "10.3.0 [CU20]/10.4.0 [CU8]") == version.satisfies(_mr(10, 4, null), "10.3.0 [CU20]/10.4.0 [CU8]")
	_sat(v, "10.3.0 [CU20]/10.4.0 [CU8]") == "indeterminate"
}

test_satisfies_fr_token_notation_in_reason if {
	contains(version.satisfies(_fr(10, 5, 12, 1), _g).reason, "10.5.12 [CU2]")
	contains(version.satisfies(_fr(10, 3, 11, null), _a).reason, "FR 10.3.11 is earlier than 10.3.12.")
}

test_satisfies_condition_that_is_not_a_string if {
	_sat(_mr(10, 4, 0), null) == "indeterminate"
	_sat(_mr(10, 4, 0), 7) == "indeterminate"
	version.satisfies(_mr(10, 4, 0), "10.3").reason == `The condition "10.3" names no DataMiner version.`
}

test_in_range_reason_states_both_parts if {
	r := version.in_range(_mr(10, 1, 15), _b, "10.3.0 [CU11]/10.4.2")
	r.value == "false"
	contains(r.reason, "not reached")
	contains(r.reason, "fix absent")
}

test_equal_without_every_field if {
	# no revision on one side: unknown, so it differs from nothing
	r := version.equal({"major": 10, "minor": 4, "patch": 0, "build": 14511, "cu": 4}, _p("10.4.0.0-14511-CU4"))
	r == {"value": "true", "reason": "Same version 10.4.0-14511 (MR 10.4.0 CU4)."}
}

test_equal_first_differing_field_is_reported if {
	r := version.equal(_p("10.4.0.0-14511-CU4"), _p("10.5.0.0-14772-CU5"))
	r.value == "false"
	startswith(r.reason, "The minor version differs: 4 vs 5 ")
}

test_label_fr_without_build_or_cu if {
	v := {"major": 10, "minor": 5, "patch": 4, "revision": 0, "build": null, "cu": null}
	version.label(v) == "10.5.4.0 (FR 10.5.4)"
}

# ---------------------------------------------------------------------------------------
# condition, decision, in_range_decision: the reason-less variants agree with satisfies and
# in_range on every agent kind (MR/FR, CU known/unknown, unparsed) and condition kind.
# ---------------------------------------------------------------------------------------

_agents := [
	_mr(10, 1, 30), _mr(10, 2, 0), _mr(10, 2, 20), _mr(10, 2, 21), _mr(10, 3, 8), _mr(10, 3, 9),
	_mr(10, 3, 11), _mr(10, 4, 0), _mr(10, 4, 6), _mr(10, 4, 21), _mr(10, 5, 0), _mr(10, 5, 10),
	_mr(10, 6, 6), _mr(10, 3, null), _mr(10, 4, null), _mr(10, 6, null),
	_fr(10, 1, 7, null), _fr(10, 1, 8, null), _fr(10, 3, 11, null), _fr(10, 3, 12, null),
	_fr(10, 4, 1, null), _fr(10, 4, 2, null), _fr(10, 4, 9, 0), _fr(10, 4, 10, null),
	_fr(10, 5, 4, null), _fr(10, 5, 12, 1), _fr(10, 5, 12, 2), _fr(10, 5, 12, null),
	_fr(10, 6, 8, "x"), _hist_10_4,
	{"raw": "garbage", "major": null, "minor": null, "patch": null},
	{"major": 10, "minor": 4},
]

_conditions := [
	_a, _b, _c, _d, _e, _f, _g, "7.5.0", "10.4.2", "10.3", "", 42,
	"10.3.0 [CU20]/10.4.0 [CU8]/10.4.11", "10.4.0 [CU12]/10.5.0 [CU0]/10.5.3",
	"10.3.0 [CU18]/10.4.0 [CU6]/10.4.9", "10.5.0 [CU10]/10.6.1", "10.3.0 [CU11]/10.4.0/10.4.2",
]

test_condition_is_tokens_as_arrays if {
	version.condition(_a) == [[10, 2, 0, 21], [10, 3, 0, 9], [10, 3, 12, 0]]
	version.condition("10.3") == []
	version.condition(42) == []
	every cond in _conditions {
		version.condition(cond) == [[t.major, t.minor, t.patch, t.cu] | some t in version.tokens(cond)]
	}
}

# Split in halves so that each test stays well within opa test's time limit when -v traces it.
test_decision_is_the_value_of_satisfies_first_conditions if {
	every v in _agents {
		every cond in array.slice(_conditions, 0, 9) {
			version.decision(v, version.condition(cond)) == version.satisfies(v, cond).value
		}
	}
}

test_decision_is_the_value_of_satisfies_other_conditions if {
	every v in _agents {
		every cond in array.slice(_conditions, 9, count(_conditions)) {
			version.decision(v, version.condition(cond)) == version.satisfies(v, cond).value
		}
	}
}

# The pairs of in_range: those of the known issues, and each other kind of condition (MR
# and FR tokens, FR only, an old version, no token) once on each side. Kept small: every
# pair is evaluated for every agent, and opa test -v traces each step.
_range_pairs := [
	["10.3.0 [CU20]/10.4.0 [CU8]/10.4.11", "10.4.0 [CU12]/10.5.0 [CU0]/10.5.3"],
	["10.3.0 [CU9]/10.3.12", "10.3.0 [CU11]/10.4.0/10.4.2"],
	["10.4.2", "10.3.0 [CU18]/10.4.0 [CU6]/10.4.9"],
	["10.2.0/10.1.8", "10.3.0 [CU11]/10.4.2"],
	["10.5.0 [CU4]/10.5.7", "10.6.0 [CU5]/10.6.8"],
	[_a, _g], [_b, "10.4.2"], ["7.5.0", _a], ["10.3", _b], [_g, "10.3"],
]

test_in_range_decision_is_the_value_of_in_range_known_issues if {
	every v in _agents {
		every pair in array.slice(_range_pairs, 0, 5) {
			decision := version.in_range_decision(v, version.condition(pair[0]), version.condition(pair[1]))
			decision == version.in_range(v, pair[0], pair[1]).value
		}
	}
}

test_in_range_decision_is_the_value_of_in_range_other_kinds if {
	every v in _agents {
		every pair in array.slice(_range_pairs, 5, count(_range_pairs)) {
			decision := version.in_range_decision(v, version.condition(pair[0]), version.condition(pair[1]))
			decision == version.in_range(v, pair[0], pair[1]).value
		}
	}
}

# equal_decision is the value of equal for every pair of a set of versions that differ in each
# field, lack fields, or are unknown.
_equal_cases := [
	_p("10.4.0.0-14511-CU4"), _p("10.4.0.0-14511-CU5"), _p("10.4.0.0-14511"), _p("10.4.0.0-14772-CU4"),
	_p("10.4.0-CU4"), _p("10.4.0"), _p("10.4.2"), _p("10.5.0.0-14511-CU4"), _p("10.4.0.1-14511-CU4"),
	_p("11.4.0.0-14511-CU4"), _p("10.4.0.0-14772"), _mr(10, 4, 4), _mr(10, 4, null), _fr(10, 4, 2, null),
	{"major": 10, "minor": 4, "patch": 0, "build": 14511, "cu": 4},
	{"major": 10, "minor": 4, "patch": 0, "revision": 0, "build": 14511, "cu": "4"},
	{"raw": "?"}, {"major": null, "minor": 4, "patch": 0},
]

test_equal_decision_is_the_value_of_equal if {
	every a in _equal_cases {
		every b in _equal_cases {
			version.equal_decision(a, b) == version.equal(a, b).value
		}
	}
}

# A change "in 10.4.0 [CU10]/10.4.13" is in the Main Release 10.4.0 from CU10, in the
# Feature Release 10.4.13 and every later one, and in every later Main Release from its
# CU0; an older Main Release branch does not have it, and neither does a CU of 10.4.0 that
# is not known. [version, decision] on both tracks, on both sides of each boundary.
_cu10_fr13 := [
	[_mr(10, 3, 40), "false"],
	[_mr(10, 4, 9), "false"],
	[_mr(10, 4, 10), "true"],
	[_mr(10, 4, null), "indeterminate"],
	[_mr(10, 5, 0), "true"],
	[_mr(10, 5, null), "true"],
	[_fr(10, 4, 12, null), "false"],
	[_fr(10, 4, 13, null), "true"],
	[_fr(10, 5, 1, null), "true"],
	[_old("9.6.0.0-8877-CU13"), "false"],
]

test_a_change_in_a_main_release_cu_and_a_feature_release if {
	ks := version.condition("10.4.0 [CU10]/10.4.13")
	every c in _cu10_fr13 {
		[v, want] := c
		version.decision(v, ks) == want
		_sat(v, "10.4.0 [CU10]/10.4.13") == want
	}
}
