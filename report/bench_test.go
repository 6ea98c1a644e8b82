package report

import (
	"fmt"
	"io"
	"testing"
)

// BenchmarkRender is the rendering phase of a run: each format over the fixture's two
// reports (a regression guard beside the decode, validate and evaluate benchmarks).
func BenchmarkRender(b *testing.B) {
	set := fixtureSet()
	for _, name := range Names() {
		b.Run(name, func(b *testing.B) {
			format, err := Get(name, Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := format(io.Discard, set); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkStream is a long run through the jsonl and text streams, per report: what a
// batch adds per document after evaluation.
func BenchmarkStream(b *testing.B) {
	rep := fixtureSet().Reports[0]
	for _, name := range []string{"jsonl", "text"} {
		b.Run(name, func(b *testing.B) {
			st, err := NewStream(name, io.Discard, Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				rep.Source = fmt.Sprint("doc-", i)
				i++
				if err := st.Add(rep); err != nil {
					b.Fatal(err)
				}
			}
			if err := st.Close(); err != nil {
				b.Fatal(err)
			}
		})
	}
}
