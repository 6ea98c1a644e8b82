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

report := {
	"schema_version": "1",
	"ready": ready,
	"evaluated_at": time.format(time.now_ns()),
	"summary": summary,
	"results": results,
}

# results lists every requirement's result, sorted by ID. A package under
# data.dmaprep.requirements without a result rule is not a requirement (dmaprep refuses to
# load such a package; see the policy contract in the README).
results := [_by_id[id] | some id in sort(object.keys(_by_id))]

_by_id[r.id] := r if {
	some name
	r := data.dmaprep.requirements[name].result
}

summary := {status: n |
	some status in lib.statuses
	n := count([r | some r in results; r.status == status])
}

# ready: at least one requirement was judged and none failed or stayed unknown (nor
# warned, when the run fails on warnings: data.dmaprep.params.fail_on == "warn").
ready if {
	count(results) > 0
	every r in results {
		not r.status in _failing
	}
} else := false

_failing := {"fail", "unknown", "warn"} if data.dmaprep.params.fail_on == "warn"

else := {"fail", "unknown"}
