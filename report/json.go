package report

import (
	"encoding/json"
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
func JSON(w io.Writer, s Set) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if len(s.Reports) == 1 {
		return enc.Encode(s.Reports[0])
	}
	return enc.Encode(Aggregate{SchemaVersion: "1", Ready: s.Ready(), Summary: s.Summary(), Reports: s.Reports})
}
