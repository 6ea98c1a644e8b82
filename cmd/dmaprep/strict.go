package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

// Nothing a user types is silently ignored: an argument a command does not take, an
// unknown command and a flag that does nothing in the chosen mode are errors (exit 2) that
// name what was given.

// rejectStrayInput walks the command tree once, after it is built: a command that declares
// no arguments (empty ArgsUsage) refuses any, and a command that only groups subcommands
// answers an unknown name with the closest one.
func rejectStrayInput(app *cli.App) {
	app.Action = unknownCommand("", app.Commands)
	for _, c := range app.Commands {
		rejectStrayInputOf(c, c.Name)
	}
}

func rejectStrayInputOf(c *cli.Command, path string) {
	if len(c.Subcommands) > 0 {
		// A group may act on its own flags (gather --inventory) when given no argument.
		own, unknown := c.Action, unknownCommand(path, c.Subcommands)
		c.Action = unknown
		if own != nil {
			c.Action = func(ctx *cli.Context) error {
				if ctx.NArg() == 0 {
					return own(ctx)
				}
				return unknown(ctx)
			}
		}
		for _, sub := range c.Subcommands {
			rejectStrayInputOf(sub, path+" "+sub.Name)
		}
		return
	}
	if c.ArgsUsage != "" || c.Action == nil {
		return
	}
	action := c.Action
	hint := ""
	for _, f := range c.Flags {
		if f.Names()[0] == "policy" {
			hint = "; a policy directory is given with --policy DIR"
		}
	}
	c.Action = func(ctx *cli.Context) error {
		if ctx.NArg() > 0 {
			return fmt.Errorf("%s takes no arguments; got %s%s (see dmaprep %s --help)", path, quoteArgs(ctx.Args().Slice()), hint, path)
		}
		return action(ctx)
	}
}

// unknownCommand is the action of the app and of a command group: without an argument it
// shows the help; with one, it says the name is unknown and suggests the closest.
func unknownCommand(path string, cmds []*cli.Command) cli.ActionFunc {
	return func(c *cli.Context) error {
		if c.NArg() == 0 {
			return cli.ShowSubcommandHelp(c)
		}
		var names []string
		for _, cmd := range cmds {
			if !cmd.Hidden {
				names = append(names, cmd.Name)
			}
		}
		what := "command"
		if path != "" {
			what = path + " subcommand"
		}
		msg := fmt.Sprintf("unknown %s %q", what, c.Args().First())
		if s := closest(c.Args().First(), names); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		return fmt.Errorf("%s (choose one of %s; see %s --help)", msg, strings.Join(names, ", "), strings.TrimSpace("dmaprep "+path))
	}
}

func quoteArgs(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = fmt.Sprintf("%q", a)
	}
	return strings.Join(q, " ")
}

// closest is the candidate nearest to s by edit distance (case-insensitive), or "" when
// none is near enough to be what the user meant: two edits, or a third of its length.
func closest(s string, candidates []string) string {
	best, bestDist := "", 0
	for _, c := range candidates {
		d := editDistance(strings.ToLower(s), strings.ToLower(c))
		if d <= max(2, len(c)/3) && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, by bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// gatherOnlyFlags are the pair flags given on the command line: they mean something only
// when check gathers (--primary/--backup), not when it reads fact documents.
func gatherOnlyFlags(c *cli.Context) []string {
	var set []string
	for _, f := range pairFlags() {
		if name := f.Names()[0]; c.IsSet(name) {
			set = append(set, "--"+name)
		}
	}
	return set
}
