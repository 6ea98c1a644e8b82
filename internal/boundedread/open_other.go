//go:build !unix

package boundedread

import "os"

// openNonBlocking opens path for reading; outside Unix there are no FIFOs in the file
// system to wait on.
func openNonBlocking(path string) (*os.File, error) {
	return os.Open(path)
}
