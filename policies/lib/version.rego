# METADATA
# title: DataMiner versions and version conditions
# description: |
#   A version object (as in the fact document) is
#     {"raw", "source", "major", "minor", "patch", "revision", "build", "cu", "track"}
#   where numeric fields may be null (unknown); "cu" null means the CU is not known,
#   0 only when the agent is known to run CU0; "track" is "MR" when patch == 0, else "FR", for
#   10.x. Versions before 10 (7.x, 8.x, 9.x) are numbered major.minor.month.week: they have no
#   Main/Feature Release tracks (track null), are ordered as plain tuples (7.5.4.3 is after
#   7.5.0), and every one of them comes before every 10.x version.
#
#   Conditions are passed exactly as the documentation prints them, e.g.
#   "10.2.0 [CU21]/10.3.0 [CU9]/10.3.12", and answered with three values:
#   "true", "false" or "indeterminate" (a CU that matters is unknown, or the tracks cannot be
#   related). Callers must never read "indeterminate" as a pass. docs/policy-interface.md says
#   how requirements call this library.
#
#   Note: this package defines `equal`, which is also the name of the builtin behind `==`; inside
#   the package `==` would call our equal(a, b). Comparisons here therefore use `=` (unification)
#   on ground values only, which tests equality without binding anything.
#
#   Performance: these functions run many times per report, and OPA's interpreter pays for every
#   expression, function call (whose arguments it hashes into a cache), builtin and table lookup.
#   The decisions therefore answer the usual agents first, with few expressions and no reason;
#   reasons are formatted only for messages.
package dmaprep.lib.version

# ---------------------------------------------------------------------------------------
# parse
# ---------------------------------------------------------------------------------------

# parse(raw) builds a version object from a raw version string (the formats of
# VersionHistory.txt, Cube, the Web Services API, download names, hotfixes and the docs'
# notation); undefined when
# raw holds no major.minor.patch, so callers can write `not version.parse(x)`.
# "source" is left to the gatherer that knows where the string came from.
parse(raw) := v if {
	is_string(raw)
	s := _normalise(raw)
	m := regex.find_all_string_submatch_n(`^(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?`, s, 1)[0]
	rest := substring(s, count(m[0]), -1)
	_delimited(rest)
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
	every n in [v.major, v.minor, v.patch, v.revision, v.build, v.cu] {
		_in_int32(n)
	}
}

# What follows the dotted part starts with a delimiter: "10.4.0.0.1" or "10.4.0x" is no
# shape DataMiner writes.
_delimited("") := true

_delimited(rest) if regex.match(`^[-_ (\[\\]`, rest)

# A number past 32 bits is no DataMiner version: cut or rounded, it would read as another.
_in_int32(null) := true

_in_int32(n) if n <= 2147483647

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
# conditions: "cond or later" (decision, satisfies, prior_to) and a known issue's range
# (in_range_decision, in_range)
# ---------------------------------------------------------------------------------------

# Each answer is decided once, by _verdict (a condition) or _comparison (equal). The function
# a requirement calls for its verdict (decision, in_range_decision, equal_decision) returns
# the value alone and formats nothing; the one it calls for a message (satisfies, in_range,
# equal) formats the reason from the same decision. Requirements therefore parse a constant
# condition once in a rule (_from_tokens := version.condition(_from)), take the value for
# every agent and ask for the reason only for an agent that gets a message.

# condition(cond) is the parse of a condition that the functions below work on: its tokens
# (those of tokens(cond)) as arrays [major, minor, patch, cu], which min and max order by
# version; [] when cond is not a string. It is the one parse of conditions.
condition(cond) := [[to_number(a), to_number(b), to_number(p), to_number(object.get({"": 0}, c, c))] |
	some [_, a, b, p, c] in regex.find_all_string_submatch_n(_token_pattern, cond, -1)
] if {
	is_string(cond)
} else := _no_tokens

# A token: "A.B.C", an optional 4th component, and an optional CU in any spelling right after
# it ([CU9], \[CU5], (CU0), -CU4, " CU2"); a missing CU (an empty group) means CU0.
_token_pattern := concat("", [
	`(\d+)\.(\d+)\.(\d+)(?:\.\d+)?`,
	`(?:\s*(?:\\?\[|\()?\s*-?\s*(?i:CU)\s*(\d+)\s*[\])]?)?`,
])

