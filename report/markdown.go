package report

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
)

// Markdown writes GitHub-flavoured Markdown for pull-request and merge-request comments:
// a verdict heading (a status word, no emoji), a table of the counts per document, then
// per document the pair, the counts, the areas with their counts (a table of contents),
// one table ID | requirement | status | details of what needs attention (fail, unknown,
// warn, waived, info, in that order: messages, the waiver, remediation, doc links), the
// next step, the waivers, and the passed and skipped requirements (with the skip reasons)
// folded into one <details> block. Text from the
// report is escaped: Markdown punctuation, "|", HTML-significant characters, and line
// breaks (written as <br> inside table cells).
func Markdown(w io.Writer, s Set) error { return renderAll(newMarkdownStream(w, Options{}), s) }

// newMarkdownStream keeps each document's row of the counts table and its section as
// they come, and writes the verdict heading, the table and the sections at Close.
func newMarkdownStream(w io.Writer, opts Options) Stream {
	s := newSummarising(w, opts, 2, false)
	rows, docs := s.sections[0], s.sections[1]
	s.part = func(_ int, r Report, _ bool) error {
		if _, err := fmt.Fprintf(rows, "| %s | %s |%s\n", mdCell(r.Source), verdictWord(r.Ready), mdCounts(r.Summary, false)); err != nil {
			return err
		}
		return markdownDocument(docs, r)
	}
	s.finish = func(w io.Writer, t *Tally) error {
		bw := bufio.NewWriter(w)
		p := func(format string, args ...any) { fmt.Fprintf(bw, format+"\n", args...) }
		p("## dmaprep: %s", verdictWord(t.Ready()))
		p("")
		header := "| document | verdict |"
		rule := "| --- | --- |"
		for _, st := range Statuses {
			header += " " + st + " |"
			rule += " ---: |"
		}
		p("%s", header)
		p("%s", rule)
		if err := rows.copyTo(bw); err != nil {
			return err
		}
		if t.Documents > 1 {
			p("| **all %d documents** | **%s** |%s", t.Documents, verdictWord(t.Ready()), mdCounts(t.counts(), true))
		}
		if err := docs.copyTo(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	return s
}

// markdownDocument writes one document's section.
func markdownDocument(w io.Writer, r Report) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format+"\n", args...) }
	p("")
	p("### %s: %s", mdEscape(r.Source), verdictWord(r.Ready))
	p("")
	if pl := PairLine(r.Pair); pl != "" {
		p("**%s**", mdEscape(pl))
		p("")
	}
	p("Evaluated at %s: %s.", mdEscape(r.EvaluatedAt), countsLine(r.Summary))
	p("")
	areas, groups := byArea(r.Results)
	toc := make([]string, len(areas))
	for i, area := range areas {
		toc[i] = fmt.Sprintf("%s (%s)", mdEscape(orText(area, "Other")), countsText(areaCounts(groups[area])))
	}
	p("**Areas:** %s", strings.Join(toc, " · "))
	problems, rest := needsAttention(r.Results)
	if len(problems) > 0 {
		p("")
		p("#### Needs attention (%d)", len(problems))
		p("")
		p("| ID | requirement | status | details |")
		p("| --- | --- | --- | --- |")
		for _, res := range problems {
			p("| %s | %s | %s | %s |", mdCell(res.ID), mdCell(res.Name+": "+res.Title)+"<br>"+mdCell(orText(res.Area, "Other")), mdStatus(res.Status), mdDetails(res))
		}
	}
	p("")
	p("%s", mdEscape(NextStep(r)))
	if len(r.Waivers) > 0 {
		p("")
		p("#### Waivers")
		p("")
		p("| waiver | use | until | owner | justification |")
		p("| --- | --- | --- | --- | --- |")
		for _, u := range r.Waivers {
			p("| %s | %s | %s | %s | %s |", mdCell(waiverTarget(u.Waiver)), mdCell(u.Use), mdCell(u.Expires), mdCell(orDash(u.Owner)), mdCell(u.Justification))
		}
	}
	if len(rest) > 0 {
		var passed, skipped int
		for _, res := range rest {
			if res.Status == StatusSkip {
				skipped++
			} else {
				passed++
			}
		}
		p("")
		p("<details><summary>%d passed, %d skipped</summary>", passed, skipped)
		p("")
		p("| ID | requirement | area | status | note |")
		p("| --- | --- | --- | --- | --- |")
		for _, res := range rest {
			note := ""
			if res.Status == StatusSkip {
				note = mdDetails(res)
			}
			p("| %s | %s | %s | %s | %s |", mdCell(res.ID), mdCell(res.Name+": "+res.Title), mdCell(orText(res.Area, "Other")), mdStatus(res.Status), note)
		}
		p("")
		p("</details>")
	}
	return bw.Flush()
}

