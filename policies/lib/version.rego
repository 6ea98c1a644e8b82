# DataMiner versions and version conditions, following dataminer-failover.md §2.
#
# A version object (as in the fact document) is
#   {"raw", "source", "major", "minor", "patch", "revision", "build", "cu", "track"}
# where numeric fields may be null (unknown); "cu" null means the CU is not known,
# 0 only when the agent is known to run CU0; "track" is "MR" when patch == 0, else "FR", for
# 10.x. Versions before 10 (7.x, 8.x, 9.x) are numbered major.minor.month.week: they have no
# Main/Feature Release tracks (track null), are ordered as plain tuples (7.5.4.3 is after
# 7.5.0), and every one of them comes before every 10.x version.
#
# Conditions are passed exactly as the documentation prints them, e.g.
# "10.2.0 [CU21]/10.3.0 [CU9]/10.3.12", and answered with three values:
# "true", "false" or "indeterminate" (a CU that matters is unknown, or the tracks cannot be
# related). Callers must never read "indeterminate" as a pass.
#
# Note: this package defines `equal`, which is also the name of the builtin behind `==`; inside
# the package `==` would call our equal(a, b). Comparisons here therefore use `=` (unification)
# on ground values only, which tests equality without binding anything.
#
# Performance: these functions run many times per report, and OPA's interpreter pays for every
# expression, function call (whose arguments it hashes into a cache), builtin and table lookup.
# The code below therefore decides with few expressions and builds each reason with one sprintf
# at the end, rather than through small helpers; comments say what each step does.
package dmaprep.lib.version

# ---------------------------------------------------------------------------------------
# parse
# ---------------------------------------------------------------------------------------

# parse(raw) builds a version object from a raw version string (§2.3 formats); undefined when
# raw holds no major.minor.patch, so callers can write `not version.parse(x)`.
# "source" is left to the gatherer that knows where the string came from.
parse(raw) := v if {
	is_string(raw)
	s := _normalise(raw)
	m := regex.find_all_string_submatch_n(`^(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?`, s, 1)[0]
	rest := substring(s, count(m[0]), -1)
	major := to_number(m[1])
	patch := to_number(m[3])
	v := {
		"raw": raw,
		"major": major,
		"minor": to_number(m[2]),
		"patch": patch,
		"revision": _revision(m[4]),
		"build": _build(rest),
		"cu": _cu(rest),
		"track": _track(major, patch),
	}
}

# Reduce the many spellings to "A.B.C[.D]<rest>": keep only the version of a VersionHistory.txt
# line ("timestamp;version") or of Cube's Upgrade History ("timestamp => version"), turn a
# download slug's dashes back into dots, then drop the "DataMiner " and hotfix "HF_" prefixes.
_normalise(raw) := s if {
	line := regex.replace(trim_space(raw), `^.*(?:;|=>)`, "")
	slug := `(?i)^dataminer-(?:[a-z]+-)*(\d+)-(\d+)-(\d+)-(\d+)`
	dotted := regex.replace(trim_space(line), slug, "${1}.${2}.${3}.${4}")
	s := trim_space(regex.replace(dotted, `(?i)^(?:DataMiner\s+)?(?:HF_)?`, ""))
}

# The revision is optional in the dotted part (e.g. "10.4.0-CU4"); absent means 0.
_revision("") := 0

_revision(r) := to_number(r) if r != ""

# The first CU mention after the dotted part, whatever surrounds it: -CU4, [CU9], \[CU5], (CU0),
# " CU2", -cu10. Not preceded by a letter, so words that merely end in "cu" do not count.
_cu(rest) := to_number(m[0][1]) if {
	m := regex.find_all_string_submatch_n(`(?i)(?:^|[^a-z])CU\s*(\d+)`, rest, 1)
	count(m) = 1
} else := null

# The build is the first number after the dotted part that stands between delimiters (-, _,
# space, or a closing parenthesis after it) and is neither a YYYYMMDD date, the HHMMSS time that
# follows such a date in hotfix strings, nor a CU number (CU numbers are blanked out first).
_build(rest) := b if {
	parts := regex.split(`[-_\s]`, regex.replace(rest, `(?i)CU\s*\d+`, "CU"))
	builds := [to_number(n) |
		some i, p in parts
		i > 0 # piece 0 touches the dotted part: it is not preceded by a delimiter
		n := _digits(p)
		count(n) != 8
		not _time_after_date(parts, i, n)
	]
	b := builds[0]
} else := null

