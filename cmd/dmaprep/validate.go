package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dmaprep/dmaprep/facts"

	"github.com/urfave/cli/v2"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check fact documents against the fact schema, without judging them",
		ArgsUsage: "FACTS.json|DIR|- ...",
		Description: `Takes the documents check takes: files, directories (their *.json files, recursively, in
lexical order) and - for stdin, which holds one document or newline-delimited JSON (one
document per line, named stdin:LINE). Every violation is listed by JSON pointer, for every
document. Exit 0 when all documents are valid, 2 otherwise, and 2 at once for a document
that cannot be read or is not JSON.
An agent fact file (what gather agent writes) is recognised as such: validate says so and how
to use it (as --primary or --backup of check or gather pair); check refuses it with that hint.

Examples:
   dmaprep validate facts.json
   dmaprep validate facts/
   some-generator | dmaprep validate -`,
		Action: func(c *cli.Context) error {
			docs, err := inputs(c.Args().Slice(), c.App.Reader)
			if err != nil {
				return err
			}
			var valid []string
			var problems strings.Builder
			invalid := 0
			for d := range docs {
				_, err := readFacts(d)
				var bad *invalidDocument
				switch {
				case err == nil:
					valid = append(valid, d.name)
				case errors.As(err, &bad) && bad.agentFile:
					fmt.Fprintf(c.App.Writer, "%s: valid agent fact file (one agent's facts, as gather agent writes them); %s\n", d.name, agentFileHint(d.name))
				case errors.As(err, &bad):
					invalid++
					problems.WriteString(bad.detail(0))
				default:
					return err
				}
			}
			if invalid > 0 {
				return fmt.Errorf("invalid fact document%s%s", plural(invalid), problems.String())
			}
			for _, name := range valid {
				fmt.Fprintf(c.App.Writer, "%s: valid fact document (schema version %s)\n", name, facts.SchemaVersion)
			}
			return nil
		},
	}
}
