package testkit

import "testing"

// Loop runs f b.N times and reports, besides time and allocations, the process's CPU time
// per run (cpu-ns/op, the collector's work included), which a busy machine disturbs much
// less than wall time. Where the CPU time cannot be read, cpu-ns/op is left out.
func Loop(b *testing.B, f func()) {
	b.ReportAllocs()
	start := processCPU()
	for b.Loop() {
		f()
	}
	if cpu := processCPU() - start; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
