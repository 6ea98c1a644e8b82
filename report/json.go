package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Aggregate is what --format json writes, for one fact document or many: the verdict and
// summary over every document, then each document's report in the order given. Its
// schema_version (AggregateSchemaVersion) covers this envelope only; each report keeps
// its own (the one the policies' data.dmaprep.report carries).
type Aggregate struct {
	SchemaVersion string         `json:"schema_version"`
	Ready         bool           `json:"ready"`
	Summary       map[string]int `json:"summary"`
	Reports       []Report       `json:"reports"`
}

// AggregateSchemaVersion is the version of the Aggregate's shape. Version 1 wrote a lone
// report object for a single document; version 2 is the Aggregate however many there are.
const AggregateSchemaVersion = "2"

// JSON writes the Aggregate of docs/report.md over the set, even for one document, so
// that a pipeline reads one shape whatever the number of documents.
func JSON(w io.Writer, s Set) error { return renderAll(newJSONStream(w, Options{}), s) }

// newJSONStream writes each report, indented as an element of Aggregate.Reports, as it
// comes, and the Aggregate around them at Close.
func newJSONStream(w io.Writer, opts Options) Stream {
	s := newSummarising(w, opts, 1, false)
	reports := s.sections[0]
	var buf bytes.Buffer
	s.part = func(i int, r Report, _ bool) error {
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
		agg := Aggregate{SchemaVersion: AggregateSchemaVersion, Ready: t.Ready(), Summary: t.counts(), Reports: []Report{}}
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
