package evaluator

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dmaprep/dmaprep/report"
	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
)

// readValue must read a report exactly as encoding/json reads its JSON text, which is how
// the report was read before (and how pipelines read it).
func TestReadValueMatchesJSON(t *testing.T) {
	t.Parallel()
	const doc = `{
		"schema_version": "1", "ready": false, "evaluated_at": "2026-11-27T00:00:00Z",
		"summary": {"pass": 1, "waived": 1},
		"unknown_key": {"ignored": [1, 2]},
		"results": [
			{"id": "FO101", "name": "a", "title": "A", "area": "X", "severity": "error", "status": "pass",
			 "messages": [], "remediation": "fix\nit", "docs": ["https://example.com/a"]},
			{"id": "FO102", "name": "b", "title": "B", "area": "X", "severity": "warning", "status": "waived",
			 "messages": ["backup \"x\" ✓"], "remediation": "", "docs": [],
			 "waiver": {"requirement": "FO102", "agent": "backup", "justification": "why", "expires": "2027-01-01", "status": "warn"}}
		],
		"waivers": [{"requirement": "FO102", "justification": "why", "expires": "2027-01-01", "use": "applied"}]
	}`
	var want report.Report
	if err := json.Unmarshal([]byte(doc), &want); err != nil {
		t.Fatal(err)
	}
	var got report.Report
	if err := readValue(ast.MustParseTerm(doc).Value, &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("readValue differs from encoding/json (-json +readValue):\n%s", diff)
	}
	if got.Waivers[0].Requirement != "FO102" || got.Waivers[0].Use != "applied" {
		t.Errorf("embedded waiver fields not promoted: %+v", got.Waivers[0])
	}
}

func TestReadValueNamesTheBadField(t *testing.T) {
	t.Parallel()
	for doc, want := range map[string]string{
		`{"ready": "yes"}`:                     "ready: cannot read string",
		`{"summary": {"pass": 1.5}}`:           "summary.pass: 1.5 is not an integer",
		`{"results": [{"id": 7}]}`:             "results[0].id: cannot read number",
		`{"results": [{"messages": "one"}]}`:   "results[0].messages: cannot read string",
		`{"waivers": [{"requirement": true}]}`: "waivers[0].requirement: cannot read boolean",
		`"ready"`:                              "the value: cannot read string",
		`{"results": [{}, {"docs": [1]}]}`:     "results[1].docs[0]: cannot read number",
	} {
		var rep report.Report
		err := readValue(ast.MustParseTerm(doc).Value, &rep)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got error %v, want one containing %q", doc, err, want)
		}
	}
}
