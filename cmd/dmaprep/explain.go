package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/dmaprep/dmaprep/evaluator"
	"github.com/dmaprep/dmaprep/report"
	"github.com/urfave/cli/v2"
)

func explainCommand(e env) *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "explain a requirement: what it checks, why and how, the facts it reads, example messages, its fix and its docs (from its METADATA)",
		ArgsUsage: "ID|NAME ...",
		Description: `Examples:
   dmaprep explain FO102
   dmaprep explain backup-same-version --policy ./our-rules`,
		Flags: policyFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return fmt.Errorf("explain: name a requirement by ID or name (see dmaprep requirements)")
			}
			cfg, err := policyConfig(c, nil)
			if err != nil {
				return err
			}
			ev, err := evaluator.New(c.Context, cfg)
			if err != nil {
				return err
			}
			ix := newRequirementIndex(ev.Requirements())
			var reqs []evaluator.Requirement
			for _, name := range c.Args().Slice() {
				r, err := ix.lookup(name)
				if err != nil {
					return err
				}
				reqs = append(reqs, r)
			}
			w := bufio.NewWriter(c.App.Writer)
			width := terminalWidth(e, c.App.Writer)
			for i, r := range reqs {
				if i > 0 {
					fmt.Fprintln(w)
				}
				explain(w, r, width)
			}
			return w.Flush()
		},
	}
}

// notHoldingStatus is the status of a requirement that does not hold, by its severity.
var notHoldingStatus = map[string]string{"error": "fail", "warning": "warn", "info": "info"}

// explain writes one requirement as its METADATA states it, folded to width: what it
// checks, the facts it reads, example messages (which the evaluator's tests check that the
// sample documents produce), the fix and the docs.
func explain(w *bufio.Writer, r evaluator.Requirement, width int) {
	para := func(first, indent, text string) {
		for _, l := range report.Fold(first, indent, strings.TrimSpace(text), width) {
			fmt.Fprintln(w, l)
		}
	}
	para("", "  ", fmt.Sprintf("%s %s: %s", r.ID, r.Name, r.Title))
	area := ""
	if r.Area != "" {
		area = "; area " + r.Area
	}
	para("", "  ", fmt.Sprintf("Severity %s (a failure makes the pair %s)%s; policy %s (%s).",
		r.Severity, map[string]string{"error": "not ready", "warning": "warn, not ready only with --fail-on warn", "info": "get a reminder"}[r.Severity],
		area, r.File, r.Package))
	fmt.Fprintln(w)
	para("What, why and how it is checked: ", "  ", r.Description)
	if len(r.Facts) > 0 {
		fmt.Fprintln(w)
		para("", "  ", "Facts it reads (paths in the fact document; * is primary or backup):")
		for _, f := range r.Facts {
			para("  ", "  ", f)
		}
	}
	if r.ExampleFailure != "" {
		fmt.Fprintln(w)
		para("", "  ", fmt.Sprintf("Example of a %s message:", notHoldingStatus[r.Severity]))
		para("  ", "  ", r.ExampleFailure)
	}
	if r.ExampleUnknown != "" {
		fmt.Fprintln(w)
		para("", "  ", "Example of an unknown message (a fact missing):")
		para("  ", "  ", r.ExampleUnknown)
	}
	if r.Remediation != "" {
		fmt.Fprintln(w)
		para("Fix: ", "  ", r.Remediation)
	}
	if len(r.Docs) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Docs:")
		for _, d := range r.Docs {
			para("  ", "  ", d)
		}
	}
}
