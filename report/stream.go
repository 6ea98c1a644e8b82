package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// Stream renders the reports of a run one at a time, in the order they are added, so that
// a run over many fact documents need not hold every report. Close writes what comes
// after the last report (the summary over all of them); Abort drops what a format keeps
// for Close without writing it. Whatever a format writes before Close stays written when
// the run stops early.
type Stream interface {
	Add(r Report) error
	Close() error
	Abort()
}

// streams maps each format name to its stream. text and jsonl write each report as it is
// added; the others summarise over every document, so they keep each document's part
// (see summarising) and write everything at Close.
var streams = map[string]func(w io.Writer, opts Options) Stream{
	"text":     func(w io.Writer, opts Options) Stream { return newTextStream(w, opts, textWidth(opts)) },
	"jsonl":    newJSONLines,
	"json":     newJSONStream,
	"junit":    newJUnitStream,
	"sarif":    newSARIFStream,
	"github":   newGitHubStream,
	"markdown": newMarkdownStream,
	"html":     newHTMLStream,
}

// NewStream returns the stream of the named format writing to w.
// Every format but the JSON ones (whose encoders spell control characters as escapes)
// gets its reports with control characters escaped (EscapeReport), so that a fact value
// carrying a terminal escape sequence cannot reach a terminal, a page or a CI log raw.
func NewStream(name string, w io.Writer, opts Options) (Stream, error) {
	if _, err := Get(name, opts); err != nil {
		return nil, err
	}
	st := streams[name](w, opts)
	if escapesItself[name] {
		return st, nil
	}
	return escaping{st}, nil
}

// escapesItself are the formats whose encoders escape control characters themselves.
var escapesItself = map[string]bool{"json": true, "jsonl": true, "sarif": true}

// escaping is a stream that escapes control characters in each report it is given.
type escaping struct{ Stream }

func (e escaping) Add(r Report) error { return e.Stream.Add(EscapeReport(r)) }

// Tally is what a run needs to know of the reports already rendered: how many, the
// statuses added up and whether every pair is ready.
type Tally struct {
	Documents int
	Summary   map[string]int
	NotReady  int
}

// Add counts one report.
func (t *Tally) Add(r Report) {
	if t.Summary == nil {
		t.Summary = zeroCounts()
	}
	t.Documents++
	for st, n := range r.Summary {
		t.Summary[st] += n
	}
	if !r.Ready {
		t.NotReady++
	}
}

// Ready reports whether at least one report was counted and every one was ready.
func (t *Tally) Ready() bool { return t.Documents > 0 && t.NotReady == 0 }

// counts is Summary, with every status at 0 before the first report.
func (t *Tally) counts() map[string]int {
	if t.Summary != nil {
		return t.Summary
	}
	return zeroCounts()
}

// zeroCounts has every status, at 0.
func zeroCounts() map[string]int {
	zero := make(map[string]int, len(Statuses))
	for _, st := range Statuses {
		zero[st] = 0
	}
	return zero
}

// summarising is the stream of a format that summarises over every document: each
// document's part is rendered as it is added into sections (spools: in memory, then in a
// scratch file), and Close writes the parts that need the whole run (the verdict, the
// counts) around them. It holds at most one report: with holdFirst, the first one waits
// for a second, for formats that render a single document differently (several tells
// part which).
type summarising struct {
	w         io.Writer
	sections  []*spool
	tally     Tally
	holdFirst bool
	held      *Report
	part      func(i int, r Report, several bool) error
	finish    func(w io.Writer, t *Tally) error
}

func newSummarising(w io.Writer, opts Options, sections int, holdFirst bool) *summarising {
	s := &summarising{w: w, holdFirst: holdFirst}
	for range sections {
		s.sections = append(s.sections, &spool{dir: opts.TempDir})
	}
	return s
}

func (s *summarising) Add(r Report) error {
	s.tally.Add(r)
	if s.holdFirst && s.tally.Documents == 1 {
		s.held = &r
		return nil
	}
	if s.held != nil {
		held := *s.held
		s.held = nil
		if err := s.part(0, held, true); err != nil {
			return err
		}
	}
	return s.part(s.tally.Documents-1, r, s.tally.Documents > 1)
}

func (s *summarising) Close() error {
	defer s.Abort()
	if s.held != nil {
		if err := s.part(0, *s.held, false); err != nil {
			return err
		}
		s.held = nil
	}
	return s.finish(s.w, &s.tally)
}

func (s *summarising) Abort() {
	s.held = nil
	for _, sec := range s.sections {
		sec.release()
	}
}

// textStream is the Text format written report by report: a blank line between reports
// (with Quiet, one verdict line each), and the line for all documents at Close when there
// were several.
type textStream struct {
	bw    *bufio.Writer
	t     textWriter
	quiet bool
	tally Tally
}

func newTextStream(w io.Writer, opts Options, width int) Stream {
	bw := bufio.NewWriter(w)
	return &textStream{bw: bw, t: textWriter{w: bw, color: opts.Color, width: width}, quiet: opts.Quiet}
}

func (s *textStream) Add(r Report) error {
	if s.quiet {
		s.t.line("%s: %s", r.Source, s.t.verdictLine(r.Summary, r.Ready))
	} else {
		if s.tally.Documents > 0 {
			s.t.line("")
		}
		s.t.report(r)
	}
	s.tally.Add(r)
	return s.bw.Flush()
}

func (s *textStream) Abort() {}

func (s *textStream) Close() error {
	if s.tally.Documents > 1 {
		if !s.quiet {
			s.t.line("")
		}
		s.t.wrapped(fmt.Sprintf("All %d documents: ", s.tally.Documents), "  ", s.t.verdictLine(s.tally.Summary, s.tally.Ready()))
	}
	return s.bw.Flush()
}

// jsonLines is the jsonl format: each report as one line of JSON, for pipelines that read
// a run as it goes (jq, log shippers). There is no summary line: every line is a report.
type jsonLines struct {
	enc *json.Encoder
}

func newJSONLines(w io.Writer, _ Options) Stream {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &jsonLines{enc: enc}
}

func (j *jsonLines) Add(r Report) error { return j.enc.Encode(r) }

func (j *jsonLines) Close() error { return nil }

func (j *jsonLines) Abort() {}

// JSONLines renders a whole set in the jsonl format.
func JSONLines(w io.Writer, s Set) error { return renderAll(newJSONLines(w, Options{}), s) }

// renderAll renders a whole set through a stream.
func renderAll(st Stream, s Set) error {
	for _, r := range s.Reports {
		if err := st.Add(r); err != nil {
			return err
		}
	}
	return st.Close()
}
