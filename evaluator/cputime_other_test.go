//go:build !unix

package evaluator_test

import "time"

// processCPU is not measured here: the benchmarks then report no cpu-ns/op.
func processCPU() time.Duration { return 0 }
