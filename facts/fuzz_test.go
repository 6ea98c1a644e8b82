package facts

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeBytes: any input is a document or an error, never a panic; what is accepted
// is valid JSON without duplicate keys and decodes the same when written back.
//
//	go test -run '^$' -fuzz FuzzDecodeBytes -fuzztime 60s ./facts/
func FuzzDecodeBytes(f *testing.F) {
	files, _ := filepath.Glob("../testdata/facts/*/*.json")
	for _, p := range files[:min(len(files), 8)] {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{`{"a": 1, "a": 2}`, "\xef\xbb\xbf{}", "\xff\xfe{\x00}\x00", `{"a": "\xff"}`, `[[[[]]]]`, `{} {}`, `1e999`,
		`{"a\\"": 1, "a\"": 2}`, `{"\u0061": 1, "a": 2}`, `{"x": "k\": ", "k": 1}`, `{"a" : {"b":1}, "b" : 2}`, `{"\ud800": 1, "\ud801": 2}`,
		`{"a": "x\uDC00"}`, `{"a": [1, -2e400]}`, `"\\ud800"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := DecodeBytes(data, "fuzz.json")
		// The token scan runs only when a cheaper look finds a reason: on every document
		// that is otherwise acceptable, DecodeBytes must refuse exactly what it refuses.
		if utf8.Valid(data) && json.Valid(data) && !bytes.HasPrefix(data, utf8BOM) {
			if strict := scanStrict(data, "fuzz.json"); (strict != nil) != (err != nil) {
				t.Fatalf("the token scan says %v, DecodeBytes %v", strict, err)
			}
		}
		if err != nil {
			return
		}
		raw, err := json.Marshal(doc)
		if err != nil {
			t.Fatalf("accepted a document that does not marshal: %v", err)
		}
		if _, err := DecodeBytes(raw, "again.json"); err != nil {
			t.Errorf("an accepted document, written back, is refused: %v", err)
		}
	})
}

// FuzzDecodeStructured: YAML or JSON written by hand gives JSON-like values or an error.
func FuzzDecodeStructured(f *testing.F) {
	for _, s := range []string{"acme: {1: one}\n", "a: 1\n---\nb: 2\n", "a: &x [*x]\n", "- [a, b]\n- {c: d}\n", "a: .inf\n", `{"a": 1}`} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, isJSON bool) {
		name := "f.yaml"
		if isJSON {
			name = "f.json"
		}
		v, err := DecodeStructured(data, name)
		if err != nil {
			return
		}
		if _, err := json.Marshal(v); err != nil {
			t.Errorf("accepted a value that does not marshal: %v", err)
		}
	})
}
