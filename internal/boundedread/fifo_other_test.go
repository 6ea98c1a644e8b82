//go:build !unix

package boundedread

import "errors"

// makeFIFO: this platform's file system has no named pipes (the tests that need one skip).
func makeFIFO(string) error { return errors.ErrUnsupported }
