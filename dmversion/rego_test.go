package dmversion

import (
	"context"
	"encoding/json"
	"io/fs"
	"testing"

	"github.com/dmaprep/dmaprep/policies"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/open-policy-agent/opa/v1/rego"
)

// TestRegoParserAgrees checks that policies/lib/version.rego parses every example exactly
// as this package does: the gatherer writes the parsed fields, and policies may parse raw
// strings themselves, so the two must never disagree.
func TestRegoParserAgrees(t *testing.T) {
	t.Parallel()
	pq := prepareVersionQuery(t, "x := data.dmaprep.lib.version.parse(input)")
	for _, tc := range examples {
		rs, err := pq.Eval(context.Background(), rego.EvalInput(tc.raw))
		if err != nil || len(rs) != 1 {
			t.Fatalf("%q: %v (%d results)", tc.raw, err, len(rs))
		}
		raw, _ := json.Marshal(rs[0].Bindings["x"])
		var fromRego Version
		if err := json.Unmarshal(raw, &fromRego); err != nil {
			t.Fatal(err)
		}
		fromGo, err := Parse(tc.raw)
		if err != nil {
			t.Fatal(err)
		}
		// The hotfix mark is a fact the gatherer records for FO102; the Rego parser reads
		// versions for version conditions, where a hotfix changes nothing.
		if diff := cmp.Diff(fromGo, fromRego, cmpopts.IgnoreFields(Version{}, "Hotfix")); diff != "" {
			t.Errorf("%q: Go and Rego parsers disagree (-go +rego):\n%s", tc.raw, diff)
		}
	}
}

// TestRegoOrderAgrees checks that the Rego library orders versions before 10 as
// CompareUntracked does, over the same table: satisfies(agent, token) is "true" exactly when
// the agent runs the token or later.
func TestRegoOrderAgrees(t *testing.T) {
	t.Parallel()
	pq := prepareVersionQuery(t, "x := data.dmaprep.lib.version.satisfies(data.dmaprep.lib.version.parse(input.agent), input.token).value")
	for _, tc := range untrackedOrder {
		rs, err := pq.Eval(context.Background(), rego.EvalInput(map[string]string{"agent": tc.agent, "token": tc.token}))
		if err != nil || len(rs) != 1 {
			t.Fatalf("%s vs %s: %v (%d results)", tc.agent, tc.token, err, len(rs))
		}
		want := "false"
		if tc.atLeast {
			want = "true"
		}
		if got := rs[0].Bindings["x"]; got != want {
			t.Errorf("Rego: %s satisfies %s = %v, want %s", tc.agent, tc.token, got, want)
		}
	}
}

// prepareVersionQuery prepares query against the embedded policies/lib/version.rego alone.
func prepareVersionQuery(t *testing.T, query string) rego.PreparedEvalQuery {
	t.Helper()
	src, err := fs.ReadFile(policies.FS, "lib/version.rego")
	if err != nil {
		t.Fatal(err)
	}
	pq, err := rego.New(rego.Query(query), rego.Module("lib/version.rego", string(src))).PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return pq
}
