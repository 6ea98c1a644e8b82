package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestEscapeControl(t *testing.T) {
	set := Set{Reports: []Report{{Source: "f\x1b.json", Summary: map[string]int{"fail": 1}, Results: []Result{{
		ID: "FO101", Title: "T", Status: StatusFail, Severity: "error",
		Messages: []string{"name \x1b[2K\x1b[1Aevil\r, rtl \u202e, line\nnext\ttab, é"},
		Findings: []Finding{{Message: "name \x1b[2K\x1b[1Aevil\r, rtl \u202e, line\nnext\ttab, é", Agents: []string{"backup"}}},
	}}, Pair: &Pair{Primary: AgentSummary{Hostname: "p\x1b[2K"}, Backup: AgentSummary{Version: "10\x1b]0;x\x07"}, Mode: "virtual_ip"}}}}
	got := EscapeControl(set)
	want := `name \x1b[2K\x1b[1Aevil\x0d, rtl \u202e, line` + "\nnext\ttab, é"
	if got.Reports[0].Results[0].Messages[0] != want || got.Reports[0].Results[0].Findings[0].Message != want ||
		got.Reports[0].Source != `f\x1b.json` || got.Reports[0].Pair.Primary.Hostname != `p\x1b[2K` || got.Reports[0].Pair.Backup.Version != `10\x1b]0;x\x07` {
		t.Errorf("got %q", got.Reports[0].Results[0].Messages[0])
	}
	if !strings.Contains(set.Reports[0].Results[0].Messages[0], "\x1b") || !strings.Contains(set.Reports[0].Pair.Primary.Hostname, "\x1b") {
		t.Error("EscapeControl changed its argument")
	}
	for _, name := range []string{"text", "markdown", "github"} {
		f, err := Get(name, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := f(&buf, got); err != nil {
			t.Fatal(err)
		}
		if bytes.ContainsAny(buf.Bytes(), "\x1b\r\u202e") {
			t.Errorf("%s output holds a control character: %q", name, buf.String())
		}
	}
}
