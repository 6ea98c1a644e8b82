package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// GitHub writes GitHub Actions workflow commands, which the runner turns into annotations
// on the run, the pull request and the fact document's file, grouped per document as
// conftest does:
//
//	::group::dmaprep: facts.json: NOT READY
//	::error file=facts.json,line=1,title=FO102 backup-same-version::<messages>%0Afix: ...%0Adocs: ...
//	::warning file=facts.json,line=1,title=FO404 https-name-per-agent::<messages>
//	::notice file=facts.json,line=1,title=FO803 natsrepair-after-configuration::<messages>
//	::endgroup::
//	::notice::dmaprep: NOT READY: 2 pass, 1 fail, ...      always last
//
// fail and unknown are errors, warn a warning, info and waived notices; passes and skips
// give no annotation. An annotation's first line is its finding on one line (the
// requirement's messages joined by "; "; an unknown one says it could not be checked, a
// waived one starts with who waived it, until when and why); its body is the fix and the
// doc links (none for info and waived). file= names the fact document and line= the line
// of the result's first fact in it (Result.Line; line 1 when not known); both are left out
// when the facts came from stdin or were gathered by the run. Data is escaped as the runner expects (% CR LF),
// properties also : and ,.
func GitHub(w io.Writer, s Set) error { return renderAll(newGitHubStream(w, Options{}), s) }

// newGitHubStream keeps each document's group of annotations as it comes and writes the
// groups, then the summary, at Close (a run that stops early writes none).
func newGitHubStream(w io.Writer, opts Options) Stream {
	s := newSummarising(w, opts, 1, false)
	groups := s.sections[0]
	s.part = func(_ int, r Report, _ bool) error {
		bw := bufio.NewWriter(groups)
		fmt.Fprintf(bw, "::group::%s\n", githubData(fmt.Sprintf("dmaprep: %s: %s", r.Source, verdictWord(r.Ready))))
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
			props := ""
			if r.File != "" {
				props = fmt.Sprintf("file=%s,line=%d,", githubProperty(r.File), max(res.Line, 1))
			}
			fmt.Fprintf(bw, "::%s %stitle=%s::%s\n", cmd, props, githubProperty(res.ID+" "+res.Name), githubData(githubMessage(res)))
		}
		fmt.Fprintf(bw, "::endgroup::\n")
		return bw.Flush()
	}
	s.finish = func(w io.Writer, t *Tally) error {
		if err := groups.copyTo(w); err != nil {
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

// githubMessage is an annotation's text: the finding on its first line, then the fix and
// the doc links.
func githubMessage(res Result) string {
	msgs := res.Messages
	if len(msgs) == 0 {
		msgs = []string{res.Title}
	}
	first := strings.Join(msgs, "; ")
	if res.Status == StatusUnknown {
		first = "could not be checked: " + first
	}
	if w := res.Waiver; w != nil {
		waived := fmt.Sprintf("waived until %s by %s: %s", w.Expires, orDash(w.Owner), w.Justification)
		if w.Status != "" {
			waived += " (otherwise " + w.Status + ")"
		}
		first = waived + "; " + first
	}
	lines := []string{strings.Join(strings.Fields(first), " ")}
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
