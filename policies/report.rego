# METADATA
# title: dmaprep report
# description: |
#   The whole report for one fact document: every requirement under
#   data.dmaprep.requirements with its status, messages, severity, remediation and doc
#   links, sorted by ID, plus a summary and the verdict. dmaprep check, opa eval and an OPA
#   server loaded with the dmaprep bundle all read this one document.
# entrypoint: true
package dmaprep

import data.dmaprep.lib
import data.dmaprep.lib.params
import data.dmaprep.lib.same_build
import data.dmaprep.lib.waivers

report := object.union(
	{
		"schema_version": "1",
		"ready": ready,
		"evaluated_at": time.format(time.now_ns()),
		"summary": summary,
		"results": results,
	},
	_waiver_uses,
)

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
_by_id := {r.id: r | some name; r := data.dmaprep.requirements[name].result with input as same_build.completed_input} if {
	not params.filtering
} else := {r.id: r |
	some name
	r := data.dmaprep.requirements[name].result with input as same_build.completed_input
	params.selected(r)
}

# The report lists waivers only when some were given, saying what became of each.
_waiver_uses := {"waivers": waivers.uses(_judged)} if count(waivers.all) > 0

else := {}

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
