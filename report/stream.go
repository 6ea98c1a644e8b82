package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// Stream renders the reports of a run one at a time, in the order they are added, so that
// a run over many fact documents need not hold every report. Close writes what comes
// after the last report (the summary over all of them). Whatever a format writes before
// Close stays written when the run stops early.
type Stream interface {
	Add(r Report) error
	Close() error
}

// streams maps the formats that render report by report to their constructors; every
// other format is collected (see collected) and rendered by its Format at Close.
var streams = map[string]func(w io.Writer, opts Options) Stream{
	"text":  func(w io.Writer, opts Options) Stream { return newTextStream(w, opts, textWidth(opts)) },
	"jsonl": newJSONLines,
}

// NewStream returns the stream of the named format writing to w.
// Every format but the JSON ones (whose encoders spell control characters as escapes)
// gets its reports with control characters escaped (EscapeReport), so that a fact value
// carrying a terminal escape sequence cannot reach a terminal, a page or a CI log raw.
func NewStream(name string, w io.Writer, opts Options) (Stream, error) {
	var st Stream
	if newStream, ok := streams[name]; ok {
		st = newStream(w, opts)
	} else {
		f, err := Get(name, opts)
		if err != nil {
			return nil, err
		}
		st = &collected{w: w, format: f}
	}
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

// Streams reports whether the named format writes each report as it is added (rather than
// everything at Close).
func Streams(name string) bool {
	_, ok := streams[name]
	return ok
}

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
		t.Summary = make(map[string]int, len(Statuses))
		for _, st := range Statuses {
			t.Summary[st] = 0
		}
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

// collected keeps every report and renders them with a whole-set Format at Close: for
// formats whose first lines depend on all documents.
type collected struct {
	w      io.Writer
	format Format
	set    Set
}

func (c *collected) Add(r Report) error {
	c.set.Reports = append(c.set.Reports, r)
	return nil
}

func (c *collected) Close() error { return c.format(c.w, c.set) }

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
