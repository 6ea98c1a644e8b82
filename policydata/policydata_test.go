package policydata

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func write(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func known(s string) bool { return s == "FO102" || s == "backup-same-version" }

func TestLoadWaiversYAMLAndJSON(t *testing.T) {
	t.Parallel()
	want := []Waiver{{Requirement: "FO102", Agent: "backup", Justification: "window", Owner: "ops", Expires: "2026-12-05"}}
	yamlFile := write(t, "w.yaml", "waivers:\n  - requirement: FO102\n    agent: backup\n    justification: window\n    owner: ops\n    expires: 2026-12-05\n")
	jsonFile := write(t, "w.json", `[{"requirement": "FO102", "agent": "backup", "justification": "window", "owner": "ops", "expires": "2026-12-05"}]`)
	for _, path := range []string{yamlFile, jsonFile} {
		got, err := LoadWaivers(path, known)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", path, diff)
		}
	}
}

func TestLoadWaiversListsEveryProblem(t *testing.T) {
	t.Parallel()
	path := write(t, "w.yaml", "- requirement: FO999\n  expires: soon\n- justification: x\n  expires: 2026-01-01\n  colour: red\n")
	_, err := LoadWaivers(path, known)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`waiver 1 (FO999): field "requirement": no requirement has the ID or name "FO999"`,
		`waiver 1 (FO999): field "justification" is required`,
		`waiver 1 (FO999): field "expires": "soon" is not a date`,
		`waiver 2: unknown field "colour"`,
		`waiver 2: field "requirement" is required`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not contain %q:\n%v", want, err)
		}
	}
}

func TestLoadParams(t *testing.T) {
	t.Parallel()
	got, err := LoadParams(write(t, "p.yaml", "fail_on: warn\ntrusted_issuers: [CN=A]\nmax_backup_elements: 3\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got["fail_on"] != "warn" || got["max_backup_elements"] == nil {
		t.Errorf("params %v", got)
	}
	for content, want := range map[string]string{
		"fail_on: sometimes\n":         `"sometimes" is not fail or warn`,
		"require_hostname_mode: yes\n": `parameter "require_hostname_mode" must be a bool`, // YAML 1.2: yes is a string
		"- a\n":                        "want an object of parameters",
		"":                             "empty file",
	} {
		_, err := LoadParams(write(t, "p.yaml", content))
		if err == nil {
			t.Errorf("%q: no error", content)
			continue
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", content, err, want)
		}
	}
}
