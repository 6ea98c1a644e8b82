package facts

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDecodeStrictJSON(t *testing.T) {
	tests := []struct{ name, in, wantErr string }{
		{"duplicate top-level key", `{"a": 1, "a": 2}`, `x.json:1:10: duplicate key "a" at /a`},
		{"duplicate nested key", "{\"agents\": {\"primary\": {\"dataminer_id\": 1,\n \"dataminer_id\": 2}}}", `x.json:2:2: duplicate key "dataminer_id" at /agents/primary/dataminer_id`},
		{"duplicate in a list item", `{"l": [{"k": 1}, {"k/~": 1, "k/~": 2}]}`, `duplicate key "k/~" at /l/1/k~1~0`},
		{"invalid UTF-8", "{\"a\": \"x\xff\"}", `x.json:1:9: invalid UTF-8 (byte 0xFF)`},
		{"UTF-16 with BOM", "\xff\xfe{\x00}\x00", `x.json: the file is UTF-16; save it as UTF-8`},
		{"UTF-16 without BOM", "{\x00}\x00", `the file is UTF-16`},
		{"trailing data", `{} {}`, `x.json:1:4: unexpected data after the JSON document`},
		{"empty", "  \n", `x.json: empty document`},
		{"number out of range", `{"a": [1, -1e400]}`, `x.json:1:11: the number -1e400 at /a/1 is out of range`},
		{"lone surrogate", `{"a": "x\udbff"}`, `x.json:1:9: a lone UTF-16 surrogate escape (\udbff) at /a`},
		{"reversed surrogate pair", `{"a": "\ude00\ud83d"}`, `a lone UTF-16 surrogate escape (\ude00) at /a`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeBytes([]byte(tt.in), "x.json")
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want %q", err, tt.wantErr)
			}
		})
	}
	// The same key in sibling objects is no duplicate; a BOM is skipped.
	got, err := DecodeBytes([]byte("\xef\xbb\xbf"+`{"a": {"k": 1}, "b": {"k": 2}, "c": [{"k": 1}, {"k": 2}]}`), "x.json")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"a": map[string]any{"k": json.Number("1")}, "b": map[string]any{"k": json.Number("2")},
		"c": []any{map[string]any{"k": json.Number("1")}, map[string]any{"k": json.Number("2")}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
}

func TestDecodeStructured(t *testing.T) {
	tests := []struct{ name, file, in, wantErr string }{
		{"integer key", "p.yaml", "acme: {1: one}\n", `p.yaml: at /acme the key 1 is not a string`},
		{"boolean key at the top", "p.yaml", "true: x\n", `p.yaml: at the top level the key true is not a string`},
		{"second document", "p.yaml", "a: 1\n---\nb: 2\n", `p.yaml:2: a second YAML document`},
		{"duplicate key", "p.yaml", "a: 1\na: 2\n", `mapping key "a" already defined`},
		{"invalid UTF-8", "p.yaml", "a: \"\xc3\x28\"\n", `p.yaml:1:5: invalid UTF-8`},
		{"not a number", "p.yaml", "a: .nan\n", `at /a the number NaN is not a finite number`},
		{"JSON duplicate", "p.json", `{"a": 1, "a": 1}`, `duplicate key "a" at /a`},
		{"JSON trailing", "p.json", `{"a": 1} x`, `unexpected data after the JSON document`},
		{"binary tag", "p.yaml", "a: 1\nb: !!binary Rk8xMDE=\n", `p.yaml:2: the YAML tag !!binary is not supported`},
		{"local tag in a list", "p.yaml", "a: [x, !secret y]\n", `p.yaml:1: the YAML tag !secret is not supported`},
		{"tag behind an anchor", "p.yaml", "a: &x !!set {k}\nb: *x\n", `p.yaml:1: the YAML tag !!set is not supported`},
		{"only comments", "p.yaml", "# later\n", `p.yaml: no YAML document in it`},
		{"null key", "p.yaml", "~: x\n", `at the top level the key null is not a string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeStructured([]byte(tt.in), tt.file)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want %q", err, tt.wantErr)
			}
		})
	}
	// Plain tags say what a value reads as anyway: they are fine.
	if _, err := DecodeStructured([]byte("a: !!str 2030-01-01\nb: !!int 5\n"), "p.yaml"); err != nil {
		t.Errorf("plain tags: %v", err)
	}
	got, err := DecodeStructured([]byte("\xef\xbb\xbfa: [1, 2.5, x]\nb: {\"1\": one}\n---\n"), "p.yaml")
	want := map[string]any{"a": []any{json.Number("1"), json.Number("2.5"), "x"}, "b": map[string]any{"1": "one"}}
	if err != nil || !cmp.Equal(want, got) {
		t.Errorf("got %v, %v; want %v", got, err, want)
	}
}
