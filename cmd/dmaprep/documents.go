package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/internal/boundedread"
)

// readFactFile reads and decodes a fact document, and returns its bytes too.
func readFactFile(path string) (any, []byte, error) {
	data, err := boundedread.File(context.Background(), path, boundedread.FactDocument)
	if err != nil {
		return nil, nil, fmt.Errorf("read facts: %w", err)
	}
	doc, err := facts.DecodeBytes(data, path)
	return doc, data, err
}

// fileInput is the fact document in a file; its source gives the bytes decode read.
func fileInput(path string) input {
	var data []byte
	return input{name: path, file: path,
		decode: func() (doc any, err error) {
			doc, data, err = readFactFile(path)
			return doc, err
		},
		source: func() []byte { return data },
	}
}

// gatheredDocument is gathered facts as the document a file holding them would decode
// to: encoded and decoded again, so the policies see the same types either way.
func gatheredDocument(f any, name string) (any, error) {
	raw, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	return facts.DecodeBytes(raw, name)
}

// readFacts reads one input and checks it against the fact schema. A document that does
// not match is an *invalidDocument error; one that cannot be read or is not JSON, another
// error.
func readFacts(d input) (any, error) {
	doc, err := d.decode()
	if err != nil {
		return nil, err
	}
	violations, err := facts.Validate(doc)
	if err != nil {
		return nil, err
	}
	if len(violations) > 0 {
		return doc, &invalidDocument{name: d.name, violations: violations, agentFile: isAgentFile(doc)}
	}
	return doc, nil
}

// invalidDocument is a document that does not match the fact schema: its violations, or,
// for an agent fact file, that it is one.
type invalidDocument struct {
	name       string
	violations []facts.Violation
	agentFile  bool
}

// shownViolations is how many violations a run that stops at an invalid document lists;
// dmaprep validate lists them all.
const shownViolations = 20

func (e *invalidDocument) Error() string {
	return "invalid fact document" + e.detail(shownViolations)
}

// detail names the document and what is wrong with it, on lines of their own: the first
// limit violations, or all of them when limit is 0.
func (e *invalidDocument) detail(limit int) string {
	if e.agentFile {
		return ": " + agentFileError(e.name)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s does not match the fact schema (%d violations):", e.name, len(e.violations))
	for i, v := range e.violations {
		if limit > 0 && i == limit {
			fmt.Fprintf(&b, "\n  ... and %d more (dmaprep validate lists them all)", len(e.violations)-limit)
			break
		}
		fmt.Fprintf(&b, "\n  %s", v)
	}
	return b.String()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// input is one fact document of a run, not yet read: where it comes from and how to
// decode it. Reading happens in the worker that judges it, so a run holds only the
// documents in flight.
type input struct {
	name   string // the path, "stdin", or "stdin:LINE" for newline-delimited documents
	file   string // the path; "" for stdin
	decode func() (any, error)
	// source, when set, gives the bytes decode read (after it ran), for formats that
	// point at lines of the file.
	source func() []byte
}

// inputs lists the fact documents the arguments name, in order: a file; the *.json files
// under a directory, recursively, in lexical order; "-" for stdin, which holds one
// document or newline-delimited documents (one per line). The arguments are checked
// first; a problem found while listing (an unreadable directory) is yielded as an input
// whose decode fails, in its place in the order.
func inputs(args []string, stdin io.Reader) (iter.Seq[input], error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("no fact document given (a file, a directory, or - for stdin)")
	}
	if i := slices.Index(args, "-"); i >= 0 && slices.Contains(args[i+1:], "-") {
		return nil, fmt.Errorf("stdin (-) can be read only once")
	}
	return func(yield func(input) bool) {
		for _, arg := range args {
			var more bool
			switch info, err := os.Stat(arg); {
			case arg == "-":
				more = stdinInputs(stdin, yield)
			case err == nil && info.IsDir():
				more = dirInputs(arg, yield)
			default:
				more = yield(fileInput(arg))
			}
			if !more {
				return
			}
		}
	}, nil
}

func failed(name string, err error) input {
	return input{name: name, decode: func() (any, error) { return nil, err }}
}

// dirInputs yields the *.json files under dir in lexical order; a directory without any
// is an error, as a mistyped path would be.
func dirInputs(dir string, yield func(input) bool) bool {
	found := false
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".json") {
			return nil
		}
		found = true
		// A FIFO, socket or device found by the walk is refused by type, where a file
		// named on the command line is read (a FIFO within a deadline): nobody means a
		// pipe when pointing at a folder of fact documents.
		if special := d.Type() &^ fs.ModeSymlink; special != 0 {
			if !yield(failed(p, fmt.Errorf("read facts: %w", &boundedread.NotRegularError{Name: p, Mode: special}))) {
				return fs.SkipAll
			}
			return nil
		}
		if !yield(fileInput(p)) {
			return fs.SkipAll
		}
		return nil
	})
	switch {
	case err != nil:
		return yield(failed(dir, fmt.Errorf("read facts: %w", err)))
	case !found:
		return yield(failed(dir, fmt.Errorf("read facts: %s holds no *.json file", dir)))
	}
	return true
}

