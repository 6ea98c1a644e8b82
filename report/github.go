package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// GitHub writes GitHub Actions workflow commands, which the runner turns into annotations
// on the run and the pull request:
//
//	::error title=FO102 backup-same-version::<message>     fail, unknown
//	::warning title=FO404 https-name-per-agent::<message>  warn
//	::notice title=FO803 natsrepair-after-configuration::  info, waived
//	::notice::dmaprep: NOT READY: 2 pass, 1 fail, ...      always last
//
// Passes and skips give no annotation. A message holds the requirement's messages, one
// per line, then the remediation and the doc links (none for info and waived); a waived
// one starts with who waived it, until when and why; an unknown one says it could not be
// checked. With several fact documents each message starts with its document. Data is
// escaped as the runner expects (% CR LF), properties also : and ,.
func GitHub(w io.Writer, s Set) error { return renderAll(newGitHubStream(w, Options{}), s) }

// newGitHubStream keeps each document's annotations as they come and writes them, then
// the summary, at Close (a run that stops early writes none).
func newGitHubStream(w io.Writer, opts Options) Stream {
	s := newSummarising(w, opts, 1, true)
	lines := s.sections[0]
	s.part = func(_ int, r Report, several bool) error {
		bw := bufio.NewWriter(lines)
		for _, res := range r.Results {
			var cmd string
			switch res.Status {
			case StatusFail, StatusUnknown:
				cmd = "error"
			case StatusWarn:
				cmd = "warning"
			case StatusInfo, StatusWaived:
				cmd = "notice"
			default:
				continue
			}
			msg := githubMessage(res)
			if several {
				msg = r.Source + ": " + msg
			}
			fmt.Fprintf(bw, "::%s title=%s::%s\n", cmd, githubProperty(res.ID+" "+res.Name), githubData(msg))
		}
		return bw.Flush()
	}
	s.finish = func(w io.Writer, t *Tally) error {
		if err := lines.copyTo(w); err != nil {
			return err
		}
		summary := fmt.Sprintf("dmaprep: %s: %s", verdictWord(t.Ready()), countsLine(t.counts()))
		if t.Documents > 1 {
			summary = fmt.Sprintf("dmaprep: %s (%d documents): %s", verdictWord(t.Ready()), t.Documents, countsLine(t.counts()))
		}
		_, err := fmt.Fprintf(w, "::notice::%s\n", githubData(summary))
		return err
	}
	return s
}

func githubMessage(res Result) string {
	var lines []string
	if w := res.Waiver; w != nil {
		line := fmt.Sprintf("waived until %s by %s: %s", w.Expires, orDash(w.Owner), w.Justification)
		if w.Status != "" {
			line += " (otherwise " + w.Status + ")"
		}
		lines = append(lines, line)
	}
	msgs := res.Messages
	if len(msgs) == 0 {
		msgs = []string{res.Title}
	}
	if res.Status == StatusUnknown {
		lines = append(lines, "could not be checked: "+msgs[0])
		msgs = msgs[1:]
	}
	lines = append(lines, msgs...)
	if res.Status != StatusInfo && res.Waiver == nil {
		if res.Remediation != "" {
			lines = append(lines, "fix: "+res.Remediation)
		}
		for _, d := range res.Docs {
			lines = append(lines, "docs: "+d)
		}
	}
	return strings.Join(lines, "\n")
}

// countsLine is "2 pass, 1 fail, ..." over every status.
func countsLine(summary map[string]int) string {
	parts := make([]string, len(Statuses))
	for i, st := range Statuses {
		parts[i] = fmt.Sprintf("%d %s", summary[st], st)
	}
	return strings.Join(parts, ", ")
}

// githubData escapes a workflow command's message (actions/toolkit escapeData).
var githubData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace

// githubProperty escapes a workflow command's property value (actions/toolkit
// escapeProperty).
var githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace
