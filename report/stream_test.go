package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"sync/atomic"
	"testing"
)

// summarisingFormats are the formats that write at Close what they kept of every document.
func summarisingFormats() []string {
	var names []string
	for _, n := range Names() {
		if n != "text" && n != "jsonl" {
			names = append(names, n)
		}
	}
	return names
}

// manyReport is the i-th report of a long run: the fixture's reports in turn, each with
// its own source and its own results (a fresh array, so that it can be seen collected).
func manyReport(i int) Report {
	r := fixtureSet().Reports[i%2]
	r.Source = fmt.Sprintf("facts/doc-%04d.json", i)
	r.Results = slices.Clone(r.Results)
	return r
}

func manySet(n int) Set {
	var s Set
	for i := range n {
		s.Reports = append(s.Reports, manyReport(i))
	}
	return s
}

// withSpillAfter makes sections move to scratch files after n bytes for the test.
func withSpillAfter(t testing.TB, n int) {
	old := spillAfter
	spillAfter = n
	t.Cleanup(func() { spillAfter = old })
}

// A summarising format holds at most one report, however many are added: every other one
// can be collected as soon as Add returns (a cleanup on each report's results counts them).
// The output, through scratch files, is the output of the whole set rendered in memory
// (with control characters escaped, as NewStream does for the formats that need it).
func TestSummarisingFormatsHoldAtMostOneReport(t *testing.T) {
	withSpillAfter(t, 4<<10)
	const n, held = 200, 1
	for _, name := range summarisingFormats() {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			var out bytes.Buffer
			st, err := NewStream(name, &out, Options{TempDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			var gone atomic.Int64
			for i := range n {
				r := manyReport(i)
				runtime.AddCleanup(&r.Results[0], func(int) { gone.Add(1) }, i)
				if err := st.Add(r); err != nil {
					t.Fatal(err)
				}
			}
			for range 100 {
				if gone.Load() >= n-held {
					break
				}
				runtime.GC()
				runtime.Gosched()
			}
			if live := n - gone.Load(); live > held {
				t.Errorf("%d of %d reports still reachable after Add, want at most %d", live, n, held)
			}
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			format, _ := Get(name, Options{})
			set := manySet(n)
			if !escapesItself[name] {
				for i, r := range set.Reports {
					set.Reports[i] = EscapeReport(r)
				}
			}
			if want := renderSet(t, format, set); !bytes.Equal(out.Bytes(), want) {
				t.Errorf("streamed through scratch files, the output differs from the whole set's (%d vs %d bytes)", out.Len(), len(want))
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("scratch files left in %s: %v", dir, entries)
			}
		})
	}
}

// Abort drops the kept parts and their scratch files; nothing is written.
func TestSummarisingAbortWritesNothing(t *testing.T) {
	withSpillAfter(t, 1<<10)
	for _, name := range summarisingFormats() {
		dir := t.TempDir()
		var out bytes.Buffer
		st, err := NewStream(name, &out, Options{TempDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 20 {
			if err := st.Add(manyReport(i)); err != nil {
				t.Fatal(err)
			}
		}
		st.Abort()
		if out.Len() != 0 {
			t.Errorf("%s: Abort wrote %d bytes", name, out.Len())
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s: scratch files left after Abort: %v", name, entries)
		}
	}
}

// BenchmarkStreamMany is a run of 1,000 documents through each format's stream (scratch
// files in a temporary directory): allocations per document and the largest live heap
// during the run above what it was before, which stays flat with the number of documents
// when nothing keeps the reports.
func BenchmarkStreamMany(b *testing.B) {
	const docs = 1000
	reports := []Report{manyReport(0), manyReport(1)}
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	for _, name := range Names() {
		b.Run(name, func(b *testing.B) {
			dir := b.TempDir()
			var peak uint64
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			for b.Loop() {
				runtime.GC()
				base := heap()
				st, err := NewStream(name, io.Discard, Options{TempDir: dir})
				if err != nil {
					b.Fatal(err)
				}
				for i := range docs {
					r := reports[i%2]
					r.Source = fmt.Sprintf("facts/doc-%04d.json", i)
					if err := st.Add(r); err != nil {
						b.Fatal(err)
					}
					if i%50 == 49 {
						if h := heap(); h > base && h-base > peak {
							peak = h - base
						}
					}
				}
				if err := st.Close(); err != nil {
					b.Fatal(err)
				}
			}
			runtime.ReadMemStats(&m1)
			b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/float64(b.N*docs), "allocs/doc")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}
