package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// textReport is a report with three problems, passes and skips, and waivers.
func textReport() Report {
	long := "Bring the backup to the primary's exact version, CU included: the primary's version is in Cube (About > Versions) or on the last line of VersionHistory.txt, then gather the facts again."
	results := []Result{
		{ID: "FO101", Name: "a", Title: "A", Status: StatusPass},
		{ID: "FO102", Name: "backup-same-version", Title: "Backup runs the primary's version", Status: StatusFail, Messages: []string{"backup runs 10.4.0.0-14772 (MR 10.4.0, CU unknown), primary runs 10.4.0.0-14511 (MR 10.4.0 CU4)"}, Remediation: long, Docs: []string{"https://docs.example/x"}},
		{ID: "FO103", Name: "c", Title: "C", Status: StatusSkip, Messages: []string{"n/a"}},
		{ID: "FO104", Name: "d", Title: "D", Status: StatusUnknown, Messages: []string{"backup: element count was not collected"}},
		{ID: "FO105", Name: "e", Title: "E", Status: StatusWaived, Messages: []string{"m"}, Waiver: &Waiver{Requirement: "FO105", Justification: "accepted", Expires: "2026-12-05", Status: StatusFail}},
	}
	return Report{
		Source: "facts.json", EvaluatedAt: "2026-11-27T00:00:00Z", Results: results,
		Summary: map[string]int{StatusPass: 1, StatusFail: 1, StatusSkip: 1, StatusUnknown: 1, StatusWaived: 1},
		Pair: &Pair{
			Primary: AgentSummary{Hostname: "dma-main", Address: "10.11.5.52", Version: "10.4.0.0-14511-CU4"},
			Backup:  AgentSummary{Hostname: "dma-backup", Address: "10.11.4.52", Version: "10.4.0.0-14772"},
			Mode:    "virtual_ip", VirtualIPs: []string{"10.11.250.44"},
		},
		Waivers: []WaiverUse{
			{Waiver: Waiver{Requirement: "FO105", Justification: "accepted", Expires: "2026-12-05"}, Use: "applied"},
			{Waiver: Waiver{Requirement: "FO999", Agent: "backup", Justification: "old", Expires: "2026-01-01"}, Use: "expired"},
			{Waiver: Waiver{Requirement: "FO106", Justification: "typo?", Expires: "2026-12-31"}, Use: "unused"},
		},
	}
}

func renderText(t *testing.T, opts Options, reps ...Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := Text(opts)(&b, Set{Reports: reps}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestTextFitsTheWidth: at widths 60, 80 and 100 (and 0, the default), no line of the text
// report is wider than the width, except a line holding a single word that is itself longer
// than the width; every doc link and long word is printed whole.
func TestTextFitsTheWidth(t *testing.T) {
	t.Parallel()
	rep := textReport()
	urls := []string{
		"https://docs.example/" + strings.Repeat("a", 30),  // fits beside "docs: " at every width
		"https://docs.example/" + strings.Repeat("b", 36),  // fits on its own line, with less indent at 60
		"https://docs.example/" + strings.Repeat("c", 60),  // longer than 60, not than 100
		"https://docs.example/" + strings.Repeat("d", 100), // longer than every width
	}
	path := `C:\Skyline DataMiner\` + strings.Repeat("Deep", 14) + `\VersionHistory.txt`
	rep.Results[1].Docs = urls
	rep.Results[1].Messages = append(rep.Results[1].Messages, "the file "+path+" was not read")
	rep.Source = "testdata/" + strings.Repeat("long-directory-name/", 4) + "facts.json"
	for _, width := range []int{0, 60, 80, 100} {
		out := renderText(t, Options{Width: width}, rep)
		limit := width
		if limit == 0 {
			limit = DefaultWidth
		}
		lines := strings.Split(out, "\n")
		for _, l := range lines {
			if fields := strings.Fields(l); len(l) > limit && (len(fields) != 1 || len(fields[0]) <= limit) {
				t.Errorf("width %d: line of %d columns: %q", limit, len(l), l)
			}
		}
		for _, word := range append(urls, strings.Fields(path)[1]) {
			if !slices.ContainsFunc(lines, func(l string) bool { return slices.Contains(strings.Fields(l), word) }) {
				t.Errorf("width %d: %s is not printed whole:\n%s", limit, word, out)
			}
		}
	}
}

func TestTextProblemsFirstAndNextStep(t *testing.T) {
	t.Parallel()
	out := renderText(t, Options{}, textReport())
	order := []string{"pair: primary dma-main 10.11.5.52 running 10.4.0.0-14511-CU4; backup dma-backup", "FAIL     FO102", "UNKNOWN  FO104", "WAIVED   FO105", "Passed (1): FO101", "Skipped (does not apply) (1): FO103", "Waivers (3)", "Summary:", "Next: fix FO102, FO104"}
	at := 0
	for _, want := range order {
		i := strings.Index(out[at:], want)
		if i < 0 {
			t.Fatalf("%q missing or out of order in:\n%s", want, out)
		}
		at += i
	}
	for _, want := range []string{"applied  FO105", "expired  FO999 (backup)", "unused   FO106"} {
		if !strings.Contains(out, want) {
			t.Errorf("waiver line %q missing:\n%s", want, out)
		}
	}
}

func TestTextQuiet(t *testing.T) {
	t.Parallel()
	out := renderText(t, Options{Quiet: true}, textReport())
	if out != "facts.json: 1 pass, 1 fail, 0 warn, 0 info, 1 skip, 1 unknown, 1 waived: not ready\n" {
		t.Errorf("quiet: %q", out)
	}
}

// Expired and unused waivers show in every format a person reads, not only in JSON.
func TestWaiversInEveryReadableFormat(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"text", "markdown", "html"} {
		f, err := Get(name, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := f(&b, Set{Reports: []Report{textReport()}}); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"FO999 (backup)", "expired", "unused", "typo?", "Next: fix FO102, FO104", "dma-backup"} {
			if !strings.Contains(b.String(), want) {
				t.Errorf("%s report lacks %q", name, want)
			}
		}
	}
}