# An empty list typed as an array of anything, not as the empty array literal: OPA's type
# checker walks every module once more for each rule whose type holds an empty collection,
# which made compiling, and so every cold start, about 100 ms slower.
_no_tokens := sort(set())

# decision(v, ks) answers "does v run the condition parsed as ks, or later?": "true", "false"
# or "indeterminate" (the version, or a CU that matters, is unknown; the condition names no
# version; or the tracks cannot be related). It is satisfies(v, cond).value for
# ks = condition(cond), without the reason.
decision(v, ks) := d[0] if {
	d := _verdict(v, ks)
} else := "indeterminate"

# satisfies(v, cond) is the same answer for a condition as the docs print it, as
# {"value": decision, "heuristic": bool, "reason": string}: heuristic when the docs do not say
# and the answer follows from how releases are built; the reason is for messages.
satisfies(v, cond) := {"value": value, "heuristic": heuristic, "reason": reason} if {
	[value, heuristic, template, token] := _verdict(v, condition(cond))
	reason := sprintf(template, [_agent_text(v), _token_text(token), v.major, v.minor])
} else := {"value": "indeterminate", "heuristic": false, "reason": reason} if {
	# _verdict answers for any known version against a condition that names one.
	_known(v)
	reason := sprintf("The condition %q names no DataMiner version.", [cond])
} else := {"value": "indeterminate", "heuristic": false, "reason": "version unknown"}

# _verdict(v, ks) decides a condition: [value, heuristic, reason template, deciding token].
# The template takes the agent as %[1]s, the token as %[2]s and the agent's branch as
# %[3]d.%[4]d. Undefined when v's major.minor.patch is unknown or ks names no version. A CU
# that is not a number is unknown, like null.
_verdict(v, ks) := [
	"true", false,
	"%[1]s is on a newer branch than %[2]s, the highest Main Release listed.", top,
] if {
	# The usual agent first, at the cost of one comprehension: a 10.x Main Release on a branch
	# newer than every listed Main Release, which the change reached.
	v.patch = 0
	major := v.major
	minor := v.minor
	is_number(major)
	is_number(minor)
	major >= 10
	top := max([k | some k in ks; k[2] = 0; k[0] >= 10])
	[major, minor] > top
} else := ["true", false, "%[1]s reaches %[2]s on its branch.", t] if {
	# The next usual agent: a 10.x Main Release whose known CU reaches the lowest Main Release
	# listed on its branch.
	v.patch = 0
	major := v.major
	minor := v.minor
	cu := v.cu
	is_number(major)
	is_number(cu)
	major >= 10
	t := min([k | some k in ks; k[2] = 0; [k[0], k[1]] = [major, minor]])
	cu >= t[3]
} else := _decide_any([major, minor], patch, _known_revision(v), object.get(v, "cu", null), ks) if {
	major := v.major
	minor := v.minor
	patch := v.patch
	is_number(major)
	is_number(minor)
	is_number(patch)
}

_known(v) if {
	is_number(v.major)
	is_number(v.minor)
	is_number(v.patch)
}

# A revision that is not a number counts as 0, as in a condition's tokens.
_known_revision(v) := r if {
	r := v.revision
	is_number(r)
} else := 0

# The agent as a person names it: "MR 10.2.0 CU20", "MR 10.4.0 (CU unknown)", "FR 10.5.4",
# and a version before 10, which has no track, by its four numbers: "7.5.4.3".
_agent_text(v) := sprintf(
	{
		false: {
			false: {true: "MR %[1]d.%[2]d.%[3]d CU%[4]d", false: "MR %[1]d.%[2]d.%[3]d (CU unknown)"},
			true: {true: "FR %[1]d.%[2]d.%[3]d CU%[4]d", false: "FR %[1]d.%[2]d.%[3]d"},
		}[v.patch != 0][is_number(cu)],
		true: "%[1]d.%[2]d.%[3]d.%[5]d",
	}[v.major < 10],
	[v.major, v.minor, v.patch, cu, _known_revision(v)],
) if {
	cu := object.get(v, "cu", null)
}

