package policies_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/open-policy-agent/opa/v1/rego"
)

var update = flag.Bool("update", false, "regenerate lib/fixtures_test.rego from testdata/facts/valid/ready-*.json")

const fixturesFile = "lib/fixtures_test.rego"

// fixtures maps each Rego fixture to the fact document it mirrors.
var fixtures = []struct{ rule, file string }{
	{"ready_vip", "../testdata/facts/valid/ready-vip.json"},
	{"ready_hostname", "../testdata/facts/valid/ready-hostname.json"},
}

// TestRegoFixturesMatchDocuments keeps the Rego tests' baseline documents equal to the
// ready fact documents that the CLI tests and golden reports use; -update regenerates them.
func TestRegoFixturesMatchDocuments(t *testing.T) {
	t.Parallel()
	if *update {
		src := "# Fixtures shared by the requirement tests: complete fact documents of a pair that is\n" +
			"# ready (virtual IP mode and shared hostname mode). Each test states only its change\n" +
			"# from one of these. Generated from testdata/facts/valid/ready-*.json by\n" +
			"# `go test ./policies -run Fixtures -update`; a test fails when they differ.\n" +
			"package dmaprep.test.fixtures\n"
		for _, f := range fixtures {
			src += fmt.Sprintf("\n%s := %s\n", f.rule, readFile(t, f.file))
		}
		formatted, err := format.SourceWithOpts(fixturesFile, []byte(src), format.Opts{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fixturesFile, formatted, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	module := readFile(t, fixturesFile)
	for _, f := range fixtures {
		rs, err := rego.New(rego.Query("data.dmaprep.test.fixtures."+f.rule), rego.Module(fixturesFile, module)).Eval(context.Background())
		if err != nil || len(rs) != 1 {
			t.Fatalf("%s: %v", f.rule, err)
		}
		var want any
		if err := json.Unmarshal([]byte(readFile(t, f.file)), &want); err != nil {
			t.Fatal(err)
		}
		// Round-trip OPA's value through JSON so both sides use the same Go types.
		raw, _ := json.Marshal(rs[0].Expressions[0].Value)
		var got any
		json.Unmarshal(raw, &got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s differs from %s (-json +rego); run `go test ./policies -run Fixtures -update`:\n%s", f.rule, f.file, diff)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
