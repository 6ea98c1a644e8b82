//go:build unix

package boundedread

import "syscall"

// makeFIFO makes a named pipe at path, for the tests of reads that must not block on one.
func makeFIFO(path string) error { return syscall.Mkfifo(path, 0o600) }
