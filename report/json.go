package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Aggregate is the JSON shape of a run over several fact documents: the verdict and
// summary over all of them, then each document's report in the order given.
type Aggregate struct {
	SchemaVersion string         `json:"schema_version"`
	Ready         bool           `json:"ready"`
	Summary       map[string]int `json:"summary"`
	Reports       []Report       `json:"reports"`
}

// JSON writes the report of docs/report.md: one report object for one fact document, an
// Aggregate for several.
func JSON(w io.Writer, s Set) error { return renderAll(newJSONStream(w, Options{}), s) }

// newJSONStream writes each report, indented as an element of Aggregate.Reports, as it
// comes, and the Aggregate around them at Close; a single report is held and written
// alone.
func newJSONStream(w io.Writer, opts Options) Stream {
	s := newSummarising(w, opts, 1, true)
	reports := s.sections[0]
	var buf bytes.Buffer
	s.part = func(i int, r Report, several bool) error {
		if !several {
			return encodeJSON(w, "", r)
		}
		buf.Reset()
		if i > 0 {
			buf.WriteString(",\n")
		}
		buf.WriteString(elementIndent(2))
		if err := encodeJSON(&buf, elementIndent(2), r); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // the encoder's newline
		_, err := reports.Write(buf.Bytes())
		return err
	}
	s.finish = func(w io.Writer, t *Tally) error {
		if t.Documents == 1 {
			return nil // written by part
		}
		agg := Aggregate{SchemaVersion: "1", Ready: t.Ready(), Summary: t.counts()}
		if t.Documents > 0 {
			agg.Reports = []Report{}
		}
		return spliceJSON(w, agg, `"reports": []`, elementIndent(1), !reports.empty(), reports.copyTo)
	}
	return s
}

// encodeJSON writes v as the JSON formats do: indented by two spaces, every line after the
// first starting with prefix, no HTML escaping, a newline at the end.
func encodeJSON(w io.Writer, prefix string, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// elementIndent is the indentation of JSON nested depth levels deep.
func elementIndent(depth int) string { return "                "[:2*depth] }

// spliceJSON writes v with the elements that fill writes in place of its empty array at
// key (`"name": []`, the last occurrence), whose closing bracket is indented by indent;
// without elements (any false), v as it is.
func spliceJSON(w io.Writer, v any, key string, indent string, any bool, fill func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := encodeJSON(&buf, "", v); err != nil {
		return err
	}
	out := buf.Bytes()
	at := bytes.LastIndex(out, []byte(key))
	if !any {
		_, err := w.Write(out)
		return err
	}
	if at < 0 {
		return fmt.Errorf("render: no %s to fill", key)
	}
	open := at + len(key) - 1 // the "]" of "[]"
	if _, err := w.Write(out[:open]); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return err
	}
	if err := fill(w); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\n"+indent); err != nil {
		return err
	}
	_, err := w.Write(out[open:])
	return err
}