_digits(p) := regex.find_all_string_submatch_n(`^(\d+)\)?$`, p, 1)[0][1]

_time_after_date(parts, i, n) if {
	count(n) = 6
	regex.match(`^\d{8}$`, parts[i - 1])
}

# Tracks exist from DataMiner 10 on; older versions have none.
_track(major, _) := null if major < 10

_track(major, 0) := "MR" if major >= 10

_track(major, patch) := "FR" if {
	major >= 10
	patch != 0
}

# ---------------------------------------------------------------------------------------
# tokens
# ---------------------------------------------------------------------------------------

# tokens(cond) lists the versions named in a condition, each {"major","minor","patch","cu"}.
# Every "A.B.C" (an optional 4th component is skipped) is a token, with an optional CU in any
# spelling right after it; a missing CU (an empty group) means CU0. Separators (/, ",", "or",
# "and") and words ("from", "onwards") need no handling because only the matches count.
# The parse itself is condition(cond) below, whose arrays become objects here.
tokens(cond) := [{"major": major, "minor": minor, "patch": patch, "cu": cu} |
	some [major, minor, patch, cu] in condition(cond)
]

# ---------------------------------------------------------------------------------------
# satisfies / prior_to / in_range: "from cond onwards" (§2.5)
# ---------------------------------------------------------------------------------------

# condition(cond) is the parse of a condition that the functions below work on: its tokens
# (those of tokens(cond)) as arrays [major, minor, patch, cu], which min and max order by
# version; [] when cond is not a string. It is the one parse of conditions: tokens, satisfies
# and the decisions all read it. A package that tests a constant condition binds its parse
# once in a rule (_from_tokens := version.condition(_from)) and calls decision or
# in_range_decision with it.
condition(cond) := [[to_number(a), to_number(b), to_number(p), to_number(object.get({"": 0}, c, c))] |
	some [_, a, b, p, c] in regex.find_all_string_submatch_n(`(\d+)\.(\d+)\.(\d+)(?:\.\d+)?(?:\s*(?:\\?\[|\()?\s*-?\s*(?i:CU)\s*(\d+)\s*[\])]?)?`, cond, -1)
] if {
	is_string(cond)
} else := _no_tokens

# An empty list typed as an array of anything, not as the empty array literal: OPA's type
# checker walks every module once more for each rule whose type holds an empty collection,
# which made compiling, and so every cold start, about 100 ms slower.
_no_tokens := sort(set())

# satisfies(v, cond) answers "does v run cond or later?" as
# {"value": "true"|"false"|"indeterminate", "heuristic": bool, "reason": string}.
# _decide returns [value, heuristic, reason template, deciding token]; the reason is formatted
# here, the template taking the agent as %[1]s, the token as %[2]s and the agent's branch as
# %[3]d.%[4]d. A CU that is not a number is unknown, like null.
satisfies(v, cond) := {"value": value, "heuristic": heuristic, "reason": sprintf(template, [agent, token, major, minor])} if {
	major := v.major
	minor := v.minor
	patch := v.patch
	is_number(major)
	is_number(minor)
	is_number(patch)
	cu := object.get(v, "cu", null)
	revision := _known_revision(v)

	ks := condition(cond)

	# _decide_any is undefined when the condition names no version.
	[value, heuristic, template, [tmajor, tminor, tpatch, tcu]] := _decide_any([major, minor], patch, revision, cu, ks)

	# The agent as a person names it: "MR 10.2.0 CU20", "MR 10.4.0 (CU unknown)", "FR 10.5.4",
	# and a version before 10, which has no track, by its four numbers: "7.5.4.3".
	agent := sprintf(
		{
			false: {
				false: {true: "MR %[1]d.%[2]d.%[3]d CU%[4]d", false: "MR %[1]d.%[2]d.%[3]d (CU unknown)"},
				true: {true: "FR %[1]d.%[2]d.%[3]d CU%[4]d", false: "FR %[1]d.%[2]d.%[3]d"},
			}[patch != 0][is_number(cu)],
			true: "%[1]d.%[2]d.%[3]d.%[5]d",
		}[major < 10],
		[major, minor, patch, cu, revision],
	)

	# The token in the docs' notation; MR tokens always show their CU so "10.2.0" reads as CU0.
	# Tokens before 10 have no CU.
	token := sprintf(
		object.get(
			{0: {[true, false]: "%[1]d.%[2]d.%[3]d", [false, true]: "%[1]d.%[2]d.%[3]d", [true, true]: "%[1]d.%[2]d.%[3]d"}},
			[tcu, [tpatch != 0, tmajor < 10]],
			"%[1]d.%[2]d.%[3]d [CU%[4]d]",
		),
		[tmajor, tminor, tpatch, tcu],
	)
} else := {"value": "indeterminate", "heuristic": false, "reason": sprintf("The condition %q names no DataMiner version.", [cond])} if {
	# Only reached when the condition has no token (_decide_any answers for any other).
	is_number(v.major)
	is_number(v.minor)
	is_number(v.patch)
} else := {"value": "indeterminate", "heuristic": false, "reason": "version unknown"}

