package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dmaprep/dmaprep/evaluator"
	"github.com/dmaprep/dmaprep/internal/atomicfile"
	"github.com/dmaprep/dmaprep/policies"
	"github.com/urfave/cli/v2"
)

func bundleCommand() *cli.Command {
	return &cli.Command{
		Name:  "bundle",
		Usage: "write the policies as an OPA bundle that a stock OPA server serves",
		Description: `The bundle holds the policies (embedded and --policy directories, without tests), the
parameters of --data as data.dmaprep.params, and a manifest with a revision whose roots are
the policy packages (dmaprep/lib, dmaprep/report, dmaprep/requirements; dmaprep/params too
with --data). An OPA server loaded with it answers POST /v1/data/dmaprep/report with
{"input": <fact document>} exactly as dmaprep check judges that document, and takes
waivers and parameters through its data API (PUT /v1/data/dmaprep/waivers).

Examples:
   dmaprep bundle -o dmaprep-bundle.tar.gz
   dmaprep bundle --policy ./our-rules --data params.yaml -o ours.tar.gz
   opa run --server --addr 127.0.0.1:8181 --bundle dmaprep-bundle.tar.gz`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Required: true, Usage: "write the bundle to `FILE.tar.gz` (atomically)"},
		}, policyFlags()...),
		Action: func(c *cli.Context) error {
			cfg, err := policyConfig(c, nil)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			revision, err := evaluator.WriteBundle(&buf, cfg, versionString())
			if err != nil {
				return err
			}
			if err := checkOutputPaths([]string{c.String("output")}, inputPaths(c, false)); err != nil {
				return err
			}
			if err := atomicfile.Write(c.String("output"), buf.Bytes(), reportPerm); err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "dmaprep: wrote %s (revision %s)\n", c.String("output"), revision)
			return nil
		},
	}
}

func policiesCommand() *cli.Command {
	return &cli.Command{
		Name:  "policies",
		Usage: "work with the embedded policies",
		Subcommands: []*cli.Command{{
			Name:      "export",
			Usage:     "write the embedded policies and their tests to a directory, to fork them",
			ArgsUsage: "DIR",
			Description: `DIR must not exist or be empty. The copy runs as it is with dmaprep check --no-builtin
--policy DIR, and its tests with opa test DIR or dmaprep test --no-builtin --policy DIR.

Examples:
   dmaprep policies export ./dmaprep-policies
   dmaprep check --no-builtin --policy ./dmaprep-policies facts.json
   opa test ./dmaprep-policies`,
			Action: func(c *cli.Context) error {
				if c.NArg() != 1 {
					return fmt.Errorf("policies export takes one directory")
				}
				return exportPolicies(c.Args().First())
			},
		}},
	}
}

// exportPolicies copies the embedded policy tree into dir, refusing to overwrite anything.
func exportPolicies(dir string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("policies export: %s is not empty", dir)
	}
	return fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !strings.HasSuffix(p, ".rego") {
			return nil
		}
		data, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		return atomicfile.Write(target, data, reportPerm)
	})
}
