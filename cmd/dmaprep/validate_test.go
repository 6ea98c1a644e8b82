package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// validLines is what validate prints for documents that are all valid, in order.
func validLines(names ...string) string {
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s: valid fact document (schema version 1)\n", n)
	}
	return b.String()
}

// TestValidateTakesCheckInputs: validate reads what check reads (directories recursively
// in lexical order, newline-delimited JSON on stdin) with the same source names, and
// exits 0 when every document is valid, 2 otherwise, naming the document and the field.
func TestValidateTakesCheckInputs(t *testing.T) {
	t.Parallel()
	root, files := batchDir(t)
	badDir := t.TempDir()
	if err := os.CopyFS(badDir, os.DirFS(root)); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(badDir, "sub", "bad.json")
	if err := os.WriteFile(bad, []byte(readFile(t, invalid)), 0o644); err != nil {
		t.Fatal(err)
	}
	ndjson := compactFile(t, readyVIP) + "\n\n" + compactFile(t, readyHostname) + "\n"
	badLine := compactFile(t, readyVIP) + "\n" + compactFile(t, invalid) + "\n" + compactFile(t, readyHostname) + "\n"
	const field = `/agents/primary: unknown field "bogus"`

	tests := []struct {
		name       string
		stdin      string
		args       []string
		code       int
		wantStdout string
		wantStderr []string
	}{
		{name: "directory", args: []string{root}, code: exitReady, wantStdout: validLines(files...)},
		{name: "directory with an invalid document", args: []string{badDir}, code: exitError,
			wantStderr: []string{"invalid fact document\n", bad + " does not match the fact schema", field}},
		{name: "newline-delimited stdin", stdin: ndjson, args: []string{"-"}, code: exitReady, wantStdout: validLines("stdin:1", "stdin:3")},
		{name: "newline-delimited stdin and a file", stdin: ndjson, args: []string{readyVIP, "-"}, code: exitReady,
			wantStdout: validLines(readyVIP, "stdin:1", "stdin:3")},
		{name: "invalid line of newline-delimited stdin", stdin: badLine, args: []string{"-"}, code: exitError,
			wantStderr: []string{"stdin:2 does not match the fact schema", field}},
		{name: "invalid documents in a file and on stdin", stdin: badLine, args: []string{invalid, "-"}, code: exitError,
			wantStderr: []string{"invalid fact documents\n", invalid + " does not match", "stdin:2 does not match"}},
		{name: "line that is not JSON", stdin: ndjson + "{\"schema_version\": \n", args: []string{"-"}, code: exitError, wantStderr: []string{"stdin:4:"}},
		{name: "directory without documents", args: []string{t.TempDir()}, code: exitError, wantStderr: []string{"holds no *.json file"}},
		{name: "stdin twice", args: []string{"-", "-"}, code: exitError, wantStderr: []string{"stdin (-) can be read only once"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := dmaprep(t, tt.stdin, nil, append([]string{"validate"}, tt.args...)...)
			wantCode(t, r, tt.code)
			if diff := cmp.Diff(tt.wantStdout, r.stdout); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
			for _, want := range tt.wantStderr {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr does not contain %q:\n%s", want, r.stderr)
				}
			}
		})
	}
}
