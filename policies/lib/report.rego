# METADATA
# title: What the report computes from the results
# description: |
#   What the report computes from the requirements' results: the selected results with
#   waivers applied, the summary, the verdict and what became of each waiver. The report
#   package (data.dmaprep.report) only lays them out, since every rule of that package is a
#   field of the report.
package dmaprep.lib.report

import data.dmaprep.lib
import data.dmaprep.lib.params
import data.dmaprep.lib.same_build
import data.dmaprep.lib.waivers

# results lists every selected requirement's result (params only/disable), sorted by ID,
# with waivers applied. A package under data.dmaprep.requirements without a result rule is
# not a requirement (dmaprep refuses to load such a package; see the README).
results := _judged if {
	count(waivers.all) == 0
} else := [waivers.apply(r) | some r in _judged]

# _judged are the results before waivers.
_judged := [_by_id[id] | some id in sort(object.keys(_by_id))]

# Without only/disable parameters (the usual run) no result needs testing against them.
# Every requirement judges the facts with what the pair's own facts settle filled in: an
# agent's unknown CU is the other's when both run the same build (lib.same_build).
_by_id := {r.id: r |
	some name
	r := data.dmaprep.requirements[name].result with input as same_build.completed_input
} if {
	not params.filtering
} else := {r.id: r |
	some name
	r := data.dmaprep.requirements[name].result with input as same_build.completed_input
	params.selected(r)
}

# waiver_uses says what became of each waiver given; undefined when none were.
waiver_uses := waivers.uses(_judged) if count(waivers.all) > 0

# summary counts results per status, every status listed (0 when none). One pass over the
# results, then one lookup per status.
summary := {status: count(object.get(_ids_by_status, status, set())) | some status in lib.statuses}

_ids_by_status[r.status] contains r.id if some r in results

# ready: at least one requirement was judged and none failed or stayed unknown (nor
# warned, when the run fails on warnings: data.dmaprep.params.fail_on == "warn"). Read
# from the summary's counts, so no result is visited again.
ready if {
	count(results) > 0
	every status in _failing {
		summary[status] == 0
	}
} else := false

_failing := {"fail", "unknown", "warn"} if params.params.fail_on == "warn"

else := {"fail", "unknown"}

# pair names the pair the report is about, for a reader's header: each agent's hostname,
# first address and version as read (null when not collected), the addressing mode
# ("undecided" when FO201 fails) and its virtual IPs or shared hostname.
pair := {
	"primary": _agent_summary("primary"),
	"backup": _agent_summary("backup"),
	"mode": _mode,
	"virtual_ips": lib.virtual_ips,
	"shared_hostname": lib.shared_hostname,
}

_mode := lib.mode if {
	lib.mode
} else := "undecided"

_agent_summary(agent) := {
	"hostname": object.get(input, ["agents", agent, "hostname"], null),
	"address": object.get(input, ["agents", agent, "addresses", 0], null),
	"version": object.get(input, ["agents", agent, "version", "raw"], null),
}
