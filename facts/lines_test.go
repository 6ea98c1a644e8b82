package facts

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLines: every value's JSON pointer maps to the line of its key (or, in an array,
// of its first token), with keys escaped as JSON pointers are.
func TestLines(t *testing.T) {
	t.Parallel()
	doc := `{
  "a": {"b": 1,
    "c/d": [
      10,
      {"e~f": null}
    ]
  },
  "g": "x"
}`
	want := map[string]int{
		"": 1, "/a": 2, "/a/b": 2, "/a/c~1d": 3, "/a/c~1d/0": 4, "/a/c~1d/1": 5,
		"/a/c~1d/1/e~0f": 5, "/g": 8,
	}
	if diff := cmp.Diff(want, Lines([]byte(doc))); diff != "" {
		t.Errorf("Lines (-want +got):\n%s", diff)
	}
}

// TestPointerKeys: PointerKeys undoes Pointer for keys holding the two escaped characters,
// in the order RFC 6901 asks ("~01" is the key "~1", not "/"), and refuses a relative
// pointer.
func TestPointerKeys(t *testing.T) {
	for _, keys := range [][]string{nil, {"agents", "primary"}, {"a/b", "~", "~1", "0", ""}} {
		got, ok := PointerKeys(Pointer(keys...))
		if !ok || !slices.Equal(got, keys) {
			t.Errorf("PointerKeys(Pointer(%q)) = %q, %v", keys, got, ok)
		}
	}
	if got, ok := PointerKeys("/~01"); !ok || !slices.Equal(got, []string{"~1"}) {
		t.Errorf(`PointerKeys("/~01") = %q, %v; want ["~1"]`, got, ok)
	}
	if _, ok := PointerKeys("agents/primary"); ok {
		t.Error("a pointer without a leading / was accepted")
	}
}
