package main

import (
	"fmt"

	"github.com/dmaprep/dmaprep/facts"

	"github.com/urfave/cli/v2"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check fact documents against the fact schema, without judging them",
		ArgsUsage: "FACTS.json|- ...",
		Description: `Every violation is listed by JSON pointer. Exit 0 when all documents are valid, 2 otherwise.
An agent fact file (what gather agent writes) is recognised as such: validate says so and how
to use it (as --primary or --backup of check or gather pair); check refuses it with that hint.

Example:
   dmaprep validate facts.json`,
		Action: func(c *cli.Context) error {
			docs, err := readDocuments(c.Args().Slice(), c.App.Reader)
			if err != nil {
				return err
			}
			var pairs []document
			for _, d := range docs {
				if violations, err := facts.Validate(d.doc); err == nil && len(violations) > 0 && isAgentFile(d.doc) {
					fmt.Fprintf(c.App.Writer, "%s: valid agent fact file (one agent's facts, as gather agent writes them); %s\n", d.name, agentFileHint(d.name))
					continue
				}
				pairs = append(pairs, d)
			}
			if err := validateDocuments(pairs); err != nil {
				return err
			}
			for _, d := range pairs {
				fmt.Fprintf(c.App.Writer, "%s: valid fact document (schema version %s)\n", d.name, facts.SchemaVersion)
			}
			return nil
		},
	}
}
