//go:build unix

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// readmeNotRun lists the README's shell commands that TestReadmeExamples does not run, each
// with the reason and the test that covers it instead. A command of the README that is
// neither run nor listed here fails the test, and so does an entry that no longer matches
// a README command.
var readmeNotRun = map[string]string{
	"make test": "the suite that runs this very test",
	"opa run --server --addr 127.0.0.1:8181 --bundle dmaprep.tar.gz": "a server that runs until stopped; " +
		"TestBundleOnOPAServer starts a stock OPA server with the bundle on a free loopback port",
	`curl -s -X POST 127.0.0.1:8181/v1/data/dmaprep/report -d "{\"input\": $(cat facts.json)}"`: "needs the OPA server above; " +
		"TestBundleOnOPAServer posts every sample document the same way",
	`curl -s -X PUT 127.0.0.1:8181/v1/data/dmaprep/waivers -H 'Content-Type: application/json' -d '[{"requirement": "FO102", "agent": "backup", "justification": "upgrade on 2 December", "expires": "2026-12-05"}]'`: "needs the OPA server above; " +
		"TestBundleOnOPAServer/waiver_flow puts this waiver and posts facts",
	`curl -s -X PUT 127.0.0.1:8181/v1/data/dmaprep/params -d '{"fail_on": "warn"}'`: "needs the OPA server above; " +
		"TestBundleOnOPAServer/waiver_flow exercises the data API the same way",
}

// readmeCommand is one command line of a README shell block, continuation lines joined
// and comments removed.
type readmeCommand struct {
	block, line int // the block's number (from 1) and the command's first line in README.md
	text        string
}

