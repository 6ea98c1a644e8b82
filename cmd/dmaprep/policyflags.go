package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dmaprep/dmaprep/evaluator"
	"github.com/dmaprep/dmaprep/internal/boundedread"
	"github.com/dmaprep/dmaprep/policies"
	"github.com/dmaprep/dmaprep/policydata"
	"github.com/urfave/cli/v2"
)

// policyFlags select the policies and their parameters; check, requirements, test and
// bundle share them.
func policyFlags() []cli.Flag {
	return categorize("policies", []cli.Flag{
		&cli.StringSliceFlag{Name: "policy", Aliases: []string{"p"}, Usage: "also load requirement packages from `DIR` (repeatable)"},
		&cli.BoolFlag{Name: "no-builtin", Usage: "leave out the embedded requirements: only those of --policy run (the embedded lib and report stay unless a --policy directory brings its own)"},
		&cli.StringFlag{Name: "data", Usage: "parameters from `FILE` (JSON or YAML), set as data.dmaprep.params"},
	})
}

// isFramework tells the embedded code every requirement relies on (lib and the report),
// as opposed to the embedded requirements themselves.
func isFramework(path string) bool {
	return !strings.HasPrefix(path, "requirements/")
}

// policyConfig builds the evaluator configuration from the policy flags; params (from the
// caller's own flags) are laid over --data.
func policyConfig(c *cli.Context, params map[string]any) (evaluator.Config, error) {
	var sources []evaluator.Source
	for _, dir := range c.StringSlice("policy") {
		info, err := os.Stat(dir)
		if err != nil {
			return evaluator.Config{}, fmt.Errorf("--policy: %w", err)
		}
		if !info.IsDir() {
			return evaluator.Config{}, fmt.Errorf("--policy %s: not a directory", dir)
		}
		// A link out of the directory (to /proc/self/environ, say) must not be read.
		fsys, err := boundedread.DirFS(dir)
		if err != nil {
			return evaluator.Config{}, fmt.Errorf("--policy: %w", err)
		}
		// A directory without policies is a wrong path: the run would look as if the
		// team's own requirements had passed.
		if !holdsRego(fsys) {
			return evaluator.Config{}, fmt.Errorf("--policy %s: no .rego file in it or below it", dir)
		}
		sources = append(sources, evaluator.Source{Name: filepath.Clean(dir), FS: fsys})
	}
	if c.Bool("no-builtin") {
		if len(sources) == 0 {
			return evaluator.Config{}, fmt.Errorf("--no-builtin needs at least one --policy directory")
		}
		// Keep the embedded lib and report, unless a directory brings its own (a fork
		// made with `dmaprep policies export`).
		framework := evaluator.Source{Name: "policies", FS: policies.FS, Files: isFramework, Fallback: true, Checked: true}
		sources = append([]evaluator.Source{framework}, sources...)
	} else {
		sources = append([]evaluator.Source{{Name: "policies", FS: policies.FS, Checked: true}}, sources...)
	}
	merged := map[string]any{}
	if path := c.String("data"); path != "" {
		p, err := policydata.LoadParams(path)
		if err != nil {
			return evaluator.Config{}, err
		}
		for k, v := range p {
			merged[k] = v
		}
	}
	for k, v := range params {
		merged[k] = v
	}
	return evaluator.Config{
		Sources: sources,
		Data:    map[string]any{"dmaprep": map[string]any{"params": merged}},
	}, nil
}

// newEvaluator prepares an evaluator over the policies and data of cfg. evaluator.Compile
// keeps what it compiled for the process, by content: a test binary that runs the CLI
// many times compiles each set of policies and selection once.
func newEvaluator(c *cli.Context, cfg evaluator.Config) (*evaluator.Evaluator, error) {
	p, err := evaluator.Compile(cfg)
	if err != nil {
		return nil, err
	}
	return p.Evaluator(c.Context, cfg.Data)
}

// holdsRego tells whether fsys has a .rego file anywhere (a directory named x.rego is none).
func holdsRego(fsys fs.FS) bool {
	found := false
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".rego") {
			found = true
			return fs.SkipAll
		}
		return nil
	})
	return found
}
