package evaluator

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dmaprep/dmaprep/internal/boundedread"
	"github.com/open-policy-agent/opa/v1/ast"
)

// Source is one tree of Rego files: the embedded policies, or a --policy directory.
type Source struct {
	// Name prefixes file names in messages, e.g. "policies" or "./our-rules".
	Name string
	FS   fs.FS
	// Files, when set, selects which .rego files (by path in FS) to take.
	Files func(path string) bool
	// Fallback sources provide a package only when no other source defines it: a user's
	// fork of the library replaces the embedded one instead of merging with it.
	Fallback bool
	// Checked marks Rego that has already passed every check of OPA's compiler as it is:
	// the embedded policies, which `opa check --strict` and the test suites compile with
	// every stage before they are built in. A compile whose modules all come from such
	// sources leaves out the stages that only look for errors (checkOnlyStages), about a
	// third of a cold check's compile; one with any other module (a --policy directory)
	// runs them all on every module, since its rules may use the others' wrongly.
	Checked bool
}

// RequirementsPackage is the package prefix under which every requirement lives.
const RequirementsPackage = "data.dmaprep.requirements"

// module is one parsed Rego file with the name errors use for it.
type module struct {
	file     string
	raw      []byte
	sum      digest // of raw, for the caches
	test     bool
	fallback bool
	checked  bool // its source is Checked
	parsed   *ast.Module
}

// load parses the sources (with their tests when withTests) and checks the policy
// contract; check, test and bundle all start here.
func load(cfg Config, withTests bool) ([]module, []Requirement, error) {
	mods, err := parseSources(cfg.Sources, Capabilities(), withTests)
	if err != nil {
		return nil, nil, err
	}
	reqs, err := requirements(mods)
	if err != nil {
		return nil, nil, err
	}
	return mods, reqs, nil
}

// checkOnlyStages are the stages of OPA's compiler that only report errors: none of them
// rewrites a rule or builds what evaluation reads (the rule tree, the dependency graph, the
// indices). Modules that have passed them all as they are (Source.Checked) would pass them
// again. The stages that check and also rewrite (safety reorders rule bodies, local
// variables are renamed) always run.
var checkOnlyStages = []ast.StageID{
	ast.StageCheckKeywordOverrides,
	ast.StageCheckDuplicateImports,
	ast.StageCheckVoidCalls,
	ast.StageCheckRuleConflicts,
	ast.StageCheckUndefinedFuncs,
	ast.StageCheckSafetyRuleHeads,
	ast.StageCheckRecursion,
	ast.StageCheckTypes,
	ast.StageCheckUnsafeBuiltins,
	ast.StageCheckDeprecatedBuiltins,
}

// compile compiles the policy modules (tests left out) under dmaprep's capabilities,
// without the check-only stages when every module has passed them already
// (Source.Checked).
func compile(mods []module) (*ast.Compiler, error) {
	compiler := newCompiler(Capabilities())
	if !slices.ContainsFunc(mods, func(m module) bool { return !m.checked }) {
		compiler.WithSkipStages(checkOnlyStages...)
	}
	if compiler.Compile(moduleMap(mods, false)); compiler.Failed() {
		return nil, fmt.Errorf("compile policies: %w", explainForbidden(compiler.Errors))
	}
	return compiler, nil
}

// parseSources reads and parses every .rego file of every source; *_test.rego files only
// withTests (they are half the embedded Rego, and a check never runs them). Files are
// parsed in parallel (parsing is a large part of a cold start), each once per process
// for as long as the parse cache keeps it.
func parseSources(sources []Source, caps *ast.Capabilities, withTests bool) ([]module, error) {
	var mods []module
	for _, src := range sources {
		err := fs.WalkDir(src.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			isTest := strings.HasSuffix(p, "_test.rego")
			if d.IsDir() || !strings.HasSuffix(p, ".rego") || (src.Files != nil && !src.Files(p)) || (isTest && !withTests) {
				return nil
			}
			data, err := boundedread.FS(src.FS, p, boundedread.PolicyFile)
			if err != nil {
				return err
			}
			// A byte order mark (Windows editors write one) would hide the METADATA
			// comment that opens the file.
			data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
			mods = append(mods, module{file: path.Join(src.Name, p), raw: data, sum: sha256.Sum256(data), test: isTest, fallback: src.Fallback, checked: src.Checked})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("load policies from %s: %w", src.Name, err)
		}
	}
	if len(mods) == 0 {
		return nil, fmt.Errorf("load policies: no .rego files found")
	}
	opts := ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1, Capabilities: caps}
	errs := make([]error, len(mods))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				m := &mods[i]
				// The file name is part of the key: the parsed module carries it in every
				// location, so errors name the caller's file.
				m.parsed, errs[i] = parsedModules.get(m.file+"\x00"+string(m.sum[:]), int64(len(m.raw)), func() (*ast.Module, error) {
					parsed, err := ast.ParseModuleWithOpts(m.file, string(m.raw), opts)
					if err != nil {
						return nil, shortExcerpts(err)
					}
					return parsed, nil
				})
			}
		}()
	}
	for i := range mods {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("load policies: %w", err)
	}
	return dropShadowedFallbacks(mods), nil
}

// dropShadowedFallbacks removes fallback modules whose package another source defines.
func dropShadowedFallbacks(mods []module) []module {
	defined := map[string]bool{}
	for _, m := range mods {
		if !m.fallback {
			defined[m.parsed.Package.Path.String()] = true
		}
	}
	kept := mods[:0]
	for _, m := range mods {
		if m.fallback && defined[m.parsed.Package.Path.String()] {
			continue
		}
		kept = append(kept, m)
	}
	return kept
}

