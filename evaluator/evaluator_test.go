package evaluator

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dmaprep/dmaprep/policies"
	"github.com/dmaprep/dmaprep/report"
	"github.com/google/go-cmp/cmp"
)

// lib is a minimal stand-in for policies/lib/result.rego and report.rego, so these tests
// exercise the evaluator and not the real policies.
const lib = `package dmaprep.lib

result(chain, findings) := r if {
	some link in chain
	meta := link.annotations
	meta.custom.id
	r := {
		"id": meta.custom.id, "name": meta.custom.name, "title": meta.title,
		"severity": meta.custom.severity, "area": "Test",
		"status": _status(findings), "messages": sort(object.get(findings, "violation", set())),
		"remediation": "", "docs": [],
	}
}

_status(findings) := "fail" if count(object.get(findings, "violation", set())) > 0
else := "pass"
`

const reportRego = `package dmaprep

results := [r | some name; r := data.dmaprep.requirements[name].result]

report := {
	"schema_version": "1", "ready": count([r | some r in results; r.status == "fail"]) == 0,
	"evaluated_at": time.format(time.now_ns()),
	"summary": {"pass": count([r | some r in results; r.status == "pass"])},
	"results": results,
}
`

func requirement(pkg, id, body string) string {
	return `# METADATA
# title: Test requirement ` + id + `
# custom:
#   id: ` + id + `
#   name: test-` + strings.ToLower(id) + `
#   severity: error
package dmaprep.requirements.` + pkg + `

import data.dmaprep.lib

` + body + `

result := lib.result(rego.metadata.chain(), {"violation": violation})
`
}

const flagViolation = `violation contains "flag is set" if input.flag == true`

func sources(files map[string]string) []Source {
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return []Source{{Name: "test", FS: fsys}}
}

