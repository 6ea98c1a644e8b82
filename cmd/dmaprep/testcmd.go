package main

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dmaprep/dmaprep/evaluator"
	"github.com/urfave/cli/v2"
)

func testCommand() *cli.Command {
	return &cli.Command{
		Name:  "test",
		Usage: "run the policies' Rego unit tests (the same tests and outcome as opa test)",
		Description: `Runs every *_test.rego with OPA's own test runner. Exit 0 when all pass, 1 when a test
fails or coverage is below --threshold, 2 when the policies cannot be loaded.

Examples:
   dmaprep test
   dmaprep test -v --run backup_same_version
   dmaprep test --coverage
   dmaprep test --policy ./our-rules --coverage --threshold 90
   dmaprep test --strict-builtin-errors`,
		Flags: append([]cli.Flag{
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list every test, not only failures"},
			&cli.StringFlag{Name: "run", Aliases: []string{"r"}, Usage: "only tests whose name matches this `REGEX`"},
			&cli.BoolFlag{Name: "coverage", Aliases: []string{"c"}, Usage: "report line coverage of the policies, per file"},
			&cli.Float64Flag{Name: "threshold", Usage: "fail when total coverage is below this `PERCENT` (implies --coverage)"},
			&cli.BoolFlag{Name: "strict-builtin-errors", Usage: "fail a test on a built-in error (e.g. count(null)), as dmaprep check would; opa test ignores them"},
		}, policyFlags()...),
		Action: runTest,
	}
}

func runTest(c *cli.Context) error {
	threshold := c.Float64("threshold")
	if threshold < 0 || threshold > 100 {
		return fmt.Errorf("--threshold %v: must be between 0 and 100", threshold)
	}
	cfg, err := policyConfig(c, nil)
	if err != nil {
		return err
	}
	run, err := evaluator.Test(c.Context, cfg, evaluator.TestOptions{
		Run:                 c.String("run"),
		Coverage:            c.Bool("coverage") || threshold > 0,
		StrictBuiltinErrors: c.Bool("strict-builtin-errors"),
	})
	if err != nil {
		return err
	}
	w := c.App.Writer
	printTestResults(w, run, c.Bool("verbose"))
	passed, failed, skipped := run.Counts()
	if passed+failed+skipped == 0 {
		return errors.New("no test ran (check --run)")
	}
	below := false
	if run.Coverage != nil {
		printCoverage(w, run)
		below = run.Coverage.Coverage < threshold
		if below {
			fmt.Fprintf(c.App.ErrWriter, "dmaprep: coverage %.2f%% is below the threshold %.2f%%\n", run.Coverage.Coverage, threshold)
		}
	}
	// The closing line counts: pipelines and CI read it.
	fmt.Fprintf(w, "%d passed, %d failed, %d skipped\n", passed, failed, skipped)
	if failed > 0 || below {
		return errNotReady
	}
	return nil
}

func printTestResults(w io.Writer, run evaluator.TestRun, verbose bool) {
	for _, r := range run.Results {
		status := "PASS"
		switch {
		case r.Skip:
			status = "SKIP"
		case r.Error != nil:
			status = "ERROR"
		case r.Fail:
			status = "FAIL"
		}
		if status == "PASS" && !verbose {
			continue
		}
		fmt.Fprintf(w, "%-5s %s.%s (%s)\n", status, r.Package, r.Name, r.Location)
		if r.Error != nil {
			fmt.Fprintf(w, "      %v\n", r.Error)
		}
		if len(r.Output) > 0 {
			for _, line := range strings.Split(strings.TrimRight(string(r.Output), "\n"), "\n") {
				fmt.Fprintf(w, "      | %s\n", line)
			}
		}
	}
}

func printCoverage(w io.Writer, run evaluator.TestRun) {
	files := make([]string, 0, len(run.Coverage.Files))
	for f := range run.Coverage.Files {
		files = append(files, f)
	}
	sort.Strings(files)
	fmt.Fprintln(w, "coverage:")
	for _, f := range files {
		fr := run.Coverage.Files[f]
		fmt.Fprintf(w, "  %6.2f%%  %s (%d of %d lines)\n", fr.Coverage, f, fr.CoveredLines, fr.CoveredLines+fr.NotCoveredLines)
	}
	fmt.Fprintf(w, "  %6.2f%%  total\n", run.Coverage.Coverage)
}