// stdinInputs yields the documents on stdin. When its first line is a whole JSON value,
// stdin is newline-delimited JSON: each non-blank line is a document named "stdin:LINE"
// (just "stdin" when there is only one). Otherwise stdin is one document, as pretty-printed
// JSON is.
func stdinInputs(r io.Reader, yield func(input) bool) bool {
	lines := &lineReader{r: bufio.NewReaderSize(r, 64<<10)}
	first, firstNo, err := lines.next()
	if err != nil {
		return yield(failed("stdin", err))
	}
	if first == nil || !json.Valid(first) {
		whole := io.MultiReader(bytes.NewReader(lines.consumed), lines.r)
		return yield(input{name: "stdin", decode: func() (any, error) { return facts.Decode(whole, "stdin") }})
	}
	lines.consumed = nil
	pending, pendingNo := first, firstNo
	for n := 0; pending != nil; n++ {
		line, no, err := lines.next()
		name := fmt.Sprintf("stdin:%d", pendingNo)
		if n == 0 && line == nil && err == nil {
			name = "stdin"
		}
		doc := pending
		if !yield(input{name: name, decode: func() (any, error) { return facts.DecodeBytes(doc, name) }}) {
			return false
		}
		if err != nil {
			return yield(failed(fmt.Sprintf("stdin:%d", no), err))
		}
		pending, pendingNo = line, no
	}
	return true
}

// lineReader reads the non-blank lines of newline-delimited JSON, each at most
// facts.MaxDocumentSize long.
type lineReader struct {
	r        *bufio.Reader
	no       int
	consumed []byte // what the first call read, for stdin that turns out to be one document
}

// next returns the next non-blank line and its number, or nil at the end.
func (l *lineReader) next() ([]byte, int, error) {
	for {
		var line []byte
		for {
			chunk, err := l.r.ReadSlice('\n')
			line = append(line, chunk...)
			if len(line) > facts.MaxDocumentSize {
				return nil, l.no + 1, fmt.Errorf("stdin:%d: a line longer than %d MiB; a fact document is a few kilobytes", l.no+1, facts.MaxDocumentSize>>20)
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err != nil && err != io.EOF {
				return nil, l.no + 1, fmt.Errorf("stdin: %w", err)
			}
			if len(line) == 0 && err == io.EOF {
				return nil, l.no, nil
			}
			break
		}
		l.no++
		if l.no == 1 || l.consumed != nil {
			l.consumed = append(l.consumed, line...)
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return t, l.no, nil
		}
	}
}

// isAgentFile tells whether doc is an agent fact file (what `dmaprep gather agent` writes,
// one agent's facts) rather than a pair's fact document.
func isAgentFile(doc any) bool {
	violations, err := facts.ValidateAgentFile(doc)
	return err == nil && len(violations) == 0
}

// agentFileError says that name is an agent fact file where a pair's fact document is
// wanted, and how to use it.
func agentFileError(name string) string {
	return fmt.Sprintf("%s is an agent fact file (what `dmaprep gather agent` writes: one agent's facts), not a pair's fact document; %s", name, agentFileHint(name))
}

// agentFileHint says how to use an agent fact file.
func agentFileHint(name string) string {
	return fmt.Sprintf("judge it with the other agent's: dmaprep check --primary %s --backup BACKUP.json --virtual-ip IP (or --hostname NAME), "+
		"or write the pair's document with dmaprep gather pair --primary %s --backup BACKUP.json ... -o facts.json", name, name)
}
