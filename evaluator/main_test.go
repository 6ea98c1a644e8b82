package evaluator

import (
	"os"
	"testing"

	"github.com/dmaprep/dmaprep/internal/testkit"
)

// TestMain collects less often (testkit.CollectLess): the tests evaluate some 160
// documents against the full policies. TestMemoryLimitStopsEvaluation sets its own limit
// from the heap it finds.
func TestMain(m *testing.M) {
	testkit.CollectLess(MemoryLimit)
	os.Exit(m.Run())
}
