//go:build unix

package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// badInput is one case of testdata/bad-inputs/cases.yaml: a command run on hostile or
// broken input, with the exit code and the message it must give. Paths in args, env and
// symlinks may use {dir} (the case's own temporary directory), {valid} (a ready fact
// document), {primary} and {backup} (the agent folder fixtures), and so may file contents;
// file contents and stdin may use {{valid}} (that document's text), {{valid1}} (the same on one line, for
// newline-delimited stdin), {{repeat N TEXT}} and {{hex BYTES}} (raw bytes, which YAML's
// own escapes cannot give).
type badInput struct {
	Name  string            `yaml:"name"`
	Class string            `yaml:"class"`
	Args  []string          `yaml:"args"`
	Stdin string            `yaml:"stdin"`
	Env   map[string]string `yaml:"env"`
	// Patch writes, for each file name, the valid document with the values at the given
	// JSON pointers replaced by raw JSON text (any text: 1e400, NaN, a lone surrogate);
	// the text "~delete" removes the member instead.
	Patch map[string]map[string]string `yaml:"patch"`
	// Serial cases run one at a time, before the others (which run in parallel with
	// each other): those that race a time limit. The corpus as a whole runs in parallel
	// with the package's other tests.
	Serial bool `yaml:"serial"`
	// Files to write into {dir} (after the copies, replacing a folder at their name);
	// Folders to copy there from testdata/agents; FIFOs and Symlinks to make there (after
	// the copies, replacing what is at their names).
	Files    map[string]string `yaml:"files"`
	Folders  map[string]string `yaml:"folders"`
	FIFOs    []string          `yaml:"fifos"`
	Symlinks map[string]string `yaml:"symlinks"`
	Dirs     []string          `yaml:"dirs"`
	// Code is the exit code; Stderr and Stdout fragments the output must hold, NotStderr
	// and NotStdout what it must not; Absent files that must not exist afterwards.
	Code       int      `yaml:"code"`
	Stderr     []string `yaml:"stderr"`
	Stdout     []string `yaml:"stdout"`
	NotStderr  []string `yaml:"not_stderr"`
	NotStdout  []string `yaml:"not_stdout"`
	Absent     []string `yaml:"absent"`
	MaxSeconds float64  `yaml:"max_seconds"`
	// StdoutLines, when set, is how many lines stdout holds on an error: the reports a
	// streaming format wrote before the document that stopped the run.
	StdoutLines *int `yaml:"stdout_lines"`
}

var (
	repeatRE = regexp.MustCompile(`\{\{repeat (\d+) ([^}]*)\}\}`)
	hexRE    = regexp.MustCompile(`\{\{hex ([0-9a-f]+)\}\}`)
)

// TestBadInputs runs every case of the corpus through the real CLI, in-process: exit
// code, message, no stdout on a usage error, nothing half-written, and within its time.
func TestBadInputs(t *testing.T) {
	t.Parallel()
	cases := loadCorpus[badInput](t, "../../testdata/bad-inputs/cases.yaml", 400)
	fx := newCorpusFixtures(t)
	eachCase(t, cases, func(tc badInput) badInput { return tc }, func(t *testing.T, tc badInput) {
		fx.run(t, tc, t.TempDir())
	})
}

// eachCase runs each case of a corpus as the subtest CLASS/NAME, in parallel unless it is
// serial; two cases of one name are an error. common gives a case's badInput part.
func eachCase[T any](t *testing.T, cases []T, common func(T) badInput, run func(*testing.T, T)) {
	seen := map[string]bool{}
	for _, tc := range cases {
		in := common(tc)
		if seen[in.Name] {
			t.Errorf("two cases named %q", in.Name)
		}
		seen[in.Name] = true
		t.Run(in.Class+"/"+in.Name, func(t *testing.T) {
			if !in.Serial {
				t.Parallel()
			}
			run(t, tc)
		})
	}
}

// loadCorpus reads the cases of a corpus file; a corpus of fewer than least cases is an
// error (a YAML mistake can silently drop most of them).
func loadCorpus[T any](t *testing.T, path string, least int) []T {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []T
	if err := yaml.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < least {
		t.Errorf("%s holds %d cases, want at least %d", path, len(cases), least)
	}
	return cases
}

// corpusFixtures are what the placeholders of every bad-input corpus stand for.
type corpusFixtures struct {
	valid, validText, compact, agents string
}

func newCorpusFixtures(t *testing.T) corpusFixtures {
	t.Helper()
	valid, _ := filepath.Abs("../../testdata/facts/valid/ready-vip.json")
	validText := readFile(t, valid)
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(validText)); err != nil {
		t.Fatal(err)
	}
	agents, _ := filepath.Abs(agentsDir)
	return corpusFixtures{valid: valid, validText: validText, compact: compact.String(), agents: agents}
}

// content expands the placeholders of file contents and stdin: {{valid}}, {{valid1}},
// {{repeat N TEXT}} and {{hex BYTES}}.
func (fx corpusFixtures) content(t *testing.T, s string) string {
	s = strings.ReplaceAll(s, "{{valid}}", fx.validText)
	s = strings.ReplaceAll(s, "{{valid1}}", fx.compact)
	s = repeatRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := repeatRE.FindStringSubmatch(m)
		n, _ := strconv.Atoi(sub[1])
		return strings.Repeat(sub[2], n)
	})
	return hexRE.ReplaceAllStringFunc(s, func(m string) string {
		b, err := hex.DecodeString(hexRE.FindStringSubmatch(m)[1])
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	})
}

// expander replaces the path placeholders ({dir}, {valid}, {primary}, {backup}) and the
// extra old, new pairs a corpus adds (the API corpus's {url}, say).
func (fx corpusFixtures) expander(dir string, extra ...string) func(string) string {
	r := strings.NewReplacer(append([]string{"{dir}", dir, "{valid}", fx.valid,
		"{primary}", filepath.Join(fx.agents, "primary"), "{backup}", filepath.Join(fx.agents, "backup")}, extra...)...)
	return r.Replace
}

// run makes tc's files in dir, runs its command and checks what it must; extra are more
// placeholder pairs for its paths and arguments. It returns the run's result for checks
// of the corpus's own.
func (fx corpusFixtures) run(t *testing.T, tc badInput, dir string, extra ...string) result {
	t.Helper()
	expand := fx.expander(dir, extra...)
	for name, from := range tc.Folders {
		copyTree(t, filepath.Join(fx.agents, from), filepath.Join(dir, name))
	}
	for name, text := range tc.Files {
		// A file may replace a folder of a copied fixture (Elements, say).
		if info, err := os.Lstat(filepath.Join(dir, name)); err == nil && info.IsDir() {
			os.RemoveAll(filepath.Join(dir, name))
		}
		write(t, filepath.Join(dir, name), expand(fx.content(t, text)))
	}
	for name, changes := range tc.Patch {
		expanded := map[string]string{}
		for pointer, value := range changes {
			expanded[pointer] = fx.content(t, value)
		}
		write(t, filepath.Join(dir, name), patched(t, fx.validText, expanded))
	}
	for _, name := range tc.Dirs {
		os.RemoveAll(filepath.Join(dir, name))
		os.MkdirAll(filepath.Join(dir, name), 0o755)
	}
	for _, name := range tc.FIFOs {
		p := filepath.Join(dir, name)
		os.RemoveAll(p)
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Fatalf("mkfifo: %v", err)
		}
	}
	for name, target := range tc.Symlinks {
		p := filepath.Join(dir, name)
		os.RemoveAll(p)
		if err := os.Symlink(expand(target), p); err != nil {
			t.Fatal(err)
		}
	}
	args := make([]string, len(tc.Args))
	for i, a := range tc.Args {
		args[i] = expand(a)
	}
	env := map[string]string{}
	for k, v := range tc.Env {
		env[k] = expand(v)
	}
	before := listTree(t, dir)
	start := time.Now()
	r := dmaprep(t, fx.content(t, tc.Stdin), env, args...)
	elapsed := time.Since(start)
	if r.code != tc.Code {
		t.Errorf("exit %d, want %d; stderr: %s", r.code, tc.Code, cutForLog(r.stderr))
	}
	for _, want := range tc.Stderr {
		if !strings.Contains(r.stderr, expand(want)) {
			t.Errorf("stderr %q lacks %q", cutForLog(r.stderr), expand(want))
		}
	}
	for _, want := range tc.Stdout {
		if !strings.Contains(r.stdout, expand(want)) {
			t.Errorf("stdout lacks %q:\n%s", expand(want), cutForLog(r.stdout))
		}
	}
	for _, bad := range tc.NotStderr {
		if strings.Contains(r.stderr, bad) {
			t.Errorf("stderr holds %q: %s", bad, cutForLog(r.stderr))
		}
	}
	for _, bad := range tc.NotStdout {
		if strings.Contains(r.stdout, bad) {
			t.Errorf("stdout holds %q", bad)
		}
	}
	if tc.StdoutLines != nil {
		if n := strings.Count(r.stdout, "\n"); n != *tc.StdoutLines {
			t.Errorf("stdout has %d lines, want %d:\n%s", n, *tc.StdoutLines, cutForLog(r.stdout))
		}
	}
	if tc.Code == exitError {
		if r.stdout != "" && tc.StdoutLines == nil {
			t.Errorf("stdout %q on an error, want nothing", cutForLog(r.stdout))
		}
		if !strings.HasPrefix(r.stderr, "dmaprep: ") || strings.Count(strings.TrimSpace(r.stderr), "\n") > 40 {
			t.Errorf("stderr is not a short dmaprep: message: %s", cutForLog(r.stderr))
		}
	}
	if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic:") {
		t.Errorf("a panic: %s", cutForLog(r.stderr))
	}
	for _, name := range tc.Absent {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s was written", name)
		}
	}
	// A failed run leaves the directory as it found it: no temporary file.
	if tc.Code == exitError {
		if after := listTree(t, dir); after != before {
			t.Errorf("the run changed its directory:\nbefore %s\nafter  %s", before, after)
		}
	}
	limit := tc.MaxSeconds
	if limit == 0 {
		limit = 20
	}
	if elapsed.Seconds() > limit {
		t.Errorf("took %v, want at most %vs", elapsed, limit)
	}
	return r
}
