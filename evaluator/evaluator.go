// Package evaluator wraps OPA: it loads the Rego policies once (embedded and user
// directories), checks the policy contract, compiles and prepares the query
// data.dmaprep.report, and evaluates fact documents against it. It never imports the
// policies package: callers hand it file systems, so tests can use small inline policies.
package evaluator

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dmaprep/dmaprep/report"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// ReportQuery is where the policies compute the whole report.
const ReportQuery = "data.dmaprep.report"

// Config says what to load.
type Config struct {
	Sources []Source
	// Data is the base document (e.g. {"dmaprep": {"params": {...}}}); nil for none.
	Data map[string]any
	// Select, when set, is given every loaded requirement before compilation and says
	// which to keep; an error stops New. Without it, the only and disable lists of
	// Data's dmaprep.params select, by exact ID or name.
	Select func(all []Requirement) (keep func(Requirement) bool, err error)
}

// Evaluator holds compiled, prepared policies. It is safe for concurrent use.
type Evaluator struct {
	requirements []Requirement
	// active are the requirements the run selected (params only/disable); the others
	// are not compiled.
	active   []Requirement
	compiler *ast.Compiler
	store    storage.Store
	query    rego.PreparedEvalQuery
	// namingMargin is NamingMargin; a field so that tests of runaway policies can spend
	// less time (and CPU) waiting on them.
	namingMargin time.Duration
}

// Policies are loaded, checked and compiled policies without their data: the expensive
// step. They are immutable, so evaluators with different data may share them.
type Policies struct {
	requirements []Requirement
	active       []Requirement
	compiler     *ast.Compiler
}

// Compile loads, checks and compiles the policies of cfg.Sources, only the requirements
// that cfg selects (cfg.Select, else the only and disable lists of cfg.Data's
// dmaprep.params). The same files with the same selection give the same *Policies while
// the process's cache keeps them (see cache.go), so calling it again is cheap.
// cfg.Data is not kept: each Evaluator brings its own.
func Compile(cfg Config) (*Policies, error) {
	mods, reqs, err := load(cfg, false)
	if err != nil {
		return nil, err
	}
	if len(reqs) == 0 {
		return nil, fmt.Errorf("load policies: no requirement package under %s", RequirementsPackage)
	}
	keep := selectionOf(cfg.Data).keeps
	if cfg.Select != nil {
		if keep, err = cfg.Select(reqs); err != nil {
			return nil, err
		}
	}
	return compileSelected(mods, reqs, keep)
}

// compileSelected compiles the modules of the requirements keep selects (and every module
// that is no requirement), or takes them from the process's cache when the same files
// with the same selection were compiled before.
func compileSelected(mods []module, reqs []Requirement, keep func(Requirement) bool) (*Policies, error) {
	selected, active := selectModules(mods, reqs, keep)
	return compiledPolicies.get(policiesKey(mods, active), 1, func() (*Policies, error) {
		compiler, err := compile(selected)
		if err != nil {
			return nil, err
		}
		return &Policies{requirements: reqs, active: active, compiler: compiler}, nil
	})
}

// policiesKey identifies compiled policies: every loaded file (its name, flags and
// bytes), which decides the requirements, and the IDs of the selected ones, which decide
// the modules compiled.
func policiesKey(mods []module, active []Requirement) string {
	h := sha256.New()
	for _, m := range mods {
		fmt.Fprintf(h, "%q %t %t %t %x\n", m.file, m.test, m.fallback, m.checked, m.sum)
	}
	for _, r := range active {
		fmt.Fprintf(h, "%q\n", r.ID)
	}
	return string(h.Sum(nil))
}

// Requirements lists the loaded requirements, sorted by ID. Every user of these policies
// shares the list (see Compile), so it must not be modified.
func (p *Policies) Requirements() []Requirement { return p.requirements }

// Evaluator prepares the report query over the policies with its own copy of data (the
// base document, e.g. {"dmaprep": {"params": {...}}}; nil for none). It is cheap next to
// Compile.
func (p *Policies) Evaluator(ctx context.Context, data map[string]any) (*Evaluator, error) {
	store := newStore(data)
	query, err := rego.New(
		rego.Query(ReportQuery),
		rego.Compiler(p.compiler),
		rego.Store(store),
		rego.StrictBuiltinErrors(true),
		// The report is read straight from OPA's value (readValue), not from the Go
		// maps and slices OPA would otherwise build for it.
		rego.GenerateJSON(func(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil }),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("prepare %s: %w", ReportQuery, err)
	}
	return &Evaluator{requirements: p.requirements, active: p.active, compiler: p.compiler, store: store, query: query, namingMargin: NamingMargin}, nil
}

// New compiles the policies of cfg and prepares an evaluator over its data: Compile
// followed by Evaluator.
func New(ctx context.Context, cfg Config) (*Evaluator, error) {
	p, err := Compile(cfg)
	if err != nil {
		return nil, err
	}
	return p.Evaluator(ctx, cfg.Data)
}

