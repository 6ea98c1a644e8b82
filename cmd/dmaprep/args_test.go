package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dmaprep/dmaprep/report"
	"github.com/google/go-cmp/cmp"
)

const readyDoc = "../../testdata/facts/valid/ready-vip.json"

// TestFlagsAnywhere: flags after a file argument are flags, for every command, as conftest,
// opa and kubectl read them; "--" ends the flags.
func TestFlagsAnywhere(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// dmaprep test's flags are the subject, not the embedded policies, whose compile with
	// their tests costs most of a second: a one-test module runs alone (--no-builtin).
	write(t, filepath.Join(dir, "pol", "acme_test.rego"), "package acme_test\n\ntest_ok if 1 == 1\n")
	cases := []struct {
		name string
		args []string
		code int
		want string // in stdout
	}{
		{"check", []string{"check", readyDoc, "--format", "json", "--now", fixedNow}, exitReady, `"schema_version"`},
		{"check flag=value", []string{"check", readyDoc, "--format=json"}, exitReady, `"schema_version"`},
		{"check between files", []string{"check", readyDoc, "-f", "json", readyDoc}, exitReady, `"reports"`},
		{"validate", []string{"validate", readyDoc, "--help"}, exitReady, "dmaprep validate"},
		{"requirements", []string{"requirements", "FO102", "--format", "json"}, exitReady, `"backup-same-version"`},
		{"test", []string{"test", "--no-builtin", "--policy", filepath.Join(dir, "pol"), "--run", "acme_test", "-v"}, exitReady, "data.acme_test.test_ok: PASS"},
		{"gather agent", []string{"gather", "agent", "--dir", "../../testdata/agents/backup", "--host=false"}, exitReady, `"dataminer_id"`},
		{"bundle", []string{"bundle", "-o", filepath.Join(dir, "b.tar.gz"), "--data", "../../examples/custom-policy/params.yaml"}, exitReady, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := dmaprep(t, "", nil, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stdout, tc.want) {
				t.Fatalf("exit %d (want %d), stdout lacks %q:\n%s\nstderr: %s", r.code, tc.code, tc.want, r.stdout, r.stderr)
			}
		})
	}
}

func TestDoubleDashEndsFlags(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	raw, err := os.ReadFile(filepath.Join(mustAbs(t, "../../testdata/facts/valid"), "ready-vip.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("-x", raw, 0o644); err != nil {
		t.Fatal(err)
	}
	r := dmaprep(t, "", nil, "check", "--format", "json", "--", "-x")
	rep, err := reportOfOne(r.stdout)
	if err != nil || rep.Source != "-x" {
		t.Fatalf("exit %d, source %q (%v); stderr: %s", r.code, rep.Source, err, r.stderr)
	}
	// A value flag at the very end has no value: an error, not a file named like a flag.
	r = dmaprep(t, "", nil, "check", "-x", "--format")
	if r.code != exitError || !strings.Contains(r.stderr, "flag needs an argument: --format") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
}

var pkgDir, _ = os.Getwd()

func mustAbs(t *testing.T, rel string) string {
	t.Helper()
	return filepath.Join(pkgDir, rel)
}

// TestNothingSilentlyIgnored: an argument or flag a command does not use is an error that
// names it (exit 2), and a mistyped command or requirement gets a suggestion.
func TestNothingSilentlyIgnored(t *testing.T) {
	t.Parallel()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"check", "--virtual-ip", "127.0.0.9", readyDoc}, "--virtual-ip: only for gathering"},
		{[]string{"check", readyDoc, "--hostname", "fo.example", "--timeout", "3s"}, "--hostname, --timeout: only for gathering"},
		{[]string{"test", "./our-rules"}, `test takes no arguments; got "./our-rules"; a policy directory is given with --policy DIR`},
		{[]string{"schema", "extra"}, `schema takes no arguments; got "extra"`},
		{[]string{"version", "x"}, `version takes no arguments`},
		{[]string{"bundle", "-o", "x.tar.gz", "./dir"}, `bundle takes no arguments`},
		{[]string{"gather", "agent", "--dir", "x", "y"}, `gather agent takes no arguments`},
		{[]string{"chek", readyDoc}, `unknown command "chek"; did you mean "check"?`},
		{[]string{"gather", "pear"}, `unknown gather subcommand "pear"; did you mean "pair"?`},
		{[]string{"requirements", "FO1022"}, `no requirement has the ID or name "FO1022"; did you mean FO102?`},
		{[]string{"check", "--only", "backup-same-versoin", readyDoc}, `--only: no requirement has the ID or name "backup-same-versoin"; did you mean backup-same-version?`},
		{[]string{"check", "--disable", "all", readyDoc}, `--disable: no requirement has the ID or name "all"`},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			t.Parallel()
			r := dmaprep(t, "", nil, tc.args...)
			if r.code != exitError || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit 2 and %q", r.code, r.stdout, r.stderr, tc.want)
			}
		})
	}
}

