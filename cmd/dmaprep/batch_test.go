package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/dmaprep/dmaprep/report"
	"github.com/google/go-cmp/cmp"
)

// batchDir copies a few sample documents into a tree (one in a subdirectory, one file that
// is not *.json) and returns its root and the paths in the order a run must report them.
func batchDir(t *testing.T) (string, []string) {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"b-failing.json":        failing,
		"a-ready.json":          readyVIP,
		"sub/c-hostname.json":   readyHostname,
		"sub/d-legacy.json":     "../../testdata/facts/valid/fo105-legacy-version.json",
		"z-notes.txt":           readyVIP,
		"sub/deeper/e-vip.JSON": "../../testdata/facts/valid/fo203-vip-in-use.json",
	}
	for name, src := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(readFile(t, src)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var want []string
	for _, n := range []string{"a-ready.json", "b-failing.json", "sub/c-hostname.json", "sub/d-legacy.json", "sub/deeper/e-vip.JSON"} {
		want = append(want, filepath.Join(root, n))
	}
	return root, want
}

func sourcesOf(t *testing.T, jsonl string) []string {
	t.Helper()
	var got []string
	for _, line := range strings.Split(strings.TrimSuffix(jsonl, "\n"), "\n") {
		var rep report.Report
		if err := json.Unmarshal([]byte(line), &rep); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		got = append(got, rep.Source)
	}
	return got
}

func TestDirectoryInputInStableOrder(t *testing.T) {
	t.Parallel()
	root, want := batchDir(t)
	r := dmaprep(t, "", nil, "check", "--now", fixedNow, "--format", "jsonl", root)
	if r.code != exitNotReady {
		t.Fatalf("exit %d, want 1 (one document fails)\n%s", r.code, r.stderr)
	}
	if diff := cmp.Diff(want, sourcesOf(t, r.stdout)); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
}

// Every format gives the same bytes whatever the number of jobs (one run writes them all,
// through --output).
func TestJobsDoNotChangeTheOutput(t *testing.T) {
	t.Parallel()
	root, _ := batchDir(t)
	run := func(jobs string) map[string]string {
		dir := t.TempDir()
		args := []string{"check", "--now", fixedNow, "--jobs", jobs}
		for _, format := range report.Names() {
			args = append(args, "--output", format+"="+filepath.Join(dir, format))
		}
		r := dmaprep(t, "", nil, append(args, readyVIP, root, failing)...)
		if r.code != exitNotReady {
			t.Fatalf("--jobs %s: exit %d\n%s", jobs, r.code, r.stderr)
		}
		out := map[string]string{"stdout": r.stdout}
		for _, format := range report.Names() {
			out[format] = readFile(t, filepath.Join(dir, format))
		}
		return out
	}
	one, four := run("1"), run("4")
	for format, want := range one {
		if four[format] != want {
			t.Errorf("%s: --jobs 4 output differs from --jobs 1:\n%s", format, cmp.Diff(want, four[format]))
		}
	}
}

// compactFile is the JSON document at path on one line, as newline-delimited JSON holds it.
func compactFile(t *testing.T, path string) string {
	t.Helper()
	return strings.Join(strings.Fields(readFile(t, path)), " ")
}

