package evaluator

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dmaprep/dmaprep/report"
)

const runaway = `violation contains "slow" if count([x | some x in numbers.range(1, 100000000)]) > 0`

// The whole evaluation, naming the slow requirement included, ends within the time
// limit plus the naming margin (NamingMargin, lowered here: the runaway requirements
// burn CPU for all of it).
func TestTimeLimitCoversNaming(t *testing.T) {
	ctx := context.Background()
	files := map[string]string{"lib.rego": lib, "report.rego": reportRego, "a.rego": requirement("a", "T001", flagViolation)}
	for _, p := range []string{"b", "c", "d"} {
		files[p+".rego"] = requirement(p, "T00"+string(rune('1'+len(files)-2)), runaway)
	}
	ev, err := New(ctx, Config{Sources: sources(files)})
	if err != nil {
		t.Fatal(err)
	}
	ev.namingMargin = 250 * time.Millisecond
	const limit = 100 * time.Millisecond
	tctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	start := time.Now()
	_, err = ev.Evaluate(tctx, map[string]any{}, time.Now())
	elapsed := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "stopped at the evaluation time limit; requirement T002 (test/b.rego), T003 (test/c.rego), T004 (test/d.rego) did not finish") {
		t.Errorf("error %v", err)
	}
	if elapsed > limit+ev.namingMargin+500*time.Millisecond {
		t.Errorf("took %v, want at most %v plus %v", elapsed, limit, ev.namingMargin)
	}
}

// --only and --disable (params only/disable) leave requirements out of compilation: a
// runaway requirement left out costs nothing and is never blamed.
func TestSelectionLeavesOutRequirements(t *testing.T) {
	ctx := context.Background()
	files := map[string]string{"lib.rego": lib, "report.rego": reportRego,
		"a.rego": requirement("a", "T001", flagViolation), "b.rego": requirement("b", "T002", runaway)}
	for _, params := range []map[string]any{{"only": []any{"T001"}}, {"disable": []any{"test-t002"}}} {
		ev, err := New(ctx, Config{Sources: sources(files), Data: map[string]any{"dmaprep": map[string]any{"params": params}}})
		if err != nil {
			t.Fatal(err)
		}
		if len(ev.Requirements()) != 2 {
			t.Errorf("Requirements() lists %d, want every loaded requirement", len(ev.Requirements()))
		}
		tctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		rep, err := ev.Evaluate(tctx, map[string]any{}, time.Now())
		cancel()
		if err != nil || len(rep.Results) != 1 || rep.Results[0].ID != "T001" {
			t.Errorf("%v: report %+v, %v", params, rep, err)
		}
	}
}

func TestMemoryLimitStopsEvaluation(t *testing.T) {
	old := MemoryLimit
	// Any headroom shows the watch at work; a small one keeps the runaway short.
	MemoryLimit = heapBytes() + 16<<20
	defer func() { MemoryLimit = old }()
	ctx := context.Background()
	ev, err := New(ctx, Config{Sources: sources(map[string]string{"lib.rego": lib, "report.rego": reportRego,
		"a.rego": requirement("a", "T001", `violation contains "big" if count({sprintf("%d-padding-padding", [x]) | some x in numbers.range(1, 50000000)}) > 0`),
		"b.rego": requirement("b", "T002", flagViolation)})})
	if err != nil {
		t.Fatal(err)
	}
	tctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	start := time.Now()
	_, err = ev.Evaluate(tctx, map[string]any{}, time.Now())
	// Only the hungry requirement is blamed.
	if err == nil || !strings.Contains(err.Error(), "stopped at the evaluation memory limit") || !strings.Contains(err.Error(), "requirement T001 (test/a.rego) did not finish") {
		t.Errorf("error %v after %v", err, time.Since(start))
	}
}

func TestPoliciesOutsideTheRequirementsPackage(t *testing.T) {
	_, err := New(context.Background(), Config{Sources: sources(map[string]string{"lib.rego": lib, "report.rego": reportRego,
		"a.rego":     requirement("a", "T001", flagViolation),
		"stray.rego": strings.Replace(requirement("x", "T009", flagViolation), "package dmaprep.requirements.x", "package acme.checks", 1)})})
	if err == nil || !strings.Contains(err.Error(), "test/stray.rego: package acme.checks has requirement METADATA (custom.id) but is not under dmaprep.requirements") {
		t.Errorf("error %v", err)
	}
}

// A result that is not an object, or undefined for a document, is unknown naming the file.
func TestMalformedResults(t *testing.T) {
	ctx := context.Background()
	for name, body := range map[string]string{
		"not an object":  "result := count([lib.result(rego.metadata.chain(), {})])",
		"undefined":      "result := lib.result(rego.metadata.chain(), {}) if input.never",
		"unknown status": `result := object.union(lib.result(rego.metadata.chain(), {}), {"status": "bogus"})`,
	} {
		t.Run(name, func(t *testing.T) {
			src := strings.Replace(requirement("b", "T002", ""), `result := lib.result(rego.metadata.chain(), {"violation": violation})`, body, 1)
			// Like the real report, this one keys results by id: what has none drops out.
			keyed := strings.Replace(reportRego, "r := data.dmaprep.requirements[name].result]", "r := data.dmaprep.requirements[name].result; r.id]", 1)
			ev, err := New(ctx, Config{Sources: sources(map[string]string{"lib.rego": lib, "report.rego": keyed,
				"a.rego": requirement("a", "T001", flagViolation), "b.rego": src})})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := ev.Evaluate(ctx, map[string]any{}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Results) != 2 || rep.Results[1].ID != "T002" || rep.Results[1].Status != report.StatusUnknown ||
				!strings.Contains(rep.Results[1].Messages[0], "test/b.rego") || rep.Ready {
				t.Errorf("report %+v", rep)
			}
		})
	}
}

func TestLongMessagesAreCut(t *testing.T) {
	long := strings.Repeat("é", 5000)
	got := cutMessage(long)
	if !strings.HasPrefix(got, strings.Repeat("é", MaxMessage)+"… (cut: the message has 5000 characters)") || len([]rune(got)) > MaxMessage+60 {
		t.Errorf("cut to %d characters: %q", len([]rune(got)), got[len(got)-60:])
	}
	if cutMessage("short") != "short" {
		t.Error("a short message changed")
	}
}

// A file that is not Rego (here: an environment dump with a secret) is quoted in a parse
// error no further than a short excerpt.
func TestParseErrorsQuoteShortExcerpts(t *testing.T) {
	dump := "HOME=/root\x00PATH=/usr/bin:" + strings.Repeat("/x", 200) + "\x00DMAPREP_PASSWORD=PLANTED-SECRET-VALUE\x00"
	_, err := New(context.Background(), Config{Sources: sources(map[string]string{"lib.rego": lib, "report.rego": reportRego,
		"a.rego": requirement("a", "T001", flagViolation), "env.rego": dump})})
	if err == nil || strings.Contains(err.Error(), "PLANTED-SECRET-VALUE") || strings.Contains(err.Error(), "\x00") || len(err.Error()) > 1000 {
		t.Errorf("error %q", err)
	}
	if !strings.Contains(err.Error(), "test/env.rego:1") {
		t.Errorf("error %q does not name the file", err)
	}
}
