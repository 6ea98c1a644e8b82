package main

import (
	"bytes"
	"io"
	"reflect"
	"regexp"
	"strings"
	"sync"

	"github.com/dmaprep/dmaprep/report"
	"github.com/urfave/cli/v2"
)

// flagLine is a line of urfave/cli's flag list: indent, the flag's names, two or more
// spaces, its usage.
var flagLine = regexp.MustCompile(`^(\s+)(-\S.*?)\s{2,}(\S.*)$`)

// shellComment is a trailing comment of an example command line.
var shellComment = regexp.MustCompile(`\s+(#.*)$`)

// urfave/cli's help printer and version flag are package variables, so they are set once
// for the process. --version prints the version; -v is left to --verbose (dmaprep test
// -v), as in go test, opa test and conftest. The help is folded to the width of the
// terminal of the run that prints it: runs in one process (the tests run many at once)
// each register their stdout with its width.
func init() {
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Usage: "print the version", DisableDefaultText: true}
	cli.HelpPrinter = func(w io.Writer, templ string, data any) {
		width := report.DefaultWidth
		if n, ok := helpWidths.Load(helpKey(w)); ok {
			width = n.(int)
		}
		foldedHelp(width)(w, templ, data)
	}
}

// helpWidths maps the stdout of each running app to the width its help folds to.
var helpWidths sync.Map

func setHelpWidth(w io.Writer, width int) {
	if key := helpKey(w); key != nil {
		helpWidths.Store(key, width)
	}
}

func clearHelpWidth(w io.Writer) { helpWidths.Delete(helpKey(w)) }

// helpKey is w itself when it can be a map key (a pointer such as *os.File or
// *bytes.Buffer), else nil: such a writer gets the default width.
func helpKey(w io.Writer) any {
	if w == nil || !reflect.TypeOf(w).Comparable() {
		return nil
	}
	return w
}

// foldedHelp prints urfave/cli's help folded to width, as go help and kubectl print it:
//   - a flag line that does not fit has its usage on the lines below, indented and folded;
//   - prose (a command's description) is refolded paragraph by paragraph, so that text
//     written for a wide terminal reads as paragraphs on a narrow one, not as a staircase;
//   - an example under "Examples:" stays a command that runs when pasted: a trailing
//     comment moves to its own line above it, and a command that still does not fit is
//     continued on the next line after a backslash;
//   - any other long line (NAME, USAGE) is folded with a hanging indent.
func foldedHelp(width int) func(w io.Writer, templ string, data any) {
	return func(w io.Writer, templ string, data any) {
		var buf bytes.Buffer
		cli.HelpPrinterCustom(&buf, templ, data, nil)
		io.WriteString(w, strings.TrimSuffix(foldHelpText(buf.String(), width), "\n"))
	}
}

