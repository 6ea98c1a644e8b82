package policies_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"reflect"
	"testing"

	"github.com/dmaprep/dmaprep/dmversion"
	"github.com/dmaprep/dmaprep/internal/testkit"
	"github.com/dmaprep/dmaprep/policies"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/open-policy-agent/opa/v1/rego"
)

// TestVersionRegoAgreesWithGo checks lib/version.rego against package dmversion over the
// tables of dmversion's own tests (testkit.VersionExamples, testkit.UntrackedOrder): the
// gatherer writes the fields dmversion.Parse reads, while policies parse raw strings
// themselves, label versions in messages and decide version conditions, so the two must
// never disagree. It lives here rather than in dmversion so that only the policies' test
// binary links OPA for it.
//
//   - every example parses to the same fields, and is labelled the same;
//   - on every row of UntrackedOrder, the answer a requirement takes (decision), the one it
//     formats a message from (satisfies) and its negation (prior_to) are all the order that
//     dmversion.CompareUntracked gives.
func TestVersionRegoAgreesWithGo(t *testing.T) {
	t.Parallel()
	t.Run("parse and label", func(t *testing.T) {
		pq := prepareVersionQuery(t, `v := data.dmaprep.lib.version.parse(input)
			label := data.dmaprep.lib.version.label(v)`)
		for _, tc := range testkit.VersionExamples {
			b := evalVersionQuery(t, pq, tc.Raw)
			raw, _ := json.Marshal(b["v"])
			var fromRego dmversion.Version
			if err := json.Unmarshal(raw, &fromRego); err != nil {
				t.Fatal(err)
			}
			fromGo, err := dmversion.Parse(tc.Raw)
			if err != nil {
				t.Fatal(err)
			}
			// The hotfix mark is a fact the gatherer records for FO102; the Rego parser reads
			// versions for version conditions, where a hotfix changes nothing.
			if diff := cmp.Diff(fromGo, fromRego, cmpopts.IgnoreFields(dmversion.Version{}, "Hotfix")); diff != "" {
				t.Errorf("%q: Go and Rego parsers disagree (-go +rego):\n%s", tc.Raw, diff)
			}
			if b["label"] != fromGo.Label() {
				t.Errorf("%q: Rego label %q, Go label %q", tc.Raw, b["label"], fromGo.Label())
			}
		}
	})
	t.Run("refused alike", func(t *testing.T) {
		pq := prepareVersionQuery(t, `parsed := [v | v := data.dmaprep.lib.version.parse(input)]`)
		for _, raw := range testkit.NotVersions {
			if got := evalVersionQuery(t, pq, raw)["parsed"]; !reflect.DeepEqual(got, []any{}) {
				t.Errorf("%q: Rego parses it as %v; the Go parser refuses it", raw, got)
			}
		}
	})
	t.Run("order", func(t *testing.T) {
		pq := prepareVersionQuery(t, `v := data.dmaprep.lib.version.parse(input.agent)
			decision := data.dmaprep.lib.version.decision(v, data.dmaprep.lib.version.condition(input.token))
			satisfies := data.dmaprep.lib.version.satisfies(v, input.token).value
			prior_to := data.dmaprep.lib.version.prior_to(v, input.token).value`)
		for _, tc := range testkit.UntrackedOrder {
			_, _, order := testkit.UntrackedOrderOf(t, tc.Agent, tc.Token)
			atLeast, prior := "false", "true"
			if order >= 0 {
				atLeast, prior = "true", "false"
			}
			want := map[string]any{"decision": atLeast, "satisfies": atLeast, "prior_to": prior}
			got := evalVersionQuery(t, pq, map[string]string{"agent": tc.Agent, "token": tc.Token})
			delete(got, "v")
			if diff := cmp.Diff(want, map[string]any(got)); diff != "" {
				t.Errorf("%s against %s: Rego disagrees with CompareUntracked (-go +rego):\n%s", tc.Agent, tc.Token, diff)
			}
		}
	})
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

// evalVersionQuery evaluates pq on input and returns its one set of bindings.
func evalVersionQuery(t *testing.T, pq rego.PreparedEvalQuery, input any) rego.Vars {
	t.Helper()
	rs, err := pq.Eval(context.Background(), rego.EvalInput(input))
	if err != nil || len(rs) != 1 {
		t.Fatalf("%v: %v (%d results)", input, err, len(rs))
	}
	return rs[0].Bindings
}
