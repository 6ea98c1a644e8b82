package probe

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestRun(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	results := map[string]error{}
	wait := func(name string, d time.Duration) Task {
		return Task{Name: name, Timeout: 800 * time.Millisecond, Do: func(ctx context.Context) {
			var err error
			select {
			case <-time.After(d):
			case <-ctx.Done():
				err = ctx.Err()
			}
			mu.Lock()
			results[name] = err
			mu.Unlock()
		}}
	}
	// Wide gaps between the finishes, so that a loaded machine (the whole suite runs at
	// once) cannot swap them: a at 20ms, b at 200ms, slow at its 800ms timeout.
	tasks := []Task{wait("a", 20*time.Millisecond), wait("b", 200*time.Millisecond), wait("slow", time.Hour)}
	var events []Event
	start := time.Now()
	Run(t.Context(), tasks, func(e Event) { events = append(events, e) })
	elapsed := time.Since(start)

	if elapsed > 3*time.Second {
		t.Errorf("Run took %s, want about the 800ms timeout of the slowest task", elapsed)
	}
	want := map[string]error{"a": nil, "b": nil, "slow": context.DeadlineExceeded}
	if diff := cmp.Diff(want, results, cmp.Comparer(func(a, b error) bool { return errors.Is(a, b) })); diff != "" {
		t.Errorf("task results (-want +got):\n%s", diff)
	}
	if len(events) != 6 {
		t.Fatalf("got %d events, want 6: %+v", len(events), events)
	}
	started, finished := map[string]bool{}, []string{}
	for i, e := range events {
		if e.Total != 3 {
			t.Errorf("event %d: total %d, want 3", i, e.Total)
		}
		switch e.Kind {
		case TaskStarted:
			started[e.Task] = true
		case TaskFinished:
			if !started[e.Task] {
				t.Errorf("event %d: %s finished before it started", i, e.Task)
			}
			finished = append(finished, e.Task)
			if e.Done != len(finished) {
				t.Errorf("event %d: done %d, want %d", i, e.Done, len(finished))
			}
		}
	}
	if diff := cmp.Diff([]string{"a", "b", "slow"}, finished); diff != "" {
		t.Errorf("finish order (-want +got):\n%s", diff)
	}
	if last := events[len(events)-1]; last.Running != 0 || last.Done != 3 {
		t.Errorf("last event %+v, want running 0, done 3", last)
	}
}

// TestRunCancelled: cancelling Run's context ends every task.
func TestRunCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	var tasks []Task
	for i := range 5 {
		tasks = append(tasks, Task{Name: fmt.Sprint(i), Do: func(ctx context.Context) { <-ctx.Done() }})
	}
	done := make(chan struct{})
	go func() { Run(ctx, tasks, nil); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after its context was cancelled")
	}
}

// delayServer answers each connection after the delay the client asks for: one byte, in
// units of 10ms.
func delayServer(tb testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				b := make([]byte, 1)
				if _, err := io.ReadFull(conn, b); err != nil {
					return
				}
				time.Sleep(time.Duration(b[0]) * 10 * time.Millisecond)
				conn.Write(b)
			}()
		}
	}()
	return ln.Addr().String()
}

// BenchmarkRun: 20 loopback probes taking 10-50ms each finish together in about the time
// of the slowest (50ms), not the sum (600ms). x-slowest is the run time over the slowest.
func BenchmarkRun(b *testing.B) {
	addr := delayServer(b)
	const slowest = 5 // x 10ms
	var tasks []Task
	sum := 0
	for i := range 20 {
		units := byte(i%slowest + 1)
		sum += int(units)
		tasks = append(tasks, Task{Name: fmt.Sprint(i), Timeout: 2 * time.Second, Do: func(ctx context.Context) {
			var d net.Dialer
			conn, err := d.DialContext(ctx, "tcp", addr)
			if err != nil {
				b.Error(err)
				return
			}
			defer conn.Close()
			if dl, ok := ctx.Deadline(); ok {
				conn.SetDeadline(dl)
			}
			buf := []byte{units}
			if _, err := conn.Write(buf); err != nil {
				b.Error(err)
				return
			}
			if _, err := io.ReadFull(conn, buf); err != nil {
				b.Error(err)
			}
		}})
	}
	start := time.Now()
	for b.Loop() {
		Run(b.Context(), tasks, nil)
	}
	perRun := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64(perRun)/float64(slowest*10*time.Millisecond), "x-slowest")
	b.ReportMetric(float64(sum*10), "sum-ms")
}
