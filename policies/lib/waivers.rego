# METADATA
# title: "Waivers: accepted, time-limited exceptions"
# description: |
#   Waivers: accepted, time-limited exceptions, read from data.dmaprep.waivers (dmaprep
#   check --waivers FILE puts them there; an OPA server gets them from its data). Each is
#     {"requirement": ID or name, "agent": "primary"|"backup" (optional),
#      "justification": why, "owner": who (optional), "expires": "YYYY-MM-DD"}
#   A waiver is in force through the end of its expiry day (UTC) at the evaluation time,
#   which dmaprep pins per run (--now). It turns a fail, warn or unknown into waived; it
#   never hides a pass, skip or info. Requirement IDs and names match in any case.
#
#   A waiver with an agent covers a result only when every finding of that result concerns
#   that agent (its "agents" list holds it) or the pair as a whole (an empty "agents" list: a
#   pair-wide finding concerns both agents, so a waiver for either agent covers it). The
#   message text plays no part.
package dmaprep.lib.waivers

_day_ns := (24 * 60) * 60000000000

all := ws if {
	ws := data.dmaprep.waivers
	is_array(ws)
} else := []

in_force(w) if time.now_ns() < time.parse_rfc3339_ns(sprintf("%sT00:00:00Z", [w.expires])) + _day_ns

_waivable := {"fail", "warn", "unknown"}

covers(w, r) if {
	lower(w.requirement) in {lower(r.id), lower(r.name)}
	r.status in _waivable
	_agent_matches(object.get(w, "agent", ""), object.get(r, "findings", []))
}

_agent_matches("", _)

_agent_matches(agent, findings) if {
	agent != ""
	count(findings) > 0
	every f in findings {
		_concerns(f.agents, agent)
	}
}

_concerns(agents, _) if count(agents) == 0

_concerns(agents, agent) if agent in agents

# apply returns r, or r waived by the first waiver in force that covers it.
apply(r) := object.union(r, {"status": "waived", "waiver": object.union(w, {"status": r.status})}) if {
	matching := [w | some w in all; in_force(w); covers(w, r)]
	w := matching[0]
} else := r

# uses says, for every waiver in order, whether it was applied, had expired or matched
# nothing among the unwaived results.
uses(results) := [object.union(w, {"use": _use(w, results)}) | some w in all]

_use(w, results) := "expired" if {
	not in_force(w)
} else := "applied" if {
	some r in results
	covers(w, r)
} else := "unused"
