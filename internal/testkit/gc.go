package testkit

import (
	"os"
	"runtime/debug"
)

// CollectLess is for the TestMain of a test binary that evaluates many documents against
// the full policies: they allocate mostly short-lived garbage, and at Go's GOGC of 100
// the collector takes about a sixth of their CPU. It lets the heap grow to five times the
// live data between collections (GOGC=400), with a soft memory limit of half watched (the
// evaluator's MemoryLimit) so that dead objects never bring the heap near the limit the
// evaluations watch. GOGC and GOMEMLIMIT in the environment win.
func CollectLess(watched uint64) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(watched / 2))
	}
}
