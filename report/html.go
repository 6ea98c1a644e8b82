package report

import (
	"bufio"
	"html/template"
	"io"
	"strings"
)

// HTML writes one self-contained page for people who open a report in a browser or keep it
// as a CI artefact: no external asset, no script, the style inline. The verdict and the
// counts come first; then, per fact document, a table per area with every requirement,
// its status (coloured), messages, the waiver, remediation and doc links. Everything
// from the report is escaped by html/template, and doc links that are not http(s) are
// neutralised by it.
func HTML(w io.Writer, s Set) error { return renderAll(newHTMLStream(w, Options{}), s) }

// newHTMLStream keeps each document's row of the summary table and its section as they
// come, and writes the page around them at Close.
func newHTMLStream(w io.Writer, opts Options) Stream {
	s := newSummarising(w, opts, 2, false)
	rows, docs := s.sections[0], s.sections[1]
	s.part = func(_ int, r Report, _ bool) error {
		v := htmlReport(r)
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
	Source, EvaluatedAt, Verdict string
	Ready                        bool
	Summary                      map[string]int
	Areas                        []htmlAreaView
	Pair, Next                   string
	Waivers                      []htmlWaiverView
}

type htmlWaiverView struct {
	WaiverUse
	Target string
}

type htmlAreaView struct {
	Name    string
	Results []htmlResultView
}

type htmlResultView struct {
	Result
	Word    string // status in capitals
	Unknown bool
	Fix     string // the remediation, when the status calls for one
}

func htmlReport(r Report) htmlReportView {
	rv := htmlReportView{Source: r.Source, EvaluatedAt: r.EvaluatedAt, Verdict: verdictWord(r.Ready), Ready: r.Ready, Summary: r.Summary,
		Pair: PairLine(r.Pair), Next: NextStep(r)}
	for _, u := range r.Waivers {
		rv.Waivers = append(rv.Waivers, htmlWaiverView{WaiverUse: u, Target: waiverTarget(u.Waiver)})
	}
	areas, groups := byArea(r.Results)
	for _, area := range areas {
		av := htmlAreaView{Name: orText(area, "Other")}
		for _, res := range groups[area] {
			resv := htmlResultView{Result: res, Word: strings.ToUpper(res.Status), Unknown: res.Status == StatusUnknown}
			if res.Remediation != "" && res.Waiver == nil && res.Status != StatusPass && res.Status != StatusSkip && res.Status != StatusInfo {
				resv.Fix = res.Remediation
			}
			if res.Status == StatusPass || res.Status == StatusSkip {
				resv.Docs = nil // a pass needs no reading; a skip its reason only
			}
			av.Results = append(av.Results, resv)
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
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em; color: #1f2328; line-height: 1.4; }
h1 { padding: .4em .6em; border-radius: 6px; color: #fff; }
h1.ready { background: #1a7f37; }
h1.not-ready { background: #cf222e; }
table { border-collapse: collapse; margin: .5em 0 1.5em; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: .35em .6em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
table.summary { width: auto; }
table.results { table-layout: fixed; }
table.results th:nth-child(1) { width: 4.5em; }
table.results th:nth-child(2) { width: 30%; }
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
.title { color: #57606a; }
.remediation { white-space: pre-wrap; margin: .3em 0; }
.waiver { margin: .3em 0; }
</style>
</head>
<body>
<h1 class="{{if .Ready}}ready{{else}}not-ready{{end}}" id="verdict">dmaprep: {{.Verdict}}</h1>
<table class="summary">
<thead><tr><th>document</th><th>verdict</th>{{range statuses}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{end}}
{{- define "row"}}
<tr><th scope="row">{{.Source}}</th><td>{{.Verdict}}</td>{{$sum := .Summary}}{{range statuses}}<td>{{count $sum .}}</td>{{end}}</tr>
{{- end}}
{{- define "total"}}
<tr><th scope="row">all {{.Documents}} documents</th><td>{{.Verdict}}</td>{{$sum := .Summary}}{{range statuses}}<td>{{count $sum .}}</td>{{end}}</tr>
{{- end}}
{{- define "middle"}}
</tbody>
</table>
{{- end}}
{{- define "document"}}
<section class="document">
<h2>{{.Source}}: {{.Verdict}}</h2>
<p>Evaluated at {{.EvaluatedAt}}.</p>
{{- if .Pair}}<p class="pair">{{.Pair}}</p>{{end}}
{{- range .Areas}}
<h3>{{.Name}}</h3>
<table class="results">
<thead><tr><th>ID</th><th>requirement</th><th>status</th><th>details</th></tr></thead>
<tbody>
{{- range .Results}}
<tr class="{{.Status}}" data-requirement="{{.ID}}">
<td class="id">{{.ID}}</td>
<td>{{.Name}}<br><span class="title">{{.Title}}</span></td>
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
<p class="next">{{.Next}}</p>
</section>
{{- end}}
{{- define "foot"}}
</body>
</html>
{{end}}`))
