package main

import (
	"bytes"
	"io"
	"regexp"
	"strings"

	"github.com/dmaprep/dmaprep/report"
	"github.com/urfave/cli/v2"
)

// flagLine is a line of urfave/cli's flag list: indent, the flag's names, two or more
// spaces, its usage.
var flagLine = regexp.MustCompile(`^(\s+)(-\S.*?)\s{2,}(\S.*)$`)

// foldedHelp prints urfave/cli's help folded to width: a flag line that does not fit has
// its usage on the lines below, indented and folded, as go help and kubectl print it;
// another long line is folded under its own indent.
func foldedHelp(width int) func(w io.Writer, templ string, data any) {
	return func(w io.Writer, templ string, data any) {
		var buf bytes.Buffer
		cli.HelpPrinterCustom(&buf, templ, data, nil)
		var out strings.Builder
		for _, line := range strings.Split(buf.String(), "\n") {
			if len(line) <= width {
				out.WriteString(line + "\n")
				continue
			}
			m := flagLine.FindStringSubmatch(line)
			if m == nil { // a long line of prose: folded under its own indent
				indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
				for _, l := range report.Wrap(line[len(indent):], width-len(indent), width-len(indent)-2) {
					out.WriteString(indent + l + "\n")
					indent = strings.Repeat(" ", len(indent)+2)
				}
				continue
			}
			indent := m[1] + "      "
			out.WriteString(m[1] + m[2] + "\n")
			for _, l := range report.Wrap(m[3], width-len(indent), width-len(indent)) {
				out.WriteString(indent + l + "\n")
			}
		}
		io.WriteString(w, strings.TrimSuffix(out.String(), "\n"))
	}
}
