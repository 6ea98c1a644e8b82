package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dmaprep/dmaprep/report"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// fixedNow pins the evaluation time so golden reports are stable.
const fixedNow = "2026-11-27T00:00:00Z"

type result struct {
	code           int
	stdout, stderr string
}

// dmaprep runs the CLI in-process with the given stdin and environment.
func dmaprep(t *testing.T, stdin string, environ map[string]string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := env{
		stdin:  strings.NewReader(stdin),
		stdout: &stdout,
		stderr: &stderr,
		getenv: func(k string) string { return environ[k] },
	}
	code := run(append([]string{"dmaprep"}, args...), e)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// TestGoldenReports checks every fact document in testdata/facts/valid in the text and JSON
// formats against testdata/golden (rewritten only with -update). A document named
// "ready-*" must be ready (exit 0, nothing failing or warning). A document named after a
// requirement ("fo102-*") must make that requirement fail (exit 1), or warn for a
// warning-severity requirement, or give its reminder for an info one (exit 0).
//
// The reports name their documents relative to the repository's root, so the test runs
// there (t.Chdir: not in parallel with other tests); it runs the CLI for all documents at
// once, on every core, before comparing. Each document is judged once: the text report
// goes to stdout and the JSON one to a file (--output json=FILE), which is what --format
// json prints, byte for byte.
func TestGoldenReports(t *testing.T) {
	t.Chdir("../..")
	files, err := filepath.Glob("testdata/facts/valid/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	formats := []string{"text", "json"}
	out := t.TempDir()
	runs := make([][]result, len(files))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			jsonPath := filepath.Join(out, fmt.Sprintf("%d.json", i))
			r := dmaprep(t, "", nil, "check", "--now", fixedNow, "--format", "text", "--output", "json="+jsonPath, f)
			asJSON := r
			if data, err := os.ReadFile(jsonPath); err == nil {
				asJSON.stdout = string(data)
			} else {
				asJSON.stdout, asJSON.stderr = "", r.stderr+"\n(no JSON report: "+err.Error()+")"
			}
			runs[i] = []result{r, asJSON}
		})
	}
	wg.Wait()
	for i, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(base+".verdict", func(t *testing.T) {
			r := runs[i][slices.Index(formats, "json")]
			rep, err := reportOfOne(r.stdout)
			if err != nil {
				t.Fatalf("exit %d, %v; stderr: %s", r.code, err, r.stderr)
			}
			sampleReports.Store(filepath.Base(f), rep)
			status := map[string]report.Result{}
			for _, res := range rep.Results {
				status[strings.ToLower(res.ID)] = res
			}
			id, _, _ := strings.Cut(base, "-")
			switch res, named := status[id]; {
			case strings.HasPrefix(base, "ready-"):
				for _, res := range rep.Results {
					if res.Status != "pass" && res.Status != "skip" && res.Status != "info" {
						t.Errorf("%s is %s on a ready pair: %v", res.ID, res.Status, res.Messages)
					}
				}
				wantCode(t, r, exitReady)
			case !named:
				t.Fatalf("name the document ready-* or after the requirement it breaks (no requirement %q)", id)
			case res.Severity == "warning":
				if res.Status != "warn" {
					t.Errorf("%s is %s, want warn: %v", res.ID, res.Status, res.Messages)
				}
			case res.Severity == "info":
				if res.Status != "info" {
					t.Errorf("%s is %s, want info: %v", res.ID, res.Status, res.Messages)
				}
				wantCode(t, r, exitReady)
			default:
				if res.Status != "fail" {
					t.Errorf("%s is %s, want fail: %v", res.ID, res.Status, res.Messages)
				}
				wantCode(t, r, exitNotReady)
			}
		})
		for j, format := range formats {
			t.Run(base+"."+format, func(t *testing.T) {
				golden(t, filepath.Join("testdata", "golden", base+"."+format+".golden"), runs[i][j].stdout)
				if format == "text" {
					assertFolded(t, runs[i][j].stdout, report.DefaultWidth)
				}
			})
		}
	}
}

// sampleReports holds the JSON report of each document of testdata/facts/valid (by file
// name) that TestGoldenReports judged with --now fixedNow. That test is not parallel, so
// it always ends before a parallel test starts; those that need the same reports take
// them from here instead of judging every document again (sampleReport).
var sampleReports sync.Map

// sampleReport is the report of `check --now fixedNow --format json path` for a document
// of testdata/facts/valid: TestGoldenReports's, or a run of its own when that test did
// not run (go test -run).
func sampleReport(t *testing.T, path string) report.Report {
	t.Helper()
	if rep, ok := sampleReports.Load(filepath.Base(path)); ok {
		return rep.(report.Report)
	}
	rep, _ := checkJSON(t, path)
	return rep
}

// assertFolded: no line of a text report is wider than width, except one that holds a
// single word longer than the width (a doc link, a long path), which is never broken.
func assertFolded(t *testing.T, out string, width int) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if n := len([]rune(line)); n > width {
			if fields := strings.Fields(line); len(fields) == 1 && len([]rune(fields[0])) > width {
				continue
			}
			t.Errorf("a line of %d columns (width %d): %q", n, width, line)
		}
	}
}

// reportOfOne reads what --format json writes for one fact document: the aggregate, with
// that document's report as its only element.
func reportOfOne(out string) (report.Report, error) {
	var agg report.Aggregate
	if err := json.Unmarshal([]byte(out), &agg); err != nil {
		return report.Report{}, err
	}
	if agg.SchemaVersion != report.AggregateSchemaVersion || len(agg.Reports) != 1 {
		return report.Report{}, fmt.Errorf("want an aggregate (schema_version %q) of one report, got schema_version %q with %d", report.AggregateSchemaVersion, agg.SchemaVersion, len(agg.Reports))
	}
	return agg.Reports[0], nil
}

func wantCode(t *testing.T, r result, code int) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit code %d, want %d; stderr: %s", r.code, code, r.stderr)
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `make golden` to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got); run `make golden` if the change is intended:\n%s", path, diff)
	}
}
