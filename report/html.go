package report

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"strings"
)

// HTML writes one self-contained page for people who open a report in a browser or keep it
// as a CI artefact: no external asset, no script, the style inline. The verdict and the
// counts per document come first; then, per fact document, the pair, a table of contents
// by area (each area's counts, linking to its section), the requirements that need
// attention (fail, unknown, warn, waived, info, in that order: first one line each, then
// a table with each one's area, messages, waiver, remediation and doc links), the next
// step and the waivers; the passed
// and skipped requirements last, per area, folded away in <details>. So the first screen
// of a failing report shows its failures. Everything from the report is escaped by
// html/template, and doc links that are not http(s) are neutralised by it.
func HTML(w io.Writer, s Set) error { return renderAll(newHTMLStream(w, Options{}), s) }

// newHTMLStream keeps each document's row of the summary table and its section as they
// come, and writes the page around them at Close.
func newHTMLStream(w io.Writer, opts Options) Stream {
	s := newSummarising(w, opts, 2, false)
	rows, docs := s.sections[0], s.sections[1]
	s.part = func(i int, r Report, _ bool) error {
		v := htmlReport(i, r)
		if err := htmlPage.ExecuteTemplate(rows, "row", v); err != nil {
			return err
		}
		return htmlPage.ExecuteTemplate(docs, "document", v)
	}
	s.finish = func(w io.Writer, t *Tally) error {
		bw := bufio.NewWriterSize(w, 64<<10)
		v := htmlSetView{Verdict: verdictWord(t.Ready()), Ready: t.Ready(), Documents: t.Documents, Summary: t.counts()}
		if err := htmlPage.ExecuteTemplate(bw, "head", v); err != nil {
			return err
		}
		if err := rows.copyTo(bw); err != nil {
			return err
		}
		if t.Documents > 1 {
			if err := htmlPage.ExecuteTemplate(bw, "total", v); err != nil {
				return err
			}
		}
		if err := htmlPage.ExecuteTemplate(bw, "middle", v); err != nil {
			return err
		}
		if err := docs.copyTo(bw); err != nil {
			return err
		}
		if err := htmlPage.ExecuteTemplate(bw, "foot", v); err != nil {
			return err
		}
		return bw.Flush()
	}
	return s
}

// htmlSetView is what the page says about every document.
type htmlSetView struct {
	Verdict   string
	Ready     bool
	Documents int
	Summary   map[string]int
}

type htmlReportView struct {
	Anchor                       string // the id of the document's section
	Source, EvaluatedAt, Verdict string
	Ready                        bool
	Summary                      map[string]int
	Counts                       string
	Problems                     []htmlResultView
	Areas                        []htmlAreaView
	Pair, Next                   string
	Waivers                      []htmlWaiverView
}

type htmlWaiverView struct {
	WaiverUse
	Target string
}

// htmlAreaView is one area: its counts for the table of contents, the IDs of its results
// that need attention (listed above) and its passed and skipped results.
type htmlAreaView struct {
	Name, Anchor string
	Counts       []statusCount
	Problems     []htmlResultView
	Rest         []htmlResultView
}

type htmlResultView struct {
	Result
	Anchor  string
	Word    string // status in capitals
	Unknown bool
	Fix     string // the remediation, when the status calls for one
}

// htmlReport is the view of the i-th document (from 0).
func htmlReport(i int, r Report) htmlReportView {
	doc := fmt.Sprintf("d%d", i+1)
	rv := htmlReportView{Anchor: doc, Source: r.Source, EvaluatedAt: r.EvaluatedAt, Verdict: verdictWord(r.Ready), Ready: r.Ready,
		Summary: r.Summary, Counts: countsLine(r.Summary), Pair: PairLine(r.Pair), Next: NextStep(r)}
	for _, u := range r.Waivers {
		rv.Waivers = append(rv.Waivers, htmlWaiverView{WaiverUse: u, Target: waiverTarget(u.Waiver)})
	}
	view := func(res Result) htmlResultView {
		resv := htmlResultView{Result: res, Anchor: doc + "-" + res.ID, Word: strings.ToUpper(res.Status), Unknown: res.Status == StatusUnknown}
		if res.Remediation != "" && res.Waiver == nil && res.Status != StatusInfo {
			resv.Fix = res.Remediation
		}
		return resv
	}
	problems, _ := needsAttention(r.Results)
	for _, res := range problems {
		rv.Problems = append(rv.Problems, view(res))
	}
	areas, groups := byArea(r.Results)
	for j, area := range areas {
		av := htmlAreaView{Name: orText(area, "Other"), Anchor: fmt.Sprintf("%s-area%d", doc, j+1), Counts: areaCounts(groups[area])}
		problems, rest := needsAttention(groups[area])
		for _, res := range problems {
			av.Problems = append(av.Problems, view(res))
		}
		for _, res := range rest {
			resv := view(res)
			resv.Docs, resv.Fix = nil, "" // a pass needs no reading; a skip its reason only
			av.Rest = append(av.Rest, resv)
		}
		rv.Areas = append(rv.Areas, av)
	}
	return rv
}

var htmlPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"count":    func(m map[string]int, k string) int { return m[k] },
	"docName":  docName,
	"statuses": func() []string { return Statuses },
}).Parse(`{{define "head"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dmaprep: {{.Verdict}}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1em 2em; color: #1f2328; line-height: 1.35; }
h1 { padding: .3em .6em; border-radius: 6px; color: #fff; font-size: 1.5em; margin: .3em 0; }
h1.ready { background: #1a7f37; }
h1.not-ready { background: #cf222e; }
h2 { font-size: 1.25em; margin: .8em 0 .3em; }
h3 { font-size: 1.05em; margin: .8em 0 .3em; }
p { margin: .3em 0; }
table { border-collapse: collapse; margin: .3em 0 1em; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
table.summary { width: auto; font-size: .9em; }
table.results { table-layout: fixed; }
table.results th:nth-child(1) { width: 4.5em; }
table.results th:nth-child(2) { width: 22%; }
table.results th:nth-child(3) { width: 6.5em; }
td { overflow-wrap: anywhere; }
table.summary td { text-align: right; }
td.id { white-space: nowrap; font-family: ui-monospace, monospace; }
td.status { white-space: nowrap; font-weight: bold; }
.pass td.status { color: #1a7f37; }
.fail td.status { color: #fff; background: #cf222e; }
.warn td.status { color: #000; background: #f2cc60; }
.info td.status { color: #0969da; }
.skip td.status { color: #6e7781; font-weight: normal; }
.unknown td.status { color: #fff; background: #8250df; }
.waived td.status { color: #fff; background: #0550ae; }
.skip { color: #6e7781; }
ul { margin: 0; padding-left: 1.2em; }
.title, .area { color: #57606a; }
.pair { font-weight: 600; }
nav.toc { font-size: .9em; margin: .3em 0; }
nav.toc ul { display: inline; padding: 0; }
nav.toc li { display: inline; }
nav.toc li + li::before { content: " · "; color: #8c959f; }
.n-fail { color: #cf222e; font-weight: bold; }
.n-unknown { color: #8250df; font-weight: bold; }
.n-warn { color: #9a6700; }
.n-pass, .n-skip { color: #57606a; }
ul.overview { list-style: none; padding: 0; margin: .4em 0; }
ul.overview .word { display: inline-block; min-width: 5.5em; font-weight: bold; font-family: ui-monospace, monospace; }
ul.overview .fail .word { color: #cf222e; }
ul.overview .unknown .word { color: #8250df; }
ul.overview .warn .word { color: #9a6700; }
ul.overview .waived .word { color: #0550ae; }
ul.overview .info .word { color: #0969da; }
details { margin: .2em 0; }
summary { cursor: pointer; }
.remediation { margin: .3em 0; }
.waiver { margin: .3em 0; }
.next { font-weight: 600; }
</style>
</head>
<body>
<h1 class="{{if .Ready}}ready{{else}}not-ready{{end}}" id="verdict">dmaprep: {{.Verdict}}</h1>
<table class="summary">
<thead><tr><th>document</th><th>verdict</th>{{range statuses}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{end}}
{{- define "row"}}
<tr><th scope="row"><a href="#{{.Anchor}}">{{.Source}}</a></th><td>{{.Verdict}}</td>{{$sum := .Summary}}{{range statuses}}<td>{{count $sum .}}</td>{{end}}</tr>
{{- end}}
{{- define "total"}}
<tr><th scope="row">all {{.Documents}} documents</th><td>{{.Verdict}}</td>{{$sum := .Summary}}{{range statuses}}<td>{{count $sum .}}</td>{{end}}</tr>
{{- end}}
{{- define "middle"}}
</tbody>
</table>
{{- end}}
{{- define "document"}}
<section class="document" id="{{.Anchor}}">
<h2>{{.Source}}: {{.Verdict}}</h2>
{{- if .Pair}}
<p class="pair">{{.Pair}}</p>{{end}}
<p class="evaluated">Evaluated at {{.EvaluatedAt}}: {{.Counts}}.</p>
{{- if .Problems}}
<ul class="overview">
{{- range .Problems}}
<li class="{{.Status}}" data-overview="{{.ID}}"><span class="word">{{.Word}}</span> <a href="#{{.Anchor}}">{{.ID}}</a> {{.Name}}: {{.Title}}</li>
{{- end}}
</ul>
{{- end}}
<nav class="toc"><b>Areas:</b> <ul>
{{- range .Areas}}<li><a href="#{{.Anchor}}">{{.Name}}</a> ({{range $i, $c := .Counts}}{{if $i}}, {{end}}<span class="n-{{$c.Status}}">{{$c.N}} {{$c.Status}}</span>{{end}})</li>{{end -}}
</ul></nav>
{{- if .Problems}}
<h3>Needs attention ({{len .Problems}})</h3>
<table class="results problems">
<thead><tr><th>ID</th><th>requirement</th><th>status</th><th>details</th></tr></thead>
<tbody>
{{- range .Problems}}
<tr class="{{.Status}}" id="{{.Anchor}}" data-requirement="{{.ID}}">
<td class="id">{{.ID}}</td>
<td>{{.Name}}<br><span class="title">{{.Title}}</span><br><span class="area">{{.Area}}</span></td>
<td class="status">{{.Word}}</td>
<td>
{{- if .Unknown}}<p>could not be checked:</p>{{end}}
{{- if .Messages}}<ul>{{range .Messages}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{- with .Waiver}}<p class="waiver">Waived until {{.Expires}} by {{if .Owner}}{{.Owner}}{{else}}-{{end}}: {{.Justification}}{{if .Status}} (otherwise {{.Status}}){{end}}</p>{{end}}
{{- if .Fix}}<p class="remediation"><b>Fix:</b> {{.Fix}}</p>{{end}}
{{- if .Docs}}<p class="docs"><b>Docs:</b> {{range $i, $d := .Docs}}{{if $i}}, {{end}}<a href="{{$d}}">{{docName $d}}</a>{{end}}</p>{{end}}
</td>
</tr>
{{- end}}
</tbody>
</table>
{{- end}}
<p class="next">{{.Next}}</p>
{{- if .Waivers}}
<h3>Waivers</h3>
<table class="waivers">
<thead><tr><th>waiver</th><th>use</th><th>until</th><th>owner</th><th>justification</th></tr></thead>
<tbody>
{{- range .Waivers}}
<tr class="{{.Use}}"><td>{{.Target}}</td><td>{{.Use}}</td><td>{{.Expires}}</td><td>{{if .Owner}}{{.Owner}}{{else}}-{{end}}</td><td>{{.Justification}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
<h3>By area</h3>
{{- range .Areas}}
<details class="area" id="{{.Anchor}}">
<summary><b>{{.Name}}</b> ({{range $i, $c := .Counts}}{{if $i}}, {{end}}{{$c.N}} {{$c.Status}}{{end}})</summary>
{{- if .Problems}}
<p>Needs attention, above: {{range $i, $p := .Problems}}{{if $i}}, {{end}}<a href="#{{$p.Anchor}}">{{$p.ID}}</a> ({{$p.Status}}){{end}}</p>
{{- end}}
{{- if .Rest}}
<table class="results">
<thead><tr><th>ID</th><th>requirement</th><th>status</th><th>details</th></tr></thead>
<tbody>
{{- range .Rest}}
<tr class="{{.Status}}" id="{{.Anchor}}" data-requirement="{{.ID}}">
<td class="id">{{.ID}}</td>
<td>{{.Name}}<br><span class="title">{{.Title}}</span></td>
<td class="status">{{.Word}}</td>
<td>{{if .Messages}}<ul>{{range .Messages}}<li>{{.}}</li>{{end}}</ul>{{end}}</td>
</tr>
{{- end}}
</tbody>
</table>
{{- end}}
</details>
{{- end}}
</section>
{{- end}}
{{- define "foot"}}
</body>
</html>
{{end}}`))