# decision(v, ks) is satisfies(v, cond).value for ks = condition(cond), without the reason: for
# callers that format a message only when the answer is not the usual one (they then call
# satisfies for the reason). No sprintf, no parse.
decision(v, ks) := "true" if {
	# The usual agent first: _decide's first branch (a Main Release on a branch newer than every
	# listed Main Release) written out, so that it costs no call and builds no answer.
	v.patch = 0
	major := v.major
	minor := v.minor
	is_number(major)
	is_number(minor)
	[major, minor] > max([k | some k in ks; k[2] = 0])
} else := "true" if {
	# The next usual agent: a Main Release whose known CU reaches a Main Release listed on its own
	# branch, which is _decide's second branch answered by _mr_at's second (the lowest listed
	# MR from its branch on is then on its branch, with the lowest CU listed there).
	v.patch = 0
	cu := v.cu
	is_number(cu)
	some k in ks
	k[2] = 0
	[k[0], k[1]] = [v.major, v.minor]
	cu >= k[3]
} else := _decide_any([major, minor], patch, _known_revision(v), object.get(v, "cu", null), ks)[0] if {
	major := v.major
	minor := v.minor
	patch := v.patch
	is_number(major)
	is_number(minor)
	is_number(patch)
} else := "indeterminate"

# A revision that is not a number counts as 0, as in a condition's tokens.
_known_revision(v) := r if {
	r := v.revision
	is_number(r)
} else := 0

# _decide_any(branch, patch, revision, cu, ks) is _decide for any agent (§2.4 step 6):
# versions before 10 have no tracks and are ordered as plain tuples (major, minor,
# month/patch, week/revision), against the condition's tokens before 10 (a token's 4th
# number is 0); every version before 10 is before every 10.x token. A 10.x agent is after
# every token before 10, so those decide only a condition that names nothing else.
_decide_any(branch, patch, revision, cu, ks) := ["false", false, "%[1]s is before %[2]s: every version before 10 is.", min(ks)] if {
	branch[0] < 10
	count(ks) > 0
	every k in ks {
		k[0] >= 10
	}
} else := _pre10_at(array.concat(branch, [patch, revision]), min([k | some k in ks; k[0] < 10])) if {
	branch[0] < 10
} else := _decide(branch, patch, cu, tens) if {
	tens := [k | some k in ks; k[0] >= 10]
	count(tens) > 0
} else := ["true", false, "%[1]s is after %[2]s: every 10.x version is.", max(ks)] if {
	count(ks) > 0
}

# A version before 10, as [major, minor, patch, revision], against t, the lowest token before 10.
_pre10_at(agent, t) := ["true", false, "%[1]s is at or after %[2]s.", t] if {
	agent >= [t[0], t[1], t[2], 0]
} else := ["false", false, "%[1]s is before %[2]s.", t]