func TestEvaluate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ev, err := New(ctx, Config{Sources: sources(map[string]string{
		"lib.rego":    lib,
		"report.rego": reportRego,
		"a.rego":      requirement("a", "T001", flagViolation),
	})})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name  string
		facts map[string]any
		want  report.Report
	}{
		{"pass", map[string]any{"flag": false}, report.Report{
			SchemaVersion: "1", Ready: true, EvaluatedAt: "2026-01-02T03:04:05Z", Summary: map[string]int{"pass": 1},
			Results: []report.Result{{ID: "T001", Name: "test-t001", Title: "Test requirement T001", Area: "Test", Severity: "error", Status: "pass", Messages: []string{}, Docs: []string{}}},
		}},
		{"fail", map[string]any{"flag": true}, report.Report{
			SchemaVersion: "1", Ready: false, EvaluatedAt: "2026-01-02T03:04:05Z", Summary: map[string]int{"pass": 0},
			Results: []report.Result{{ID: "T001", Name: "test-t001", Title: "Test requirement T001", Area: "Test", Severity: "error", Status: "fail", Messages: []string{"flag is set"}, Docs: []string{}}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ev.Evaluate(ctx, tc.facts, now)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("report (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewRejectsBrokenPolicies(t *testing.T) {
	t.Parallel()
	base := map[string]string{"lib.rego": lib, "report.rego": reportRego}
	tests := []struct {
		name  string
		files map[string]string
		want  []string // substrings of the error
	}{
		{
			name:  "duplicate ID names both files",
			files: map[string]string{"a.rego": requirement("a", "T001", flagViolation), "b.rego": requirement("b", "T001", flagViolation)},
			want:  []string{"test/b.rego: requirement ID T001 is already used by test/a.rego"},
		},
		{
			name:  "missing METADATA",
			files: map[string]string{"c.rego": "package dmaprep.requirements.c\n\nresult := {}\n"},
			want:  []string{"test/c.rego: package dmaprep.requirements.c has no METADATA block"},
		},
		{
			name:  "no result rule",
			files: map[string]string{"d.rego": strings.Replace(requirement("d", "T004", flagViolation), "result :=", "outcome :=", 1)},
			want:  []string{"test/d.rego: package dmaprep.requirements.d defines no result rule"},
		},
		{
			name:  "bad severity",
			files: map[string]string{"e.rego": strings.Replace(requirement("e", "T005", flagViolation), "severity: error", "severity: fatal", 1)},
			want:  []string{`custom.severity "fatal" is not error, warning or info`},
		},
		{
			name:  "network builtin is refused with file and line",
			files: map[string]string{"f.rego": requirement("f", "T006", `violation contains "x" if http.send({"method": "get", "url": "http://127.0.0.1/"}).status_code == 200`)},
			want:  []string{"test/f.rego:11", "http.send is not allowed in dmaprep policies"},
		},
		{
			name:  "v0 syntax is a parse error",
			files: map[string]string{"g.rego": requirement("g", "T007", `violation[msg] { msg := "x" }`)},
			want:  []string{"test/g.rego:11", "`if` keyword is required"},
		},
		{
			name:  "type error is named with file and line",
			files: map[string]string{"h.rego": requirement("h", "T008", `violation contains "x" if input.flag + "a" == 1`)},
			want:  []string{"test/h.rego:11", "rego_type_error", "plus"},
		},
		{
			name:  "no requirement at all",
			files: map[string]string{},
			want:  []string{"no requirement package under data.dmaprep.requirements"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range base {
				files[k] = v
			}
			for k, v := range tc.files {
				files[k] = v
			}
			_, err := New(context.Background(), Config{Sources: sources(files)})
			if err == nil {
				t.Fatal("New succeeded, want an error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// TestCheckedSources: a compile whose sources are all Checked leaves out OPA's check-only
// stages, which is why a type error, a call of an undefined function or a recursion there
// goes unnoticed; a single other source (a --policy directory) brings the checks back for
// every module, the Checked ones included.
func TestCheckedSources(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct{ body, want string }{
		"type error":         {`violation contains "x" if input.flag + "a" == 1`, "rego_type_error"},
		"undefined function": {`violation contains "x" if lib.nowhere(input.flag)`, "rego_type_error"},
		"recursion":          {"violation contains \"x\" if _loop\n\n_loop if _loop", "rego_recursion_error"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checked := sources(map[string]string{"lib.rego": lib, "report.rego": reportRego, "a.rego": requirement("a", "T001", tc.body)})[0]
			checked.Name, checked.Checked = "checked", true
			if _, err := Compile(Config{Sources: []Source{checked}}); err != nil {
				t.Errorf("Checked sources only: %v, want no check", err)
			}
			other := sources(map[string]string{"b.rego": requirement("b", "T002", flagViolation)})[0]
			_, err := Compile(Config{Sources: []Source{checked, other}})
			if err == nil || !strings.Contains(err.Error(), "checked/a.rego:") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("with an unchecked source: %v, want the %s of checked/a.rego", err, tc.want)
			}
		})
	}
}

// TestEmbeddedPoliciesPassEveryCheck: dmaprep marks the embedded policies Checked, so its
// checks leave out OPA's check-only stages. That is sound only while the policies pass
// them, which this test (beside `opa check --strict policies` in make lint) makes sure
// of, and while those stages change nothing: compiled both ways, every module comes out
// the same.
func TestEmbeddedPoliciesPassEveryCheck(t *testing.T) {
	t.Parallel()
	mods, _, err := load(Config{Sources: []Source{{Name: "policies", FS: policies.FS}}}, false)
	if err != nil {
		t.Fatal(err)
	}
	full := newCompiler(Capabilities())
	if full.Compile(moduleMap(mods, false)); full.Failed() {
		t.Fatalf("the embedded policies fail OPA's checks: %v", full.Errors)
	}
	skipped := newCompiler(Capabilities()).WithSkipStages(checkOnlyStages...)
	if skipped.Compile(moduleMap(mods, false)); skipped.Failed() {
		t.Fatal(skipped.Errors)
	}
	if len(full.Modules) != len(skipped.Modules) {
		t.Fatalf("%d modules compiled with every stage, %d without the check-only ones", len(full.Modules), len(skipped.Modules))
	}
	for name, m := range full.Modules {
		if diff := cmp.Diff(m.String(), skipped.Modules[name].String()); diff != "" {
			t.Errorf("%s compiles differently without the check-only stages (-all stages +without):\n%s", name, diff)
		}
	}
}

// A requirement whose result is missing from the report (here: the report drops every
// result) is unknown, naming its file, never left out.
func TestEvaluateListsMissingResultsAsUnknown(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ev, err := New(ctx, Config{Sources: sources(map[string]string{
		"lib.rego":    lib,
		"report.rego": strings.Replace(reportRego, "results := [r | some name; r := data.dmaprep.requirements[name].result]", "results := []", 1),
		"a.rego":      requirement("a", "T001", flagViolation),
	})})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ev.Evaluate(ctx, map[string]any{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 || rep.Results[0].Status != report.StatusUnknown || rep.Ready ||
		!strings.Contains(rep.Results[0].Messages[0], "test/a.rego: the requirement gave no valid result") || rep.Summary["unknown"] != 1 {
		t.Errorf("report = %+v", rep)
	}
}

// TestEvaluateAfterTheDeadline: a deadline that has already passed stops every evaluation,
// however short, instead of leaving it to the race between OPA's cancellation and the
// end of the evaluation.
func TestEvaluateAfterTheDeadline(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ev, err := New(ctx, Config{Sources: sources(map[string]string{
		"lib.rego":    lib,
		"report.rego": reportRego,
		"a.rego":      requirement("a", "T001", `violation contains "x" if input.x == 1`),
	})})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ev.Evaluate(ctx, map[string]any{}, time.Now()); err != nil {
		t.Fatalf("without a deadline: %v", err)
	}
	past, cancel := context.WithDeadline(ctx, time.Now().Add(-time.Second))
	defer cancel()
	for range 20 {
		if _, err := ev.Evaluate(past, map[string]any{}, time.Now()); err == nil || !strings.Contains(err.Error(), "stopped at the evaluation time limit") {
			t.Fatalf("got %v, want the time limit error", err)
		}
	}
}

func TestEvaluateStopsAtDeadline(t *testing.T) {
	t.Parallel()
	// A runaway policy: a comprehension over a large range, cancelled by the context.
	ctx := context.Background()
	ev, err := New(ctx, Config{Sources: sources(map[string]string{
		"lib.rego":    lib,
		"report.rego": reportRego,
		"a.rego":      requirement("a", "T001", `violation contains "slow" if count([x | some x in numbers.range(1, 100000000)]) > 0`),
	})})
	if err != nil {
		t.Fatal(err)
	}
	ev.namingMargin = 100 * time.Millisecond // naming is not what this test is about
	tctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = ev.Evaluate(tctx, map[string]any{}, time.Now())
	if err == nil || !strings.Contains(err.Error(), "time limit") {
		t.Fatalf("got %v, want a time limit error", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("evaluation stopped after %v, long after its deadline", elapsed)
	}
}

// A result under another requirement's id collides with that requirement's result in the
// report; the error names the requirement that gave it. The explanation replays each
// requirement after the evaluation's own context has ended, so it is asked many times here:
// a replay under that ended context named nobody about a third of the time.
func TestEvaluateNamesAResultUnderAnotherID(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	custom := sources(map[string]string{"r.rego": strings.Replace(requirement("r", "ACME1", flagViolation),
		"result := lib.result(", `result := object.union(_result, {"id": "FO101"})

_result := lib.result(`, 1)})[0]
	ev, err := New(ctx, Config{Sources: []Source{{Name: "policies", FS: policies.FS, Checked: true}, custom}})
	if err != nil {
		t.Fatal(err)
	}
	doc := TypicalFacts(t)
	for range 10 {
		_, err := ev.Evaluate(ctx, doc, time.Now())
		if err == nil || !strings.Contains(err.Error(), `requirement ACME1 (test/r.rego) gives a result with id "FO101"`) {
			t.Fatalf("Evaluate: %v, want the requirement with the wrong id named", err)
		}
	}
}
