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

// DefaultWidth is the text report's width when the output is not a terminal.
const DefaultWidth = 80

// problemOrder is the order in which results that need a reader's attention are listed:
// what blocks the pair first, then what to look at, then what was accepted.
var problemOrder = []string{StatusFail, StatusUnknown, StatusWarn, StatusWaived, StatusInfo}

// Text is the report a person reads at a terminal: a header that names the pair, then the
// requirements that need attention (fail, unknown, warn, waived, info), each with its
// messages, fix and doc links folded to the width; then the passed and skipped ones as
// lists of IDs (the reasons are in the other formats); the waivers and what became of
// them; the summary; and one line that says what to do next. The problems come first and
// the 40-odd passes take two lines, so a failing run shows its failures on the first
// screen; nothing is left out, so no --all is needed. With Quiet, only the verdict line.
func Text(opts Options) Format {
	width := textWidth(opts)
	return func(w io.Writer, s Set) error {
		return renderAll(newTextStream(w, opts, width), s)
	}
}

// textWidth is the width the text report folds to.
func textWidth(opts Options) int {
	if opts.Width <= 0 {
		return DefaultWidth
	}
	return opts.Width
}

type textWriter struct {
	w     *bufio.Writer
	color bool
	width int
}

func (t textWriter) line(format string, args ...any) {
	fmt.Fprintf(t.w, format, args...)
	t.w.WriteByte('\n')
}

// wrapped writes text folded to the width (Fold).
func (t textWriter) wrapped(first, indent, text string) {
	for _, l := range Fold(first, indent, text, t.width) {
		t.line("%s", l)
	}
}

// Fold lays text out in lines of at most width columns, the first after the prefix first,
// the others after indent; paragraph breaks in text (blank lines) are kept. A word that
// does not fit on a line after the prefix (a URL, a long path) gets a line of its own: a
// prefix with text (a label, a bullet) stays alone on the line before, and the word is
// indented by indent, or by less when that lets a word no longer than the width fit. So
// only a word longer than the width passes it, and it stays whole, not broken: a URL cut across lines can no longer
// be copied or clicked, and a path cut in two reads as two.
func Fold(first, indent, text string, width int) []string {
	var out []string
	for i, para := range strings.Split(text, "\n\n") {
		if i > 0 {
			out = append(out, strings.TrimRight(indent, " "))
			first = indent
		}
		for _, l := range wrap(para, width-visibleLen(first), width-len(indent)) {
			if visibleLen(first)+len(l) > width && !strings.Contains(l, " ") {
				if strings.TrimSpace(first) != "" {
					out = append(out, strings.TrimRight(first, " "))
				}
				first = indent
				if len(l) <= width {
					first = strings.Repeat(" ", min(len(indent), width-len(l)))
				}
			}
			out = append(out, first+l)
			first = indent
		}
	}
	return out
}

// visibleLen is the length of s on screen: ANSI colour sequences take no room.
func visibleLen(s string) int {
	n, inEscape := 0, false
	for _, r := range s {
		switch {
		case r == '\x1b':
			inEscape = true
		case inEscape:
			inEscape = r != 'm'
		default:
			n++
		}
	}
	return n
}

// wrap folds text into lines of at most firstWidth (the first line) and width (the others)
// characters, at spaces; a word longer than that (a URL, a path) gets a line of its own
// rather than being cut.
func wrap(text string, firstWidth, width int) []string {
	width = max(width, 20)
	limit := max(firstWidth, 20)
	var lines []string
	var cur strings.Builder
	for _, word := range strings.Fields(text) {
		if cur.Len() > 0 && cur.Len()+1+len(word) > limit {
			limit = width
			lines = append(lines, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(word)
	}
	if cur.Len() > 0 || len(lines) == 0 {
		lines = append(lines, cur.String())
	}
	return lines
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
	t.wrapped("", "  ", fmt.Sprintf("dmaprep: %s: %s (evaluated %s)", r.Source, t.paint(map[bool]string{true: StatusPass, false: StatusFail}[r.Ready], verdict), r.EvaluatedAt))
	if p := PairLine(r.Pair); p != "" {
		t.wrapped("", "  ", p)
	}
	problems, rest := needsAttention(r.Results)
	byStatus := map[string][]Result{}
	for _, res := range rest {
		byStatus[res.Status] = append(byStatus[res.Status], res)
	}
	if len(problems) > 0 {
		t.line("")
		t.line("Needs attention (%d)", len(problems))
		idWidth := 0
		for _, res := range problems {
			idWidth = max(idWidth, len(res.ID))
		}
		for _, res := range problems {
			label := t.paint(res.Status, fmt.Sprintf("%-7s", strings.ToUpper(res.Status)))
			head := fmt.Sprintf("  %s  %-*s  ", label, idWidth, res.ID)
			// A long ID (a custom requirement's) still aligns its details.
			t.wrapped(head, strings.Repeat(" ", 13+idWidth), res.Name+": "+res.Title)
			t.details(res, strings.Repeat(" ", 13+idWidth))
		}
	}
	for _, st := range []string{StatusPass, StatusSkip} {
		if len(byStatus[st]) == 0 {
			continue
		}
		ids := make([]string, len(byStatus[st]))
		for i, res := range byStatus[st] {
			ids[i] = res.ID
		}
		title := map[string]string{StatusPass: "Passed", StatusSkip: "Skipped (does not apply)"}[st]
		t.line("")
		t.wrapped(fmt.Sprintf("%s (%d): ", title, len(ids)), "  ", strings.Join(ids, " "))
	}
	t.waivers(r.Waivers)
	t.line("")
	t.wrapped("Summary: ", "  ", t.verdictLine(r.Summary, r.Ready))
	t.wrapped("", "  ", NextStep(r))
}

// details prints what a reader needs to act on a result that needs attention.
func (t textWriter) details(res Result, indent string) {
	for _, m := range res.Messages {
		t.wrapped(indent+"- ", indent+"  ", m)
	}
	if w := res.Waiver; w != nil {
		t.wrapped(indent+"waived: ", indent+"  ", waiverText(*w))
		return
	}
	if res.Remediation != "" && res.Status != StatusInfo {
		t.wrapped(indent+"fix: ", indent+"     ", res.Remediation)
	}
	for _, d := range res.Docs {
		t.wrapped(indent+"docs: ", indent+"  ", d)
	}
}

// waivers lists every waiver given with what became of it: applied, expired (it no
// longer covers anything) or unused (it matched nothing, perhaps a typo or a fixed issue).
func (t textWriter) waivers(uses []WaiverUse) {
	if len(uses) == 0 {
		return
	}
	t.line("")
	t.line("Waivers (%d)", len(uses))
	for _, u := range uses {
		t.wrapped(fmt.Sprintf("  %-8s %s: ", u.Use, waiverTarget(u.Waiver)), "    ", waiverText(u.Waiver))
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

// Wrap folds text at spaces into lines of at most firstWidth (the first line) and width
// (the others) characters, as the text report does; a word longer than that stays whole.
func Wrap(text string, firstWidth, width int) []string { return wrap(text, firstWidth, width) }
