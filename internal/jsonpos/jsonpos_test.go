package jsonpos

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestPosition(t *testing.T) {
	data := []byte("ab\nçd\n")
	for _, tc := range []struct {
		offset    int64
		line, col int
	}{
		{-5, 1, 1}, {0, 1, 1}, {2, 1, 3}, {3, 2, 1},
		{5, 2, 2}, // ç is two bytes but one column
		{6, 2, 3}, {7, 3, 1}, {99, 3, 1},
	} {
		if line, col := Position(data, tc.offset); line != tc.line || col != tc.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tc.offset, line, col, tc.line, tc.col)
		}
	}
}

func TestError(t *testing.T) {
	for _, tc := range []struct {
		name, data, want string
		into             any
	}{
		{"syntax", "{\n  \"a\": 1,}\n", `f.json:2:10: invalid JSON: invalid character '}' looking for beginning of object key string`, new(any)},
		{"type", `{"A": {"B": 5}}`, `f.json:1:14: invalid JSON: A.B is a JSON number, not the expected type`, new(struct{ A struct{ B string } })},
		{"top-level type", `5`, `f.json:1:2: invalid JSON: a value is a JSON number, not the expected type`, new(string)},
		{"truncated", `{"a": [`, `f.json:1:8: invalid JSON: the document ends too early`, new(any)},
		{"empty", ``, `f.json:1:1: invalid JSON: the document ends too early`, new(any)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dec := json.NewDecoder(bytes.NewReader([]byte(tc.data)))
			err := dec.Decode(tc.into)
			if err == nil {
				t.Fatal("decoded without an error")
			}
			if got := Error("f.json", []byte(tc.data), err).Error(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestTrailing(t *testing.T) {
	for _, tc := range []struct{ data, want string }{
		{"{}", ""},
		{"{} \n\t", ""},
		{"{}\n  x", "f.json:2:3: unexpected data after the JSON document"},
		{"{} {}", "f.json:1:4: unexpected data after the JSON document"},
	} {
		dec := json.NewDecoder(bytes.NewReader([]byte(tc.data)))
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%q: %v", tc.data, err)
		}
		got := ""
		if err := Trailing("f.json", []byte(tc.data), dec); err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.data, got, tc.want)
		}
	}
}
