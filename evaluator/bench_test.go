package evaluator_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/dmaprep/dmaprep/evaluator"
	"github.com/dmaprep/dmaprep/policies"
	"github.com/dmaprep/dmaprep/schema"
)

var builtin = evaluator.Config{
	Sources: []evaluator.Source{{Name: "policies", FS: policies.FS}},
	Data:    map[string]any{"dmaprep": map[string]any{"params": map[string]any{"fail_on": "fail"}}},
}

func typicalFacts(b *testing.B) any {
	b.Helper()
	data, err := os.ReadFile("../testdata/facts/valid/ready-vip.json")
	if err != nil {
		b.Fatal(err)
	}
	doc, err := schema.DecodeBytes(data, "ready-vip.json")
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// BenchmarkEvaluate is one evaluation of a typical fact document with the embedded
// policies, prepared once outside the loop: the per-document cost in a batch.
func BenchmarkEvaluate(b *testing.B) {
	ctx := context.Background()
	ev, err := evaluator.New(ctx, builtin)
	if err != nil {
		b.Fatal(err)
	}
	doc := typicalFacts(b)
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ev.Evaluate(ctx, doc, now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNew is the start-up cost: parse, check, compile and prepare the embedded
// policies (once per process).
func BenchmarkNew(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := evaluator.New(ctx, builtin); err != nil {
			b.Fatal(err)
		}
	}
}
