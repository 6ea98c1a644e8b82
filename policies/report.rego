# METADATA
# title: dmaprep report
# description: |
#   The whole report for one fact document: every requirement under
#   data.dmaprep.requirements with its status, messages, findings, severity, remediation
#   and doc links, sorted by ID, plus a summary and the verdict. dmaprep check, opa eval and
#   an OPA server loaded with the dmaprep bundle all read this one document.
#
#   Every rule of this package is a field of the report, so it holds no helper rule (they
#   are in lib/report.rego). Being a package of its own, it lets the bundle own
#   dmaprep/report, dmaprep/lib and dmaprep/requirements only, and leave dmaprep/waivers
#   and dmaprep/params to an OPA server's data API.
# entrypoint: true
package dmaprep.report

import data.dmaprep.lib.report

schema_version := "1"

ready := report.ready

evaluated_at := time.format(time.now_ns())

summary := report.summary

pair := report.pair

results := report.results

# Listed only when waivers were given.
waivers := report.waiver_uses
