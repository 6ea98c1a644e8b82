package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dmaprep/dmaprep/internal/testkit"
	"github.com/dmaprep/dmaprep/report"
)

// stalledAgent is a TCP server on loopback that accepts connections and never answers,
// as a hung agent's Web Services API would.
func stalledAgent(t *testing.T) string {
	t.Helper()
	return "https://" + testkit.StalledListener(t)
}

// fleetInventory writes an inventory of 20 pairs made of the folder copies in
// testdata/agents (every backup variant in turn), addressed on loopback, plus the pairs
// given in extra.
func fleetInventory(t *testing.T, extra string) string {
	t.Helper()
	agents, err := filepath.Abs("../../testdata/agents")
	if err != nil {
		t.Fatal(err)
	}
	backups := []string{"backup", "backup-other-id", "backup-other-version", "backup-in-cluster", "backup-with-elements", "backup-swarming", "backup-no-https"}
	var b strings.Builder
	b.WriteString("pairs:\n")
	for i := range 20 {
		fmt.Fprintf(&b, "  - name: pair-%02d\n    primary: %s\n    backup: %s\n    virtual_ips: [127.0.1.%d]\n    primary_ips: [127.0.0.1]\n    backup_ips: [127.0.0.2]\n",
			i+1, filepath.Join(agents, "primary"), filepath.Join(agents, backups[i%len(backups)]), i+1)
	}
	b.WriteString(extra)
	p := filepath.Join(t.TempDir(), "pairs.yaml")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCheckInventory(t *testing.T) {
	t.Parallel()
	stalled := stalledAgent(t)
	inv := fleetInventory(t, fmt.Sprintf("  - name: stalled\n    primary: %s\n    backup: %s\n    hostname: fo.test\n    dns_server: 127.0.0.1:1\n",
		inv0(t), stalled))
	creds := map[string]string{"DMAPREP_USER": "u", "DMAPREP_PASSWORD": "p"}
	r := dmaprep(t, "", creds, "check", "--inventory", inv, "--format", "jsonl", "--timeout", "2s", "--dns-server", "127.0.0.1:1", "--now", fixedNow)
	if r.code != exitNotReady {
		t.Fatalf("exit %d, want 1\nstderr: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 21 {
		t.Fatalf("%d reports, want 21 (one per pair)", len(lines))
	}
	var last report.Report
	for i, line := range lines {
		var rep report.Report
		if err := json.Unmarshal([]byte(line), &rep); err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("pair-%02d", i+1)
		if i == 20 {
			want = "stalled"
		}
		if rep.Source != want {
			t.Errorf("report %d is %q, want %q (inventory order)", i, rep.Source, want)
		}
		last = rep
	}
	// The stalled backup was given up at --timeout: its facts are missing, so the
	// requirements that need them are unknown, never passes.
	if last.Summary[report.StatusUnknown] == 0 {
		t.Errorf("the stalled pair has no unknown requirement: %v", last.Summary)
	}
	for _, want := range []string{"Fleet: 21 pairs", "PAIR", "pair-01", "NOT READY", "stalled"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("fleet summary on stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

func inv0(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs("../../testdata/agents/primary")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestGatherInventory(t *testing.T) {
	t.Parallel()
	inv := fleetInventory(t, "")
	out := t.TempDir()
	out = filepath.Join(out, "new", "facts") // made with its parents
	r := dmaprep(t, "", nil, "gather", "--inventory", inv, "--output-dir", out, "--skip-network")
	if r.code != exitReady {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	entries, err := os.ReadDir(out)
	if err != nil || len(entries) != 20 {
		t.Fatalf("%d files in %s (%v), want 20", len(entries), out, err)
	}
	// Each file is a valid fact document that check can judge.
	if r := dmaprep(t, "", nil, "check", "--format", "jsonl", out); r.code != exitNotReady || strings.Count(r.stdout, "\n") != 20 {
		t.Errorf("check of the gathered files: exit %d, %d reports\n%s", r.code, strings.Count(r.stdout, "\n"), r.stderr)
	}
	// A bad inventory: exit 2, naming the file and the field, and no file written.
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("pairs:\n  - {name: a, primary: p, backup: b, virtual_ips: [not-an-ip]}\n"), 0o644)
	empty := t.TempDir()
	r = dmaprep(t, "", nil, "gather", "--inventory", bad, "--output-dir", empty)
	if r.code != exitError || !strings.Contains(r.stderr, "bad.yaml") || !strings.Contains(r.stderr, "/pairs/0/virtual_ips/0") {
		t.Errorf("bad inventory: exit %d, stderr %s", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("a failed gather wrote %d files", len(entries))
	}
	// A flag that describes one pair is refused rather than ignored.
	r = dmaprep(t, "", nil, "check", "--inventory", inv, "--virtual-ip", "127.0.0.9")
	if r.code != exitError || !strings.Contains(r.stderr, "--virtual-ip: describes one pair") {
		t.Errorf("--virtual-ip with --inventory: exit %d, stderr %s", r.code, r.stderr)
	}
}

// An inventory source goes through the checks a flag's does: an http:// URL (any case) is
// refused without --allow-http, with the pair named and the flag hint the CLI adds; a bad
// --inverted-heartbeat is named as the flag before any pair is gathered.
func TestInventorySourcesAsFlags(t *testing.T) {
	t.Parallel()
	inv := filepath.Join(t.TempDir(), "pairs.yaml")
	content := fmt.Sprintf("pairs:\n  - {name: plain, primary: %s, backup: 'HTTP://127.0.0.1:1', virtual_ips: [127.0.1.1]}\n", inv0(t))
	if err := os.WriteFile(inv, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	out = filepath.Join(out, "new", "facts") // made with its parents
	r := dmaprep(t, "", nil, "gather", "--inventory", inv, "--output-dir", out, "--skip-network")
	want := "inventory pair plain: backup: wsapi: http://127.0.0.1:1: plain HTTP to the agent API is not allowed"
	if r.code != exitError || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "--allow-http reads it over http:// anyway") {
		t.Errorf("http:// backup in an inventory: exit %d, stderr %s", r.code, r.stderr)
	}
	r = dmaprep(t, "", nil, "gather", "--inventory", inv, "--output-dir", out, "--inverted-heartbeat", "dc01")
	if r.code != exitError || !strings.Contains(r.stderr, `--inverted-heartbeat "dc01" is not an IP address`) {
		t.Errorf("bad --inverted-heartbeat with an inventory: exit %d, stderr %s", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("a failed gather wrote %d files", len(entries))
	}
}
