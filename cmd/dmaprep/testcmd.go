package main

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"regexp"
	"runtime/debug"
	"slices"

	"github.com/dmaprep/dmaprep/evaluator"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/urfave/cli/v2"
)

func testCommand() *cli.Command {
	return &cli.Command{
		Name:  "test",
		Usage: "run the policies' Rego unit tests (the same tests and outcome as opa test)",
		Description: `Runs every *_test.rego with OPA's own test runner and reporters. Exit 0 when all pass, 1 when a test
fails or coverage is below --threshold, 2 when the policies cannot be loaded.

Examples:
   dmaprep test
   dmaprep test -v --run backup_same_version
   dmaprep test --var-values --run backup_same_version
   dmaprep test --format json > rego-tests.json
   dmaprep test --coverage
   dmaprep test --policy ./our-rules --coverage --threshold 90
   dmaprep test --strict-builtin-errors`,
		Flags: append([]cli.Flag{
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list every test, not only failures"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "pretty", Usage: "`pretty` (as opa test prints) or json (OPA's JSON test report; with --coverage, its coverage report)"},
			&cli.BoolFlag{Name: "var-values", Usage: "show a failing test's failing expression and the values of its local variables"},
			&cli.StringFlag{Name: "run", Aliases: []string{"r"}, Usage: "only tests whose name matches this `REGEX`"},
			&cli.BoolFlag{Name: "coverage", Aliases: []string{"c"}, Usage: "report line coverage of the policies, per file"},
			&cli.Float64Flag{Name: "threshold", Usage: "fail when total coverage is below this `PERCENT` (implies --coverage)"},
			&cli.BoolFlag{Name: "strict-builtin-errors", Usage: "fail a test on a built-in error (e.g. count(null)), as dmaprep check would; opa test ignores them"},
		}, policyFlags()...),
		Action: runTest,
	}
}

// testGCPercent is the collector's target while the Rego tests run, unless GOGC is set: a
// test run allocates mostly short-lived garbage. On 2 cores, 400 instead of Go's 100 took
// about 22% less CPU for the embedded suite (2.8 s instead of 3.5 s; with --coverage 8.1 s
// instead of 10.3 s) for a higher peak RSS (190 MB instead of 118; 330 MB instead of 150
// with --coverage), which a one-off developer or CI command can afford.
const testGCPercent = 400

func runTest(c *cli.Context) error {
	threshold := c.Float64("threshold")
	if threshold < 0 || threshold > 100 {
		return fmt.Errorf("--threshold %v: must be between 0 and 100", threshold)
	}
	format := c.String("format")
	if format != "pretty" && format != "json" {
		return fmt.Errorf("--format %q: must be pretty or json", format)
	}
	// A bad expression is named before the policies are loaded and compiled.
	if _, err := regexp.Compile(c.String("run")); err != nil {
		return fmt.Errorf("--run %q: not a regular expression: %w", c.String("run"), err)
	}
	cfg, err := policyConfig(c, nil)
	if err != nil {
		return err
	}
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(testGCPercent))
	}
	run, err := evaluator.Test(c.Context, cfg, evaluator.TestOptions{
		Run:                 c.String("run"),
		Coverage:            c.Bool("coverage") || threshold > 0,
		StrictBuiltinErrors: c.Bool("strict-builtin-errors"),
		Trace:               format == "pretty" && c.Bool("var-values"),
	})
	if err != nil {
		return err
	}
	passed, failed, skipped := run.Counts()
	if passed+failed+skipped == 0 {
		return errors.New("no test ran (check --run)")
	}
	w := c.App.Writer
	// OPA's own reporters, so the output reads as opa test's does on the same files.
	var reporter tester.Reporter = tester.PrettyReporter{Output: w, Verbose: c.Bool("verbose"), FailureLine: c.Bool("var-values"), LocalVars: c.Bool("var-values")}
	switch {
	case format == "json" && run.Cover != nil:
		reporter = tester.JSONCoverageReporter{Cover: run.Cover, Modules: run.Modules, Output: w, Verbose: c.Bool("verbose")}
	case format == "json":
		reporter = tester.JSONReporter{Output: w}
	}
	// The coverage reporter answers a failing test with an error of its own; the exit code
	// below says the same from the counts.
	if err := reporter.Report(run.Stream()); err != nil && failed == 0 {
		return err
	}
	below := false
	if cov := run.CoverageReport(); cov != nil {
		if format == "pretty" {
			printCoverage(w, cov)
		}
		below = cov.Coverage < threshold
		if below {
			fmt.Fprintf(c.App.ErrWriter, "dmaprep: coverage %.2f%% is below the threshold %.2f%%\n", cov.Coverage, threshold)
		}
	}
	if failed > 0 || below {
		return errNotReady
	}
	return nil
}

// printCoverage lists line coverage per file, then the total: OPA's pretty reporter has no
// coverage table of its own (opa test --coverage prints JSON).
func printCoverage(w io.Writer, cov *cover.Report) {
	fmt.Fprintln(w, "coverage:")
	for _, f := range slices.Sorted(maps.Keys(cov.Files)) {
		fr := cov.Files[f]
		fmt.Fprintf(w, "  %6.2f%%  %s (%d of %d lines)\n", fr.Coverage, f, fr.CoveredLines, fr.CoveredLines+fr.NotCoveredLines)
	}
	fmt.Fprintf(w, "  %6.2f%%  total\n", cov.Coverage)
}
