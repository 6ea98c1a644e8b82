package evaluator_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dmaprep/dmaprep/evaluator"
	"github.com/dmaprep/dmaprep/internal/testkit"
	"github.com/dmaprep/dmaprep/policies"
	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
)

var builtin = evaluator.Config{
	// Checked as the CLI loads them: its checks skip the type check of the embedded set.
	Sources: []evaluator.Source{{Name: "policies", FS: policies.FS, Checked: true}},
	Data:    map[string]any{"dmaprep": map[string]any{"params": map[string]any{"fail_on": "fail"}}},
}

// BenchmarkEvaluate is one evaluation of a typical fact document with the embedded
// policies, prepared once outside the loop: the per-document cost in a batch.
func BenchmarkEvaluate(b *testing.B) {
	benchEvaluate(b, builtin, 0)
}

// benchEvaluate loads cfg (checking that it holds want requirements, unless want is 0) and
// evaluates the typical fact document in the loop.
func benchEvaluate(b *testing.B, cfg evaluator.Config, want int) {
	ctx := context.Background()
	ev, err := evaluator.New(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	if got := len(ev.Requirements()); want != 0 && got != want {
		b.Fatalf("%d requirements loaded, want %d", got, want)
	}
	doc := evaluator.TypicalFacts(b)
	now := time.Now()
	testkit.Loop(b, func() {
		if _, err := ev.Evaluate(ctx, doc, now); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkOPAStock is what `opa bench -b POLICIES -i DOC data.dmaprep.report` measures,
// on the same policies, data and document as BenchmarkEvaluate: a stock OPA query
// prepared once with the document already converted, and a result handler that keeps
// nothing. BenchmarkEvaluate does more in its loop (it converts the document, reads the
// report into Go and checks it), so the two side by side are dmaprep's own overhead:
//
//	go test -run '^$' -bench 'Evaluate$|OPAStock' -benchmem ./evaluator/
func BenchmarkOPAStock(b *testing.B) {
	ctx := context.Background()
	var modules []func(*rego.Rego)
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS, p)
		modules = append(modules, rego.Module(p, string(src)))
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	doc := evaluator.TypicalFacts(b)
	input, err := ast.InterfaceToValue(doc)
	if err != nil {
		b.Fatal(err)
	}
	prepare := func(opts ...func(*rego.Rego)) rego.PreparedEvalQuery {
		opts = append(opts, rego.Query(evaluator.ReportQuery), rego.Store(inmem.NewFromObject(builtin.Data)), rego.ParsedInput(input))
		pq, err := rego.New(append(opts, modules...)...).PrepareForEval(ctx)
		if err != nil {
			b.Fatal(err)
		}
		return pq
	}
	// Both must judge the document alike, or the comparison means nothing.
	rs, err := prepare().Eval(ctx)
	if err != nil || len(rs) != 1 {
		b.Fatalf("stock OPA: %v (%d results)", err, len(rs))
	}
	ev, err := evaluator.New(ctx, builtin)
	if err != nil {
		b.Fatal(err)
	}
	rep, err := ev.Evaluate(ctx, doc, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	if diff := cmp.Diff(statuses(b, rep), statuses(b, rs[0].Expressions[0].Value)); diff != "" {
		b.Fatalf("stock OPA and dmaprep judge the document differently (-dmaprep +opa):\n%s", diff)
	}
	pq := prepare(rego.GenerateJSON(func(*ast.Term, *rego.EvalContext) (any, error) { return nil, nil }))
	testkit.Loop(b, func() {
		if rs, err := pq.Eval(ctx); err != nil || len(rs) == 0 {
			b.Fatalf("stock OPA: %v (%d results)", err, len(rs))
		}
	})
}

// statuses is each result's status by requirement ID, read from a report as JSON.
func statuses(tb testing.TB, report any) map[string]string {
	tb.Helper()
	raw, err := json.Marshal(report)
	if err != nil {
		tb.Fatal(err)
	}
	var r struct {
		Results []struct{ ID, Status string }
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		tb.Fatal(err)
	}
	out := map[string]string{}
	for _, res := range r.Results {
		out[res.ID] = res.Status
	}
	return out
}

// seedFiles are the requirements of the page dmaprep started from (FO101-FO105,
// FO201-FO204, FO301-FO303, FO401-FO402).
var seedFiles = map[string]bool{
	"backup_same_dataminer_id.rego": true, "backup_same_version.rego": true,
	"backup_not_in_cluster.rego": true, "backup_newly_installed.rego": true,
	"legacy_database_copied.rego": true, "failover_address_defined.rego": true,
	"virtual_ip_count.rego": true, "virtual_ip_unused.rego": true,
	"virtual_ip_distinct.rego": true, "hostname_supported.rego": true,
	"hostname_resolves_to_agents.rego": true, "hostname_reverse_lookup.rego": true,
	"https_certificate_covers_address.rego": true, "https_certificate_signed.rego": true,
}

// BenchmarkEvaluateSeed is BenchmarkEvaluate with only the seed's 14 requirements loaded
// (the library and the report as they are).
func BenchmarkEvaluateSeed(b *testing.B) {
	seed := builtin
	seed.Sources = []evaluator.Source{{Name: "policies", FS: policies.FS, Files: func(p string) bool {
		dir, file := path.Split(p)
		return dir != "requirements/" || seedFiles[file]
	}}}
	benchEvaluate(b, seed, len(seedFiles))
}

// BenchmarkNew is the start-up cost: parse, check, compile and prepare the embedded
// policies (once per process: the caches are emptied before each round).
func BenchmarkNew(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		evaluator.ForgetCompiled()
		if _, err := evaluator.New(ctx, builtin); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewCached is New again on policies the process has compiled before: reading
// and hashing the files, checking the contract and preparing the query.
func BenchmarkNewCached(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := evaluator.New(ctx, builtin); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateFloor is the least an evaluation of n requirements can cost with this
// report: n copies of the cheapest real requirement (FO101, one comparison and a missing
// fact test per agent) under their own IDs, with the real library and report.
func BenchmarkEvaluateFloor(b *testing.B) {
	fo101, err := fs.ReadFile(policies.FS, "requirements/backup_same_dataminer_id.rego")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{14, 51} {
		b.Run(fmt.Sprintf("requirements=%d", n), func(b *testing.B) {
			files := fstest.MapFS{}
			err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || strings.HasPrefix(p, "requirements/") || !strings.HasSuffix(p, ".rego") {
					return err
				}
				data, err := fs.ReadFile(policies.FS, p)
				files[p] = &fstest.MapFile{Data: data}
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
			for i := range n {
				src := strings.NewReplacer(
					"id: FO101", fmt.Sprintf("id: FO%03d", 101+i),
					"name: backup-same-dataminer-id", fmt.Sprintf("name: copy-%d", i),
					"package dmaprep.requirements.backup_same_dataminer_id", fmt.Sprintf("package dmaprep.requirements.copy_%d", i),
				).Replace(string(fo101))
				files[fmt.Sprintf("requirements/copy_%d.rego", i)] = &fstest.MapFile{Data: []byte(src)}
			}
			floor := builtin
			floor.Sources = []evaluator.Source{{Name: "floor", FS: files}}
			benchEvaluate(b, floor, n)
		})
	}
}