# _decide(branch, patch, cu, ks) places an agent on branch [major, minor] against the tokens ks,
# MR agents (patch 0) first, then FR agents. A token k is an MR when k[2] = 0. Comparing the
# branch with a token compares branches: on an equal branch the shorter array, the branch, is
# less, so "branch > k" means a newer branch and "k > branch" the same branch or a newer one.
_decide(branch, patch, cu, ks) := ["true", false, "%[1]s is on a newer branch than %[2]s, the highest Main Release listed.", top] if {
	# MR agent on a branch newer than every listed MR branch: the change reached it.
	patch = 0
	top := max([k | some k in ks; k[2] = 0])
	branch > top
} else := _mr_at(branch, cu, t) if {
	# MR agent at or below a listed MR branch; t is the lowest listed MR from its branch on.
	patch = 0
	t := min([k | some k in ks; k[2] = 0; k > branch])
} else := ["true", true, "%[1]s is on a newer branch than FR %[2]s, so it most likely includes it (heuristic).", f] if {
	# MR agent, only FR tokens: an MR X.Y.0 is built from the FRs X.(Y-1).*, so a newer branch
	# most likely has the change; the docs give no mapping, hence the heuristic flag.
	patch = 0
	f := min(ks)
	branch > f
} else := ["indeterminate", false, "%[1]s cannot be placed against FR %[2]s: no Main Release is listed.", min(ks)] if {
	patch = 0
} else := _fr_at(array.concat(branch, [patch]), cu, f) if {
	# FR agent and the lowest FR token.
	f := min([k | some k in ks; k[2] != 0])
} else := ["true", true, "%[1]s is on a newer series than %[2]s, the highest Main Release listed (heuristic).", top] if {
	# FR agent, only MR tokens (e.g. "10.5.0 [CU11]"): no FR mapping is documented, so only a series
	# clearly newer or older than every listed MR branch is decided, and only as a heuristic.
	top := max(ks)
	branch > top
} else := ["false", true, "%[1]s is on an older series than %[2]s, the lowest Main Release listed (heuristic).", low] if {
	low := min(ks)
	branch < [low[0], low[1]]
} else := [
	"indeterminate", false,
	"%[1]s cannot be placed against Main Release %[2]s: no Feature Release is listed.",
	min([k | some k in ks; k > branch]),
]

# MR agent and t, the lowest listed MR from its branch on (§2.5). A listed branch decides by CU;
# an unlisted branch is older than t, and changes are not back-ported to older branches.
_mr_at(branch, cu, t) := ["false", false, "%[1]s is on branch %[3]d.%[4]d, which is not listed and older than %[2]s.", t] if {
	branch != [t[0], t[1]]
} else := ["true", false, "%[1]s reaches %[2]s on its branch.", t] if {
	is_number(cu)
	cu >= t[3]
} else := ["false", false, "%[1]s is below %[2]s on its branch.", t] if {
	is_number(cu)
} else := ["true", false, "%[1]s is on listed branch %[2]s, which every CU reaches.", t] if {
	t[3] = 0
} else := ["indeterminate", false, "%[1]s is on listed branch %[2]s, but its CU is unknown.", t]

# FR agent [major, minor, patch] and f, the lowest FR token (§2.5): plain comparison, the CU
# deciding on the same FR.
_fr_at(fr, cu, f) := ["true", false, "%[1]s is later than %[2]s.", f] if {
	fr > [f[0], f[1], f[2]]
} else := ["false", false, "%[1]s is earlier than %[2]s.", f] if {
	fr < [f[0], f[1], f[2]]
} else := ["true", false, "%[1]s reaches %[2]s.", f] if {
	is_number(cu)
	cu >= f[3]
} else := ["false", false, "%[1]s is below %[2]s.", f] if {
	is_number(cu)
} else := ["true", false, "%[1]s reaches %[2]s.", f] if {
	# An FR with an unknown CU runs at least CU0.
	f[3] = 0
} else := ["indeterminate", false, "%[1]s cannot be compared with %[2]s: its CU is unknown.", f]

# prior_to(v, cond) is "older than cond": satisfies negated, indeterminate stays indeterminate.
prior_to(v, cond) := {
	"value": {"true": "false", "false": "true", "indeterminate": "indeterminate"}[s.value],
	"heuristic": s.heuristic,
	"reason": s.reason,
} if {
	s := satisfies(v, cond)
}

# in_range(v, from_cond, fixed_cond) is a known issue's "affected" test: v reached from_cond
# and does not yet have the fix listed in fixed_cond.
in_range(v, from_cond, fixed_cond) := {"value": value, "heuristic": true in [s.heuristic, f.heuristic], "reason": sprintf(
	"From %q: %s - %s Fixed in %q: %s - %s",
	[from_cond, reached, s.reason, fixed_cond, fixed, f.reason],
)} if {
	s := satisfies(v, from_cond)
	f := satisfies(v, fixed_cond)

	# [value, state of from_cond, state of fixed_cond] for each pair of answers. The value is the
	# Kleene AND of "reached" and "fix absent": a certain "false" wins over anything unknown.
	[value, reached, fixed] := {
		"true": {
			"true": ["false", "reached", "fix present"],
			"false": ["true", "reached", "fix absent"],
			"indeterminate": ["indeterminate", "reached", "undetermined"],
		},
		"false": {
			"true": ["false", "not reached", "fix present"],
			"false": ["false", "not reached", "fix absent"],
			"indeterminate": ["false", "not reached", "undetermined"],
		},
		"indeterminate": {
			"true": ["false", "undetermined", "fix present"],
			"false": ["indeterminate", "undetermined", "fix absent"],
			"indeterminate": ["indeterminate", "undetermined", "undetermined"],
		},
	}[s.value][f.value]
}

