package dmfolder

import (
	"errors"
	"fmt"
	"github.com/dmaprep/dmaprep/internal/boundedread"
	"io/fs"
	"path"
	"strings"
)

// maxFileSize is the largest file the reader takes in. The files it reads are a few
// kilobytes on a real agent; a bigger one is a wrong file, and is reported as such.
const maxFileSize = 8 << 20

// folder is a DataMiner folder whose names are matched the way Windows matches them:
// without regard to letter case. Directory listings are cached for one Read.
type folder struct {
	fsys  fs.FS
	lists map[string]listing
}

type listing struct {
	entries []fs.DirEntry
	err     error
}

func newFolder(fsys fs.FS) *folder {
	return &folder{fsys: fsys, lists: map[string]listing{}}
}

// errNotFound is what find returns when some element of the path does not exist.
var errNotFound = fs.ErrNotExist

// find resolves a slash-separated path inside the folder case-insensitively, element by
// element, by listing each directory. An exact match wins over a case-folded one. It
// returns the path as it is spelled on disk and the entry found there.
func (f *folder) find(name string) (string, fs.DirEntry, error) {
	dir := "."
	var entry fs.DirEntry
	for _, elem := range strings.Split(name, "/") {
		if elem == "" || elem == "." {
			continue
		}
		if entry != nil && !entry.IsDir() {
			return "", nil, errNotFound
		}
		entries, err := f.list(dir)
		if err != nil {
			return "", nil, err
		}
		entry = match(entries, elem)
		if entry == nil {
			return "", nil, errNotFound
		}
		dir = path.Join(dir, entry.Name())
	}
	if entry == nil {
		return "", nil, errNotFound
	}
	return dir, entry, nil
}

// list returns a directory's entries, sorted by name as fs.ReadDir sorts them.
func (f *folder) list(dir string) ([]fs.DirEntry, error) {
	if l, ok := f.lists[dir]; ok {
		return l.entries, l.err
	}
	entries, err := fs.ReadDir(f.fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		err = errNotFound
	}
	f.lists[dir] = listing{entries, err}
	return entries, err
}

func match(entries []fs.DirEntry, name string) fs.DirEntry {
	var folded fs.DirEntry
	for _, e := range entries {
		switch {
		case e.Name() == name:
			return e
		case folded == nil && strings.EqualFold(e.Name(), name):
			folded = e
		}
	}
	return folded
}

// exists tells whether a regular file (not a directory) exists at name. A folder on the
// way that cannot be listed (access denied) is an error, not absence: a fact that says
// "no such file" where the file may well be there would pass or fail a requirement that
// can only be unknown.
func (f *folder) exists(name string) (bool, error) {
	_, entry, err := f.find(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("%s: cannot tell whether it exists: %w", windowsPath(name), cause(err))
	}
	return !entry.IsDir(), nil
}

// readFile reads the file at name (matched case-insensitively). It returns the contents
// and the path as spelled on disk. A missing file gives an error matching fs.ErrNotExist.
func (f *folder) readFile(name string) ([]byte, string, error) {
	actual, entry, err := f.find(name)
	if err != nil {
		return nil, "", err
	}
	if entry.IsDir() {
		return nil, actual, fmt.Errorf("%s is a folder, not a file", windowsPath(actual))
	}
	// A FIFO or device is refused before it is opened (reading one would wait for ever),
	// and so is a link out of the folder where fsys confines links to it.
	data, err := boundedread.FS(f.fsys, actual, maxFileSize)
	var tooLarge *boundedread.TooLargeError
	var special *boundedread.NotRegularError
	switch {
	case errors.As(err, &tooLarge):
		return nil, actual, fmt.Errorf("%s: larger than %d MiB, not a DataMiner configuration file", windowsPath(actual), maxFileSize>>20)
	case errors.As(err, &special):
		return nil, actual, fmt.Errorf("%s: is a %s, not a DataMiner configuration file", windowsPath(actual), boundedread.Kind(special.Mode))
	case err != nil:
		return nil, actual, fmt.Errorf("%s: %w", windowsPath(actual), cause(err))
	}
	return data, actual, nil
}

// windowsPath spells a folder-relative path the way it reads on the agent.
func windowsPath(p string) string {
	return strings.ReplaceAll(p, "/", `\`)
}

// cause drops the operation and path that an fs.PathError repeats.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
