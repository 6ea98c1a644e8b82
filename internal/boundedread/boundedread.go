// Package boundedread reads files that come from outside the program (fact documents,
// waivers, parameters, policies, operator facts, the password and CA files, the files of a
// DataMiner folder) with a size limit, so that /dev/zero or a runaway file ends with a
// clear error instead of exhausting memory, and without hanging on a FIFO that nobody
// writes to. Every limit is listed in SECURITY.md.
package boundedread

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// The limits of each kind of input. They are far above what a real input needs (a fact
// document is a few kilobytes) and far below what would hurt a small machine.
const (
	// FactDocument bounds a fact document or an agent fact file.
	FactDocument = 16 << 20
	// PolicyData bounds a waiver file and a --data parameter file.
	PolicyData = 4 << 20
	// Inventory bounds a fleet inventory (--inventory).
	Inventory = 4 << 20
	// PolicyFile bounds one .rego file of a --policy directory.
	PolicyFile = 4 << 20
	// OperatorFacts bounds an --operator-facts file.
	OperatorFacts = 1 << 20
	// CAFile bounds a --ca-file of PEM certificates.
	CAFile = 4 << 20
	// PasswordFile bounds what is read of a --password-file (its first line is used).
	PasswordFile = 64 << 10
	// StreamTimeout is how long a FIFO or a character device named as an input (for
	// example a pipe from the shell's process substitution) may take to deliver its data,
	// when the caller's context sets no earlier deadline.
	StreamTimeout = 30 * time.Second
)

// TooLargeError is an input past its limit.
type TooLargeError struct {
	Name  string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: larger than the limit of %s for this input (see SECURITY.md); is this the right file?", e.Name, Size(e.Limit))
}

// NotRegularError is a FIFO, device or socket where only a regular file makes sense.
type NotRegularError struct {
	Name string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s: is a %s, not a regular file", e.Name, Kind(e.Mode))
}

// Kind names a file mode's type for messages.
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "directory"
	case m&fs.ModeNamedPipe != 0:
		return "FIFO (named pipe)"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "device"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeSymlink != 0:
		return "symbolic link"
	case m.IsRegular():
		return "regular file"
	}
	return "special file"
}

// Size spells a limit in KiB or MiB.
func Size(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	if n >= 1<<10 && n%(1<<10) == 0 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Reader reads all of r, up to limit bytes; name is how errors refer to it.
func Reader(r io.Reader, limit int64, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Name: name, Limit: limit}
	}
	return data, nil
}

// File reads the file at path, up to limit bytes. A regular file is read as it is; a
// FIFO or character device (a pipe from the shell, /dev/stdin) is read up to the same
// limit and until ctx's deadline, or StreamTimeout when ctx has none; a directory or a
// socket is refused. Opening never blocks: a FIFO without a writer reads as empty.
func File(ctx context.Context, path string, limit int64) ([]byte, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	mode := info.Mode()
	switch {
	case mode.IsRegular():
		if info.Size() > limit {
			return nil, &TooLargeError{Name: path, Limit: limit}
		}
		return Reader(f, limit, path)
	case mode&(fs.ModeNamedPipe|fs.ModeCharDevice) != 0:
		deadline, ok := ctx.Deadline()
		if !ok {
			deadline = time.Now().Add(StreamTimeout)
		}
		// A FIFO opened without blocking is in the runtime's poller, so the deadline
		// interrupts a writer that stalls; a device that cannot take one (rare) is still
		// bounded by the limit.
		wait := time.Until(deadline).Round(time.Millisecond)
		_ = f.SetReadDeadline(deadline)
		data, err := Reader(f, limit, path)
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return nil, fmt.Errorf("%s: no end of input within %v (a %s that does not close)", path, wait, Kind(mode))
		}
		return data, err
	}
	return nil, &NotRegularError{Name: path, Mode: mode}
}

// FS reads the regular file name of fsys, up to limit bytes. Anything else (a FIFO, a
// device, a directory) is refused before it is opened, so that a hostile folder cannot
// make the reader wait. fsys is expected to confine symbolic links to its root, as
// os.Root's FS does.
func FS(fsys fs.FS, name string, limit int64) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &NotRegularError{Name: name, Mode: info.Mode()}
	}
	if info.Size() > limit {
		return nil, &TooLargeError{Name: name, Limit: limit}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Stat and open are two steps: if the file was swapped in between, the open file
	// is checked again.
	if info, err := f.Stat(); err == nil && !info.Mode().IsRegular() {
		return nil, &NotRegularError{Name: name, Mode: info.Mode()}
	}
	return Reader(f, limit, name)
}

// DirFS opens dir as a file system that refuses symbolic links leading out of it, for
// folders whose files are read (a DataMiner folder, a --policy directory): a link to
// /proc/self/environ or ~/.ssh must not become a fact or an error message. The
// directory stays open for the life of the process.
func DirFS(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return root.FS(), nil
}