# in_range_decision(v, from_ks, fixed_ks) is in_range(v, from_cond, fixed_cond).value for
# from_ks = condition(from_cond) and fixed_ks = condition(fixed_cond), without the reasons.
# The usual answer first: with the fix present the value is "false" whatever from_cond says,
# so from_ks is then not looked at.
in_range_decision(v, from_ks, fixed_ks) := "false" if {
	# The usual agent: decision's first branch written out (see there) for fixed_ks.
	v.patch = 0
	major := v.major
	minor := v.minor
	is_number(major)
	is_number(minor)
	[major, minor] > max([k | some k in fixed_ks; k[2] = 0])
} else := "false" if {
	decision(v, fixed_ks) = "true"
} else := {
	# [from_cond][fixed_cond], the Kleene AND of in_range without its "fix present" column.
	"true": {"false": "true", "indeterminate": "indeterminate"},
	"false": {"false": "false", "indeterminate": "false"},
	"indeterminate": {"false": "indeterminate", "indeterminate": "indeterminate"},
}[decision(v, from_ks)][decision(v, fixed_ks)]

# ---------------------------------------------------------------------------------------
# equal: "exactly the same version" (R03, FO102)
# ---------------------------------------------------------------------------------------

# equal(a, b) := {"value": "true"|"false"|"indeterminate", "reason": string}.
# Any known differing field settles "false". Otherwise equal known builds settle "true", even
# with a CU unknown on one or both sides (a build number identifies one package). Without
# both builds nothing settles it.
equal(a, b) := {"value": "true", "reason": sprintf("Same version %s.", [label(a)])} if {
	# The common case first, without building the field lists below: all six fields present
	# and equal, and the version, the build and the CU known.
	[a.major, a.minor, a.patch, a.revision, a.build, a.cu] = [b.major, b.minor, b.patch, b.revision, b.build, b.cu]
	is_number(a.major)
	is_number(a.minor)
	is_number(a.patch)
	is_number(a.build)
	is_number(a.cu)
} else := _equal(
	[a.major, a.minor, a.patch, object.get(a, "revision", null), object.get(a, "build", null), object.get(a, "cu", null)],
	[b.major, b.minor, b.patch, object.get(b, "revision", null), object.get(b, "build", null), object.get(b, "cu", null)],
	a, b,
) if {
	is_number(a.major)
	is_number(a.minor)
	is_number(a.patch)
	is_number(b.major)
	is_number(b.minor)
	is_number(b.patch)
} else := {"value": "indeterminate", "reason": "version unknown"}

# equal_decision(a, b) is equal(a, b).value, without the reason on the usual path: for callers
# that format a message only when the versions differ or cannot be compared (they then call
# equal for the reason). The first branch is the common case of equal, repeated here so that
# it costs neither a reason nor a further call; anything else asks equal, called by its full
# name because opa fmt rewrites a bare equal(a, b) into a == b.
equal_decision(a, b) := "true" if {
	[a.major, a.minor, a.patch, a.revision, a.build, a.cu] = [b.major, b.minor, b.patch, b.revision, b.build, b.cu]
	is_number(a.major)
	is_number(a.minor)
	is_number(a.patch)
	is_number(a.build)
	is_number(a.cu)
} else := data.dmaprep.lib.version.equal(a, b).value

