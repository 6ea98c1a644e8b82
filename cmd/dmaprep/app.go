package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/dmaprep/dmaprep/report"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

// Exit codes, as docs/exit-codes.md fixes them.
const (
	exitReady    = 0
	exitNotReady = 1
	exitError    = 2
)

// errNotReady is returned by commands whose verdict is "not ready": it maps to exit 1 and
// prints nothing, since the report already said why.
var errNotReady = errors.New("not ready")

// env is the process's outside world, injected so that tests run commands in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// environ lists the environment (nil in tests), for the secrets to scrub.
	environ func() []string
	// secrets are scrubbed from every message and output; run sets it up.
	secrets *secretList
}

// run builds the app, runs it and maps its outcome to an exit code.
func run(args []string, e env) int {
	if e.secrets == nil {
		e.secrets = newSecretList(e.getenv, e.environ)
	}
	app := newApp(e)
	setHelpWidth(e.stdout, terminalWidth(e, e.stdout))
	defer clearHelpWidth(e.stdout)
	if n := len(args); n > 0 && args[n-1] == completionRequest {
		complete(app, args[1:n-1], e.stdout)
		return exitReady
	}
	args, err := reorderArgs(app, args)
	if err == nil {
		err = app.RunContext(context.Background(), args)
	}
	switch {
	case err == nil:
		return exitReady
	case errors.Is(err, errNotReady):
		return exitNotReady
	}
	fmt.Fprintf(e.stderr, "dmaprep: %s\n", e.secrets.scrub(strings.TrimSpace(err.Error())))
	return exitError
}

func newApp(e env) *cli.App {
	app := &cli.App{
		Name:  "dmaprep",
		Usage: "check that two DataMiner Agents are ready to become a Failover pair",
		Description: `dmaprep reads facts about a primary and a backup DataMiner Agent (from their
C:\Skyline DataMiner folders, their Web Services API, and network probes), validates them
against a JSON Schema, and judges every Failover preparation requirement with embedded Rego
policies. The report says, requirement by requirement, what holds.

Exit codes: 0 ready, 1 not ready (a requirement failed or could not be checked),
2 could not judge (bad flags or input, policy error).

Examples:
   dmaprep check testdata/facts/valid/ready-vip.json
   dmaprep check --format json facts.json > report.json
   dmaprep gather pair --primary ./main --backup ./backup --virtual-ip 10.11.250.44 \
       --primary-ip 10.11.5.52 --backup-ip 10.11.4.52 -o facts.json
   dmaprep check --primary ./main --backup ./backup --hostname fo.example.local \
       --primary-ip 10.11.5.52 --backup-ip 10.11.4.52
   dmaprep validate facts.json
   dmaprep requirements
   dmaprep test --coverage`,
		Version:         versionString(),
		Reader:          e.stdin,
		Writer:          e.stdout,
		ErrWriter:       e.stderr,
		HideHelpCommand: true,
		// A repeatable flag takes one value per occurrence, as opa's -d does: a comma is
		// part of a path ("--output json=site a,b.json"). The flags whose values never
		// hold one (addresses, requirement names) split at commas themselves (listFlag).
		DisableSliceFlagSeparator: true,
		Metadata:                  map[string]any{secretsKey: e.secrets},
		// Errors are returned to run, which alone picks the exit code.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return fmt.Errorf("%w (see --help)", err)
		},
		Commands: []*cli.Command{
			checkCommand(e),
			gatherCommand(e),
			validateCommand(),
			requirementsCommand(),
			explainCommand(e),
			testCommand(),
			bundleCommand(),
			policiesCommand(),
			schemaCommand(),
			versionCommand(),
			completionCommand(),
		},
	}
	setUsageErrors(app.Commands, app.OnUsageError)
	rejectStrayInput(app)
	return app
}

// setUsageErrors makes a usage error one line on stderr, not the help text on stdout,
// which a pipeline would take for a report.
func setUsageErrors(cmds []*cli.Command, handler cli.OnUsageErrorFunc) {
	for _, c := range cmds {
		c.OnUsageError = handler
		setUsageErrors(c.Subcommands, handler)
	}
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// isTerminal reports whether w is a character device (a terminal), without a dependency.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// terminalWidth is the width of the terminal w writes to; COLUMNS overrides it, and it is
// report.DefaultWidth when w is not a terminal (a file, a pipe, a CI log).
func terminalWidth(e env, w io.Writer) int {
	if n, err := strconv.Atoi(e.getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if f, ok := w.(*os.File); ok && isTerminal(w) {
		if width, _, err := term.GetSize(int(f.Fd())); err == nil && width > 0 {
			return width
		}
	}
	return report.DefaultWidth
}

// useColor: only on a terminal, and never with NO_COLOR (https://no-color.org) or TERM=dumb.
func useColor(e env, w io.Writer) bool {
	return isTerminal(w) && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb"
}
