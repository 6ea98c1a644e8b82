// Package atomicfile writes files so that readers see either the old content or the whole
// new content, never a truncated file: a failed run leaves no partial report behind.
//
// Writing has two steps, so that a command with several outputs can open every target
// first and then commit all or none: Create opens a target (a temporary file beside it),
// Commit puts it in place, Abort removes it. A target that is a device or a FIFO (such as
// /dev/null, /dev/stdout, or a shell's process substitution) is written in place, never
// renamed over. Temporary files are tracked, so that a signal handler can remove them
// (RemoveTemporaries) before the process exits.
package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// File is one output being written: Write the data, then Commit or Abort.
type File struct {
	path   string // as the user gave it, for messages
	target string // path with symbolic links resolved: what is replaced
	tmp    string // the temporary file; "" when writing in place
	f      *os.File
	keep   fs.FileMode // the mode of the file replaced, or 0 for a new file
	done   bool
}

var (
	mu          sync.Mutex
	temporaries = map[string]bool{}
)

// Create opens the target path for writing. perm is the mode of a new file, before the
// umask (which the system applies, as to any file a program creates); an existing file
// keeps its mode.
func Create(path string, perm fs.FileMode) (*File, error) {
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	}
	info, err := os.Stat(target)
	switch {
	case err == nil && !info.Mode().IsRegular() && !info.IsDir():
		// A device or FIFO: written in place. Opening does not wait for a FIFO's
		// reader; without one it is an error now, not a hang later.
		f, err := os.OpenFile(target, os.O_WRONLY|syscall.O_NONBLOCK, 0)
		if errors.Is(err, syscall.ENXIO) {
			return nil, fmt.Errorf("write %s: no process reads this FIFO", path)
		}
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
		return &File{path: path, target: target, f: f}, nil
	case err == nil && info.IsDir():
		return nil, fmt.Errorf("write %s: is a directory", path)
	case err == nil:
		perm = info.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	mu.Lock()
	defer mu.Unlock()
	for range 100 {
		var suffix [6]byte
		rand.Read(suffix[:])
		tmp := filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+"."+hex.EncodeToString(suffix[:])+".tmp")
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
		temporaries[tmp] = true
		out := &File{path: path, target: target, tmp: tmp, f: f}
		if info != nil {
			out.keep = info.Mode().Perm()
		}
		return out, nil
	}
	return nil, fmt.Errorf("write %s: no free temporary name", path)
}

// Write writes data to the file (for a temporary file, not yet visible at the target).
func (w *File) Write(data []byte) (int, error) {
	n, err := w.f.Write(data)
	return n, w.closeErr(err)
}

// Path is the path the file was created for, as given.
func (w *File) Path() string { return w.path }

// Dir is the directory the temporary file is in (beside the target), or "" for a target
// written in place (a device or FIFO).
func (w *File) Dir() string {
	if w.tmp == "" {
		return ""
	}
	return filepath.Dir(w.tmp)
}

// Commit puts the written data in place: the temporary file is synced, given the mode of
// the file it replaces, and renamed over it.
func (w *File) Commit() error {
	if w.done {
		return nil
	}
	w.done = true
	if w.tmp == "" {
		return w.closeErr(w.f.Close())
	}
	if w.keep != 0 {
		// Creation applied the umask; an existing file's mode is restored exactly.
		if err := w.f.Chmod(w.keep); err != nil {
			w.abort()
			return w.closeErr(err)
		}
	}
	if err := w.f.Sync(); err != nil {
		w.abort()
		return w.closeErr(err)
	}
	if err := w.f.Close(); err != nil {
		w.abort()
		return w.closeErr(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if err := os.Rename(w.tmp, w.target); err != nil {
		os.Remove(w.tmp)
		delete(temporaries, w.tmp)
		return w.closeErr(err)
	}
	delete(temporaries, w.tmp)
	return nil
}

// Abort drops the written data: the temporary file is removed, the target left alone. It
// does nothing after Commit.
func (w *File) Abort() {
	if w.done {
		return
	}
	w.done = true
	w.abort()
}

func (w *File) abort() {
	w.f.Close()
	if w.tmp == "" {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	os.Remove(w.tmp)
	delete(temporaries, w.tmp)
}

func (w *File) closeErr(err error) error {
	if err == nil {
		return nil
	}
	// The system's error names the file it wrote (the temporary one, or the device):
	// say the path as given, once.
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("write %s: %w", w.path, err)
}

// RemoveTemporaries removes every temporary file not yet committed or aborted, for a
// process that is about to exit on a signal. A rename in progress finishes first.
func RemoveTemporaries() {
	mu.Lock()
	defer mu.Unlock()
	for tmp := range temporaries {
		os.Remove(tmp)
		delete(temporaries, tmp)
	}
}

// Write writes data to path in one step (Create, Write, Commit).
func Write(path string, data []byte, perm fs.FileMode) error {
	w, err := Create(path, perm)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		w.Abort()
		return err
	}
	return w.Commit()
}
