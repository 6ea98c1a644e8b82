package policies_test

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dmaprep/dmaprep/policies"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
)

// The layout rules of the policies, the few checks of a Rego linter (Regal) this project
// relies on, written over OPA's own parser: Regal cannot be installed from the Go module proxy.

// maxLine is the longest line a policy may have. A longer line is accepted only when one
// word of it, which cannot be broken, is already longer than unbreakable (a documentation
// URL in METADATA, a long URL in a test fixture).
const (
	maxLine     = 120
	unbreakable = 80
)

// pureLibraries are the library packages whose functions take their facts as arguments: no
// function of theirs reads input, directly or through a rule of its package that does.
// Their rules may read input (lib.known_issues.versions does); a function reading facts is
// a rule instead (lib.https.description[agent]).
var pureLibraries = []string{
	"data.dmaprep.lib.https",
	"data.dmaprep.lib.known_issues",
	"data.dmaprep.lib.saml",
	"data.dmaprep.lib.version",
}

type regoFile struct {
	name string
	src  []byte
	mod  *ast.Module
}

// parsedRegoFiles parses every embedded Rego file once for all the lint tests.
var parsedRegoFiles = sync.OnceValues(func() ([]regoFile, error) {
	var files []regoFile
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		mod, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1, ProcessAnnotation: true})
		if err != nil {
			return err
		}
		files = append(files, regoFile{p, src, mod})
		return nil
	})
	return files, err
})

// regoFiles are the parsed Rego files. The lint tests only read them.
func regoFiles(t *testing.T) []regoFile {
	t.Helper()
	files, err := parsedRegoFiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no Rego file found")
	}
	return files
}

// TestLintLineLength: no line over maxLine characters (tabs count as one, as opa fmt
// indents with tabs), but for an unbreakable word.
func TestLintLineLength(t *testing.T) {
	for _, f := range regoFiles(t) {
		for i, line := range strings.Split(string(f.src), "\n") {
			if len(line) <= maxLine || slices.ContainsFunc(strings.Fields(line), func(w string) bool { return len(w) > unbreakable }) {
				continue
			}
			t.Errorf("%s:%d: %d characters, more than %d", f.name, i+1, len(line), maxLine)
		}
	}
}

// TestLintFormatted: every file is as opa fmt writes it.
func TestLintFormatted(t *testing.T) {
	for _, f := range regoFiles(t) {
		out, err := format.SourceWithOpts(f.name, f.src, format.Opts{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Errorf("%s: %v", f.name, err)
			continue
		}
		if !bytes.Equal(out, f.src) {
			t.Errorf("%s is not formatted: run go tool opa fmt -w policies", f.name)
		}
	}
}

// TestLintMetadata: every package that is not a test has a package METADATA block with a
// title (the requirements' further fields are the evaluator's policy contract).
func TestLintMetadata(t *testing.T) {
	for _, f := range regoFiles(t) {
		if strings.HasSuffix(f.name, "_test.rego") {
			continue
		}
		i := slices.IndexFunc(f.mod.Annotations, func(a *ast.Annotations) bool { return a.Scope == "package" })
		if i < 0 || strings.TrimSpace(f.mod.Annotations[i].Title) == "" {
			t.Errorf("%s: package %s has no METADATA block with a title before its package line", f.name, f.mod.Package.Path)
		}
	}
}

// TestLintPackagePaths: a package's path follows its file, so that a reader finds a package
// from its name and a name from its file. The policies stay in one flat directory per kind
// (README, Development: why):
//
//   - DIR/NAME.rego holds package dmaprep.DIR.NAME (dmaprep.requirements.static_ip is
//     requirements/static_ip.rego, dmaprep.report is report.rego), or dmaprep.DIR, the
//     directory's own package (dmaprep.lib, in lib/result.rego);
//   - DIR/NAME_test.rego holds the tests of DIR/NAME.rego, in a package of its own ending in
//     _test; a test file without a policy beside it holds shared fixtures, under dmaprep.test.
func TestLintPackagePaths(t *testing.T) {
	for _, f := range regoFiles(t) {
		pkg := strings.TrimPrefix(f.mod.Package.Path.String(), "data.")
		dir := strings.ReplaceAll(path.Dir(f.name), "/", ".")
		stem := strings.TrimSuffix(path.Base(f.name), ".rego")
		want := []string{"dmaprep." + dir + "." + stem, "dmaprep." + dir}
		if dir == "." {
			want = []string{"dmaprep." + stem}
		}
		if test, ok := strings.CutSuffix(stem, "_test"); ok {
			if _, err := fs.Stat(policies.FS, path.Join(path.Dir(f.name), test+".rego")); err != nil {
				if !strings.HasPrefix(pkg, "dmaprep.test.") {
					t.Errorf("%s: a test file without a policy beside it holds shared fixtures under dmaprep.test, not %s", f.name, pkg)
				}
				continue
			}
			if !strings.HasSuffix(pkg, "_test") {
				t.Errorf("%s: package %s does not end in _test", f.name, pkg)
			}
			continue
		}
		if !slices.Contains(want, pkg) {
			t.Errorf("%s: package %s, want %s", f.name, pkg, strings.Join(want, " or "))
		}
	}
}

// TestLintPureLibraries: the functions of pureLibraries read no input.
func TestLintPureLibraries(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range regoFiles(t) {
		pkg := f.mod.Package.Path.String()
		if !slices.Contains(pureLibraries, pkg) {
			continue
		}
		seen[pkg] = true
		// The rules of the package that read input, directly or through another of its rules.
		readsInput := map[string]bool{"input": true}
		for changed := true; changed; {
			changed = false
			for _, r := range f.mod.Rules {
				name := r.Head.Name.String()
				if !readsInput[name] && mentions(r, readsInput) {
					readsInput[name], changed = true, true
				}
			}
		}
		for _, r := range f.mod.Rules {
			if len(r.Head.Args) > 0 && mentions(r, readsInput) {
				t.Errorf("%s:%d: function %s reads input: take the facts as arguments, or make it a rule",
					f.name, r.Location.Row, r.Head.Name)
			}
		}
	}
	for _, pkg := range pureLibraries {
		if !seen[pkg] {
			t.Errorf("pure library %s not found", pkg)
		}
	}
}

// mentions reports whether rule r (its else branches included) refers to one of names by a
// reference that starts with it.
func mentions(r *ast.Rule, names map[string]bool) bool {
	found := false
	ast.WalkRefs(r, func(ref ast.Ref) bool {
		if v, ok := ref[0].Value.(ast.Var); ok && names[string(v)] {
			found = true
		}
		return found
	})
	return found
}
