package evaluator

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestOptions select and instrument a run of the Rego unit tests.
type TestOptions struct {
	Run      string // regular expression on test names, like opa test --run
	Coverage bool
	Timeout  time.Duration // per test; OPA's default (5s) when zero
	// Trace records each test's evaluation, so that a failure can be shown with the line
	// that failed and the values of its local variables (as opa test --var-values does).
	Trace bool
	// StrictBuiltinErrors makes a built-in error (e.g. count(null)) fail the test, as it
	// would fail `dmaprep check`; opa test, and so `dmaprep test`, ignore them.
	StrictBuiltinErrors bool
}

// TestRun is the outcome of the Rego unit tests.
type TestRun struct {
	Results []*tester.Result
	// Cover traced the run when coverage was asked for (nil otherwise); Modules are the
	// policies it covers, without the tests. OPA's coverage reporters take both.
	Cover   *cover.Cover
	Modules map[string]*ast.Module
}

// Stream feeds the results, in order, to a channel as OPA's reporters read them.
func (r TestRun) Stream() chan *tester.Result {
	ch := make(chan *tester.Result, len(r.Results))
	for _, res := range r.Results {
		ch <- res
	}
	close(ch)
	return ch
}

// CoverageReport is the line coverage of the policies (nil unless coverage was asked for).
func (r TestRun) CoverageReport() *cover.Report {
	if r.Cover == nil {
		return nil
	}
	rep := r.Cover.Report(r.Modules)
	return &rep
}

// Counts returns how many tests passed, failed (failures and errors) and were skipped.
func (r TestRun) Counts() (passed, failed, skipped int) {
	for _, res := range r.Results {
		switch {
		case res.Skip:
			skipped++
		case res.Fail || res.Error != nil:
			failed++
		default:
			passed++
		}
	}
	return passed, failed, skipped
}

// Test runs the *_test.rego files of the given sources with OPA's own test runner, so the
// outcome is the one `opa test` gives on the same files. It compiles the sources with the
// tests included, separately from any Evaluator.
func Test(ctx context.Context, cfg Config, opts TestOptions) (TestRun, error) {
	mods, _, err := load(cfg, true)
	if err != nil {
		return TestRun{}, err
	}
	store := newStore(cfg.Data)
	runner := tester.NewRunner().
		SetCompiler(newCompiler(Capabilities())).
		SetStore(store).
		SetModules(moduleMap(mods, true)).
		CapturePrintOutput(true).
		EnableTracing(opts.Trace).
		StackTraces(true).
		RaiseBuiltinErrors(opts.StrictBuiltinErrors).
		Filter(opts.Run)
	if opts.Timeout > 0 {
		runner = runner.SetTimeout(opts.Timeout)
	}
	var cov *cover.Cover
	if opts.Coverage {
		cov = cover.New()
		runner = runner.SetCoverageQueryTracer(cov)
	}
	var run TestRun
	err = storage.Txn(ctx, store, storage.TransactionParams{}, func(txn storage.Transaction) error {
		ch, err := runner.RunTests(ctx, txn)
		if err != nil {
			return err
		}
		for res := range ch {
			run.Results = append(run.Results, res)
		}
		return nil
	})
	if err != nil {
		return TestRun{}, fmt.Errorf("run policy tests: %w", err)
	}
	sort.SliceStable(run.Results, func(i, j int) bool {
		a, b := run.Results[i], run.Results[j]
		if a.Package != b.Package {
			return a.Package < b.Package
		}
		return a.Name < b.Name
	})
	if cov != nil {
		run.Cover, run.Modules = cov, moduleMap(mods, false)
	}
	return run, nil
}
