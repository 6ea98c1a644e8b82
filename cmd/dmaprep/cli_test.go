package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dmaprep/dmaprep/report"
	"github.com/google/go-cmp/cmp"
)

const (
	readyVIP      = "../../testdata/facts/valid/ready-vip.json"
	readyHostname = "../../testdata/facts/valid/ready-hostname.json"
	failing       = "../../testdata/facts/valid/fo102-version-differs.json"
	invalid       = "../../testdata/facts/invalid/several-violations.json"
)

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestExitCodes covers the contract of docs/exit-codes.md: 0 ready, 1 not ready, 2 could not
// judge, with a message on stderr that names the problem.
func TestExitCodes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	malformed := filepath.Join(dir, "malformed.json")
	os.WriteFile(malformed, []byte("{\n  \"schema_version\": \"1\",\n  \"intent\": {,\n}"), 0o644)
	empty := filepath.Join(dir, "empty.json")
	os.WriteFile(empty, nil, 0o644)
	noJSON := filepath.Join(dir, "no-json")
	os.MkdirAll(filepath.Join(noJSON, "sub"), 0o755)
	os.WriteFile(filepath.Join(noJSON, "notes.txt"), []byte("not facts"), 0o644)
	tests := []struct {
		name       string
		stdin      string
		args       []string
		code       int
		wantStderr []string
	}{
		{"ready pair", "", []string{"check", readyVIP}, exitReady, nil},
		{"ready hostname pair", "", []string{"check", readyHostname}, exitReady, nil},
		{"failing requirement", "", []string{"check", failing}, exitNotReady, nil},
		{"one failing document among several", "", []string{"check", readyVIP, failing}, exitNotReady, nil},
		{"facts on stdin", readFile(t, readyVIP), []string{"check", "-"}, exitReady, nil},
		{"schema-invalid facts", "", []string{"check", invalid}, exitError, []string{
			"several-violations.json does not match the fact schema (5 violations)",
			`/agents/backup/version/raw: "10.4" is not a DataMiner version`,
		}},
		{"malformed JSON names line and column", "", []string{"check", malformed}, exitError, []string{"malformed.json:3:14: invalid JSON"}},
		{"empty file", "", []string{"check", empty}, exitError, []string{"empty.json: empty document"}},
		{"missing file", "", []string{"check", filepath.Join(dir, "nope.json")}, exitError, []string{"nope.json: no such file or directory"}},
		{"a directory without *.json", "", []string{"check", noJSON}, exitError, []string{"no-json holds no *.json file"}},
		{"bad --jobs", "", []string{"check", "--jobs", "0", readyVIP}, exitError, []string{"--jobs 0"}},
		{"no document", "", []string{"check"}, exitError, []string{"no fact document given"}},
		{"stdin twice", "{}", []string{"check", "-", "-"}, exitError, []string{"stdin (-) can be read only once"}},
		{"unknown flag", "", []string{"check", "--bogus", readyVIP}, exitError, []string{"flag provided but not defined: -bogus"}},
		{"unknown format", "", []string{"check", "--format", "yaml", readyVIP}, exitError, []string{`unknown format "yaml" (choose one of`}},
		{"bad --fail-on", "", []string{"check", "--fail-on", "pass", readyVIP}, exitError, []string{`--fail-on "pass"`}},
		{"bad --output", "", []string{"check", "--output", "json", readyVIP}, exitError, []string{"want FORMAT=FILE"}},
		{"bad --now", "", []string{"check", "--now", "yesterday", readyVIP}, exitError, []string{"yesterday"}},
		{"unknown command", "", []string{"frobnicate"}, exitError, []string{"frobnicate"}},
		{"validate a valid document", "", []string{"validate", readyVIP, readyHostname}, exitReady, nil},
		{"validate an invalid document", "", []string{"validate", readyVIP, invalid}, exitError, []string{"/agents/primary: unknown field \"bogus\""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := dmaprep(t, tc.stdin, nil, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
			for _, w := range tc.wantStderr {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr does not contain %q:\n%s", w, r.stderr)
				}
			}
			if tc.code == exitError && r.stdout != "" && tc.args[0] == "check" {
				t.Errorf("a run that could not judge printed a report:\n%s", r.stdout)
			}
		})
	}
}

func TestFailOnWarn(t *testing.T) {
	t.Parallel()
	warnOnly := "../../testdata/facts/valid/fo105-legacy-version.json"
	if r := dmaprep(t, "", nil, "check", warnOnly); r.code != exitReady {
		t.Fatalf("a warning fails the run by default: exit %d\n%s", r.code, r.stdout)
	}
	if r := dmaprep(t, "", nil, "check", "--fail-on", "warn", warnOnly); r.code != exitNotReady {
		t.Fatalf("--fail-on warn: exit %d, want 1\n%s", r.code, r.stdout)
	}
}

func TestSeveralDocumentsAggregate(t *testing.T) {
	t.Parallel()
	r := dmaprep(t, "", nil, "check", "--now", fixedNow, "--format", "json", readyVIP, failing)
	var agg report.Aggregate
	if err := json.Unmarshal([]byte(r.stdout), &agg); err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, rep := range agg.Reports {
		sources = append(sources, rep.Source)
	}
	if diff := cmp.Diff([]string{readyVIP, failing}, sources); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	if agg.Ready || agg.Summary["fail"] == 0 || agg.Summary["pass"] == 0 {
		t.Errorf("aggregate verdict %v with summary %v", agg.Ready, agg.Summary)
	}
}

func TestOutputFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	jsonFile := filepath.Join(dir, "report.json")
	textFile := filepath.Join(dir, "report.txt")
	r := dmaprep(t, "", nil, "check", "--now", fixedNow, "--output", "json="+jsonFile, "--output", "text="+textFile, readyVIP)
	if r.code != exitReady {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if got := readFile(t, textFile); got != r.stdout {
		t.Errorf("text file differs from stdout")
	}
	var rep report.Report
	if err := json.Unmarshal([]byte(readFile(t, jsonFile)), &rep); err != nil || !rep.Ready {
		t.Errorf("json file: %v, ready %v", err, rep.Ready)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("want exactly the two reports in %s, found %d entries (temporary files left?)", dir, len(entries))
	}
}

func TestNoFileWhenTheRunCannotJudge(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "report.json")
	r := dmaprep(t, "", nil, "check", "--output", "json="+out, invalid)
	if r.code != exitError {
		t.Fatalf("exit %d", r.code)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a report file was written for a run that could not judge: %v", err)
	}
	r = dmaprep(t, "", nil, "check", "--output", "json="+filepath.Join(dir, "missing-dir", "r.json"), readyVIP)
	if r.code != exitError || !strings.Contains(r.stderr, "missing-dir") {
		t.Errorf("unwritable output: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestNoColorOffTerminal(t *testing.T) {
	t.Parallel()
	r := dmaprep(t, "", map[string]string{"TERM": "xterm-256color"}, "check", failing)
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("colour codes written to a non-terminal")
	}
}

func TestRequirementsCommand(t *testing.T) {
	t.Parallel()
	r := dmaprep(t, "", nil, "requirements", "--format", "json")
	if r.code != exitReady {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var reqs []struct{ ID, Name, Severity, Title string }
	if err := json.Unmarshal([]byte(r.stdout), &reqs); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, q := range reqs {
		ids[q.ID] = true
		if q.Name == "" || q.Title == "" || q.Severity == "" {
			t.Errorf("incomplete catalogue entry %+v", q)
		}
	}
	for _, id := range []string{"FO101", "FO102", "FO201", "FO301", "FO401"} {
		if !ids[id] {
			t.Errorf("%s missing from the catalogue", id)
		}
	}
	text := dmaprep(t, "", nil, "requirements")
	if !strings.Contains(text.stdout, "FO101  backup-same-dataminer-id") {
		t.Errorf("text catalogue:\n%s", text.stdout)
	}
	md := dmaprep(t, "", nil, "requirements", "--format", "markdown")
	if !strings.HasPrefix(md.stdout, "| ID | name | severity | requirement |") {
		t.Errorf("markdown catalogue:\n%s", md.stdout)
	}
}

func TestTestCommand(t *testing.T) {
	t.Parallel()
	r := dmaprep(t, "", nil, "test", "--run", "backup_same_dataminer_id", "--coverage")
	if r.code != exitReady {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if !regexp.MustCompile(`(?m)^PASS: (\d+)/\d+$`).MatchString(r.stdout) || !strings.Contains(r.stdout, "total") {
		t.Errorf("output:\n%s", r.stdout)
	}
	if r := dmaprep(t, "", nil, "test", "--run", "no_such_test_anywhere"); r.code != exitError {
		t.Errorf("no matching test: exit %d, want 2", r.code)
	}
	// One test's coverage is far below 100%, and a run of one test is fast.
	if r := dmaprep(t, "", nil, "test", "--run", "backup_same_dataminer_id", "--threshold", "100"); r.code != exitNotReady {
		t.Errorf("coverage below 100%%: exit %d, want 1\n%s", r.code, r.stderr)
	}
}

// TestTestCommandReporters checks that dmaprep test speaks through OPA's reporters: a
// failing test shows its failing expression with the values of its locals (--var-values),
// and --format json is OPA's JSON test report.
func TestTestCommandReporters(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := "package acme_test\n\ntest_sum if {\n\tx := 1 + 1\n\tx == 3\n}\n\ntest_ok if 1 == 1\n"
	if err := os.WriteFile(filepath.Join(dir, "acme_test.rego"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := dmaprep(t, "", nil, "test", "--policy", dir, "--run", "acme_test", "--var-values")
	if r.code != exitNotReady {
		t.Fatalf("exit %d, want 1\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"data.acme_test.test_sum: FAIL", "x == 3", "\t2\n", "FAIL: 1/2"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("pretty output lacks %q:\n%s", want, r.stdout)
		}
	}
	j := dmaprep(t, "", nil, "test", "--policy", dir, "--run", "acme_test", "--format", "json")
	var results []struct {
		Name string `json:"name"`
		Fail bool   `json:"fail"`
	}
	if err := json.Unmarshal([]byte(j.stdout), &results); err != nil {
		t.Fatalf("--format json: %v\n%s", err, j.stdout)
	}
	got := map[string]bool{}
	for _, res := range results {
		got[res.Name] = res.Fail
	}
	if diff := cmp.Diff(map[string]bool{"test_sum": true, "test_ok": false}, got); j.code != exitNotReady || diff != "" {
		t.Errorf("--format json: exit %d, failures (-want +got):\n%s", j.code, diff)
	}
}

func TestSchemaAndVersion(t *testing.T) {
	t.Parallel()
	r := dmaprep(t, "", nil, "schema")
	var s map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil || s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("schema output: %v", err)
	}
	v := dmaprep(t, "", nil, "version")
	if !strings.HasPrefix(v.stdout, "dmaprep ") || !strings.Contains(v.stdout, "fact schema 1") || !strings.Contains(v.stdout, "OPA 1.") {
		t.Errorf("version: %q", v.stdout)
	}
}
