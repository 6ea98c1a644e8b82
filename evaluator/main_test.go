package evaluator

import (
	"os"
	"runtime/debug"
	"testing"
)

// TestMain lets the heap grow to five times the live data between collections (GOGC=400)
// unless GOGC is set: the tests evaluate some 160 documents against the full policies,
// allocating mostly short-lived garbage, and at Go's 100 the collector takes about a sixth
// of their CPU. A soft memory limit of half MemoryLimit (unless GOMEMLIMIT is set) keeps
// the heap, dead objects included, well below the limit the evaluations watch, as in the
// policies package's tests. TestMemoryLimitStopsEvaluation sets its own limit from the
// heap it finds.
func TestMain(m *testing.M) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(MemoryLimit / 2))
	}
	os.Exit(m.Run())
}
