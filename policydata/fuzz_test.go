package policydata

import (
	"encoding/json"
	"os"
	"testing"
)

// FuzzWaivers: whatever a waiver file holds, ParseWaivers returns waivers or an error
// naming the file, never panics, and what it accepts is complete.
//
//	go test -run '^$' -fuzz FuzzWaivers -fuzztime 60s ./policydata/
func FuzzWaivers(f *testing.F) {
	if data, err := os.ReadFile("../examples/waivers.yaml"); err == nil {
		f.Add(data, false)
	}
	f.Add([]byte(`[{"requirement": "FO101", "justification": "x", "expires": "2030-01-01"}]`), true)
	f.Add([]byte("waivers:\n- {requirement: FO101, justification: x, expires: 2030-01-01}\n"), false)
	f.Add([]byte("- {1: x}\n"), false)
	f.Add([]byte("[]\n---\n[]\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, isJSON bool) {
		name := "w.yaml"
		if isJSON {
			name = "w.json"
		}
		ws, err := ParseWaivers(data, name, func(string) bool { return true })
		if err != nil {
			return
		}
		for _, w := range ws {
			if w.Requirement == "" || w.Justification == "" || w.Expires == "" {
				t.Errorf("accepted an incomplete waiver %+v", w)
			}
		}
		if _, err := json.Marshal(AsData(ws)); err != nil {
			t.Errorf("accepted waivers do not marshal: %v", err)
		}
	})
}

// FuzzParams: whatever a --data file holds, ParseParams returns JSON-like parameters (which
// OPA's data store takes) or an error, never panics.
func FuzzParams(f *testing.F) {
	if data, err := os.ReadFile("../examples/custom-policy/params.yaml"); err == nil {
		f.Add(data, false)
	}
	f.Add([]byte(`{"only": ["FO101"], "fail_on": "warn"}`), true)
	f.Add([]byte("acme: {1: one}\n"), false)
	f.Add([]byte("a: .nan\n"), false)
	f.Add([]byte("t: 2026-01-01\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, isJSON bool) {
		name := "p.yaml"
		if isJSON {
			name = "p.json"
		}
		params, err := ParseParams(data, name)
		if err != nil {
			return
		}
		if _, err := json.Marshal(params); err != nil {
			t.Errorf("accepted parameters do not marshal: %v", err)
		}
	})
}