// Requirement is one requirement as its package METADATA describes it.
type Requirement struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Severity    string   `json:"severity"`
	Area        string   `json:"area,omitempty"`
	Remediation string   `json:"remediation"`
	Docs        []string `json:"docs"`
	// Facts are the fact paths the requirement reads (METADATA custom.facts), most telling
	// first: dotted property names from the document's root, "*" standing for either agent
	// ("agents.*.version").
	Facts []string `json:"facts,omitempty"`
	// ExampleFailure and ExampleUnknown are messages the requirement gives when it does not
	// hold and when a fact it needs is missing (METADATA custom.example_failure and
	// custom.example_unknown).
	ExampleFailure string `json:"example_failure,omitempty"`
	ExampleUnknown string `json:"example_unknown,omitempty"`
	Package        string `json:"package"`
	File           string `json:"file"`
}

var severities = map[string]bool{"error": true, "warning": true, "info": true}

// requirements reads the requirement packages among mods and checks the policy contract:
// package METADATA with title and custom id, name, severity; a result rule; IDs and names
// unique. Every problem is reported, each naming its file.
func requirements(mods []module) ([]Requirement, error) {
	var reqs []Requirement
	var problems []string
	byID := map[string]string{}
	byName := map[string]string{}
	for _, m := range mods {
		pkg := m.parsed.Package.Path.String()
		if m.test {
			continue
		}
		if !strings.HasPrefix(pkg, RequirementsPackage+".") {
			problems = append(problems, misplacedRequirement(m, pkg)...)
			continue
		}
		req, errs := requirementOf(m, pkg)
		problems = append(problems, errs...)
		if len(errs) > 0 {
			continue
		}
		if other, dup := byID[req.ID]; dup {
			problems = append(problems, fmt.Sprintf("%s: requirement ID %s is already used by %s", m.file, req.ID, other))
			continue
		}
		if other, dup := byName[req.Name]; dup {
			problems = append(problems, fmt.Sprintf("%s: requirement name %s is already used by %s", m.file, req.Name, other))
			continue
		}
		byID[req.ID], byName[req.Name] = m.file, m.file
		reqs = append(reqs, req)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("policy contract:\n  %s", strings.Join(problems, "\n  "))
	}
	sort.Slice(reqs, func(i, j int) bool { return reqs[i].ID < reqs[j].ID })
	return reqs, nil
}

func requirementOf(m module, pkg string) (Requirement, []string) {
	var ann *ast.Annotations
	for _, a := range m.parsed.Annotations {
		if a.Scope == "package" {
			ann = a
		}
	}
	if ann == nil {
		return Requirement{}, []string{fmt.Sprintf("%s: package %s has no METADATA block before its package line (title and custom id, name, severity are required)", m.file, strings.TrimPrefix(pkg, "data."))}
	}
	str := func(key string) string {
		s, _ := ann.Custom[key].(string)
		return strings.TrimSpace(s)
	}
	req := Requirement{
		ID:             str("id"),
		Name:           str("name"),
		Title:          strings.TrimSpace(ann.Title),
		Description:    strings.TrimSpace(ann.Description),
		Severity:       str("severity"),
		Area:           str("area"),
		Remediation:    str("remediation"),
		ExampleFailure: str("example_failure"),
		ExampleUnknown: str("example_unknown"),
		Package:        strings.TrimPrefix(pkg, "data."),
		File:           m.file,
	}
	var errs []string
	if v, ok := ann.Custom["facts"]; ok {
		list, _ := v.([]any)
		for _, f := range list {
			if s, ok := f.(string); ok && strings.TrimSpace(s) != "" {
				req.Facts = append(req.Facts, strings.TrimSpace(s))
			} else {
				list = nil
				break
			}
		}
		if len(list) == 0 {
			errs = append(errs, fmt.Sprintf("%s: METADATA custom.facts of %s is not a list of fact paths (e.g. - agents.*.version)", m.file, req.Package))
		}
	}
	for _, r := range ann.RelatedResources {
		if r.Ref.String() != "" {
			req.Docs = append(req.Docs, r.Ref.String())
		}
	}
	for field, v := range map[string]string{"title": req.Title, "custom.id": req.ID, "custom.name": req.Name, "custom.severity": req.Severity} {
		if v == "" {
			errs = append(errs, fmt.Sprintf("%s: METADATA of %s has no %s", m.file, req.Package, field))
		}
	}
	if req.Severity != "" && !severities[req.Severity] {
		errs = append(errs, fmt.Sprintf("%s: METADATA custom.severity %q is not error, warning or info", m.file, req.Severity))
	}
	if !definesRule(m.parsed, "result") {
		errs = append(errs, fmt.Sprintf("%s: package %s defines no result rule (end it with: result := lib.result(rego.metadata.chain(), {...}))", m.file, req.Package))
	}
	sort.Strings(errs)
	return req, errs
}

func definesRule(m *ast.Module, name string) bool {
	for _, r := range m.Rules {
		if r.Head.Ref().String() == name {
			return true
		}
	}
	return false
}

// misplacedRequirement refuses a package outside data.dmaprep.requirements whose
// METADATA declares a requirement (a custom id): the report would never list it, and a
// requirement that silently never runs reads as one that passes.
func misplacedRequirement(m module, pkg string) []string {
	for _, a := range m.parsed.Annotations {
		if a.Scope != "package" {
			continue
		}
		if _, ok := a.Custom["id"]; ok {
			return []string{fmt.Sprintf("%s: package %s has requirement METADATA (custom.id) but is not under %s, so it would never run: move it there",
				m.file, strings.TrimPrefix(pkg, "data."), strings.TrimPrefix(RequirementsPackage, "data."))}
		}
	}
	return nil
}
