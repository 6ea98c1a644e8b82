package facts

import (
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