# A token in the docs' notation; MR tokens always show their CU so "10.2.0" reads as CU0.
# Tokens before 10 have no CU.
_token_text([major, minor, patch, cu]) := sprintf("%d.%d.%d", [major, minor, patch]) if {
	cu = 0
	true in [patch != 0, major < 10]
} else := sprintf("%d.%d.%d [CU%d]", [major, minor, patch, cu])

# _decide_any(branch, patch, revision, cu, ks) places any agent: versions before 10 have no
# tracks and are ordered as plain tuples (major, minor, month/patch, week/revision), against
# the condition's tokens before 10 (a token's 4th number is 0); every version before 10 is
# before every 10.x token. A 10.x agent is after every token before 10, so those decide only
# a condition that names nothing else.
_decide_any(branch, patch, revision, cu, ks) := [
	"false", false,
	"%[1]s is before %[2]s: every version before 10 is.", min(ks),
] if {
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
# The usual MR agents, on a branch newer than every listed MR or reaching the MR listed on its
# branch, were answered by _verdict, first.
_decide(branch, patch, cu, ks) := _mr_at(branch, cu, t) if {
	# MR agent at or below a listed MR branch; t is the lowest listed MR from its branch on.
	patch = 0
	t := min([k | some k in ks; k[2] = 0; k > branch])
} else := [
	"true", true,
	"%[1]s is on a newer branch than FR %[2]s, so it most likely includes it (heuristic).", f,
] if {
	# MR agent, only FR tokens: an MR X.Y.0 is built from the FRs X.(Y-1).*, so a newer branch
	# most likely has the change; the docs give no mapping, hence the heuristic flag.
	patch = 0
	f := min(ks)
	branch > f
} else := [
	"indeterminate", false,
	"%[1]s cannot be placed against FR %[2]s: no Main Release is listed.", min(ks),
] if {
	patch = 0
} else := _fr_at(array.concat(branch, [patch]), cu, f) if {
	# FR agent and the lowest FR token.
	f := min([k | some k in ks; k[2] != 0])
} else := [
	"true", true,
	"%[1]s is on a newer series than %[2]s, the highest Main Release listed (heuristic).", top,
] if {
	# FR agent, only MR tokens (e.g. "10.5.0 [CU11]"): no FR mapping is documented, so only a
	# series clearly newer or older than every listed MR branch is decided, and only as a
	# heuristic.
	top := max(ks)
	branch > top
} else := [
	"false", true,
	"%[1]s is on an older series than %[2]s, the lowest Main Release listed (heuristic).", low,
] if {
	low := min(ks)
	branch < [low[0], low[1]]
} else := [
	"indeterminate", false,
	"%[1]s cannot be placed against Main Release %[2]s: no Feature Release is listed.",
	min([k | some k in ks; k > branch]),
]

# MR agent and t, the lowest listed MR from its branch on. A listed branch decides by CU (a
# known CU that reaches t was answered by _verdict); an unlisted branch is older than t, and
# changes are not back-ported to older branches.
_mr_at(branch, cu, t) := [
	"false", false,
	"%[1]s is on branch %[3]d.%[4]d, which is not listed and older than %[2]s.", t,
] if {
	branch != [t[0], t[1]]
} else := ["false", false, "%[1]s is below %[2]s on its branch.", t] if {
	is_number(cu)
} else := ["true", false, "%[1]s is on listed branch %[2]s, which every CU reaches.", t] if {
	t[3] = 0
} else := ["indeterminate", false, "%[1]s is on listed branch %[2]s, but its CU is unknown.", t]

# FR agent [major, minor, patch] and f, the lowest FR token: plain comparison, the CU deciding
# on the same FR.
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

# in_range_decision(v, from_ks, fixed_ks) is a known issue's "affected" test: v reached the
# condition parsed as from_ks and does not yet have the fix listed in fixed_ks. It is
# in_range(v, from_cond, fixed_cond).value without the reasons. With the fix present the
# value is "false" whatever from_ks says, so from_ks is then not looked at (the usual agent).
in_range_decision(v, from_ks, fixed_ks) := "false" if {
	_verdict(v, fixed_ks)[0] = "true"
} else := _affected[decision(v, from_ks)][decision(v, fixed_ks)]

# in_range(v, from_cond, fixed_cond) is the same answer for conditions as the docs print them,
# as {"value", "heuristic", "reason"}, the reason stating both parts.
in_range(v, from_cond, fixed_cond) := {
	"value": _affected[s.value][f.value],
	"heuristic": true in [s.heuristic, f.heuristic],
	"reason": sprintf("From %q: %s - %s Fixed in %q: %s - %s", [
		from_cond, _reached[s.value], s.reason,
		fixed_cond, _fix_state[f.value], f.reason,
	]),
} if {
	s := satisfies(v, from_cond)
	f := satisfies(v, fixed_cond)
}

# _affected[reached][fixed] is the Kleene AND of "reached" and "fix absent": a certain "false"
# wins over anything unknown.
_affected := {
	"true": {"true": "false", "false": "true", "indeterminate": "indeterminate"},
	"false": {"true": "false", "false": "false", "indeterminate": "false"},
	"indeterminate": {"true": "false", "false": "indeterminate", "indeterminate": "indeterminate"},
}

_reached := {"true": "reached", "false": "not reached", "indeterminate": "undetermined"}

_fix_state := {"true": "fix present", "false": "fix absent", "indeterminate": "undetermined"}

# ---------------------------------------------------------------------------------------
# equal: "exactly the same version" (FO102)
# ---------------------------------------------------------------------------------------

# equal_decision(a, b) answers "do a and b run exactly the same version?": "true", "false" or
# "indeterminate". Any known differing field settles "false". Otherwise equal known builds
# settle "true", even with a CU unknown on one or both sides (a build number identifies one
# package). Without both builds nothing settles it. It is equal(a, b).value without the
# reason.
equal_decision(a, b) := c[0] if {
	c := _comparison(a, b)
} else := "indeterminate"

# equal(a, b) is the same answer as {"value", "reason"}, the reason for messages.
equal(a, b) := {"value": value, "reason": _equal_reason(how, a, b)} if {
	[value, how] := _comparison(a, b)
} else := {"value": "indeterminate", "reason": "version unknown"}

# _comparison(a, b) compares two versions: [value, how], how being "same" (every field known
# and equal), "same build" (equal known builds, a CU unknown), "incomparable" (no known field
# differs, a build unknown) or the index in _fields of the first known field that differs.
# Undefined when either major.minor.patch is unknown.
_comparison(a, b) := ["true", "same"] if {
	# The common case first, without building the field lists: all six fields present and
	# equal, and the version, the build and the CU known.
	[a.major, a.minor, a.patch, a.revision, a.build, a.cu] = [b.major, b.minor, b.patch, b.revision, b.build, b.cu]
	is_number(a.major)
	is_number(a.minor)
	is_number(a.patch)
	is_number(a.build)
	is_number(a.cu)
} else := _compare_fields(_fields(a), _fields(b)) if {
	_known(a)
	_known(b)
}

# The fields equal compares; a field that is not a number is unknown and differs from nothing.
_fields(v) := [
	v.major, v.minor, v.patch,
	object.get(v, "revision", null), object.get(v, "build", null), object.get(v, "cu", null),
]

_field_names := ["major version", "minor version", "third version number", "revision", "build", "CU"]

_compare_fields(fa, fb) := ["false", i] if {
	# the first known field that differs
	i := [j | some j, x in fa; y := fb[j]; x != y; is_number(x); is_number(y)][0]
} else := ["true", "same"] if {
	is_number(fa[4])
	is_number(fb[4])
	is_number(fa[5])
	is_number(fb[5])
} else := ["true", "same build"] if {
	is_number(fa[4])
	is_number(fb[4])
} else := ["indeterminate", "incomparable"]

_equal_reason("same", a, _) := sprintf("Same version %s.", [label(a)])

_equal_reason("same build", a, b) := sprintf(
	"CU not determinable (%s vs %s), but the equal build %d settles it.",
	[label(a), label(b), a.build],
)

_equal_reason("incomparable", a, b) := sprintf(
	"No known field differs, but the builds cannot be compared (%s vs %s).",
	[label(a), label(b)],
)

_equal_reason(i, a, b) := sprintf(
	object.get(
		{5: "The CU differs: CU%[2]d vs CU%[3]d (%[4]s vs %[5]s)."}, i,
		"The %[1]s differs: %[2]d vs %[3]d (%[4]s vs %[5]s).",
	),
	[_field_names[i], _fields(a)[i], _fields(b)[i], label(a), label(b)],
) if is_number(i)

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
