package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestJSONIsAlwaysTheAggregate: one document, two and none give the same object, at
// AggregateSchemaVersion, with the verdict and counts over its reports; each element of
// reports is the report as jsonl writes it (compacted, byte for byte), with its own
// schema_version.
func TestJSONIsAlwaysTheAggregate(t *testing.T) {
	t.Parallel()
	for _, s := range []Set{singleSet(), fixtureSet(), {}} {
		out := renderSet(t, JSON, s)
		var agg struct {
			SchemaVersion string            `json:"schema_version"`
			Ready         *bool             `json:"ready"`
			Summary       map[string]int    `json:"summary"`
			Reports       []json.RawMessage `json:"reports"`
		}
		dec := json.NewDecoder(bytes.NewReader(out))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&agg); err != nil {
			t.Fatalf("%d documents: %v\n%s", len(s.Reports), err, out)
		}
		if agg.SchemaVersion != AggregateSchemaVersion || agg.Ready == nil || *agg.Ready != s.Ready() || !cmp.Equal(agg.Summary, s.Summary()) {
			t.Errorf("%d documents: schema_version %q, ready %v, summary %v", len(s.Reports), agg.SchemaVersion, agg.Ready, agg.Summary)
		}
		if agg.Reports == nil || len(agg.Reports) != len(s.Reports) {
			t.Fatalf("%d documents: reports %v", len(s.Reports), agg.Reports)
		}
		lines := strings.SplitAfter(string(renderSet(t, JSONLines, s)), "\n")
		for i, raw := range agg.Reports {
			var compact bytes.Buffer
			if err := json.Compact(&compact, raw); err != nil {
				t.Fatal(err)
			}
			if got := compact.String() + "\n"; got != lines[i] {
				t.Errorf("%d documents: report %d differs from its jsonl line:\n%s", len(s.Reports), i, cmp.Diff(lines[i], got))
			}
			if !strings.HasPrefix(compact.String(), `{"schema_version":"1",`) {
				t.Errorf("report %d does not start with its own schema_version: %.40s", i, compact.String())
			}
		}
	}
}