func newCompiler(caps *ast.Capabilities) *ast.Compiler {
	return ast.NewCompiler().
		WithCapabilities(caps).
		WithStrict(true).
		WithDefaultRegoVersion(ast.RegoV1)
}

func newStore(data map[string]any) storage.Store {
	if data == nil {
		data = map[string]any{}
	}
	return inmem.NewFromObjectWithOpts(data, inmem.OptRoundTripOnWrite(true))
}

func moduleMap(mods []module, withTests bool) map[string]*ast.Module {
	out := make(map[string]*ast.Module, len(mods))
	for _, m := range mods {
		if m.test && !withTests {
			continue
		}
		out[m.file] = m.parsed
	}
	return out
}

// Requirements lists the loaded requirements, sorted by ID; shared, so not to be modified.
func (e *Evaluator) Requirements() []Requirement { return e.requirements }

// Evaluate judges one decoded, schema-valid fact document at time now (which pins
// time.now_ns() in the policies, e.g. for certificate validity and waiver expiry).
func (e *Evaluator) Evaluate(ctx context.Context, facts any, now time.Time) (report.Report, error) {
	input, err := ast.InterfaceToValue(facts)
	if err != nil {
		return report.Report{}, fmt.Errorf("convert facts for OPA: %w", err)
	}
	// The watched context is cancelled once the evaluation ends; what replays the
	// evaluation to explain a failure runs under ctx, or OPA would stop the replay too,
	// or not, as its own watch on the context happens to notice.
	watched, stop := watchMemory(ctx)
	// A limit already reached stops the evaluation before it starts. OPA notices a done
	// context only from a goroutine it starts with the evaluation, so a short evaluation
	// under a deadline that has passed could otherwise finish or stop by chance.
	var rs rego.ResultSet
	err = watched.Err()
	if err == nil {
		rs, err = e.query.Eval(watched, rego.EvalParsedInput(input), rego.EvalTime(now))
	}
	limit, wasStopped := stopped(watched, err)
	stop()
	if err != nil {
		if wasStopped {
			rs = nil // free what the evaluation built before replaying it
			return report.Report{}, e.explainStop(limit, input, now)
		}
		if isConflict(err) {
			if named := e.explainConflict(ctx, input, now); named != nil {
				return report.Report{}, named
			}
		}
		return report.Report{}, fmt.Errorf("evaluate policies: %w", err)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return report.Report{}, fmt.Errorf("evaluate policies: %s is undefined (a policy error: see `dmaprep test`)", ReportQuery)
	}
	term, ok := rs[0].Expressions[0].Value.(*ast.Term)
	if !ok {
		return report.Report{}, fmt.Errorf("read %s: got %T, not an OPA value", ReportQuery, rs[0].Expressions[0].Value)
	}
	var rep report.Report
	if err := readValue(term.Value, &rep); err != nil {
		return report.Report{}, fmt.Errorf("read %s: %w", ReportQuery, err)
	}
	e.complete(&rep)
	if err := rep.Validate(); err != nil {
		return report.Report{}, fmt.Errorf("read %s: %w", ReportQuery, err)
	}
	return rep, nil
}

func isConflict(err error) bool {
	var te *topdown.Error
	return errors.As(err, &te) && te.Code == topdown.ConflictErr
}

// explainConflict names the requirements whose result carries an id other than their
// own: the report collects results by id, so such a result collides with the real
// requirement of that id and stops the evaluation with a conflict that names only the
// report's file. nil when every result has its own id (the conflict is elsewhere).
func (e *Evaluator) explainConflict(ctx context.Context, input ast.Value, now time.Time) error {
	var wrong []string
	for _, req := range e.active {
		rs, err := e.evalOne(ctx, req, "result.id", input, now)
		if err != nil || len(rs) == 0 || len(rs[0].Expressions) == 0 {
			continue
		}
		if id, ok := rs[0].Expressions[0].Value.(string); ok && id != req.ID {
			wrong = append(wrong, fmt.Sprintf("requirement %s (%s) gives a result with id %q", req.ID, req.File, cutID(id)))
		}
	}
	if len(wrong) == 0 {
		return nil
	}
	return fmt.Errorf("evaluate policies: %s; a result carries its own requirement's METADATA id (lib.result(rego.metadata.chain(), ...) sets it)",
		strings.Join(wrong, "; "))
}

func cutID(id string) string {
	if len([]rune(id)) > 40 {
		return string([]rune(id)[:40]) + "…"
	}
	return id
}

func isCancel(err error) bool {
	var te *topdown.Error
	return errors.As(err, &te) && te.Code == topdown.CancelErr
}

// SetData writes value at path (e.g. ["dmaprep", "waivers"]) in the policies' data. The
// prepared query reads the store at every evaluation, so this needs no recompilation.
func (e *Evaluator) SetData(ctx context.Context, path []string, value any) error {
	return storage.WriteOne(ctx, e.store, storage.AddOp, storage.Path(path), value)
}