// TestRequirementNamesAnyCase: --only, --disable, requirements and waivers take IDs and
// names in any case; --only all is every requirement.
func TestRequirementNamesAnyCase(t *testing.T) {
	t.Parallel()
	r := dmaprep(t, "", nil, "check", "--format", "json", "--only", "fo102", "--only", "Backup-Same-DataMiner-ID", readyDoc)
	rep, err := reportOfOne(r.stdout)
	if err != nil || len(rep.Results) != 2 || rep.Results[0].ID != "FO101" || rep.Results[1].ID != "FO102" {
		t.Fatalf("exit %d, %+v %v: %s", r.code, rep, err, r.stderr)
	}
	all := dmaprep(t, "", nil, "check", "--format", "json", "--only", "ALL", readyDoc)
	plain := dmaprep(t, "", nil, "check", "--format", "json", readyDoc)
	if all.code != exitReady || strings.Count(all.stdout, `"id"`) != strings.Count(plain.stdout, `"id"`) {
		t.Fatalf("--only all: exit %d: %s", all.code, all.stderr)
	}
	d := dmaprep(t, "", nil, "check", "--format", "json", "--disable", "fo102", readyDoc)
	if strings.Contains(d.stdout, `"FO102"`) || d.code != exitReady {
		t.Fatalf("--disable fo102: exit %d: %s", d.code, d.stderr)
	}
	req := dmaprep(t, "", nil, "requirements", "backup-same-VERSION", "fo101")
	if req.code != exitReady || !strings.Contains(req.stdout, "FO101") || !strings.Contains(req.stdout, "FO102") || strings.Contains(req.stdout, "FO103") {
		t.Fatalf("requirements: exit %d: %s%s", req.code, req.stdout, req.stderr)
	}
}

// TestWaiversMatchTheFindingsAgents: an agent-scoped waiver matches the agents each finding
// concerns, never the message text; every entry of examples/waivers.yaml applies to one of
// the sample documents.
func TestWaiversMatchTheFindingsAgents(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	forPrimary := filepath.Join(dir, "primary.yaml")
	os.WriteFile(forPrimary, []byte("- {requirement: fo102, agent: primary, justification: x, expires: \"2026-12-31\"}\n"), 0o644)
	forBackup := filepath.Join(dir, "backup.yaml")
	os.WriteFile(forBackup, []byte("- {requirement: fo102, agent: backup, justification: x, expires: \"2026-12-31\"}\n"), 0o644)
	doc := "../../testdata/facts/valid/fo102-version-differs.json"
	status := func(waivers string) (string, []report.Finding) {
		rep, r := checkJSON(t, "--waivers", waivers, doc)
		for _, res := range rep.Results {
			if res.ID == "FO102" {
				return res.Status, res.Findings
			}
		}
		t.Fatalf("no FO102: %s", r.stderr)
		return "", nil
	}
	// FO102's message names both agents; its finding concerns the backup.
	if got, findings := status(forPrimary); got != "fail" || len(findings) != 1 || !cmp.Equal(findings[0].Agents, []string{"backup"}) {
		t.Errorf("a waiver for the primary on a backup finding: %s %+v, want fail", got, findings)
	}
	if got, _ := status(forBackup); got != "waived" {
		t.Errorf("a waiver for the backup: %s, want waived", got)
	}

	used := map[string]bool{}
	files, _ := filepath.Glob("../../testdata/facts/valid/*.json")
	for _, f := range files {
		rep, _ := checkJSON(t, "--waivers", "../../examples/waivers.yaml", f)
		for _, w := range rep.Waivers {
			if w.Use == "applied" {
				used[w.Requirement] = true
			}
			if w.Use == "expired" {
				t.Errorf("%s: waiver %s expired at %s", f, w.Requirement, fixedNow)
			}
		}
	}
	if !cmp.Equal(used, map[string]bool{"FO102": true, "virtual-ip-unused": true, "pcap-installed": true}) {
		t.Errorf("examples/waivers.yaml: applied somewhere: %v, want every entry", used)
	}
}
