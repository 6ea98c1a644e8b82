# METADATA
# title: What the known-issue requirements share
# description: |
#   What the known-issue requirements (FO901-FO907) share: each agent's version, the unknown
#   message for a missing one, and the messages for an agent that is affected, possibly
#   affected, or cannot be placed against the issue's range. Each requirement states its own
#   condition and calls the version library (in_range or prior_to) once per agent, or has
#   range_findings do that for an issue that is a plain range; it describes its issue with an
#   object:
#     title  what goes wrong, for messages
#     range  the affected range exactly as the catalogue prints it
#     fixed  the fix list, a condition for the version library
#     unstated  (only for possibly) what the docs leave open, e.g. the affected MR CUs
package dmaprep.lib.known_issues

import data.dmaprep.lib
import data.dmaprep.lib.version

# versions maps each agent whose version was collected and parsed (lib.version_known) to its
# version object. Both rules below iterate a literal array of the agents (lib.agents is a rule
# to evaluate).
versions[agent] := v if {
	some agent in ["primary", "backup"]
	lib.version_known(agent)
	v := input.agents[agent].version
}

# missing maps each agent whose version is absent, null or not parsed (only its raw string
# given) to its unknown message: such a version decides nothing, so it must not end as a
# warning that it "cannot tell".
missing[agent] := lib.version_missing(agent) if {
	some agent in ["primary", "backup"]
	not lib.version_known(agent)
}

# The findings below take the agent, its version v (versions[agent]), the issue object and r,
# the version library's answer with its reason (in_range or prior_to).

# affected is the finding for an agent in the range (r.value == "true"); a heuristic answer
# says so, with the library's reason.
affected(agent, v, issue, r) := lib.about(agent, sprintf(
	"%s runs %s, which has a known issue: %s (affected: %s); upgrade to %s or later%s",
	[
		agent, version.label(v), issue.title, issue.range,
		upgrade_to(v, issue.fixed), _heuristic(r),
	],
))

_heuristic(r) := sprintf(" (heuristic: %s)", [trim_suffix(r.reason, ".")]) if {
	r.heuristic == true
} else := ""

# undetermined is the finding for an agent that cannot be placed (r.value ==
# "indeterminate", e.g. its CU is unknown on a branch the range names with a CU).
undetermined(agent, v, issue, r) := lib.about(agent, sprintf(
	"cannot tell whether %s, which runs %s, has a known issue: %s (affected: %s): %s; if it has, upgrade to %s%s",
	[
		agent, version.label(v), issue.title, issue.range,
		trim_suffix(r.reason, "."), upgrade_to(v, issue.fixed), " or later",
	],
))

# possibly is the finding for an agent the docs neither name as affected nor as fixed, though
# its track has a fix (e.g. Main Release CUs below a fix when only Feature Releases are named);
# the issue object says what the docs leave unstated in its "unstated" field.
possibly(agent, v, issue, r) := lib.about(agent, sprintf(
	"%s runs %s, which is possibly affected by a known issue: %s (affected: %s; %s): %s; upgrade to %s or later",
	[
		agent, version.label(v), issue.title, issue.range, issue.unstated,
		trim_suffix(r.reason, "."), upgrade_to(v, issue.fixed),
	],
))

# upgrade_to names the fixed version to upgrade to on the agent's own track: for a Main
# Release the lowest fix on its branch or a later one, for a Feature Release the lowest later
# fixed Feature Release; the whole fix list when none fits (or the version was not parsed).
upgrade_to(v, fixed) := _token_text(t) if {
	v.patch == 0
	t := _lowest([t |
		some t in version.tokens(fixed)
		t.patch == 0
		[t.major, t.minor] >= [v.major, v.minor]
	])
} else := _token_text(t) if {
	v.patch > 0
	t := _lowest([t |
		some t in version.tokens(fixed)
		t.patch > 0
		[t.major, t.minor, t.patch, t.cu] > [v.major, v.minor, v.patch, _cu(v)]
	])
} else := fixed

# An FR whose CU is unknown runs at least CU0.
_cu(v) := c if {
	c := object.get(v, "cu", null)
	is_number(c)
} else := 0

_lowest(tokens) := {"major": k[0], "minor": k[1], "patch": k[2], "cu": k[3]} if {
	count(tokens) > 0
	k := min({[t.major, t.minor, t.patch, t.cu] | some t in tokens})
}

# A token in the docs' notation, CU0 left out: 10.3.0 [CU11], 10.5.0, 10.4.2, 10.5.12 [CU2].
_token_text(t) := sprintf("%d.%d.%d", [t.major, t.minor, t.patch]) if {
	t.cu == 0
} else := sprintf("%d.%d.%d [CU%d]", [t.major, t.minor, t.patch, t.cu])

# range_findings(vs, from, from_ks, fixed, fixed_ks, issue) are the findings of an issue that
# affects the versions from the condition `from` up to the fix list `fixed` (both as the docs
# print them; from_ks and fixed_ks their parses by version.condition, which the caller takes
# once, in a rule), for each agent of vs (versions, or the agents that the issue concerns):
# {"violation": the affected agents, "warning": the agents that cannot be placed}. Each
# agent is decided once, without a reason; the reason is formatted only for a message.
range_findings(vs, from, from_ks, fixed, fixed_ks, issue) := {"violation": violation, "warning": warning} if {
	decisions := {agent: version.in_range_decision(v, from_ks, fixed_ks) | some agent, v in vs}
	violation := {affected(agent, vs[agent], issue, version.in_range(vs[agent], from, fixed)) |
		some agent, d in decisions
		d == "true"
	}
	warning := {undetermined(agent, vs[agent], issue, version.in_range(vs[agent], from, fixed)) |
		some agent, d in decisions
		d == "indeterminate"
	}
}
