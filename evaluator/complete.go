package evaluator

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dmaprep/dmaprep/report"
)

// MaxMessage is the longest message a report carries, in characters (the longest real
// ones run to about 600). A message quotes
// observed values, and a fact document may hold a value of megabytes: the report stays
// readable and small, and says where it cut.
const MaxMessage = 1000

// complete makes the report account for every requirement the run selected: a
// requirement whose result is undefined for this document, or not an object with a known
// status, would otherwise vanish from the report and the pair could read as ready.
// Each such requirement becomes unknown, naming its file; a result whose id is no selected
// requirement's is dropped. It also cuts long messages.
func (e *Evaluator) complete(rep *report.Report) {
	known := map[string]bool{}
	for _, s := range report.Statuses {
		known[s] = true
	}
	active := map[string]bool{}
	for _, req := range e.active {
		active[req.ID] = true
	}
	have := map[string]bool{}
	results := rep.Results[:0]
	for _, r := range rep.Results {
		if !known[r.Status] || !active[r.ID] {
			// Left out here; the requirement that gave it (a result under another
			// requirement's id or an id of its own making) is listed below as unknown.
			continue
		}
		have[r.ID] = true
		for i, m := range r.Messages {
			r.Messages[i] = cutMessage(m)
		}
		for i, f := range r.Findings {
			r.Findings[i].Message = cutMessage(f.Message)
		}
		results = append(results, r)
	}
	rep.Results = results
	added := 0
	for _, req := range e.active {
		if have[req.ID] {
			continue
		}
		added++
		msg := fmt.Sprintf("%s: the requirement gave no valid result for this document (its result rule is undefined, "+
			"or not an object with its own id, a status and messages): a policy error, see `dmaprep test`", req.File)
		rep.Results = append(rep.Results, report.Result{
			ID: req.ID, Name: req.Name, Title: req.Title, Area: req.Area, Severity: req.Severity,
			Status:      report.StatusUnknown,
			Messages:    []string{msg},
			Findings:    []report.Finding{{Message: msg, Agents: []string{}}},
			Remediation: req.Remediation,
			Docs:        req.Docs,
		})
	}
	if added == 0 && len(results) == len(rep.Results) {
		return
	}
	sort.SliceStable(rep.Results, func(i, j int) bool { return rep.Results[i].ID < rep.Results[j].ID })
	summary := map[string]int{}
	for _, s := range report.Statuses {
		summary[s] = 0
	}
	for _, r := range rep.Results {
		summary[r.Status]++
	}
	rep.Summary = summary
	if added > 0 {
		rep.Ready = false
	}
}

// cutMessage shortens a message to MaxMessage characters, saying how long it was.
func cutMessage(m string) string {
	n := utf8.RuneCountInString(m)
	if n <= MaxMessage {
		return m
	}
	var b strings.Builder
	i := 0
	for _, r := range m {
		if i == MaxMessage {
			break
		}
		b.WriteRune(r)
		i++
	}
	fmt.Fprintf(&b, "… (cut: the message has %d characters)", n)
	return b.String()
}
