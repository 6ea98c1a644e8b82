package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const catalogueStart, catalogueEnd = "<!-- catalogue:start -->\n", "<!-- catalogue:end -->"

// TestReadmeCatalogue keeps the README's requirement table equal to what the policies
// say; with -update it rewrites the table.
func TestReadmeCatalogue(t *testing.T) {
	t.Parallel()
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

// TestReviewCoversEveryRequirement keeps docs/REVIEW.md, the table of the doc page and
// section each requirement rests on, in step with the policies: one row per requirement,
// and each row's page among the requirement's own doc links.
func TestReviewCoversEveryRequirement(t *testing.T) {
	t.Parallel()
	review := readFile(t, "../../docs/REVIEW.md")
	rows := map[string]string{}
	for _, line := range strings.Split(review, "\n") {
		if id, rest, ok := strings.Cut(strings.TrimPrefix(line, "| "), " | "); ok && strings.HasPrefix(id, "FO") {
			rows[id] = rest
		}
	}
	r := dmaprep(t, "", nil, "requirements", "--format", "json")
	var reqs []struct {
		ID   string   `json:"id"`
		Docs []string `json:"docs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &reqs); err != nil {
		t.Fatalf("requirements: %v\n%s", err, r.stdout)
	}
	for _, req := range reqs {
		row, ok := rows[req.ID]
		if !ok {
			t.Errorf("docs/REVIEW.md has no row for %s", req.ID)
			continue
		}
		delete(rows, req.ID)
		linked := false
		for _, doc := range req.Docs {
			linked = linked || strings.Contains(row, "("+doc+")")
		}
		if !linked {
			t.Errorf("docs/REVIEW.md: the page of %s is not among its related_resources %v", req.ID, req.Docs)
		}
	}
	for id := range rows {
		t.Errorf("docs/REVIEW.md has a row for %s, which is no requirement", id)
	}
}
