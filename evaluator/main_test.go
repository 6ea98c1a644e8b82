package evaluator

import (
	"os"
	"runtime/debug"
	"testing"
)

// TestMain lets the heap grow to five times the live data between collections (GOGC=400)
// unless GOGC says otherwise: the tests evaluate some 160 documents against the full
// policies, and at the default the collector takes about a sixth of their CPU. Memory is
// not short here; TestMemoryLimitStopsEvaluation sets its limit from the heap it finds.
func TestMain(m *testing.M) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	os.Exit(m.Run())
}
