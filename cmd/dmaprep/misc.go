package main

import (
	"fmt"

	"github.com/dmaprep/dmaprep/facts"
	opaversion "github.com/open-policy-agent/opa/v1/version"
	"github.com/urfave/cli/v2"
)

func schemaCommand() *cli.Command {
	return &cli.Command{
		Name:  "schema",
		Usage: "print the fact document's JSON Schema (draft 2020-12)",
		Description: `Example:
   dmaprep schema > facts.schema.json`,
		Action: func(c *cli.Context) error {
			_, err := c.App.Writer.Write(facts.SchemaJSON)
			return err
		},
	}
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print dmaprep's version, the fact schema version and the embedded OPA version",
		Action: func(c *cli.Context) error {
			fmt.Fprintf(c.App.Writer, "dmaprep %s (fact schema %s, OPA %s)\n", versionString(), facts.SchemaVersion, opaversion.Version)
			return nil
		},
	}
}
