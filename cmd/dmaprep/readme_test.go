package main

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const catalogueStart, catalogueEnd = "<!-- catalogue:start -->\n", "<!-- catalogue:end -->"

// TestReadmeCatalogue keeps the README's requirement table equal to what the policies
// say; with -update it rewrites the table.
func TestReadmeCatalogue(t *testing.T) {
	const path = "../../README.md"
	readme := readFile(t, path)
	start := strings.Index(readme, catalogueStart)
	end := strings.Index(readme, catalogueEnd)
	if start < 0 || end < start {
		t.Fatalf("README.md has no %q ... %q section", catalogueStart, catalogueEnd)
	}
	r := dmaprep(t, "", nil, "requirements", "--format", "markdown")
	if r.code != exitReady {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got := readme[start+len(catalogueStart) : end]
	if *update {
		updated := readme[:start+len(catalogueStart)] + r.stdout + readme[end:]
		if err := os.WriteFile(path, []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(r.stdout, got); diff != "" {
		t.Errorf("README catalogue is stale (-policies +README); run `make golden`:\n%s", diff)
	}
}
