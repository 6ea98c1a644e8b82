package facts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestValidFixtures checks that every fact document under testdata/facts/valid passes the
// schema, so fixtures cannot drift from the contract.
func TestValidFixtures(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../testdata/facts/valid/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures found: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc := decodeFile(t, f)
			violations, err := Validate(doc)
			if err != nil {
				t.Fatal(err)
			}
			if len(violations) > 0 {
				t.Errorf("schema violations:\n%s", joinViolations(violations))
			}
		})
	}
}

// TestEarlyVersion1Documents checks that documents written by the first release of the
// version 1 schema still validate: later additions are optional, never required.
func TestEarlyVersion1Documents(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../testdata/facts/v1-early/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no early documents: %v", err)
	}
	for _, f := range files {
		violations, err := Validate(decodeFile(t, f))
		if err != nil || len(violations) > 0 {
			t.Errorf("%s: %v\n%s", f, err, joinViolations(violations))
		}
	}
}

// TestInvalidFixtures checks that every document under testdata/facts/invalid fails with
// exactly the violations listed in its .violations file.
func TestInvalidFixtures(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../testdata/facts/invalid/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures found: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			want, err := os.ReadFile(strings.TrimSuffix(f, ".json") + ".violations")
			if err != nil {
				t.Fatal(err)
			}
			violations, err := Validate(decodeFile(t, f))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(strings.TrimSpace(string(want)), joinViolations(violations)); diff != "" {
				t.Errorf("violations (-want +got):\n%s", diff)
			}
		})
	}
}

func decodeFile(t *testing.T, path string) any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := Decode(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func joinViolations(vs []Violation) string {
	lines := make([]string, len(vs))
	for i, v := range vs {
		lines[i] = v.String()
	}
	return strings.Join(lines, "\n")
}
