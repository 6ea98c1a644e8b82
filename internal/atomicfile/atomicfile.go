// Package atomicfile writes files so that readers see either the old content or the whole
// new content, never a truncated file: a failed run leaves no partial report behind.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
)

// Write writes data to path through a temporary file in the same directory, synced and
// then renamed over path. perm applies to a newly created file.
func Write(path string, data []byte, perm os.FileMode) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Commit()
}

// File is a file written in pieces (a report rendered as a run goes) that appears at its
// path only on Commit; until then it is a temporary file beside it, which Abort removes.
type File struct {
	*os.File
	path string
	perm os.FileMode
}

// Create starts a file that will replace path on Commit.
func Create(path string, perm os.FileMode) (*File, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return &File{File: tmp, path: path, perm: perm}, nil
}

// Commit syncs the content and renames it over the path; on failure nothing is left.
func (f *File) Commit() (err error) {
	defer func() {
		if err != nil {
			f.Abort()
			err = fmt.Errorf("write %s: %w", f.path, err)
		}
	}()
	if err = f.Chmod(f.perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), f.path)
}

// Abort discards the file; the path keeps what it had.
func (f *File) Abort() {
	f.Close()
	os.Remove(f.Name())
}
