package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"
)

// Report files are created 0666 less the umask, like any file a tool writes for its user;
// fact documents 0600, since they describe a site's set-up in detail.
const (
	reportPerm = 0o666
	factsPerm  = 0o600
)

// inputPaths lists the files a command reads, for checkOutputPaths: the fact documents
// given as arguments (with args) and every file flag the command has.
func inputPaths(c *cli.Context, args bool) []string {
	var paths []string
	if args {
		for _, a := range c.Args().Slice() {
			if a != "-" {
				paths = append(paths, a)
			}
		}
	}
	for _, flag := range []string{"waivers", "data", "operator-facts", "password-file", "ca-file", "primary", "backup", "dir", "inventory"} {
		if v := c.String(flag); v != "" && c.IsSet(flag) {
			paths = append(paths, v)
		}
	}
	if c.IsSet("policy") {
		paths = append(paths, c.StringSlice("policy")...)
	}
	return paths
}

// checkOutputPaths refuses, before anything is read or written, an output that is also
// an input (it would be destroyed) and two outputs to one file (one would silently win).
// Devices and FIFOs (/dev/null, /dev/stdout) may be named more than once.
func checkOutputPaths(outputs, inputs []string) error {
	for i, out := range outputs {
		if special(out) {
			continue
		}
		for _, in := range inputs {
			if sameFile(out, in) {
				return fmt.Errorf("output %s is also an input (%s): it would be overwritten; write the report elsewhere", out, in)
			}
			if inside(out, in) {
				return fmt.Errorf("output %s is inside the input folder %s: it could overwrite a file that is read; write it elsewhere", out, in)
			}
		}
		for _, other := range outputs[:i] {
			if sameFile(out, other) {
				return fmt.Errorf("outputs %s and %s are the same file: give each output its own file", other, out)
			}
		}
	}
	return nil
}

// inside tells whether path lies under dir, an existing directory, once links are
// resolved (path itself need not exist yet).
func inside(path, dir string) bool {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return false
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false
	}
	root, _ = filepath.Abs(root)
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	// The nearest existing ancestor decides where path really is.
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			abs = filepath.Join(real, rest)
			break
		}
		if filepath.Dir(cur) == cur {
			break
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
	rel, err := filepath.Rel(root, abs)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// special tells whether path is an existing device, FIFO or socket.
func special(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.Mode().IsRegular() && !info.IsDir()
}

// sameFile compares existing files by identity (through links) and others by absolute path.
func sameFile(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(ia, ib)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// outputPaths lists the files among a run's outputs (stdout is not one).
func outputPaths(outs []output) []string {
	var paths []string
	for _, o := range outs {
		if o.file != "" {
			paths = append(paths, o.file)
		}
	}
	return paths
}