// readmeCommands extracts every command of the ```sh, ```bash and ```console blocks of a
// markdown text (in a console block, the lines that start with "$ ").
func readmeCommands(md string) []readmeCommand {
	var cmds []readmeCommand
	block, lang, pending, start := 0, "", "", 0
	for i, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "```") {
			if lang == "" {
				lang = "other"
				if l := strings.TrimPrefix(line, "```"); l == "sh" || l == "bash" || l == "console" {
					lang = l
					block++
				}
			} else {
				lang = ""
			}
			continue
		}
		if lang == "" || lang == "other" {
			continue
		}
		if lang == "console" && pending == "" {
			cmd, ok := strings.CutPrefix(line, "$ ")
			if !ok {
				continue
			}
			line = cmd
		}
		text := strings.TrimSpace(stripComment(line))
		if pending == "" {
			if text == "" {
				continue
			}
			start = i + 1
		}
		if cont, ok := strings.CutSuffix(text, `\`); ok {
			pending += strings.TrimSpace(cont) + " "
			continue
		}
		cmds = append(cmds, readmeCommand{block: block, line: start, text: pending + text})
		pending = ""
	}
	return cmds
}

// judgedByDmaprep tells whether a command line's exit code is dmaprep's: the last command
// of its pipeline is dmaprep (or bin/dmaprep), which exits 1 for a pair that is not ready.
// Any other command (go tool opa, jq, make demo) must exit 0: opa, for one, exits 1 on an
// unknown subcommand.
func judgedByDmaprep(line string) bool {
	last := 0
	eachUnquoted(line, func(i int, c rune) bool {
		if c == '|' {
			last = i + 1
		}
		return true
	})
	word, _, _ := strings.Cut(strings.TrimSpace(line[last:]), " ")
	return word == "dmaprep" || word == "bin/dmaprep"
}

// stripComment removes a shell comment: a # at the start of a word, outside quotes.
func stripComment(line string) string {
	end := len(line)
	eachUnquoted(line, func(i int, c rune) bool {
		if c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			end = i
			return false
		}
		return true
	})
	return line[:end]
}

// eachUnquoted calls f with the byte index of each character of a shell line that stands
// outside single and double quotes (a backslash inside double quotes escapes the next
// character), until f returns false: enough of the shell's quoting for the README.
func eachUnquoted(line string, f func(i int, c rune) bool) {
	var quote rune
	escaped := false
	for i, c := range line {
		switch {
		case escaped:
			escaped = false
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' {
				escaped = true
			}
		case c == '\'' || c == '"':
			quote = c
		case !f(i, c):
			return
		}
	}
}

// TestReadmeExamples runs every command of the README's shell blocks as written, through
// sh, with `dmaprep` and `bin/dmaprep` being this test binary standing in for dmaprep
// (TestMain). Each block runs in its own temporary directory holding what the examples
// name: facts.json (the ready VIP sample), a facts/ directory of samples, testdata/ and
// examples/ copies, and a pairs.yaml inventory of loopback pairs (the README's own names
// real hosts). `some-generator` prints the samples as newline-delimited JSON. `make demo`
// runs the Makefile's demo recipe; `go tool opa` runs in the repository, read-only, through
// a `go` stand-in that runs the opa `go tool -n opa` names (the binary go tool would run,
// without the go command's own second of CPU; any other go command goes to the real one).
// A command whose pipeline ends in dmaprep passes when it exits 0 (ready) or 1 (not
// ready); any other (make demo, go tool opa, a pipe into jq) must exit 0.
//
// The blocks all start at once, before t.Parallel: their commands are child processes that
// only read this package's files and write in their own directories (with absolute paths,
// so a serial test's t.Chdir does not reach them), and starting them while the package's
// serial tests run keeps the longest block (dmaprep test --coverage, seconds of CPU) from
// being left for the end. Each block's outcome is checked in its subtest once all finish.
func TestReadmeExamples(t *testing.T) {
	cmds := readmeCommands(readFile(t, "../../README.md"))
	if len(cmds) == 0 {
		t.Fatal("no shell command found in README.md")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	demo := makeRecipe(t, filepath.Join(repo, "Makefile"), "demo")
	listed := map[string]bool{}
	blocks := map[int][]readmeCommand{}
	for _, c := range cmds {
		if _, ok := readmeNotRun[c.text]; ok {
			listed[c.text] = true
			continue
		}
		if c.text != "make demo" && strings.HasPrefix(c.text, "make ") {
			t.Fatalf("README.md:%d: %q: a make target this test does not know; run it here or list it in readmeNotRun", c.line, c.text)
		}
		blocks[c.block] = append(blocks[c.block], c)
	}
	for text := range readmeNotRun {
		if !listed[text] {
			t.Errorf("readmeNotRun lists %q, which is no longer a README command", text)
		}
	}
	type outcome struct {
		code int
		out  string
		err  error // the command could not be run at all
	}
	outcomes := map[int][]outcome{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for block, cmds := range blocks {
		texts := make([]string, len(cmds))
		for i, c := range cmds {
			texts[i] = c.text
			if c.text == "make demo" {
				texts[i] = demo
			}
		}
		dir := readmeSandbox(t, self, repo, texts)
		wg.Go(func() {
			for _, text := range texts {
				wd := dir
				if strings.HasPrefix(text, "go tool opa ") {
					wd = repo // reads policies/ and testdata/, writes nothing
				}
				code, out, err := runShell(wd, filepath.Join(dir, ".bin"), text)
				mu.Lock()
				outcomes[block] = append(outcomes[block], outcome{code, out, err})
				mu.Unlock()
				if err != nil {
					return
				}
			}
		})
	}
	t.Parallel()
	wg.Wait()
	for block, cmds := range blocks {
		t.Run(fmt.Sprintf("block%02d", block), func(t *testing.T) {
			for i, o := range outcomes[block] {
				c, want := cmds[i], []int{exitReady}
				if judgedByDmaprep(c.text) {
					want = []int{exitReady, exitNotReady}
				}
				if o.err != nil {
					t.Fatalf("README.md:%d: sh -c %q: %v", c.line, c.text, o.err)
				}
				if !slices.Contains(want, o.code) {
					t.Errorf("README.md:%d: %s\nexit %d, want one of %v\n%s", c.line, c.text, o.code, want, o.out)
				}
			}
		})
	}
}

// makeRecipe returns the one-line recipe of a Makefile target, with $(BIN) expanded.
func makeRecipe(t *testing.T, makefile, target string) string {
	t.Helper()
	lines := strings.Split(readFile(t, makefile), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, target+":") && i+1 < len(lines) && strings.HasPrefix(lines[i+1], "\t") {
			bin := regexp.MustCompile(`(?m)^BIN\s*:=\s*(\S+)`).FindStringSubmatch(strings.Join(lines, "\n"))
			if bin == nil {
				t.Fatalf("%s: no BIN variable", makefile)
			}
			return strings.ReplaceAll(strings.TrimSpace(lines[i+1]), "$(BIN)", bin[1])
		}
	}
	t.Fatalf("%s: no one-line recipe for %s", makefile, target)
	return ""
}

// readmeSandbox makes the directory a README block runs in, and .bin in it with dmaprep
// (also as bin/dmaprep), some-generator and the go stand-in. Of testdata/agents,
// testdata/facts/valid and examples, it copies those the block's commands name (pairs.yaml
// names testdata/agents): some 300 files each time, file creation being most of the
// test's own CPU.
func readmeSandbox(t *testing.T, self, repo string, cmds []string) string {
	t.Helper()
	dir := t.TempDir()
	names := strings.Join(cmds, "\n")
	for _, sub := range []string{"testdata/agents", "testdata/facts/valid", "examples"} {
		if !strings.Contains(names, sub) && (sub != "testdata/agents" || !strings.Contains(names, "pairs.yaml")) {
			continue
		}
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(repo, sub))); err != nil {
			t.Fatal(err)
		}
	}
	samples := []string{"ready-vip", "ready-hostname", "fo102-version-differs"}
	var stream bytes.Buffer
	for i, s := range samples {
		doc := readFile(t, filepath.Join(repo, "testdata/facts/valid", s+".json"))
		if i == 0 {
			write(t, filepath.Join(dir, "facts.json"), doc)
		}
		write(t, filepath.Join(dir, "facts", s+".json"), doc)
		if err := json.Compact(&stream, []byte(doc)); err != nil {
			t.Fatal(err)
		}
		stream.WriteByte('\n')
	}
	write(t, filepath.Join(dir, "stream.ndjson"), stream.String())
	// Loopback pairs only: every probe stays on this machine, and DNS goes to a port of
	// 127.0.0.1 (as in the README's walk-through).
	write(t, filepath.Join(dir, "pairs.yaml"), `pairs:
  - name: site-a
    primary: testdata/agents/primary
    backup: testdata/agents/backup
    virtual_ips: [127.0.0.77]
    primary_ips: [127.0.0.1]
    backup_ips: [127.0.0.2]
    dns_server: 127.0.0.1:5353
  - name: site-b
    primary: testdata/agents/primary
    backup: testdata/agents/backup
    hostname: fo.site-b.example
    primary_ips: [127.0.0.1]
    backup_ips: [127.0.0.2]
    dns_server: 127.0.0.1:5353
`)
	stand := "#!/bin/sh\nDMAPREP_RUN_MAIN=1 exec '" + self + "' \"$@\"\n"
	for _, p := range []string{".bin/dmaprep", "bin/dmaprep"} {
		write(t, filepath.Join(dir, p), stand)
		if err := os.Chmod(filepath.Join(dir, p), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	scripts := map[string]string{".bin/some-generator": "#!/bin/sh\nexec cat '" + filepath.Join(dir, "stream.ndjson") + "'\n"}
	// `go tool opa ARGS` runs opa ARGS as go tool would, less the go command's start.
	if goBin, err := exec.LookPath("go"); err == nil {
		if opa, err := opaPath(); err == nil {
			scripts[".bin/go"] = "#!/bin/sh\nif [ \"$1\" = tool ] && [ \"$2\" = opa ]; then shift 2; exec '" + opa + "' \"$@\"; fi\nexec '" + goBin + "' \"$@\"\n"
		}
	}
	for p, script := range scripts {
		write(t, filepath.Join(dir, p), script)
		if err := os.Chmod(filepath.Join(dir, p), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runShell runs one command line with sh in dir, bin first on PATH, and returns its exit
// code and combined output, or an error when sh could not run it at all.
func runShell(dir, bin, line string) (int, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // a guard against a hang, not a measure
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", line)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "DMAPREP_RUN_MAIN=")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, string(out), nil
	case errors.As(err, &exit):
		return exit.ExitCode(), string(out), nil
	default:
		return 0, "", err
	}
}

// TestReadmeCommandsParse checks the extraction the README test relies on: continuation
// lines, comments (not a # inside quotes), console prompts and other languages' blocks.
func TestReadmeCommandsParse(t *testing.T) {
	t.Parallel()
	for line, want := range map[string]bool{
		"dmaprep check -q facts.json":                                            true,
		"bin/dmaprep check facts.json > r.json":                                  true,
		"some-generator | dmaprep check --format jsonl -":                        true,
		`dmaprep check --format json facts/ | jq -r '.reports[] | "\(.source)"'`: false,
		"go tool opa eval -d policies data.dmaprep.report":                       false,
		"make demo": false,
		`curl -s -d "{\"a\": \"x|y\"}" 127.0.0.1:8181 | dmaprep check -`: true,
		`dmaprep check - | jq "\"|\""`:                                   false,
	} {
		if got := judgedByDmaprep(line); got != want {
			t.Errorf("judgedByDmaprep(%q) = %v, want %v", line, got, want)
		}
	}
	if got := stripComment(`echo "a \" # b" # c`); got != `echo "a \" # b" ` {
		t.Errorf("an escaped quote ends the quoted text: stripComment gave %q", got)
	}
	md := "```sh\n# a comment\ndmaprep check \\\n    --now X f.json   # trailing\necho \"a # b\" 'c # d'\n```\n" +
		"```yaml\nnot: a command\n```\n```console\n$ dmaprep version\ndmaprep 1.0\n```\n"
	got := readmeCommands(md)
	want := []readmeCommand{
		{block: 1, line: 3, text: "dmaprep check --now X f.json"},
		{block: 1, line: 5, text: `echo "a # b" 'c # d'`},
		{block: 2, line: 11, text: "dmaprep version"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("command %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}
