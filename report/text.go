package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// ANSI colours per status; used only when Options.Color is set.
var statusColor = map[string]string{
	StatusPass:    "\x1b[32m", // green
	StatusFail:    "\x1b[1;31m",
	StatusWarn:    "\x1b[33m",
	StatusInfo:    "\x1b[36m",
	StatusSkip:    "\x1b[2m",
	StatusUnknown: "\x1b[1;35m",
	StatusWaived:  "\x1b[34m",
}

const colorReset = "\x1b[0m"

// Text is the table a person reads at a glance: requirements grouped by area, one line
// each with its status; messages, remediation and doc links under every requirement that
// did not pass; skip reasons on one line; a summary line with the verdict.
func Text(opts Options) Format {
	return func(w io.Writer, s Set) error {
		return renderAll(newTextStream(w, opts), s)
	}
}

type textWriter struct {
	w     *bufio.Writer
	color bool
}

func (t textWriter) line(format string, args ...any) {
	fmt.Fprintf(t.w, format, args...)
	t.w.WriteByte('\n')
}

func (t textWriter) paint(status, s string) string {
	if !t.color {
		return s
	}
	return statusColor[status] + s + colorReset
}

func (t textWriter) report(r Report) {
	verdict := "READY"
	if !r.Ready {
		verdict = "NOT READY"
	}
	t.line("dmaprep: %s: %s (evaluated %s)", r.Source, verdict, r.EvaluatedAt)
	areas, groups := byArea(r.Results)
	nameWidth := 0
	for _, res := range r.Results {
		nameWidth = max(nameWidth, len(res.Name))
	}
	for _, area := range areas {
		t.line("")
		t.line("%s", area)
		for _, res := range groups[area] {
			label := fmt.Sprintf("%-7s", strings.ToUpper(res.Status))
			t.line("  %s  %-5s  %-*s  %s", t.paint(res.Status, label), res.ID, nameWidth, res.Name, res.Title)
			t.details(res)
		}
	}
	t.line("")
	t.line("Summary: %s", t.verdictLine(r.Summary, r.Ready))
}

// details prints what a reader needs to act on a result that did not pass.
func (t textWriter) details(res Result) {
	const indent = "           "
	switch res.Status {
	case StatusPass:
		return
	case StatusSkip:
		if len(res.Messages) > 0 {
			t.line("%sskipped: %s", indent, strings.Join(res.Messages, "; "))
		}
		return
	}
	for _, m := range res.Messages {
		t.line("%s- %s", indent, m)
	}
	if w := res.Waiver; w != nil {
		t.line("%swaived until %s by %s: %s", indent, w.Expires, orDash(w.Owner), w.Justification)
		return
	}
	if res.Remediation != "" && res.Status != StatusInfo {
		lines := strings.Split(res.Remediation, "\n")
		t.line("%sfix: %s", indent, lines[0])
		for _, l := range lines[1:] {
			t.line("%s     %s", indent, l)
		}
	}
	for _, d := range res.Docs {
		t.line("%sdocs: %s", indent, d)
	}
}

func (t textWriter) verdictLine(summary map[string]int, ready bool) string {
	parts := make([]string, 0, len(Statuses))
	for _, st := range Statuses {
		parts = append(parts, fmt.Sprintf("%d %s", summary[st], st))
	}
	verdict := "ready"
	if !ready {
		verdict = "not ready"
	}
	return strings.Join(parts, ", ") + ": " + t.paint(map[bool]string{true: StatusPass, false: StatusFail}[ready], verdict)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
