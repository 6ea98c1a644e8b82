package evaluator

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// cacheFiles are small policies whose only requirement fails when input.flag is true, or
// when data.dmaprep.params.strict is true and input.flag is not.
func cacheFiles() map[string]string {
	return map[string]string{
		"lib.rego":    lib,
		"report.rego": reportRego,
		"a.rego":      requirement("a", "T001", flagViolation+"\n\nviolation contains \"strict\" if { data.dmaprep.params.strict == true; not input.flag }"),
		"b.rego":      requirement("b", "T002", `violation contains "never" if false`),
	}
}

func withSource(name string, files map[string]string) []Source {
	src := sources(files)
	src[0].Name = name
	return src
}

// Identical inputs compile once and give the same *Policies; a change of bytes, of the
// selection or of the source's name gives new ones, whose requirements name their files.
func TestCacheSharesCompiledPolicies(t *testing.T) {
	compile := func(cfg Config) *Policies {
		t.Helper()
		p, err := Compile(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A source name of its own, so that no other test shares these entries.
	name := "cache-" + t.Name()
	files := cacheFiles()
	first := compile(Config{Sources: withSource(name, files)})
	if again := compile(Config{Sources: withSource(name, cacheFiles())}); again != first {
		t.Error("the same files compiled twice give two *Policies")
	}
	changed := cacheFiles()
	changed["b.rego"] = strings.Replace(changed["b.rego"], "title: Test requirement T002", "title: Changed", 1)
	if p := compile(Config{Sources: withSource(name, changed)}); p == first || p.Requirements()[1].Title != "Changed" {
		t.Errorf("changed bytes give the cached *Policies or parsed modules: %+v", p.Requirements()[1])
	}
	only := Config{Sources: withSource(name, files), Data: map[string]any{"dmaprep": map[string]any{"params": map[string]any{"only": []any{"T001"}}}}}
	selected := compile(only)
	if selected == first || len(selected.active) != 1 || len(first.active) != 2 {
		t.Errorf("a selection gives the cached *Policies: %d and %d active", len(selected.active), len(first.active))
	}
	if again := compile(only); again != selected {
		t.Error("the same selection compiled twice gives two *Policies")
	}
	renamed := compile(Config{Sources: withSource(name+"-renamed", files)})
	if renamed == first {
		t.Fatal("a renamed source gives the cached *Policies")
	}
	for _, r := range renamed.Requirements() {
		if !strings.HasPrefix(r.File, name+"-renamed/") {
			t.Errorf("requirement %s names %s, not its renamed source's file", r.ID, r.File)
		}
	}
}

// Errors are not cached: the same broken bytes under another name are reported under
// that name, and fixed bytes compile.
func TestCacheErrorsNameTheCallersFile(t *testing.T) {
	for _, broken := range []string{
		requirement("a", "T001", `violation contains "x" if {`),                    // parse error
		requirement("a", "T001", `violation contains "x" if http.send({}).status`), // compile error
	} {
		files := cacheFiles()
		files["a.rego"] = broken
		for _, name := range []string{"cache-one", "cache-two", "cache-one"} {
			_, err := Compile(Config{Sources: withSource(name, files)})
			if err == nil || !strings.Contains(err.Error(), name+"/a.rego:") {
				t.Errorf("%s: error %v, want one naming %s/a.rego", name, err, name)
			}
		}
		files["a.rego"] = cacheFiles()["a.rego"]
		if _, err := Compile(Config{Sources: withSource("cache-one", files)}); err != nil {
			t.Errorf("the fixed file: %v", err)
		}
	}
}

// Evaluators of one *Policies (whether from Compile or New) each keep their own data.
func TestCacheEvaluatorsKeepTheirOwnData(t *testing.T) {
	ctx := context.Background()
	cfg := Config{Sources: withSource("cache-data", cacheFiles())}
	p, err := Compile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	strict := map[string]any{"dmaprep": map[string]any{"params": map[string]any{"strict": true}}}
	lax, err := p.Evaluator(ctx, map[string]any{"dmaprep": map[string]any{"params": map[string]any{}}})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Data = strict
	strictEv, err := New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if strictEv.compiler != p.compiler {
		t.Error("New compiled the cached policies again")
	}
	status := func(ev *Evaluator) string {
		t.Helper()
		rep, err := ev.Evaluate(ctx, map[string]any{}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return rep.Results[0].Status
	}
	if got, want := status(lax)+" "+status(strictEv), "pass fail"; got != want {
		t.Errorf("statuses without and with strict: %s, want %s", got, want)
	}
	if err := strictEv.SetData(ctx, []string{"dmaprep", "waivers"}, []any{}); err != nil {
		t.Fatal(err)
	}
	if err := lax.SetData(ctx, []string{"dmaprep", "params"}, map[string]any{"strict": false}); err != nil {
		t.Fatal(err)
	}
	if got, want := status(lax)+" "+status(strictEv), "pass fail"; got != want {
		t.Errorf("after SetData on each: %s, want %s", got, want)
	}
	if cfg.Data["dmaprep"].(map[string]any)["waivers"] != nil {
		t.Error("SetData wrote through to the caller's data")
	}
}

// Concurrent callers of one key compute it once and share the value; an error reaches
// the callers that waited for it but is not kept.
func TestCacheComputesOncePerKey(t *testing.T) {
	c := newCache[*int](4)
	var computed atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	got := make([]*int, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], _ = c.get("k", 1, func() (*int, error) {
				computed.Add(1)
				<-release
				v := 42
				return &v, nil
			})
		}()
	}
	close(release)
	wg.Wait()
	if computed.Load() != 1 {
		t.Errorf("computed %d times", computed.Load())
	}
	for _, v := range got {
		if v != got[0] || *v != 42 {
			t.Fatalf("callers got different values: %v", got)
		}
	}

	fail := errors.New("broken")
	if _, err := c.get("e", 1, func() (*int, error) { return nil, fail }); err != fail {
		t.Errorf("error %v", err)
	}
	v := 7
	if got, err := c.get("e", 1, func() (*int, error) { return &v, nil }); err != nil || got != &v {
		t.Errorf("after an error, got %v, %v: the error was kept", got, err)
	}

	func() {
		defer func() { _ = recover() }()
		_, _ = c.get("p", 1, func() (*int, error) { panic("boom") })
	}()
	if got, err := c.get("p", 1, func() (*int, error) { return &v, nil }); err != nil || got != &v {
		t.Errorf("after a panic, got %v, %v", got, err)
	}
}

// The cache keeps at most its limit, dropping the least recently used of the entries
// never used again, so that entries in use outlive a stream of one-off values.
func TestCacheIsBounded(t *testing.T) {
	c := newCache[int](3)
	calls := map[string]int{}
	get := func(k string) {
		_, _ = c.get(k, 1, func() (int, error) { calls[k]++; return 0, nil })
	}
	steps := []struct {
		keys string
		want string // the keys computed so far, with how often
	}{
		{"aabc", "map[a:1 b:1 c:1]"},
		{"d", "map[a:1 b:1 c:1 d:1]"},               // drops b, the least recent one-off
		{"efa", "map[a:1 b:1 c:1 d:1 e:1 f:1]"},     // e and f drop c and d; a, in use, stays
		{"b", "map[a:1 b:2 c:1 d:1 e:1 f:1]"},       // drops e
		{"fbg", "map[a:1 b:2 c:1 d:1 e:1 f:1 g:1]"}, // all in use: drops a, the least recent
		{"a", "map[a:2 b:2 c:1 d:1 e:1 f:1 g:1]"},
	}
	for _, s := range steps {
		for _, k := range s.keys {
			get(string(k))
		}
		if fmt.Sprint(calls) != s.want {
			t.Errorf("after %s computed %v, want %v", s.keys, calls, s.want)
		}
		if c.len() != 3 {
			t.Errorf("after %s: %d entries, want 3", s.keys, c.len())
		}
	}
	big := 0
	if _, err := c.get("big", 4, func() (int, error) { big++; return 0, nil }); err != nil || big != 1 || c.len() != 3 {
		t.Errorf("a value over the limit: computed %d times, %d entries", big, c.len())
	}

	// The process-wide caches are bounded too.
	for i := range 2 * int(compiledPolicies.limit) {
		files := cacheFiles()
		files["b.rego"] += fmt.Sprintf("\n# variant %d\n", i)
		if _, err := Compile(Config{Sources: withSource("cache-bounded", files)}); err != nil {
			t.Fatal(err)
		}
	}
	if n := compiledPolicies.len(); n > int(compiledPolicies.limit) {
		t.Errorf("the compiled policies cache holds %d entries, limit %d", n, compiledPolicies.limit)
	}
}

// Concurrent Compile calls on the same files (run with -race) get one *Policies.
func TestCacheConcurrentCompile(t *testing.T) {
	cfg := Config{Sources: withSource("cache-concurrent", cacheFiles())}
	got := make([]*Policies, 4)
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := Compile(cfg)
			if err != nil {
				t.Error(err)
			}
			got[i] = p
		}()
	}
	wg.Wait()
	for _, p := range got {
		if p == nil || p != got[0] {
			t.Fatal("concurrent compiles of the same files gave different *Policies")
		}
	}
}
