# DataMiner versions and version conditions, following dataminer-failover.md §2.
#
# A version object (as in the fact document) is
#   {"raw", "source", "major", "minor", "patch", "revision", "build", "cu", "track"}
# where numeric fields may be null (unknown); "cu" null means the CU is not known,
# 0 only when the agent is known to run CU0; "track" is "MR" when patch == 0, else "FR".
#
# Conditions are passed exactly as the documentation prints them, e.g.
# "10.2.0 [CU21]/10.3.0 [CU9]/10.3.12", and answered with three values:
# "true", "false" or "indeterminate" (a CU that matters is unknown, or the tracks cannot be
# related). Callers must never read "indeterminate" as a pass.
#
# Note: this package defines `equal`, which is also the name of the builtin behind `==`; inside
# the package `==` would call our equal(a, b). Comparisons here therefore use `=` (unification)
# on ground values only, which tests equality without binding anything.
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
	patch := to_number(m[3])
	v := {
		"raw": raw,
		"major": to_number(m[1]),
		"minor": to_number(m[2]),
		"patch": patch,
		"revision": _revision(m[4]),
		"build": _build(rest),
		"cu": _cu(rest),
		"track": _track(patch),
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

_track(0) := "MR"

_track(patch) := "FR" if patch != 0

# ---------------------------------------------------------------------------------------
# tokens
# ---------------------------------------------------------------------------------------

# tokens(cond) lists the versions named in a condition, each {"major","minor","patch","cu"}.
# Every "A.B.C" (an optional 4th component is skipped) is a token, with an optional CU in any
# spelling right after it; a missing CU means CU0. Separators (/, ",", "or", "and") and words
# ("from", "onwards") need no handling because only the matches count.
tokens(cond) := [_token(m) | some m in regex.find_all_string_submatch_n(_token_re, cond, -1)] if {
	is_string(cond)
} else := []

_token_re := `(\d+)\.(\d+)\.(\d+)(?:\.\d+)?(?:\s*(?:\\?\[|\()?\s*-?\s*(?i:CU)\s*(\d+)\s*[\])]?)?`

_token(m) := {
	"major": to_number(m[1]),
	"minor": to_number(m[2]),
	"patch": to_number(m[3]),
	"cu": _token_cu(m[4]),
}

_token_cu("") := 0

_token_cu(c) := to_number(c) if c != ""

# ---------------------------------------------------------------------------------------
# satisfies / prior_to / in_range: "from cond onwards" (§2.5)
# ---------------------------------------------------------------------------------------

# satisfies(v, cond) answers "does v run cond or later?" as
# {"value": "true"|"false"|"indeterminate", "heuristic": bool, "reason": string}.
satisfies(v, _) := _res("indeterminate", false, "version unknown") if not _known(v)

satisfies(v, cond) := _decide(_agent(v), tokens(cond), cond) if _known(v)

# prior_to(v, cond) is "older than cond": satisfies negated, indeterminate stays indeterminate.
prior_to(v, cond) := object.union(s, {"value": _not3(s.value)}) if {
	s := satisfies(v, cond)
}

# in_range(v, from_cond, fixed_cond) is a known issue's "affected" test: v reached from_cond
# and does not yet have the fix listed in fixed_cond.
in_range(v, from_cond, fixed_cond) := _res(value, heuristic, reason) if {
	s := satisfies(v, from_cond)
	f := satisfies(v, fixed_cond)
	value := _and3(s.value, _not3(f.value))
	heuristic := true in {s.heuristic, f.heuristic}
	reason := sprintf("From %q: %s - %s Fixed in %q: %s - %s", [
		from_cond, _reached[s.value], s.reason,
		fixed_cond, _fixed[f.value], f.reason,
	])
}

_reached := {"true": "reached", "false": "not reached", "indeterminate": "undetermined"}

_fixed := {"true": "fix present", "false": "fix absent", "indeterminate": "undetermined"}

_res(value, heuristic, reason) := {"value": value, "heuristic": heuristic, "reason": reason}

_not3("true") := "false"

_not3("false") := "true"

_not3("indeterminate") := "indeterminate"

# Kleene AND: a certain "false" wins over anything unknown.
_and3(a, b) := "false" if {
	"false" in {a, b}
} else := "true" if {
	a = "true"
	b = "true"
} else := "indeterminate"

_known(v) if {
	is_object(v)
	is_number(v.major)
	is_number(v.minor)
	is_number(v.patch)
}

_field(v, k) := v[k] if {
	is_object(v)
	is_number(v[k])
} else := null

# The track is derived from patch rather than read from v.track, so both cannot disagree.
_agent(v) := {"major": v.major, "minor": v.minor, "patch": v.patch, "cu": _field(v, "cu")}

_decide(a, toks, cond) := r if {
	count(toks) = 0
	r := _res("indeterminate", false, sprintf("The condition %q names no DataMiner version.", [cond]))
} else := r if {
	a.patch = 0
	r := _agent_mr(a, toks)
} else := _agent_fr(a, toks)

# MR agent (§2.5): a listed branch decides by CU; an unlisted branch only inherits the change
# when it is newer than every listed MR branch (changes are not back-ported to older branches).
_agent_mr(a, toks) := r if {
	same := [t | some t in toks; t.patch = 0; t.major = a.major; t.minor = a.minor]
	count(same) > 0
	r := _mr_listed(a, _lowest(same))
} else := r if {
	mrs := [t | some t in toks; t.patch = 0]
	count(mrs) > 0
	r := _mr_unlisted(a, mrs)
} else := r if {
	# no MR token, so there is at least one FR token
	r := _mr_vs_fr(a, _lowest([t | some t in toks; t.patch > 0]))
}

_mr_listed(a, t) := r if {
	a.cu = null
	t.cu = 0
	r := _res("true", false, sprintf(
		"%s is on listed branch %s, which every CU reaches.",
		[_desc(a), _tok(t)],
	))
} else := r if {
	a.cu = null
	r := _res("indeterminate", false, sprintf(
		"%s is on listed branch %s, but its CU is unknown.",
		[_desc(a), _tok(t)],
	))
} else := r if {
	a.cu >= t.cu
	r := _res("true", false, sprintf("%s reaches %s on its branch.", [_desc(a), _tok(t)]))
} else := _res("false", false, sprintf("%s is below %s on its branch.", [_desc(a), _tok(t)]))

_mr_unlisted(a, mrs) := r if {
	top := _highest(mrs)
	[a.major, a.minor] > [top.major, top.minor]
	r := _res("true", false, sprintf(
		"%s is on a newer branch than %s, the highest Main Release listed.",
		[_desc(a), _tok(top)],
	))
} else := _res("false", false, sprintf(
	"%s is on branch %d.%d, which is not listed and older than %s.",
	[_desc(a), a.major, a.minor, _tok(_next_above(a, mrs))],
))

# Only FR tokens: an MR X.Y.0 is built from the FRs X.(Y-1).*, so a newer branch most likely has
# the change; the docs give no mapping, hence the heuristic flag.
_mr_vs_fr(a, f) := r if {
	[a.major, a.minor] > [f.major, f.minor]
	r := _res("true", true, sprintf(
		"%s is on a newer branch than FR %s, so it most likely includes it (heuristic).",
		[_desc(a), _tok(f)],
	))
} else := _res("indeterminate", false, sprintf(
	"%s cannot be placed against FR %s: no Main Release is listed.",
	[_desc(a), _tok(f)],
))

# FR agent (§2.5): plain comparison with the lowest FR token, its CU deciding on the same FR.
_agent_fr(a, toks) := r if {
	frs := [t | some t in toks; t.patch > 0]
	count(frs) > 0
	r := _fr_vs_fr(a, _lowest(frs))
} else := _fr_vs_mr(a, [t | some t in toks; t.patch = 0])

_fr_vs_fr(a, f) := r if {
	[a.major, a.minor, a.patch] > [f.major, f.minor, f.patch]
	r := _res("true", false, sprintf("%s is later than %s.", [_desc(a), _tok(f)]))
} else := r if {
	[a.major, a.minor, a.patch] < [f.major, f.minor, f.patch]
	r := _res("false", false, sprintf("%s is earlier than %s.", [_desc(a), _tok(f)]))
} else := r if {
	# An FR with an unknown CU runs at least CU0.
	_cu_or_zero(a) >= f.cu
	r := _res("true", false, sprintf("%s reaches %s.", [_desc(a), _tok(f)]))
} else := r if {
	a.cu = null
	r := _res("indeterminate", false, sprintf(
		"%s cannot be compared with %s: its CU is unknown.",
		[_desc(a), _tok(f)],
	))
} else := _res("false", false, sprintf("%s is below %s.", [_desc(a), _tok(f)]))

# Only MR tokens (e.g. "7.5.0"): no FR mapping is documented, so only a series clearly newer or
# older than every listed MR branch is decided, and only as a heuristic.
_fr_vs_mr(a, mrs) := r if {
	top := _highest(mrs)
	[a.major, a.minor] > [top.major, top.minor]
	r := _res("true", true, sprintf(
		"%s is on a newer series than %s, the highest Main Release listed (heuristic).",
		[_desc(a), _tok(top)],
	))
} else := r if {
	low := _lowest(mrs)
	[a.major, a.minor] < [low.major, low.minor]
	r := _res("false", true, sprintf(
		"%s is on an older series than %s, the lowest Main Release listed (heuristic).",
		[_desc(a), _tok(low)],
	))
} else := _res("indeterminate", false, sprintf(
	"%s cannot be placed against Main Release %s: no Feature Release is listed.",
	[_desc(a), _tok(_next_at_or_above(a, mrs))],
))

_cu_or_zero(a) := a.cu if a.cu != null

_cu_or_zero(a) := 0 if a.cu = null

# Tokens ordered by (major, minor, patch, cu); the lowest CU wins if a branch is listed twice.
_lowest(toks) := _from_key(min({_key(t) | some t in toks}))

_highest(toks) := _from_key(max({_key(t) | some t in toks}))

_next_above(a, toks) := _lowest([t | some t in toks; [t.major, t.minor] > [a.major, a.minor]])

_next_at_or_above(a, toks) := _lowest([t | some t in toks; [t.major, t.minor] >= [a.major, a.minor]])

_key(t) := [t.major, t.minor, t.patch, t.cu]

_from_key(k) := {"major": k[0], "minor": k[1], "patch": k[2], "cu": k[3]}

# Tokens in the docs' notation; MR tokens always show their CU so "10.2.0" reads as CU0.
_tok(t) := sprintf("%d.%d.%d", [t.major, t.minor, t.patch]) if {
	t.patch > 0
	t.cu = 0
} else := sprintf("%d.%d.%d [CU%d]", [t.major, t.minor, t.patch, t.cu])

# The agent as a person names it: "MR 10.2.0 CU20", "MR 10.4.0 (CU unknown)", "FR 10.5.4".
_desc(a) := sprintf("%s %d.%d.%d", [_track(a.patch), a.major, a.minor, a.patch]) if {
	a.patch > 0
	a.cu = null
} else := sprintf("%s %d.%d.%d (CU unknown)", [_track(a.patch), a.major, a.minor, a.patch]) if {
	a.cu = null
} else := sprintf("%s %d.%d.%d CU%d", [_track(a.patch), a.major, a.minor, a.patch, a.cu])

# ---------------------------------------------------------------------------------------
# equal: "exactly the same version" (R03, FO102)
# ---------------------------------------------------------------------------------------

# equal(a, b) := {"value": "true"|"false"|"indeterminate", "reason": string}.
# Any known differing field settles "false". Otherwise equal known builds settle "true", even
# with a CU unknown on one or both sides (a build number identifies one package). Without
# both builds nothing settles it.
equal(a, b) := r if {
	not _both_known(a, b)
	r := _eq("indeterminate", "version unknown")
} else := r if {
	diffs := [k |
		some k in _eq_fields
		is_number(_field(a, k))
		is_number(_field(b, k))
		a[k] != b[k]
	]
	k := diffs[0]
	r := _eq("false", sprintf("The %s differs: %s vs %s (%s vs %s).", [
		_field_name[k], _field_text(k, a[k]), _field_text(k, b[k]), label(a), label(b),
	]))
} else := r if {
	is_number(_field(a, "build"))
	is_number(_field(b, "build"))
	r := _eq_same_build(a, b)
} else := _eq("indeterminate", sprintf(
	"No known field differs, but the builds cannot be compared (%s vs %s).",
	[label(a), label(b)],
))

_eq_same_build(a, b) := r if {
	is_number(_field(a, "cu"))
	is_number(_field(b, "cu"))
	r := _eq("true", sprintf("Same version %s.", [label(a)]))
} else := _eq("true", sprintf(
	"CU not determinable (%s vs %s), but the equal build %d settles it.",
	[label(a), label(b), a.build],
))

_eq(value, reason) := {"value": value, "reason": reason}

_both_known(a, b) if {
	_known(a)
	_known(b)
}

_eq_fields := ["major", "minor", "patch", "revision", "build", "cu"]

_field_name := {
	"major": "major version",
	"minor": "minor version",
	"patch": "third version number",
	"revision": "revision",
	"build": "build",
	"cu": "CU",
}

_field_text("cu", x) := sprintf("CU%d", [x])

_field_text(k, x) := sprintf("%d", [x]) if k != "cu"

# ---------------------------------------------------------------------------------------
# label
# ---------------------------------------------------------------------------------------

# label(v) is a short text for messages, e.g. "10.4.0.0-14511 (MR 10.4.0 CU4)",
# "10.5.4.0-15588 (FR 10.5.4)", "10.4.0.0-14772 (MR 10.4.0, CU unknown)"; the raw string when
# the version could not be parsed, else "unknown version".
label(v) := sprintf("%s%s (%s)", [_dotted(v), _build_text(v), _track_text(v)]) if {
	_known(v)
} else := v.raw if {
	is_object(v)
	is_string(v.raw)
	trim_space(v.raw) != ""
} else := "unknown version"

_dotted(v) := sprintf("%d.%d.%d.%d", [v.major, v.minor, v.patch, v.revision]) if {
	is_number(_field(v, "revision"))
} else := sprintf("%d.%d.%d", [v.major, v.minor, v.patch])

_build_text(v) := sprintf("-%d", [v.build]) if {
	is_number(_field(v, "build"))
} else := ""

_track_text(v) := sprintf("%s %d.%d.%d CU%d", [_track(v.patch), v.major, v.minor, v.patch, v.cu]) if {
	is_number(_field(v, "cu"))
} else := sprintf("MR %d.%d.%d, CU unknown", [v.major, v.minor, v.patch]) if {
	v.patch = 0
} else := sprintf("FR %d.%d.%d", [v.major, v.minor, v.patch])
