// Package probe observes the network between two DataMiner Agents and records what it saw
// as facts (package facts): DNS lookups, whether a virtual IP answers, the certificate
// chain a TLS endpoint serves and whether TCP ports accept connections.
//
// Probes never judge readiness and never fail: every outcome, a timeout or a refusal
// included, is a fact with its evidence or error. Every probe is bounded by its context;
// Run runs many of them at once, each with its own timeout.
package probe

import (
	"context"
	"sync"
	"time"
)

// Task is one probe for Run. Do receives a context bounded by Timeout (when set) and by
// Run's context, and stores its result itself, typically through a closure.
type Task struct {
	Name    string
	Timeout time.Duration
	Do      func(ctx context.Context)
}

// EventKind says whether a task started or finished.
type EventKind int

// Event kinds.
const (
	TaskStarted EventKind = iota
	TaskFinished
)

func (k EventKind) String() string {
	if k == TaskStarted {
		return "started"
	}
	return "finished"
}

// Event reports progress of Run: which task started or finished and the counts after it.
type Event struct {
	Kind    EventKind
	Task    string
	Elapsed time.Duration // how long the task ran; zero for TaskStarted
	Running int           // tasks running after this event
	Done    int           // tasks finished after this event
	Total   int
}

// Run runs tasks concurrently and returns when every task has returned. Each task's
// context ends at its own Timeout or at ctx's end, whichever comes first. progress, when
// not nil, is called once when a task starts and once when it finishes; the calls are
// serialized, so progress needs no locking of its own.
func Run(ctx context.Context, tasks []Task, progress func(Event)) {
	var (
		mu      sync.Mutex
		running int
		done    int
		wg      sync.WaitGroup
	)
	report := func(kind EventKind, name string, elapsed time.Duration) {
		mu.Lock()
		defer mu.Unlock()
		if kind == TaskStarted {
			running++
		} else {
			running--
			done++
		}
		if progress != nil {
			progress(Event{Kind: kind, Task: name, Elapsed: elapsed, Running: running, Done: done, Total: len(tasks)})
		}
	}
	for _, t := range tasks {
		wg.Go(func() {
			tctx, cancel := ctx, context.CancelFunc(func() {})
			if t.Timeout > 0 {
				tctx, cancel = context.WithTimeout(ctx, t.Timeout)
			}
			defer cancel()
			start := time.Now()
			report(TaskStarted, t.Name, 0)
			if t.Do != nil {
				t.Do(tctx)
			}
			report(TaskFinished, t.Name, time.Since(start))
		})
	}
	wg.Wait()
}