func TestNewlineDelimitedStdin(t *testing.T) {
	t.Parallel()
	compact := func(path string) string { return compactFile(t, path) }
	stdin := compact(readyVIP) + "\n\n" + compact(failing) + "\n" + compact(readyHostname) + "\n"
	r := dmaprep(t, stdin, nil, "check", "--now", fixedNow, "--format", "jsonl", "-")
	if r.code != exitNotReady {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if diff := cmp.Diff([]string{"stdin:1", "stdin:3", "stdin:4"}, sourcesOf(t, r.stdout)); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	// One compact document is just "stdin", as a pretty-printed one is.
	if r := dmaprep(t, compact(readyVIP)+"\n", nil, "check", "--format", "jsonl", "-"); r.code != exitReady || !slices.Equal(sourcesOf(t, r.stdout), []string{"stdin"}) {
		t.Errorf("one line: exit %d, %s", r.code, r.stdout)
	}
	// A broken line is named by its line number.
	r = dmaprep(t, compact(readyVIP)+"\n{\"schema_version\": \n", nil, "check", "--format", "jsonl", "-")
	if r.code != exitError || !strings.Contains(r.stderr, "stdin:2:") {
		t.Errorf("broken second line: exit %d, stderr %s", r.code, r.stderr)
	}
}

// A document that cannot be judged in the middle of a run: the streaming formats have
// written the reports before it, the summarising ones nothing, and no --output file
// appears.
func TestMidStreamFailure(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "report.json")
	args := []string{"--now", fixedNow, "--output", "json=" + out, readyVIP, invalid, failing}
	text := dmaprep(t, "", nil, append([]string{"check"}, args...)...)
	if text.code != exitError || !strings.Contains(text.stderr, "several-violations.json does not match the fact schema") {
		t.Fatalf("exit %d, stderr %s", text.code, text.stderr)
	}
	if !strings.HasPrefix(text.stdout, "dmaprep: "+readyVIP+": READY") || strings.Contains(text.stdout, failing) || strings.Contains(text.stdout, "All ") {
		t.Errorf("text stdout should hold the first report only:\n%s", text.stdout)
	}
	if js := dmaprep(t, "", nil, append([]string{"check", "--format", "json"}, args...)...); js.code != exitError || js.stdout != "" {
		t.Errorf("json: exit %d, stdout %q", js.code, js.stdout)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a run that could not judge left %d files in %s", len(entries), dir)
	}
}

// judgeAll holds a bounded number of documents whatever the length of the run, and emits
// in input order.
func TestJudgeAllIsBoundedAndOrdered(t *testing.T) {
	t.Parallel()
	const n, jobs = 500, 3
	var inFlight, most atomic.Int64
	docs := func(yield func(input) bool) {
		for i := range n {
			if !yield(input{name: fmt.Sprint(i)}) {
				return
			}
		}
	}
	var got []string
	err := judgeAll(context.Background(), docs, jobs, func(in input) (report.Report, error) {
		cur := inFlight.Add(1)
		for m := most.Load(); cur > m && !most.CompareAndSwap(m, cur); m = most.Load() {
		}
		return report.Report{Source: in.name}, nil
	}, func(r report.Report) error {
		inFlight.Add(-1)
		got = append(got, r.Source)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range got {
		if s != fmt.Sprint(i) {
			t.Fatalf("report %d is %s: out of order", i, s)
		}
	}
	if len(got) != n {
		t.Fatalf("%d reports, want %d", len(got), n)
	}
	// 2*jobs queued in order, one being handed to a worker, jobs being judged.
	if limit := int64(3*jobs + 1); most.Load() > limit {
		t.Errorf("up to %d reports were held at once, want at most %d", most.Load(), limit)
	}
}

// A run long enough that the summarising formats keep their parts in scratch files beside
// the --output files (over 1 MiB each): after a complete run only the reports are there,
// after a run stopped by a bad document at the end nothing is; the complete run's report
// holds every document.
func TestScratchFilesBesideOutputsAreRemoved(t *testing.T) {
	const copies = 24 // about 1.4 MB of JSON
	docs := slices.Repeat([]string{readyVIP}, copies)
	for _, last := range []string{failing, invalid} {
		dir := t.TempDir()
		args := []string{"check", "--now", fixedNow, "--format", "jsonl", "--output", "json=" + filepath.Join(dir, "r.json"), "--output", "html=" + filepath.Join(dir, "r.html")}
		r := dmaprep(t, "", nil, append(append(args, docs...), last)...)
		var want []string
		if last == failing {
			if r.code != exitNotReady {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			var agg report.Aggregate
			if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "r.json"))), &agg); err != nil || len(agg.Reports) != copies+1 {
				t.Errorf("r.json: %d reports, %v", len(agg.Reports), err)
			}
			want = []string{"r.html", "r.json"}
		} else if r.code != exitError {
			t.Fatalf("exit %d, want 2\n%s", r.code, r.stderr)
		}
		var got []string
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			got = append(got, e.Name())
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("last document %s: files in the output directory (-want +got):\n%s", last, diff)
		}
	}
}
