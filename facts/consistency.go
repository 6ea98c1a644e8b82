package facts

import (
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/dmaprep/dmaprep/dmversion"
)

// versionConsistency reports version objects whose parsed fields disagree with their raw
// string: policies read the parsed fields, so a hand-edited document that changed one but
// not the other would be judged on a version nobody runs. A parsed field left null is
// fine (the gatherer may not know a CU the raw string does not carry).
func versionConsistency(doc any) []Violation {
	var out []Violation
	root, _ := doc.(map[string]any)
	agents, _ := root["agents"].(map[string]any)
	for _, role := range []string{"primary", "backup"} {
		agent, _ := agents[role].(map[string]any)
		v, _ := agent["version"].(map[string]any)
		raw, ok := v["raw"].(string)
		if !ok {
			continue
		}
		parsed, err := dmversion.Parse(raw)
		if err != nil {
			continue // the format check already reports it
		}
		// A version before 10 has no track: the raw string then says null.
		track := "null"
		if parsed.Track != dmversion.TrackNone {
			track = string(parsed.Track)
		}
		want := map[string]any{
			"major": parsed.Major, "minor": parsed.Minor, "patch": parsed.Patch,
			"revision": parsed.Revision, "track": track,
		}
		if parsed.Build != nil {
			want["build"] = *parsed.Build
		}
		if parsed.CU != nil {
			want["cu"] = *parsed.CU
		}
		for _, field := range []string{"major", "minor", "patch", "revision", "build", "cu", "track"} {
			got, present := v[field]
			w, known := want[field]
			if !present || got == nil || !known {
				continue
			}
			if !sameValue(got, w) {
				out = append(out, Violation{
					Pointer: "/agents/" + role + "/version/" + field,
					Message: fmt.Sprintf("%v disagrees with raw %q, which says %v", got, raw, w),
				})
			}
		}
	}
	return out
}

// sameValue tells whether a parsed field as written equals the value the raw string gives.
// A number is compared by value: the schema takes 6.0, 6e0 and 60e-1 as the integer 6, and
// so do the policies, so only the text would differ.
func sameValue(got, want any) bool {
	if n, ok := got.(json.Number); ok {
		g, okGot := new(big.Rat).SetString(n.String())
		w, okWant := new(big.Rat).SetString(fmt.Sprint(want))
		return okGot && okWant && g.Cmp(w) == 0
	}
	return fmt.Sprint(got) == fmt.Sprint(want)
}

// number unwraps json.Number so that 4 and json.Number("4") print alike.
func number(v any) any {
	if n, ok := v.(json.Number); ok {
		return n.String()
	}
	return v
}