# _equal compares the fields [major, minor, patch, revision, build, cu] of two known versions a
# and b; a field that is not a number is unknown and differs from nothing.
_equal(fa, fb, a, b) := {"value": "false", "reason": sprintf(
	object.get(
		{5: "The CU differs: CU%[2]d vs CU%[3]d (%[4]s vs %[5]s)."}, i,
		"The %[1]s differs: %[2]d vs %[3]d (%[4]s vs %[5]s).",
	),
	[
		["major version", "minor version", "third version number", "revision", "build", "CU"][i],
		fa[i], fb[i], label(a), label(b),
	],
)} if {
	# the first known field that differs
	i := [j | some j, x in fa; y := fb[j]; x != y; is_number(x); is_number(y)][0]
} else := {"value": "true", "reason": sprintf("Same version %s.", [label(a)])} if {
	is_number(fa[4])
	is_number(fb[4])
	is_number(fa[5])
	is_number(fb[5])
} else := {"value": "true", "reason": sprintf(
	"CU not determinable (%s vs %s), but the equal build %d settles it.",
	[label(a), label(b), fa[4]],
)} if {
	is_number(fa[4])
	is_number(fb[4])
} else := {"value": "indeterminate", "reason": sprintf(
	"No known field differs, but the builds cannot be compared (%s vs %s).",
	[label(a), label(b)],
)}

# ---------------------------------------------------------------------------------------
# label
# ---------------------------------------------------------------------------------------

# label(v) is a short text for messages, e.g. "10.4.0.0-14511 (MR 10.4.0 CU4)",
# "10.5.4.0-15588 (FR 10.5.4)", "10.4.0.0-14772 (MR 10.4.0, CU unknown)"; the raw string when
# the version could not be parsed, else "unknown version". A version before 10 has no track:
# "7.5.4.3-1234" (with " (CU5)" when the string named a CU). A CU taken from the other agent
# of the pair (lib.same_build) says so: "10.4.0.0-14772 (MR 10.4.0 CU4, as on the primary:
# same build)".
label(v) := sprintf("%[1]d.%[2]d.%[3]d.%[4]d-%[5]d (%[7]s %[1]d.%[2]d.%[3]d CU%[6]d, as on the %[8]s: same build)", [
	v.major, v.minor, v.patch, _known_revision(v), v.build, v.cu,
	object.get({0: "MR"}, v.patch, "FR"), from,
]) if {
	from := v.cu_from
	is_string(from)
} else := sprintf(
	concat("", [
		"%[1]d.%[2]d.%[3]d.%[4]d",
		{true: "-%[5]d", false: ""}[is_number(build)],
		{true: " (CU%[6]d)", false: ""}[is_number(cu)],
	]),
	[major, minor, patch, _known_revision(v), build, cu],
) if {
	major := v.major
	is_number(major)
	major < 10
	minor := v.minor
	patch := v.patch
	is_number(minor)
	is_number(patch)
	build := object.get(v, "build", null)
	cu := object.get(v, "cu", null)
} else := sprintf("%[1]d.%[2]d.%[3]d.%[4]d-%[5]d (%[7]s %[1]d.%[2]d.%[3]d CU%[6]d)", [
	major, minor, patch, revision, build, cu,
	object.get({0: "MR"}, patch, "FR"),
]) if {
	# The usual version of a fact document first: every field known.
	major := v.major
	minor := v.minor
	patch := v.patch
	revision := v.revision
	build := v.build
	cu := v.cu
	is_number(major)
	is_number(minor)
	is_number(patch)
	is_number(revision)
	is_number(build)
	is_number(cu)
} else := sprintf(
	concat("", [
		# Any known version: one sprintf, its format assembled from the parts that apply.
		{true: "%[1]d.%[2]d.%[3]d.%[4]d", false: "%[1]d.%[2]d.%[3]d"}[is_number(revision)],
		{true: "-%[5]d", false: ""}[is_number(build)],
		{
			true: {false: " (MR %[1]d.%[2]d.%[3]d CU%[6]d)", true: " (FR %[1]d.%[2]d.%[3]d CU%[6]d)"},
			false: {false: " (MR %[1]d.%[2]d.%[3]d, CU unknown)", true: " (FR %[1]d.%[2]d.%[3]d)"},
		}[is_number(cu)][patch != 0],
	]),
	[major, minor, patch, revision, build, cu],
) if {
	major := v.major
	minor := v.minor
	patch := v.patch
	is_number(major)
	is_number(minor)
	is_number(patch)
	revision := object.get(v, "revision", null)
	build := object.get(v, "build", null)
	cu := object.get(v, "cu", null)
} else := v.raw if {
	is_object(v)
	is_string(v.raw)
	trim_space(v.raw) != ""
} else := "unknown version"
