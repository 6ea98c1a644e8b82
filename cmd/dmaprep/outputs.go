package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dmaprep/dmaprep/internal/atomicfile"
	"github.com/dmaprep/dmaprep/report"
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
	for _, flag := range []string{"waivers", "data", "operator-facts", "password-file", "ca-file", "primary", "backup"} {
		if v := c.String(flag); v != "" && c.IsSet(flag) {
			paths = append(paths, v)
		}
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
		}
		for _, other := range outputs[:i] {
			if sameFile(out, other) {
				return fmt.Errorf("outputs %s and %s are the same file: give each output its own file", other, out)
			}
		}
	}
	return nil
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

// outputFiles are the report files of one run, opened (as temporary files beside their
// targets) before the evaluation, so that an unwritable target fails the run before any
// work, and committed together at the end: all or none.
type outputFiles map[int]*atomicfile.File

// openOutputs opens every file output; on an error, those already opened are dropped.
func openOutputs(outs []output) (outputFiles, error) {
	files := outputFiles{}
	for i, o := range outs {
		if o.file == "" {
			continue
		}
		f, err := atomicfile.Create(o.file, reportPerm)
		if err != nil {
			files.abort()
			return nil, err
		}
		files[i] = f
	}
	return files, nil
}

// abort drops every file not committed; after commit it does nothing.
func (files outputFiles) abort() {
	for _, f := range files {
		f.Abort()
	}
}

// writeOutputs renders every output first, writes every file, and only then puts the
// files in place, so a failing format or a full disk leaves no report file at all. stdout
// comes last: a pipeline reading it sees a report only when the files are there too.
func writeOutputs(stdout io.Writer, outs []output, formats map[string]report.Format, set report.Set, files outputFiles, secrets *secretList) error {
	rendered := make([][]byte, len(outs))
	for i, o := range outs {
		var buf bytes.Buffer
		if err := formats[o.key()](&buf, escapedFor(o.format, set)); err != nil {
			return fmt.Errorf("render %s report: %w", o.format, err)
		}
		rendered[i] = secrets.scrubBytes(buf.Bytes())
	}
	for i, f := range files {
		if err := f.Write(rendered[i]); err != nil {
			files.abort()
			return err
		}
	}
	for _, f := range files {
		if err := f.Commit(); err != nil {
			files.abort()
			return err
		}
	}
	_, err := stdout.Write(rendered[0])
	return err
}

// openCheckOutputs checks check's output files against its inputs and each other, then
// opens them.
func openCheckOutputs(c *cli.Context, outs []output) (outputFiles, error) {
	var paths []string
	for _, o := range outs {
		if o.file != "" {
			paths = append(paths, o.file)
		}
	}
	if err := checkOutputPaths(paths, inputPaths(c, true)); err != nil {
		return nil, err
	}
	return openOutputs(outs)
}

// escapedFor gives a format the set with control characters escaped, except the JSON
// formats, whose encoders escape them already.
func escapedFor(format string, set report.Set) report.Set {
	if format == "json" || format == "sarif" {
		return set
	}
	return report.EscapeControl(set)
}
