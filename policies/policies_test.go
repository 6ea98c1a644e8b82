package policies_test

import (
	"bufio"
	"context"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dmaprep/dmaprep/evaluator"
	"github.com/dmaprep/dmaprep/internal/testkit"
	"github.com/dmaprep/dmaprep/policies"
)

var builtin = evaluator.Config{Sources: []evaluator.Source{{Name: "policies", FS: policies.FS}}}

// TestMain collects less often (testkit.CollectLess): these tests run the Rego suite and
// evaluate the policies on some 150 documents.
func TestMain(m *testing.M) {
	testkit.CollectLess(evaluator.MemoryLimit)
	m.Run()
}

// TestRego runs every Rego unit test through OPA's test runner, so `go test ./...` covers
// the policies even where no opa binary is installed. Unlike opa test it fails on built-in
// errors, which `dmaprep check` (strict) would turn into exit 2. Each test may take a
// minute rather than OPA's 5 s: the suite runs beside the other packages' tests, and a
// table test of the version library can take seconds on a busy machine.
func TestRego(t *testing.T) {
	t.Parallel()
	run, err := evaluator.Test(context.Background(), builtin, evaluator.TestOptions{StrictBuiltinErrors: true, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	passed, failed, skipped := run.Counts()
	for _, r := range run.Results {
		if r.Fail || r.Error != nil {
			t.Errorf("%s.%s failed (%v) at %v", r.Package, r.Name, r.Error, r.Location)
		}
	}
	if passed == 0 {
		t.Fatal("no Rego test ran")
	}
	t.Logf("%d passed, %d failed, %d skipped", passed, failed, skipped)
}

// TestEveryPolicyHasTests enforces the layout: every policy file has a _test.rego beside it.
func TestEveryPolicyHasTests(t *testing.T) {
	t.Parallel()
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		test := strings.TrimSuffix(p, ".rego") + "_test.rego"
		if _, err := fs.Stat(policies.FS, test); err != nil {
			t.Errorf("%s has no tests: add %s", p, test)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// noUnknown lists the requirements that cannot be unknown, with the reason.
var noUnknown = map[string]string{
	"FO201": "judges the operator's intent, which every fact document carries",
}

// TestRequirementTestsCoverEveryOutcome checks that each requirement's tests exercise at
// least a pass (or skip, for one that cannot pass), a failure (fail, warn or info) and an
// unknown, by test name.
func TestRequirementTestsCoverEveryOutcome(t *testing.T) {
	t.Parallel()
	ev, err := compiledPolicies()
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range ev.Requirements() {
		src, err := fs.ReadFile(policies.FS, strings.TrimPrefix(strings.TrimSuffix(req.File, ".rego"), "policies/")+"_test.rego")
		if err != nil {
			t.Errorf("%s: %v", req.ID, err)
			continue
		}
		outcomes := []string{"(pass|skip)", "(fail|warn|info)"}
		if _, ok := noUnknown[req.ID]; !ok {
			outcomes = append(outcomes, "unknown")
		}
		for _, outcome := range outcomes {
			if !regexp.MustCompile(`(?m)^test_` + outcome + `_`).Match(src) {
				t.Errorf("%s (%s): no test named test_%s_...", req.ID, req.File, outcome)
			}
		}
	}
}

// TestRequirementsMatchRegister compares every requirement's ID, name and severity with
// docs/requirements.md, the register of published IDs and names, in both directions: a
// renamed or removed requirement fails, and so does a new one nobody registered.
func TestRequirementsMatchRegister(t *testing.T) {
	t.Parallel()
	const register = "../docs/requirements.md"
	f, err := os.Open(register)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type row struct{ name, severity string }
	published := map[string]row{}
	scan := bufio.NewScanner(f)
	rowRE := regexp.MustCompile("^\\| ([A-Z]+\\d+) \\| `([a-z0-9-]+)` \\| ([a-z]+) \\|$")
	for scan.Scan() {
		if m := rowRE.FindStringSubmatch(scan.Text()); m != nil {
			published[m[1]] = row{m[2], m[3]}
		}
	}
	if len(published) == 0 {
		t.Fatalf("%s lists no requirement rows", register)
	}
	ev, err := compiledPolicies()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, req := range ev.Requirements() {
		seen[req.ID] = true
		want, ok := published[req.ID]
		if !ok {
			t.Errorf("%s (%s) is not in %s: add its row (IDs and names are published once and never change)", req.ID, req.Name, register)
			continue
		}
		if req.Name != want.name || req.Severity != want.severity {
			t.Errorf("%s: name %q, severity %q; %s says %q, %q", req.ID, req.Name, req.Severity, register, want.name, want.severity)
		}
	}
	for id, r := range published {
		if !seen[id] {
			t.Errorf("%s (%s) is in %s but no policy defines it: published requirements are never removed", id, r.name, register)
		}
	}
}