// verdictWord is the verdict as people read it: READY or NOT READY.
func verdictWord(ready bool) string {
	if ready {
		return "READY"
	}
	return "NOT READY"
}

func mdCounts(summary map[string]int, bold bool) string {
	var b strings.Builder
	for _, st := range Statuses {
		if bold {
			fmt.Fprintf(&b, " **%d** |", summary[st])
		} else {
			fmt.Fprintf(&b, " %d |", summary[st])
		}
	}
	return b.String()
}

// mdStatus is the status word; the ones that make a pair not ready are bold.
func mdStatus(status string) string {
	word := strings.ToUpper(status)
	if status == StatusFail || status == StatusUnknown {
		return "**" + word + "**"
	}
	return word
}

// mdDetails is the details cell: what was found, and what to do about it.
func mdDetails(res Result) string {
	var parts []string
	if res.Status == StatusUnknown {
		parts = append(parts, "could not be checked:")
	}
	for _, m := range res.Messages {
		parts = append(parts, mdCell(m))
	}
	if w := res.Waiver; w != nil {
		line := fmt.Sprintf("**Waived** until %s by %s: %s", mdCell(w.Expires), mdCell(orDash(w.Owner)), mdCell(w.Justification))
		if w.Status != "" {
			line += " (otherwise " + mdCell(w.Status) + ")"
		}
		parts = append(parts, line)
	}
	if res.Status == StatusSkip {
		return strings.Join(parts, "<br>")
	}
	if res.Remediation != "" && res.Waiver == nil && res.Status != StatusInfo {
		parts = append(parts, "**Fix:** "+mdCell(res.Remediation))
	}
	if len(res.Docs) > 0 {
		links := make([]string, len(res.Docs))
		for i, d := range res.Docs {
			links[i] = mdLink(d)
		}
		parts = append(parts, "**Docs:** "+strings.Join(links, ", "))
	}
	return strings.Join(parts, "<br>")
}

// docName names a documentation page after the last element of its path
// (".../Preparing_the_two_DataMiner_Agents.html" is "Preparing the two DataMiner Agents").
func docName(doc string) string {
	u, err := url.Parse(doc)
	if err != nil || u.Path == "" || u.Path == "/" {
		return doc
	}
	name := strings.TrimSuffix(path.Base(u.Path), path.Ext(u.Path))
	return strings.ReplaceAll(name, "_", " ")
}

// mdLink is a Markdown link to a documentation page, named after the page.
func mdLink(doc string) string {
	name := docName(doc)
	target := strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "|", "%7C", "<", "%3C", ">", "%3E", "\n", "", "\r", "").Replace(doc)
	return "[" + mdCell(name) + "](" + target + ")"
}

// mdEscape makes text render as written: Markdown punctuation is backslash-escaped and
// the characters HTML gives meaning to become entities.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`, "~", `\~`,
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
)

func mdEscape(s string) string { return mdEscaper.Replace(s) }

// mdCell is mdEscape for a table cell: line breaks become <br>.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(mdEscape(s), "\n", "<br>")
}
