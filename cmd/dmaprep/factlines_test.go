package main

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dmaprep/dmaprep/report"
)

// TestFactLine: the line of a result's first fact, for the agent of its first finding;
// an absent fact takes its nearest present parent's line, and no fact at all line 1.
func TestFactLine(t *testing.T) {
	t.Parallel()
	lines := map[string]int{"": 1, "/agents": 2, "/agents/primary": 3, "/agents/primary/version": 4,
		"/agents/backup": 10, "/agents/backup/version": 11, "/intent": 20}
	backup := report.Result{Findings: []report.Finding{{Message: "pair"}, {Message: "b", Agents: []string{"backup"}}}}
	pair := report.Result{Findings: []report.Finding{{Message: "pair"}}}
	for _, tc := range []struct {
		name  string
		res   report.Result
		facts []string
		want  int
	}{
		{"agent of the first finding that names one", backup, []string{"agents.*.version"}, 11},
		{"the primary for a pair-wide finding", pair, []string{"agents.*.version", "intent.virtual_ips"}, 4},
		{"a named agent", pair, []string{"agents.backup.version"}, 11},
		{"an absent fact: its parent", backup, []string{"agents.*.element_count"}, 10},
		{"an absent fact under an absent parent", pair, []string{"network.dns.forward"}, 1},
		{"no facts listed", backup, nil, 1},
	} {
		if got := factLine(tc.res, tc.facts, lines); got != tc.want {
			t.Errorf("%s: line %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestGitHubAnnotationLines: with --format github (or --output github=FILE), each
// annotation points at the line of its requirement's first fact in the fact document: in
// the sample where the backup's version differs, FO102 points at the backup's "version"
// key. Facts from stdin get neither file= nor line=.
func TestGitHubAnnotationLines(t *testing.T) {
	t.Parallel()
	src := readFile(t, failing)
	want := 0
	inBackup := false
	for i, l := range strings.Split(src, "\n") {
		inBackup = inBackup || strings.HasPrefix(strings.TrimSpace(l), `"backup": {`)
		if inBackup && strings.HasPrefix(strings.TrimSpace(l), `"version": {`) {
			want = i + 1
			break
		}
	}
	if want <= 1 {
		t.Fatalf("%s: no version key under backup", failing)
	}
	annotation := regexp.MustCompile(`(?m)^::error file=([^,]+),line=(\d+),title=FO102 `)
	out := filepath.Join(t.TempDir(), "annotations.txt")
	r := dmaprep(t, "", nil, "check", "--now", fixedNow, "--format", "github", "--output", "github="+out, failing)
	wantCode(t, r, exitNotReady)
	for name, text := range map[string]string{"stdout": r.stdout, "--output": readFile(t, out)} {
		m := annotation.FindStringSubmatch(text)
		if m == nil || m[1] != failing || m[2] != strconv.Itoa(want) {
			t.Errorf("%s: FO102 annotation %q, want file=%s,line=%d:\n%s", name, m, failing, want, text)
		}
	}
	if !strings.Contains(r.stdout, ",line=") || strings.Contains(r.stdout, ",line=0,") {
		t.Errorf("annotations without a line:\n%s", r.stdout)
	}
	r = dmaprep(t, src, nil, "check", "--now", fixedNow, "--format", "github", "-")
	if strings.Contains(r.stdout, "file=") || strings.Contains(r.stdout, "line=") {
		t.Errorf("facts on stdin: annotations name a file or line:\n%s", r.stdout)
	}
}
