package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

// reorderArgs moves every flag of the command line before the positional arguments, so
// `dmaprep check facts.json --format json` means what it says. urfave/cli stops reading
// flags at the first positional argument; conftest, opa and kubectl read them anywhere.
//
// The command is found by walking the command names (and subcommand names) from the
// start; its own flag definitions tell which flags take a value, so `--format json` moves
// as a pair and `--verbose file` does not swallow the file. `--` ends the flags: what
// follows stays positional (a file named "-x" still works), and a lone "-" is stdin, an
// argument. A flag the command does not define moves too, so urfave/cli names it in its
// error.
func reorderArgs(app *cli.App, args []string) ([]string, error) {
	if len(args) < 2 {
		return args, nil
	}
	out := []string{args[0]}
	rest := args[1:]
	// Global flags (--help, --version) come before the command name.
	for len(rest) > 0 && isFlag(rest[0]) {
		out = append(out, rest[0])
		rest = rest[1:]
	}
	if len(rest) == 0 {
		return out, nil
	}
	cmd := findCommand(app.Commands, rest[0])
	if cmd == nil {
		return append(out, rest...), nil
	}
	out = append(out, rest[0])
	rest = rest[1:]
	for len(cmd.Subcommands) > 0 {
		i := firstPositional(rest, cmd.Flags)
		if i < 0 {
			break
		}
		sub := findCommand(cmd.Subcommands, rest[i])
		if sub == nil {
			break
		}
		// Flags given before the subcommand name belong to the parent: keep them there.
		out = append(out, rest[:i]...)
		out = append(out, rest[i])
		rest = rest[i+1:]
		cmd = sub
	}
	flags, positional, err := splitFlags(rest, cmd.Flags)
	if err != nil {
		return nil, err
	}
	out = append(out, flags...)
	// With --help, urfave/cli would read an argument as a help topic: help wins.
	if len(positional) > 0 && !asksHelp(flags) {
		// "--" tells urfave/cli that everything after it is an argument, even "-x".
		out = append(out, "--")
		out = append(out, positional...)
	}
	return out, nil
}

// splitFlags separates flags (with the values of those that take one) from positional
// arguments, keeping the order within each.
func splitFlags(args []string, defs []cli.Flag) (flags, positional []string, err error) {
	takesValue := valueFlags(defs)
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return flags, append(positional, args[i+1:]...), nil
		case !isFlag(a):
			positional = append(positional, a)
		default:
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if strings.Contains(name, "=") || !takesValue[name] {
				continue
			}
			if i+1 == len(args) {
				return nil, nil, fmt.Errorf("flag needs an argument: %s (see --help)", a)
			}
			i++
			flags = append(flags, args[i])
		}
	}
	return flags, positional, nil
}

// firstPositional is the index of the first argument that is not a flag or a flag's value,
// or -1.
func firstPositional(args []string, defs []cli.Flag) int {
	takesValue := valueFlags(defs)
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return -1
		}
		if !isFlag(a) {
			return i
		}
		name := strings.TrimLeft(a, "-")
		if !strings.Contains(name, "=") && takesValue[name] {
			i++
		}
	}
	return -1
}

// valueFlags maps every name and alias of the flags that take a value.
func valueFlags(defs []cli.Flag) map[string]bool {
	m := map[string]bool{}
	for _, f := range defs {
		v, ok := f.(cli.DocGenerationFlag)
		if !ok || !v.TakesValue() {
			continue
		}
		for _, n := range f.Names() {
			m[n] = true
		}
	}
	return m
}

func asksHelp(flags []string) bool {
	for _, f := range flags {
		if f == "-h" || f == "--help" || f == "-help" {
			return true
		}
	}
	return false
}

// isFlag: "-" alone is stdin and "--" ends the flags; neither is a flag.
func isFlag(a string) bool {
	return len(a) > 1 && a[0] == '-' && a != "--"
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}
