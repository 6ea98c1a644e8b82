package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check fact documents against the fact schema, without judging them",
		ArgsUsage: "FACTS.json|- ...",
		Description: `Every violation is listed by JSON pointer. Exit 0 when all documents are valid, 2 otherwise.

Example:
   dmaprep validate facts.json`,
		Action: func(c *cli.Context) error {
			docs, err := readDocuments(c.Args().Slice(), c.App.Reader)
			if err != nil {
				return err
			}
			if err := validateDocuments(docs); err != nil {
				return err
			}
			for _, d := range docs {
				fmt.Fprintf(c.App.Writer, "%s: valid fact document (schema version 1)\n", d.name)
			}
			return nil
		},
	}
}
