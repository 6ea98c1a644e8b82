package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dmaprep/dmaprep/facts"
)

// document is one fact document as read from a file or stdin.
type document struct {
	name string // the path, or "stdin"
	file string // the path; "" for stdin and gathered facts
	doc  any
}

// readDocuments decodes every named document ("-" is stdin, at most once). It stops at the
// first file that cannot be read or is not JSON.
func readDocuments(paths []string, stdin io.Reader) ([]document, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("no fact document given (a file, or - for stdin)")
	}
	var docs []document
	usedStdin := false
	for _, p := range paths {
		var (
			doc  any
			err  error
			file = p
		)
		if p == "-" {
			if usedStdin {
				return nil, fmt.Errorf("stdin (-) can be read only once")
			}
			usedStdin = true
			doc, err = facts.Decode(stdin, "stdin")
			p, file = "stdin", ""
		} else {
			doc, err = decodeFile(p)
		}
		if err != nil {
			return nil, err
		}
		docs = append(docs, document{name: p, file: file, doc: doc})
	}
	return docs, nil
}

func decodeFile(path string) (any, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read facts: %w", err)
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, fmt.Errorf("read facts: %s is a directory, not a fact document", path)
	}
	return facts.Decode(f, path)
}

// validateDocuments checks every document against the schema and returns one error listing
// every violation of every document, or nil when all are valid.
func validateDocuments(docs []document) error {
	var b strings.Builder
	invalid := 0
	for _, d := range docs {
		violations, err := facts.Validate(d.doc)
		if err != nil {
			return err
		}
		if len(violations) == 0 {
			continue
		}
		invalid++
		if isAgentFile(d.doc) {
			fmt.Fprintf(&b, "\n%s is an agent fact file (what `dmaprep gather agent` writes: one agent's facts), not a pair's fact document; %s", d.name, agentFileHint(d.name))
			continue
		}
		fmt.Fprintf(&b, "\n%s does not match the fact schema (%d violations):", d.name, len(violations))
		for _, v := range violations {
			fmt.Fprintf(&b, "\n  %s", v)
		}
	}
	if invalid == 0 {
		return nil
	}
	return fmt.Errorf("invalid fact document%s%s", plural(invalid), b.String())
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// isAgentFile tells whether doc is an agent fact file (what `dmaprep gather agent` writes,
// one agent's facts) rather than a pair's fact document.
func isAgentFile(doc any) bool {
	violations, err := facts.ValidateAgentFile(doc)
	return err == nil && len(violations) == 0
}

// agentFileHint says how to use an agent fact file.
func agentFileHint(name string) string {
	return fmt.Sprintf("judge it with the other agent's: dmaprep check --primary %s --backup BACKUP.json --virtual-ip IP (or --hostname NAME), "+
		"or write the pair's document with dmaprep gather pair --primary %s --backup BACKUP.json ... -o facts.json", name, name)
}
