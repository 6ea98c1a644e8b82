package main

import (
	"strings"

	"github.com/dmaprep/dmaprep/evaluator"
	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/report"
)

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
	keys := strings.Split(factPaths[0], ".")
	for i, k := range keys {
		if k == "*" {
			keys[i] = agent
		}
	}
	ptr := facts.Pointer(keys...)
	for ; ptr != ""; ptr = ptr[:strings.LastIndexByte(ptr, '/')] {
		if l, ok := lines[ptr]; ok {
			return l
		}
	}
	return 1
}

// locateFacts sets the Line of every result of rep to its factLine in the document raw.
func locateFacts(rep *report.Report, raw []byte, reqs []evaluator.Requirement) {
	lines := facts.Lines(raw)
	factsOf := make(map[string][]string, len(reqs))
	for _, r := range reqs {
		factsOf[r.ID] = r.Facts
	}
	for i := range rep.Results {
		rep.Results[i].Line = factLine(rep.Results[i], factsOf[rep.Results[i].ID], lines)
	}
}
