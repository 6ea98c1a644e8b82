package main

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/dmaprep/dmaprep/evaluator"
	"github.com/dmaprep/dmaprep/report"
)

// factLines maps the JSON pointer of every value of a JSON document to the line it is on
// (for an object member, the line of its key; the root is line 1). It is computed only for
// formats that point at lines (github), so the others pay nothing. A document that does
// not parse gives what was indexed before the problem (the document was decoded already,
// so that does not happen).
func factLines(raw []byte) map[string]int {
	var newlines []int
	for i, b := range raw {
		if b == '\n' {
			newlines = append(newlines, i)
		}
	}
	// The line of the byte before offset: a token's last byte, so the line it is on.
	lineAt := func(offset int64) int {
		n, _ := slices.BinarySearch(newlines, int(offset)-1)
		return n + 1
	}
	lines := map[string]int{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var value func(ptr string, line int) error
	value = func(ptr string, line int) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if line == 0 {
			line = lineAt(dec.InputOffset())
		}
		lines[ptr] = line
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				key, err := dec.Token()
				if err != nil {
					return err
				}
				k, _ := key.(string)
				if err := value(ptr+"/"+escapePointer(k), lineAt(dec.InputOffset())); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if err := value(ptr+"/"+strconv.Itoa(i), 0); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		}
		return err
	}
	_ = value("", 1)
	return lines
}

var escapePointer = strings.NewReplacer("~", "~0", "/", "~1").Replace

// factLine is the line of the first fact a result's requirement reads (its METADATA
// custom.facts), for the agent of its first finding ("*" in the path; the primary when no
// finding names one). A fact absent from the document takes the line of its nearest
// present parent other than the root; with none, or no facts listed, line 1.
func factLine(res report.Result, factPaths []string, lines map[string]int) int {
	if len(factPaths) == 0 {
		return 1
	}
	agent := "primary"
	for _, f := range res.Findings {
		if len(f.Agents) > 0 {
			agent = f.Agents[0]
			break
		}
	}
	ptr := ""
	for seg := range strings.SplitSeq(factPaths[0], ".") {
		if seg == "*" {
			seg = agent
		}
		ptr += "/" + escapePointer(seg)
	}
	for ; ptr != ""; ptr = ptr[:strings.LastIndexByte(ptr, '/')] {
		if l, ok := lines[ptr]; ok {
			return l
		}
	}
	return 1
}

// locateFacts sets the Line of every result of rep to its factLine in the document raw.
func locateFacts(rep *report.Report, raw []byte, reqs []evaluator.Requirement) {
	lines := factLines(raw)
	factsOf := make(map[string][]string, len(reqs))
	for _, r := range reqs {
		factsOf[r.ID] = r.Facts
	}
	for i := range rep.Results {
		rep.Results[i].Line = factLine(rep.Results[i], factsOf[rep.Results[i].ID], lines)
	}
}
