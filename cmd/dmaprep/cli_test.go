package main

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dmaprep/dmaprep/evaluator"
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

// TestJSONShapeIsTheSameForOneDocument: --format json writes the aggregate whatever the
// number of documents: for one file, a directory of one file and a directory of three, the
// same members, schema_version "2" outside and "1" on each report; one document's verdict
// and summary are its report's. Each element of reports is, byte for byte once compacted,
// the line --format jsonl writes for that document.
func TestJSONShapeIsTheSameForOneDocument(t *testing.T) {
	t.Parallel()
	one, three := t.TempDir(), t.TempDir()
	copyTo := func(dir, src string) {
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(src)), []byte(readFile(t, src)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyTo(one, failing)
	for _, src := range []string{readyVIP, readyHostname, failing} {
		copyTo(three, src)
	}
	for _, tc := range []struct {
		name    string
		arg     string
		reports int
	}{{"one file", failing, 1}, {"a directory of one", one, 1}, {"a directory of three", three, 3}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := dmaprep(t, "", nil, "check", "--now", fixedNow, "--format", "json", tc.arg)
			if r.code != exitNotReady {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			var top map[string]json.RawMessage
			if err := json.Unmarshal([]byte(r.stdout), &top); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{"ready", "reports", "schema_version", "summary"}, slices.Sorted(maps.Keys(top))); diff != "" {
				t.Errorf("members (-want +got):\n%s", diff)
			}
			var agg struct {
				SchemaVersion string            `json:"schema_version"`
				Ready         bool              `json:"ready"`
				Summary       map[string]int    `json:"summary"`
				Reports       []json.RawMessage `json:"reports"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &agg); err != nil {
				t.Fatal(err)
			}
			if agg.SchemaVersion != "2" || len(agg.Reports) != tc.reports {
				t.Fatalf("schema_version %q with %d reports, want \"2\" with %d", agg.SchemaVersion, len(agg.Reports), tc.reports)
			}
			lines := dmaprep(t, "", nil, "check", "--now", fixedNow, "--format", "jsonl", tc.arg)
			var elements []string
			for _, raw := range agg.Reports {
				var compact bytes.Buffer
				if err := json.Compact(&compact, raw); err != nil {
					t.Fatal(err)
				}
				elements = append(elements, compact.String())
				var rep report.Report
				if err := json.Unmarshal(raw, &rep); err != nil || rep.SchemaVersion != "1" {
					t.Errorf("a report: schema_version %q, %v", rep.SchemaVersion, err)
				}
				if tc.reports == 1 && (rep.Ready != agg.Ready || !cmp.Equal(rep.Summary, agg.Summary)) {
					t.Errorf("one document: aggregate ready %v %v, its report's %v %v", agg.Ready, agg.Summary, rep.Ready, rep.Summary)
				}
			}
			if diff := cmp.Diff(strings.Split(strings.TrimSuffix(lines.stdout, "\n"), "\n"), elements); diff != "" {
				t.Errorf("jsonl lines (-) and json's reports (+) differ:\n%s", diff)
			}
		})
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
	if rep, err := reportOfOne(readFile(t, jsonFile)); err != nil || !rep.Ready {
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
	// The runner's own answers to --run and --threshold do not depend on the policies: a
	// module of one test and a rule it leaves uncovered, alone (--no-builtin: compiling the
	// embedded policies and their tests would cost most of a second each time).
	dir := t.TempDir()
	src := "package acme\n\nuncovered if input.x == 1\n\ntest_ok if 1 == 1\n"
	if err := os.WriteFile(filepath.Join(dir, "acme_test.rego"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := dmaprep(t, "", nil, "test", "--no-builtin", "--policy", dir, "--run", "no_such_test_anywhere"); r.code != exitError || !strings.Contains(r.stderr, "no test ran") {
		t.Errorf("no matching test: exit %d, want 2\n%s", r.code, r.stderr)
	}
	// A --run that is no regular expression is named, before anything is loaded.
	if r := dmaprep(t, "", nil, "test", "--run", "("); r.code != exitError || !strings.Contains(r.stderr, `--run "(": not a regular expression`) {
		t.Errorf("bad --run: exit %d, want 2\n%s", r.code, r.stderr)
	}
	// One test's coverage is far below 100%.
	if r := dmaprep(t, "", nil, "test", "--no-builtin", "--policy", dir, "--run", "test_ok", "--threshold", "100"); r.code != exitNotReady || !strings.Contains(r.stderr, "below the threshold") {
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
	// The reporters do not depend on the policies: the module runs alone (--no-builtin).
	r := dmaprep(t, "", nil, "test", "--no-builtin", "--policy", dir, "--run", "acme_test", "--var-values")
	if r.code != exitNotReady {
		t.Fatalf("exit %d, want 1\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"data.acme_test.test_sum: FAIL", "x == 3", "\t2\n", "FAIL: 1/2"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("pretty output lacks %q:\n%s", want, r.stdout)
		}
	}
	j := dmaprep(t, "", nil, "test", "--no-builtin", "--policy", dir, "--run", "acme_test", "--format", "json")
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

// TestCompletionAndVersion: `completion SHELL` prints a script for each shell that asks
// dmaprep for its candidates; those candidates are the commands, and a command's flags
// after "-"; --version prints the version, and -v is no longer it (it is --verbose).
func TestCompletionAndVersion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		r := dmaprep(t, "", nil, "completion", shell)
		wantCode(t, r, exitReady)
		if !strings.Contains(r.stdout, "dmaprep") || (shell != "fish" && !strings.Contains(r.stdout, "--generate-bash-completion")) {
			t.Errorf("completion %s:\n%s", shell, r.stdout)
		}
	}
	if r := dmaprep(t, "", nil, "completion", "tcsh"); r.code != exitError || !strings.Contains(r.stderr, `unknown shell "tcsh"`) {
		t.Errorf("completion tcsh: exit %d, stderr %q", r.code, r.stderr)
	}
	commands := strings.Fields(dmaprep(t, "", nil, "--generate-bash-completion").stdout)
	for _, want := range []string{"check", "gather", "validate", "requirements", "completion"} {
		if !slices.Contains(commands, want) {
			t.Errorf("the candidates %v lack %s", commands, want)
		}
	}
	flags := strings.Fields(dmaprep(t, "", nil, "check", "--f", "--generate-bash-completion").stdout)
	if !slices.Contains(flags, "--format") || !slices.Contains(flags, "--fail-on") {
		t.Errorf("check --f candidates: %v", flags)
	}
	r := dmaprep(t, "", nil, "--version")
	if r.code != exitReady || !strings.HasPrefix(r.stdout, "dmaprep version ") {
		t.Errorf("--version: exit %d, %q", r.code, r.stdout)
	}
	if r := dmaprep(t, "", nil, "-v"); r.code != exitError {
		t.Errorf("-v at the top: exit %d, want 2 (it is --verbose where a command has one)", r.code)
	}
	if r := dmaprep(t, "", nil, "test", "-v", "--run", "test_pair_names"); r.code != exitReady || !strings.Contains(r.stdout, "test_pair_names_both_agents_and_the_mode") {
		t.Errorf("test -v: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestHelpFitsTheWidth: every command's --help fits 100 columns (COLUMNS=100), and check's
// lists the gather and policy flags under their own headings.
func TestHelpFitsTheWidth(t *testing.T) {
	cols := map[string]string{"COLUMNS": "100"}
	for _, cmd := range [][]string{{}, {"check"}, {"gather", "pair"}, {"gather", "agent"}, {"validate"}, {"requirements"}, {"test"}, {"bundle"}, {"explain"}, {"completion"}} {
		r := dmaprep(t, "", cols, append(cmd, "--help")...)
		wantCode(t, r, exitReady)
		for _, line := range strings.Split(r.stdout, "\n") {
			if len(line) > 100 {
				t.Errorf("%v --help: a line of %d columns: %q", cmd, len(line), line)
			}
		}
	}
	r := dmaprep(t, "", cols, "check", "--help")
	gather, policies := strings.Index(r.stdout, "\n   gather ("), strings.Index(r.stdout, "\n   policies\n")
	if gather < 0 || policies < 0 || strings.Index(r.stdout, "\n   --primary value") < gather || strings.Index(r.stdout, "--data FILE") < policies {
		t.Errorf("check --help does not group the gather and policy flags:\n%s", r.stdout)
	}
}

// TestExplain: explain prints a requirement's title, severity, description, the facts it
// reads, example messages, fix and docs from its METADATA, found by ID or name in any case;
// an unknown one suggests the nearest.
func TestExplain(t *testing.T) {
	r := dmaprep(t, "", map[string]string{"COLUMNS": "100"}, "explain", "backup-same-VERSION")
	wantCode(t, r, exitReady)
	for _, want := range []string{"FO102 backup-same-version: ", "Severity error", "What, why and how it is checked: ",
		"Facts it reads (paths in the fact document; * is primary or backup):\n  agents.*.version\n",
		"Example of a fail message:\n  backup runs 10.6.0.0-17212 (MR 10.6.0, CU unknown), primary runs 10.6.0.0-17110 (MR 10.6.0 CU6)\n",
		"Example of an unknown message (a fact missing):\n  primary: DataMiner version was not collected\n",
		"Fix: ", "Docs:\n  https://docs.dataminer.services/"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("explain lacks %q:\n%s", want, r.stdout)
		}
	}
	assertFolded(t, r.stdout, 100)
	if r := dmaprep(t, "", nil, "explain", "FO1022"); r.code != exitError || !strings.Contains(r.stderr, "did you mean") {
		t.Errorf("explain FO1022: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestExplainEveryRequirement: the explanation of every requirement has each of its parts:
// the description, the facts it reads, an example message of the status it takes when it
// does not hold (and of unknown, when METADATA has one), its fix and every doc link; a
// warning one shows a warn message and an info one an info message.
func TestExplainEveryRequirement(t *testing.T) {
	t.Parallel()
	var reqs []evaluator.Requirement
	if err := json.Unmarshal([]byte(dmaprep(t, "", nil, "requirements", "--format", "json").stdout), &reqs); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(reqs))
	for i, req := range reqs {
		ids[i] = req.ID
	}
	r := dmaprep(t, "", map[string]string{"COLUMNS": "80"}, append([]string{"explain"}, ids...)...)
	wantCode(t, r, exitReady)
	assertFolded(t, r.stdout, 80)
	sections := regexp.MustCompile(`(?m)^FO\d+ `).FindAllStringIndex(r.stdout, -1)
	if len(sections) != len(reqs) {
		t.Fatalf("%d explanations for %d requirements:\n%s", len(sections), len(reqs), r.stdout)
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for i, req := range reqs {
		end := len(r.stdout)
		if i+1 < len(sections) {
			end = sections[i+1][0]
		}
		got := r.stdout[sections[i][0]:end]
		want := []string{req.ID + " " + req.Name + ": ", "What, why and how it is checked: " + flat(req.Description),
			"Example of a " + map[string]string{"error": "fail", "warning": "warn", "info": "info"}[req.Severity] + " message: " + flat(req.ExampleFailure),
			"Fix: " + flat(req.Remediation), "Docs:"}
		if req.Description == "" || len(req.Facts) == 0 || req.ExampleFailure == "" || req.Remediation == "" || len(req.Docs) == 0 {
			t.Errorf("%s lacks a part of its explanation in METADATA: %+v", req.ID, req)
		}
		if req.ExampleUnknown != "" {
			want = append(want, "Example of an unknown message (a fact missing): "+flat(req.ExampleUnknown))
		}
		lines := strings.Split(got, "\n")
		for _, w := range append(slices.Clone(req.Facts), req.Docs...) { // each on a line of its own
			if !slices.ContainsFunc(lines, func(l string) bool { return strings.TrimSpace(l) == w }) {
				t.Errorf("explain %s lacks a line with %q:\n%s", req.ID, w, got)
			}
		}
		for _, w := range want {
			if !strings.Contains(got, w) && !strings.Contains(flat(got), w) {
				t.Errorf("explain %s lacks %q:\n%s", req.ID, w, got)
			}
		}
	}
}

// TestAgentFileIsNamed: validate recognises what `gather agent` writes and says how to use
// it (exit 0); check refuses it (exit 2) with the same hint, not a list of violations.
func TestAgentFileIsNamed(t *testing.T) {
	file := filepath.Join(t.TempDir(), "primary.json")
	wantCode(t, dmaprep(t, "", nil, "gather", "agent", "--dir", primaryDir, "-o", file), exitReady)
	r := dmaprep(t, "", nil, "validate", file)
	wantCode(t, r, exitReady)
	if !strings.Contains(r.stdout, file+": valid agent fact file") || !strings.Contains(r.stdout, "dmaprep check --primary "+file+" --backup") {
		t.Errorf("validate on an agent file:\n%s", r.stdout)
	}
	r = dmaprep(t, "", nil, "check", file)
	wantCode(t, r, exitError)
	if !strings.Contains(r.stderr, file+" is an agent fact file") || strings.Contains(r.stderr, "violations") {
		t.Errorf("check on an agent file:\n%s", r.stderr)
	}
}

// TestCommaIsPartOfAFlagValue: a repeatable flag takes its value whole. A comma in a
// --policy or --output path is part of the path; only the flags whose values never hold a
// comma (here --only) take a comma-separated list.
func TestCommaIsPartOfAFlagValue(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "site a,b")
	pol := filepath.Join(dir, "rules,team")
	copyTree(t, example, pol)
	out := filepath.Join(dir, "report,1.json")
	rep, r := checkJSON(t, "--policy", pol, "--output", "json="+out, readyVIP)
	if r.code != exitReady || !slices.ContainsFunc(rep.Results, func(res report.Result) bool { return res.ID == "ACME001" }) {
		t.Errorf("--policy and --output with a comma: exit %d, ACME001 missing or not ready\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("--output %s: %v", out, err)
	}
	rep, r = checkJSON(t, "--only", "FO101,backup-same-version", readyVIP)
	if got := slices.Collect(maps.Keys(statuses(rep))); r.code != exitReady || len(got) != 2 || statuses(rep)["FO102"] != "pass" {
		t.Errorf("--only FO101,backup-same-version: exit %d, results %v\n%s", r.code, got, r.stderr)
	}
}
