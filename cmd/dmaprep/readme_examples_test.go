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

// stripComment removes a shell comment: a # at the start of a word, outside quotes.
func stripComment(line string) string {
	var quote rune
	prev := ' '
	for i, c := range line {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' {
				c = 0 // the next character is escaped; good enough for a quote
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '#' && (prev == ' ' || prev == '\t'):
			return line[:i]
		}
		prev = c
	}
	return line
}

// TestReadmeExamples runs every command of the README's shell blocks as written, through
// sh, with `dmaprep` and `bin/dmaprep` being this test binary standing in for dmaprep
// (TestMain). Each block runs in its own temporary directory holding what the examples
// name: facts.json (the ready VIP sample), a facts/ directory of samples, testdata/ and
// examples/ copies, and a pairs.yaml inventory of loopback pairs (the README's own names
// real hosts). `some-generator` prints the samples as newline-delimited JSON. `make demo`
// runs the Makefile's demo recipe; `go tool opa` runs in the repository, read-only. A
// command passes when it exits 0 (ready) or 1 (not ready); `make demo` must exit 0.
func TestReadmeExamples(t *testing.T) {
	t.Parallel()
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
		blocks[c.block] = append(blocks[c.block], c)
	}
	for text := range readmeNotRun {
		if !listed[text] {
			t.Errorf("readmeNotRun lists %q, which is no longer a README command", text)
		}
	}
	for block, cmds := range blocks {
		t.Run(fmt.Sprintf("block%02d", block), func(t *testing.T) {
			t.Parallel()
			dir := readmeSandbox(t, self, repo)
			for _, c := range cmds {
				text, want := c.text, []int{exitReady, exitNotReady}
				wd := dir
				switch {
				case text == "make demo":
					text, want = demo, []int{exitReady}
				case strings.HasPrefix(text, "go tool opa "):
					wd = repo // reads policies/ and testdata/, writes nothing
				case strings.HasPrefix(text, "make "):
					t.Fatalf("README.md:%d: %q: a make target this test does not know; run it here or list it in readmeNotRun", c.line, text)
				}
				code, out := runShell(t, wd, filepath.Join(dir, ".bin"), text)
				if !slices.Contains(want, code) {
					t.Errorf("README.md:%d: %s\nexit %d, want one of %v\n%s", c.line, c.text, code, want, out)
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
// (also as bin/dmaprep) and some-generator.
func readmeSandbox(t *testing.T, self, repo string) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"testdata/agents", "testdata/facts/valid", "examples"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(repo, sub))); err != nil {
			t.Fatal(err)
		}
	}
	samples := []string{"ready-vip", "ready-hostname", "fo102-version-differs"}
	var stream bytes.Buffer
	for i, s := range samples {
		doc := readFile(t, filepath.Join(dir, "testdata/facts/valid", s+".json"))
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
	write(t, filepath.Join(dir, ".bin/some-generator"), "#!/bin/sh\nexec cat '"+filepath.Join(dir, "stream.ndjson")+"'\n")
	if err := os.Chmod(filepath.Join(dir, ".bin/some-generator"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runShell runs one command line with sh in dir, bin first on PATH, and returns its exit
// code and combined output.
func runShell(t *testing.T, dir, bin, line string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // a guard against a hang, not a measure
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", line)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "DMAPREP_RUN_MAIN=")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, string(out)
	case errors.As(err, &exit):
		return exit.ExitCode(), string(out)
	default:
		t.Fatalf("sh -c %q: %v", line, err)
		return 0, ""
	}
}

// TestReadmeCommandsParse checks the extraction the README test relies on: continuation
// lines, comments (not a # inside quotes), console prompts and other languages' blocks.
func TestReadmeCommandsParse(t *testing.T) {
	t.Parallel()
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
