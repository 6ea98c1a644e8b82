//go:build !unix

package testkit

import "time"

// processCPU is not measured here: Loop then reports no cpu-ns/op.
func processCPU() time.Duration { return 0 }