// foldHelpText folds help text to width (see foldedHelp).
func foldHelpText(text string, width int) string {
	var out strings.Builder
	emit := func(lines ...string) {
		for _, l := range lines {
			out.WriteString(strings.TrimRight(l, " ") + "\n")
		}
	}
	lines := strings.Split(text, "\n")
	section := ""
	examplesIndent := -1 // the indent of the "Examples:" line whose block we are in, or -1
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		indent := indentOf(line)
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			examplesIndent = -1
			emit("")
			continue
		case indent == 0 && strings.HasSuffix(trimmed, ":"):
			section, examplesIndent = trimmed, -1
			emit(line)
			continue
		case examplesIndent >= 0 && indent <= examplesIndent:
			examplesIndent = -1
		}
		if trimmed == "Examples:" || trimmed == "Example:" {
			examplesIndent = indent
			emit(line)
			continue
		}
		if examplesIndent >= 0 {
			// One command: this line and those it continues onto with a trailing backslash.
			group := []string{line}
			for i+1 < len(lines) && strings.HasSuffix(shellComment.ReplaceAllString(strings.TrimRight(group[len(group)-1], " "), ""), `\`) {
				i++
				group = append(group, lines[i])
			}
			emit(foldExample(group, width)...)
			continue
		}
		if m := flagLine.FindStringSubmatch(line); m != nil && strings.HasPrefix(trimmed, "-") {
			if len(line) <= width {
				emit(line)
				continue
			}
			usageIndent := m[1] + "      "
			for j, l := range report.Wrap(m[2], width-len(m[1]), width-len(m[1])-2) {
				emit(m[1] + strings.Repeat(" ", min(j, 1)*2) + l)
			}
			for _, l := range report.Wrap(m[3], width-len(usageIndent), width-len(usageIndent)) {
				emit(usageIndent + l)
			}
			continue
		}
		if section == "DESCRIPTION:" {
			// A paragraph: this line and the following ones at the same indent, up to a
			// blank line, a list item or an "Examples:" line.
			words := []string{trimmed}
			for i+1 < len(lines) {
				next := lines[i+1]
				nt := strings.TrimSpace(next)
				if nt == "" || indentOf(next) != indent || nt == "Examples:" || nt == "Example:" || isListItem(nt) {
					break
				}
				words = append(words, nt)
				i++
			}
			pad, rest := strings.Repeat(" ", indent), strings.Repeat(" ", indent)
			if isListItem(trimmed) {
				rest += "  "
			}
			for j, l := range report.Wrap(strings.Join(words, " "), width-len(pad), width-len(rest)) {
				if j == 0 {
					emit(pad + l)
				} else {
					emit(rest + l)
				}
			}
			continue
		}
		if len(line) <= width {
			emit(line)
			continue
		}
		pad := strings.Repeat(" ", indent)
		for _, l := range report.Wrap(trimmed, width-indent, width-indent-2) {
			emit(pad + l)
			pad = strings.Repeat(" ", indent+2)
		}
	}
	return out.String()
}

// foldExample folds one example command, written on one or more lines joined by
// trailing backslashes, to width so that it still runs when pasted. A command that fits
// stays as written; otherwise its comments go on a line of their own above it, and the
// command is refolded with a backslash at the end of every line but the last.
func foldExample(group []string, width int) []string {
	fits := true
	for _, l := range group {
		fits = fits && len(l) <= width
	}
	if fits {
		return group
	}
	indent := indentOf(group[0])
	pad := strings.Repeat(" ", indent)
	var comments, words []string
	for _, l := range group {
		l = strings.TrimSpace(l)
		if m := shellComment.FindStringSubmatchIndex(l); m != nil {
			comments = append(comments, pad+l[m[2]:m[3]])
			l = strings.TrimSpace(l[:m[0]])
		}
		words = append(words, strings.TrimSpace(strings.TrimSuffix(l, `\`)))
	}
	out := comments
	// Room for " \" on every line but the last; continuation lines are indented 4 more.
	pieces := report.Wrap(keepFlagsWithValues(strings.Join(words, " ")), width-indent-2, width-indent-6)
	for j, p := range pieces {
		p = strings.ReplaceAll(p, "\x00", " ")
		if j > 0 {
			p = "    " + p
		}
		if j < len(pieces)-1 {
			p += ` \`
		}
		out = append(out, pad+p)
	}
	return out
}

// keepFlagsWithValues joins each flag to the value after it with a NUL byte, which the
// folding does not break at (and which is turned back into a space after it), so that a
// folded command reads "--policy ./our-rules", never "--policy \" then "./our-rules".
func keepFlagsWithValues(command string) string {
	fields := strings.Fields(command)
	for i := 0; i+1 < len(fields); i++ {
		if strings.HasPrefix(fields[i], "-") && !strings.HasPrefix(fields[i+1], "-") && fields[i+1] != "|" {
			fields[i] += "\x00" + fields[i+1]
			fields = append(fields[:i+1], fields[i+2:]...)
		}
	}
	return strings.Join(fields, " ")
}

func indentOf(line string) int { return len(line) - len(strings.TrimLeft(line, " ")) }

func isListItem(trimmed string) bool {
	return strings.HasPrefix(trimmed, "- ") || strings.HasPrefix(trimmed, "* ")
}
