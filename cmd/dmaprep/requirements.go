package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/dmaprep/dmaprep/evaluator"
	"github.com/urfave/cli/v2"
)

func requirementsCommand() *cli.Command {
	return &cli.Command{
		Name:      "requirements",
		Usage:     "list the requirement catalogue, read from the policies' METADATA",
		ArgsUsage: "[ID|NAME ...]",
		Description: `With IDs or names (any case), lists only those requirements; "all" or none lists every one.

Examples:
   dmaprep requirements
   dmaprep requirements FO102 backup-not-in-cluster
   dmaprep requirements --format json | jq -r '.[].id'
   dmaprep requirements --format markdown > catalogue.md`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text, json or markdown"},
		}, policyFlags()...),
		Action: func(c *cli.Context) error {
			render, ok := catalogueFormats[c.String("format")]
			if !ok {
				return fmt.Errorf("--format %q: choose text, json or markdown", c.String("format"))
			}
			cfg, err := policyConfig(c, nil)
			if err != nil {
				return err
			}
			ev, err := newEvaluator(c, cfg)
			if err != nil {
				return err
			}
			reqs, err := selectRequirements(ev.Requirements(), c.Args().Slice())
			if err != nil {
				return err
			}
			return render(c.App.Writer, reqs)
		},
	}
}

var catalogueFormats = map[string]func(io.Writer, []evaluator.Requirement) error{
	"text":     catalogueText,
	"json":     catalogueJSON,
	"markdown": catalogueMarkdown,
}

func catalogueText(w io.Writer, reqs []evaluator.Requirement) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tTITLE")
	for _, r := range reqs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Severity, r.Title)
	}
	return tw.Flush()
}

func catalogueJSON(w io.Writer, reqs []evaluator.Requirement) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(reqs)
}

// catalogueMarkdown is the table the README embeds between its catalogue markers.
func catalogueMarkdown(w io.Writer, reqs []evaluator.Requirement) error {
	var b strings.Builder
	b.WriteString("| ID | name | severity | requirement |\n| --- | --- | --- | --- |\n")
	for _, r := range reqs {
		title := r.Title
		if len(r.Docs) > 0 {
			title = fmt.Sprintf("[%s](%s)", title, r.Docs[0])
		}
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s |\n", r.ID, r.Name, r.Severity, strings.ReplaceAll(title, "|", `\|`))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// selectRequirements keeps the requirements named (by ID or name, in any case), in the
// catalogue's order; no name, or "all", keeps every one.
func selectRequirements(reqs []evaluator.Requirement, names []string) ([]evaluator.Requirement, error) {
	ix := newRequirementIndex(reqs)
	want := map[string]bool{}
	for _, n := range names {
		if isAll(n) {
			return reqs, nil
		}
		r, err := ix.lookup(n)
		if err != nil {
			return nil, err
		}
		want[r.ID] = true
	}
	if len(want) == 0 {
		return reqs, nil
	}
	var out []evaluator.Requirement
	for _, r := range reqs {
		if want[r.ID] {
			out = append(out, r)
		}
	}
	return out, nil
}
