package evaluator

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/policies"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// TypicalFacts is the fact document the benchmarks of both test packages evaluate: a ready
// virtual-IP pair, decoded as check decodes it.
func TypicalFacts(tb testing.TB) any {
	tb.Helper()
	raw, err := os.ReadFile("../testdata/facts/valid/ready-vip.json")
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := facts.DecodeBytes(raw, "ready-vip.json")
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// BenchmarkRequirement evaluates each embedded requirement's result on its own, on the
// typical (ready virtual-IP) fact document: the cost a requirement adds to a report, plus
// the shared library rules it is the only one to use here. It points policy authors at the
// requirement to make cheaper: go test -bench Requirement ./evaluator.
func BenchmarkRequirement(b *testing.B) {
	ctx := context.Background()
	ev, err := New(ctx, Config{Sources: []Source{{Name: "policies", FS: policies.FS}}})
	if err != nil {
		b.Fatal(err)
	}
	doc := TypicalFacts(b)
	input, err := ast.InterfaceToValue(doc)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	for _, req := range ev.Requirements() {
		b.Run(req.ID+"-"+req.Name, func(b *testing.B) {
			query, err := rego.New(
				rego.Query("data."+req.Package+".result"),
				rego.Compiler(ev.compiler),
				rego.Store(ev.store),
				rego.StrictBuiltinErrors(true),
			).PrepareForEval(ctx)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				rs, err := query.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTime(now))
				if err != nil || len(rs) != 1 {
					b.Fatalf("%s: no result (%v)", req.ID, err)
				}
			}
		})
	}
}
