// Package spill gives a run scratch files for what it has rendered but cannot write yet:
// the document parts of a report that summarises over every document, kept until the
// summary is known. A scratch file is nameless where the system allows it (Unix: its
// name is removed as soon as it is open), so nothing is left behind however the process
// ends, a crash or a SIGKILL included; elsewhere it is removed by Close, or by RemoveAll
// in a signal handler.
package spill

import (
	"os"
	"sync"
)

// File is one scratch file, open for reading and writing.
type File struct {
	*os.File
	name string // "" once the name is gone
}

var (
	mu   sync.Mutex
	open = map[*File]bool{}
)

// Create opens a new scratch file in dir ("" is the system's temporary directory).
func Create(dir string) (*File, error) {
	f, err := os.CreateTemp(dir, ".dmaprep-spill-*")
	if err != nil {
		return nil, err
	}
	s := &File{File: f, name: f.Name()}
	if unlinkOpen && os.Remove(s.name) == nil {
		s.name = ""
		return s, nil
	}
	mu.Lock()
	open[s] = true
	mu.Unlock()
	return s, nil
}

// Close closes the file and removes it.
func (f *File) Close() error {
	err := f.File.Close()
	if f.name != "" {
		os.Remove(f.name)
		mu.Lock()
		delete(open, f)
		mu.Unlock()
	}
	return err
}

// RemoveAll closes and removes every scratch file that still has a name, for a process
// about to exit on a signal.
func RemoveAll() {
	mu.Lock()
	defer mu.Unlock()
	for f := range open {
		f.File.Close()
		os.Remove(f.name)
		delete(open, f)
	}
}
