package main

import (
	"os"
	"path/filepath"
	"testing"
)

// agentCopy copies the fixture folder name into the test's temporary directory and
// writes files (folder-relative, slash-separated) over it: the variations real agents
// write, judged end to end.
func agentCopy(t *testing.T, name string, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(agentsDir, name))); err != nil {
		t.Fatal(err)
	}
	for rel, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCheckFolderAddressSpellings: DMS.xml may write an agent's IPv6 address in any of
// its spellings (brackets, upper case, not compressed); the verdicts that compare it with
// the operator's --primary-ip and --backup-ip are those of the canonical spelling.
func TestCheckFolderAddressSpellings(t *testing.T) {
	t.Parallel()
	const primaryIP, backupIP = "fd00::a:52", "fd00::b:52"
	primaryDMS := func(self, redirect string) string {
		return `<?xml version="1.0" encoding="utf-8"?>` + "\r\n" +
			`<DMS errorTime="30000" xmlns="http://www.skyline.be/config/dms">` + "\r\n" +
			`  <Cluster name="pluto"/>` + "\r\n" +
			`  <DMA ip="` + self + `" id="212" timestamp=""/>` + "\r\n" +
			`  <DMA ip="10.11.6.10" id="35" timestamp=""/>` + "\r\n" +
			`  <Redirects><Redirect to="` + redirect + `" via="https://[fd00::b:52]/APIGateway" user="u" pwd="p"/></Redirects>` + "\r\n" +
			`</DMS>` + "\r\n"
	}
	backupDMS := `<DMS xmlns="http://www.skyline.be/config/dms"><DMA ip="[FD00::B:52]" id="212"/>` +
		`<Redirects><Redirect to="FD00:0:0:0:0:0:A:52" via="https://[fd00::a:52]/APIGateway"/></Redirects></DMS>`
	tests := []struct {
		name, self, redirect string
	}{
		{"canonical", "fd00::a:52", "fd00::b:52"},
		{"upper case", "FD00::A:52", "FD00::B:52"},
		{"not compressed", "fd00:0000:0000:0000:0000:0000:000a:0052", "fd00:0:0:0:0:0:b:52"},
		{"in brackets", "[fd00::a:52]", "[fd00::b:52]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			primary := agentCopy(t, "primary", map[string]string{"DMS.xml": primaryDMS(tt.self, tt.redirect)})
			backup := agentCopy(t, "backup", map[string]string{"DMS.xml": backupDMS})
			r := dmaprep(t, "", nil, "check", "--format", "json", "--skip-network", "--join-cluster",
				"--primary", primary, "--backup", backup, "--hostname", cliSharedName,
				"--primary-ip", primaryIP, "--backup-ip", backupIP,
				"--only", "FO103", "--only", "FO108", "--only", "FO506", "--only", "FO804")
			if r.code != exitReady {
				t.Errorf("exit %d, want %d (ready); stderr %q\n%s", r.code, exitReady, r.stderr, r.stdout)
			}
			rep, err := reportOfOne(r.stdout)
			if err != nil {
				t.Fatalf("report: %v\n%s", err, r.stdout)
			}
			for id, status := range statuses(rep) {
				if status != "pass" {
					t.Errorf("%s is %s, want pass", id, status)
				}
			}
		})
	}
}
