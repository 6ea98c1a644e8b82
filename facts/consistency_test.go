package facts

import (
	"encoding/json"
	"testing"
)

// TestSameValueComparesNumbersByValue checks that a parsed version field is held against the
// raw string by value: 10, 1e1 and 10.0 are the integer 10 to the schema and the policies, so
// none of them disagrees with a raw string that says 10, while 11 does.
func TestSameValueComparesNumbersByValue(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		got  any
		want any
		same bool
	}{
		{json.Number("10"), 10, true},
		{json.Number("1e1"), 10, true},
		{json.Number("10.0"), 10, true},
		{json.Number("100e-1"), 10, true},
		{json.Number("11"), 10, false},
		{json.Number("10.5"), 10, false},
		{json.Number("99999999999999999999"), 99999999999999999, false},
		{"MR", "MR", true},
		{"FR", "MR", false},
	} {
		if got := sameValue(tc.got, tc.want); got != tc.same {
			t.Errorf("sameValue(%v, %v) = %v, want %v", tc.got, tc.want, got, tc.same)
		}
	}
}
