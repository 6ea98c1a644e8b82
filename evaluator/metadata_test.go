package evaluator

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/policies"
	"github.com/dmaprep/dmaprep/report"
)

// The METADATA that `dmaprep explain` shows beyond the docs' prose: the facts each
// requirement reads and its example messages. These tests keep them true.

var embedded = sync.OnceValues(func() (*Evaluator, error) {
	return New(context.Background(), Config{Sources: []Source{{Name: "policies", FS: policies.FS}}})
})

func embeddedEvaluator(t *testing.T) *Evaluator {
	t.Helper()
	ev, err := embedded()
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// schemaNode follows a dotted fact path through the fact document's JSON Schema, through
// $refs, and says whether every step is a declared property.
func schemaNode(schema map[string]any, path string) bool {
	node := schema
	for seg := range strings.SplitSeq(path, ".") {
		for {
			ref, ok := node["$ref"].(string)
			if !ok {
				break
			}
			node, _ = schema["$defs"].(map[string]any)[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		}
		props, _ := node["properties"].(map[string]any)
		next, ok := props[seg].(map[string]any)
		if !ok {
			return false
		}
		node = next
	}
	return true
}

// expandAgents gives a fact path once per agent when it reads either ("agents.*.x").
func expandAgents(path string) []string {
	if rest, ok := strings.CutPrefix(path, "agents.*."); ok {
		return []string{"agents.primary." + rest, "agents.backup." + rest}
	}
	return []string{path}
}

// TestRequirementFactsExist: every built-in requirement lists the facts it reads, and each
// is a property of the fact document's schema.
func TestRequirementFactsExist(t *testing.T) {
	t.Parallel()
	var schema map[string]any
	if err := json.Unmarshal(facts.SchemaJSON, &schema); err != nil {
		t.Fatal(err)
	}
	if schemaNode(schema, "agents.primary.no_such_fact") || !schemaNode(schema, "agents.backup.version") {
		t.Fatal("schemaNode does not tell declared properties from others")
	}
	for _, r := range embeddedEvaluator(t).Requirements() {
		if len(r.Facts) == 0 {
			t.Errorf("%s (%s): METADATA has no custom.facts", r.ID, r.File)
		}
		for _, f := range r.Facts {
			for _, p := range expandAgents(f) {
				if strings.Contains(p, "*") || !schemaNode(schema, p) {
					t.Errorf("%s (%s): custom.facts names %s, which is no property of facts/facts.schema.json", r.ID, r.File, f)
				}
			}
		}
	}
}

// examplesNow is the evaluation time of the sample documents' golden reports.
var examplesNow = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// messagesOf evaluates a document and adds each requirement's messages to got, by
// requirement ID and status.
func messagesOf(t *testing.T, ev *Evaluator, doc any, got map[string]map[string][]string) {
	t.Helper()
	rep, err := ev.Evaluate(context.Background(), doc, examplesNow)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if got[r.ID] == nil {
			got[r.ID] = map[string][]string{}
		}
		got[r.ID][r.Status] = append(got[r.ID][r.Status], r.Messages...)
	}
}

func readDoc(t *testing.T, path string) any {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := facts.DecodeBytes(raw, path)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// withNull is doc (decoded JSON) with the fact at a dotted path set to null, or false when
// the path's parent is not in doc.
func withNull(doc any, path string) (any, bool) {
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, false
	}
	var cp any
	if json.Unmarshal(raw, &cp) != nil {
		return nil, false
	}
	segs := strings.Split(path, ".")
	node := cp
	for _, s := range segs[:len(segs)-1] {
		m, ok := node.(map[string]any)
		if !ok {
			return nil, false
		}
		node = m[s]
	}
	m, ok := node.(map[string]any)
	if !ok {
		return nil, false
	}
	m[segs[len(segs)-1]] = nil
	return cp, true
}

// TestRequirementExamples: each built-in requirement's example_failure is a message it
// gives (fail, or warn or info by its severity) for one of the sample documents of
// testdata/facts/valid; its example_unknown, when it has one, is a message it gives as
// unknown when one of its listed facts is null in a ready sample.
func TestRequirementExamples(t *testing.T) {
	t.Parallel()
	ev := embeddedEvaluator(t)
	files, err := filepath.Glob("../testdata/facts/valid/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample documents: %v", err)
	}
	failing := map[string]map[string][]string{}
	for _, f := range files {
		messagesOf(t, ev, readDoc(t, f), failing)
	}
	ready := []any{readDoc(t, "../testdata/facts/valid/ready-vip.json"), readDoc(t, "../testdata/facts/valid/ready-hostname.json")}
	nulled := map[string]map[string]map[string][]string{} // by fact path: messages with it null
	for _, r := range ev.Requirements() {
		if r.ExampleFailure == "" {
			t.Errorf("%s (%s): METADATA has no custom.example_failure", r.ID, r.File)
		} else if !slices.Contains(failing[r.ID][notHolding[r.Severity]], r.ExampleFailure) {
			t.Errorf("%s (%s): no sample document gives its custom.example_failure %q; it gives %q",
				r.ID, r.File, r.ExampleFailure, failing[r.ID][notHolding[r.Severity]])
		}
		if r.ExampleUnknown == "" {
			continue
		}
		var unknown []string
		for _, f := range r.Facts {
			for _, p := range expandAgents(f) {
				if nulled[p] == nil {
					nulled[p] = map[string]map[string][]string{}
					for _, doc := range ready {
						if d, ok := withNull(doc, p); ok {
							messagesOf(t, ev, d, nulled[p])
						}
					}
				}
				unknown = append(unknown, nulled[p][r.ID][report.StatusUnknown]...)
			}
		}
		if !slices.Contains(unknown, r.ExampleUnknown) {
			t.Errorf("%s (%s): no listed fact set to null gives its custom.example_unknown %q; they give %q",
				r.ID, r.File, r.ExampleUnknown, unknown)
		}
	}
}

// notHolding is the status of a requirement that does not hold, by severity.
var notHolding = map[string]string{"error": "fail", "warning": "warn", "info": "info"}
