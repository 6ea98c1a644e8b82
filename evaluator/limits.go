package evaluator

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// NamingMargin is how long, past the caller's time limit, the evaluator may take to name
// the requirements that did not finish: they are replayed all at once under this one
// budget, so --eval-timeout T ends within T plus this margin.
const NamingMargin = time.Second

// MemoryLimit caps the Go heap while policies are evaluated. A runaway policy (one that
// builds an ever larger set, say) is stopped when the heap passes it, with the same
// message as the time limit, instead of taking the machine's memory. A variable so that
// tests can lower it.
var MemoryLimit uint64 = 1 << 30

// memoryPoll is how often the heap is measured during an evaluation.
const memoryPoll = 20 * time.Millisecond

// errMemoryLimit is the cause of a context cancelled by the memory watch.
var errMemoryLimit = errors.New("memory limit")

// heapBytes is the memory held by live and not yet swept heap objects.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// watchMemory returns a context that is cancelled with errMemoryLimit when the heap passes
// MemoryLimit, and a stop function that ends the watch.
func watchMemory(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(memoryPoll)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				if heapBytes() > MemoryLimit {
					cancel(errMemoryLimit)
					return
				}
			}
		}
	}()
	return ctx, func() {
		close(done)
		wg.Wait()
		cancel(nil)
	}
}

// stopped tells whether an evaluation ended because of ctx (deadline, cancel or memory),
// and which limit it was.
func stopped(ctx context.Context, err error) (string, bool) {
	if err == nil && ctx.Err() == nil {
		return "", false
	}
	switch cause := context.Cause(ctx); {
	case errors.Is(cause, errMemoryLimit):
		return fmt.Sprintf("the evaluation memory limit (%d MiB)", MemoryLimit>>20), true
	case errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(cause, context.DeadlineExceeded):
		return "the evaluation time limit", true
	case isCancel(err) || ctx.Err() != nil:
		return "the evaluation time limit", true
	}
	return "", false
}

// explainStop names the requirements that do not finish, so that a runaway custom policy
// is reported by name and file rather than as a bare deadline. Only the requirements the
// run selected are replayed, all at once, under NamingMargin and the memory watch.
func (e *Evaluator) explainStop(limit string, input ast.Value, now time.Time) error {
	if heapBytes() > MemoryLimit {
		// What the stopped evaluation built is garbage now; without a collection the
		// replay would trip the memory watch at once and blame every requirement.
		runtime.GC()
	}
	ctx, cancel := context.WithTimeout(context.Background(), e.namingMargin)
	defer cancel()
	ctx, stop := watchMemory(ctx)
	defer stop()
	var (
		mu   sync.Mutex
		slow []string
		wg   sync.WaitGroup
	)
	for _, req := range e.active {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := e.evalOne(ctx, req, "result", input, now)
			if _, ok := stopped(ctx, err); ok {
				mu.Lock()
				slow = append(slow, fmt.Sprintf("%s (%s)", req.ID, req.File))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	sort.Strings(slow)
	if len(slow) == 0 {
		return fmt.Errorf("evaluate policies: stopped at %s; no single requirement exceeded it on its own", limit)
	}
	return fmt.Errorf("evaluate policies: stopped at %s; requirement %s did not finish", limit, strings.Join(slow, ", "))
}

// evalOne evaluates rule (e.g. "result") of one requirement's package on its own, for
// naming the requirement behind a failed evaluation of the whole report.
func (e *Evaluator) evalOne(ctx context.Context, req Requirement, rule string, input ast.Value, now time.Time) (rego.ResultSet, error) {
	return rego.New(
		rego.Query("data."+req.Package+"."+rule),
		rego.Compiler(e.compiler),
		rego.Store(e.store),
		rego.ParsedInput(input),
		rego.Time(now),
	).Eval(ctx)
}

// selection is the only/disable parameters as the evaluator reads them from its data, so
// that requirements left out are not even compiled: a left-out requirement can neither
// cost time nor be blamed for it.
type selection struct {
	only, disable map[string]bool
}

func selectionOf(data map[string]any) selection {
	sel := selection{only: map[string]bool{}, disable: map[string]bool{}}
	dm, _ := data["dmaprep"].(map[string]any)
	params, _ := dm["params"].(map[string]any)
	for key, set := range map[string]map[string]bool{"only": sel.only, "disable": sel.disable} {
		switch list := params[key].(type) {
		case []any:
			for _, x := range list {
				if s, ok := x.(string); ok {
					set[s] = true
				}
			}
		case []string:
			for _, s := range list {
				set[s] = true
			}
		}
	}
	return sel
}

// SelectsAll reports whether the only and disable lists of data's dmaprep.params leave
// every requirement in (neither names any).
func SelectsAll(data map[string]any) bool {
	s := selectionOf(data)
	return len(s.only) == 0 && len(s.disable) == 0
}

func (s selection) keeps(r Requirement) bool {
	if s.disable[r.ID] || s.disable[r.Name] {
		return false
	}
	return len(s.only) == 0 || s.only[r.ID] || s.only[r.Name]
}

// selectModules drops the modules of requirements the selection leaves out and returns
// the requirements kept.
func selectModules(mods []module, reqs []Requirement, keep func(Requirement) bool) ([]module, []Requirement) {
	dropped := map[string]bool{}
	var kept []Requirement
	for _, r := range reqs {
		if keep(r) {
			kept = append(kept, r)
		} else {
			dropped[r.File] = true
		}
	}
	if len(dropped) == 0 {
		return mods, kept
	}
	var out []module
	for _, m := range mods {
		if !dropped[m.file] {
			out = append(out, m)
		}
	}
	return out, kept
}
