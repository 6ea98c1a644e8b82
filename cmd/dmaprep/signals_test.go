//go:build unix

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for dmaprep itself (signal handling included),
// when a test runs it with DMAPREP_RUN_MAIN=1.
func TestMain(m *testing.M) {
	if os.Getenv("DMAPREP_RUN_MAIN") == "1" {
		os.Args = append([]string{"dmaprep"}, os.Args[1:]...)
		main()
		return
	}
	os.Exit(m.Run())
}

// runawayPolicy never finishes within the tests' limits, so a signal finds the run
// evaluating, with its output files open as temporaries.
const runawayPolicy = `# METADATA
# title: Acme rule
# custom:
#   id: ACME1
#   name: acme-one
#   severity: error
package dmaprep.requirements.acme_one

import data.dmaprep.lib

slow contains x if some x in numbers.range(1, 1000000000)

result := lib.result(rego.metadata.chain(), {"fail": {m | count(slow) > 0; m := "x"}})
`

// TestSignalsRemoveTemporaries: SIGINT and SIGTERM while outputs are open remove their
// temporary files, write no report, and exit 130 and 143.
func TestSignalsRemoveTemporaries(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, exitInterrupted}, {syscall.SIGTERM, exitTerminated}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			pol := filepath.Join(dir, "pol")
			write(t, filepath.Join(pol, "r.rego"), runawayPolicy)
			out := filepath.Join(dir, "out")
			os.Mkdir(out, 0o755)
			cmd := exec.Command(os.Args[0], "check", "--eval-timeout", "60s", "--policy", pol,
				"-o", "json="+filepath.Join(out, "r.json"), "-o", "text="+filepath.Join(out, "r.txt"), readyVIP)
			cmd.Env = append(os.Environ(), "DMAPREP_RUN_MAIN=1")
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			// Wait until both temporaries exist: the run is then evaluating.
			deadline := time.Now().Add(30 * time.Second)
			for {
				entries, _ := os.ReadDir(out)
				if len(entries) == 2 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("no temporaries appeared; stderr: %s", stderr.String())
				}
				time.Sleep(20 * time.Millisecond)
			}
			cmd.Process.Signal(tc.sig)
			err := cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != tc.code {
				t.Errorf("exit %v, want %d; stderr: %s", err, tc.code, stderr.String())
			}
			if entries, _ := os.ReadDir(out); len(entries) != 0 {
				t.Errorf("left behind: %v", entries)
			}
			if !strings.Contains(stderr.String(), "dmaprep: stopped by") {
				t.Errorf("stderr %q", stderr.String())
			}
		})
	}
}

// TestOutputModes: a new report follows the umask; an existing one keeps its mode.
func TestOutputModes(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	fresh := filepath.Join(dir, "new.json")
	kept := filepath.Join(dir, "kept.txt")
	os.WriteFile(kept, []byte("old"), 0o600)
	os.Chmod(kept, 0o644)
	r := dmaprep(t, "", nil, "check", "--now", fixedNow, "-o", "json="+fresh, "-o", "text="+kept, readyVIP)
	wantCode(t, r, exitReady)
	if info, err := os.Stat(fresh); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("new report: %v %v, want 0600 under umask 077", info.Mode().Perm(), err)
	}
	if info, err := os.Stat(kept); err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("replaced report: %v %v, want its old 0644", info.Mode().Perm(), err)
	}
}

// TestDeviceOutput: an output that is a character device is written to, never replaced.
// The device is the null device's numbers made in the test's own directory.
func TestDeviceOutput(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("making a device node needs root (CI runs this as root)")
	}
	dir := t.TempDir()
	dev := filepath.Join(dir, "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skipf("mknod: %v (a container without the capability)", err)
	}
	r := dmaprep(t, "", nil, "check", "--now", fixedNow, "-o", "json="+dev, "-o", "text="+dev, readyVIP)
	wantCode(t, r, exitReady)
	info, err := os.Lstat(dev)
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("the device was replaced: %v %v", info.Mode(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	// A FIFO with a reader is written in place too.
	fifo := filepath.Join(dir, "fifo")
	syscall.Mkfifo(fifo, 0o600)
	reader, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	r = dmaprep(t, "", nil, "check", "--now", fixedNow, "-o", "markdown="+fifo, readyVIP)
	wantCode(t, r, exitReady)
	buf := make([]byte, 1<<16)
	n, _ := reader.Read(buf)
	if !strings.Contains(string(buf[:n]), "FO101") {
		t.Errorf("the FIFO got %q", buf[:n])
	}
}

// TestHostileText: control characters from the facts reach no text report raw, and a
// known secret reaches no message.
func TestHostileText(t *testing.T) {
	doc := readFile(t, "../../testdata/facts/valid/fo303-ptr-gives-agent-name.json")
	// FO303 quotes the name a reverse lookup gave: give it an escape sequence that would
	// erase the line above on a terminal.
	evil := strings.ReplaceAll(doc, `"dma-backup.example.local."`, `"dma-backup\u001b[1A\u001b[2K.example.local."`)
	if evil == doc {
		t.Fatal("the fixture changed: no reverse lookup answer to replace")
	}
	f := filepath.Join(t.TempDir(), "evil.json")
	os.WriteFile(f, []byte(evil), 0o644)
	for _, format := range []string{"text", "markdown", "github"} {
		r := dmaprep(t, "", nil, "check", "--now", fixedNow, "--format", format, f)
		// Markdown escapes the backslash and bracket in turn.
		if !strings.Contains(r.stdout, "dma-backup\\") || !strings.Contains(r.stdout, "x1b") || strings.ContainsRune(r.stdout, 0x1b) {
			t.Errorf("%s report (exit %d, %s): want the sequence escaped, not raw:\n%s", format, r.code, r.stderr, cutForLog(r.stdout))
		}
	}
	const secret = "PLANTED-SECRET-7a1c"
	r := dmaprep(t, "", map[string]string{"DMAPREP_PASSWORD": secret}, "check", filepath.Join(t.TempDir(), secret+".json"))
	if r.code != exitError || strings.Contains(r.stderr, secret) || !strings.Contains(r.stderr, "[redacted]") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}
