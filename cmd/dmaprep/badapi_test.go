//go:build unix

package main

import (
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dmaprep/dmaprep/gatherer/wsapi/wsapitest"
	"github.com/dmaprep/dmaprep/internal/testkit"
)

// badAPIAnswer is one case of testdata/bad-inputs/wsapi.yaml: an agent whose Web Services
// API answers in a hostile or broken way, read by the real CLI through a stand-in on
// loopback. It is a badInput (the command, exit code and messages, checked the same way)
// plus the stand-in's answers and what the facts and the report must say.
//
// Besides badInput's placeholders, args and expectations may use {url} (the stand-in's
// https:// or http:// URL), {host} and {port} (its HOST:PORT and PORT, for a URL of the
// other scheme or another name) and
// {ca} (a PEM file: the stand-in's certificate, or with tls:
// untrusted another CA's); they and the answers may use {password} (the password the CLI
// logs in with) and {token} (the connection ID the stand-in hands out). Answers are set
// before the stand-in starts, so they cannot name its URL: a redirect to it is written as
// a path.
type badAPIAnswer struct {
	badInput `yaml:",inline"`
	// Run is what runs when args is empty: "gather" (the default: gather pair with the
	// stand-in as the primary and a folder as the backup, to {dir}/facts.json) or
	// "check" (the same pair, judged, with the JSON report on stdout); Extra is added to
	// its arguments, Timeout is its --timeout (10s when empty).
	Run     string   `yaml:"run"`
	Extra   []string `yaml:"extra"`
	Timeout string   `yaml:"timeout"`
	Server  struct {
		// TLS is "" (a certificate {ca} trusts), "untrusted" (one it does not) or "plain"
		// (plain HTTP: {url} is http://).
		TLS     string               `yaml:"tls"`
		Version *string              `yaml:"version"` // 10.4.0.0-14511 when absent
		DMAs    []apiDMA             `yaml:"dmas"`    // ID 212 at 127.0.0.1 when empty
		Answers map[string]apiAnswer `yaml:"answers"` // by method
		Fail    map[string]int       `yaml:"fail"`    // a JSON fault with this status
		Bare    bool                 `yaml:"bare"`
		Soap    bool                 `yaml:"soap"`
		// EchoPassword puts the password sent into the message of a refused login.
		EchoPassword bool `yaml:"echo_password"`
	} `yaml:"server"`
	// Null are JSON pointers into {dir}/facts.json that must be null; Facts pointers that
	// must hold the given JSON value; Errors the agent facts (under /agents/primary/errors)
	// whose error must hold the fragment.
	Null   []string            `yaml:"null"`
	Facts  map[string]string   `yaml:"facts"`
	Errors map[string][]string `yaml:"errors"`
	// Status is the status each requirement must have in the JSON report (run: check).
	Status map[string]string `yaml:"status"`
	// Secrets must be nowhere: not on stdout or stderr, not in any file written.
	Secrets []string `yaml:"secrets"`
}

// apiDMA is one agent the stand-in lists.
type apiDMA struct {
	ID         int    `yaml:"id"`
	Name       string `yaml:"name"`
	PrimaryIP  string `yaml:"ip"`
	IsFailOver bool   `yaml:"failover"`
	Elements   int    `yaml:"elements"`
}

// apiAnswer is wsapitest.Answer as the corpus writes it; Body may use the content
// placeholders ({{repeat N TEXT}}, {{hex BYTES}}) and the API ones ({url}, {token}, ...).
type apiAnswer struct {
	Status  int               `yaml:"status"`
	Header  map[string]string `yaml:"header"`
	Body    string            `yaml:"body"`
	Repeat  int               `yaml:"repeat"`
	Endless bool              `yaml:"endless"`
	Stall   string            `yaml:"stall"` // "headers" or "body"
}

// apiFactNames are the agent facts the Web Services API gives: null unless read, and
// then with the reason.
var apiFactNames = []string{"version", "dataminer_id", "element_count"}

// TestBadAPIAnswers runs every case of testdata/bad-inputs/wsapi.yaml through the real CLI
// against a stand-in agent on loopback. Besides each case's own checks: no panic, no
// password or connection ID anywhere, no control character on stderr (an agent's text
// must not drive the terminal), and a fact document that passes the schema, with every
// API fact that is null carrying its reason.
func TestBadAPIAnswers(t *testing.T) {
	t.Parallel()
	cases := loadCorpus[badAPIAnswer](t, "../../testdata/bad-inputs/wsapi.yaml", 300)
	fx := newCorpusFixtures(t)
	// One other CA for every case whose certificate must not verify.
	otherCA := testkit.WriteCertFile(t, testkit.NewCA(t, "not the agent's CA", time.Now()).Cert)
	eachCase(t, cases, func(tc badAPIAnswer) badInput { return tc.badInput }, func(t *testing.T, tc badAPIAnswer) {
		runBadAPIAnswer(t, fx, tc, otherCA)
	})
}

func runBadAPIAnswer(t *testing.T, fx corpusFixtures, tc badAPIAnswer, otherCA string) {
	dir := t.TempDir()
	version := "10.4.0.0-14511"
	if tc.Server.Version != nil {
		version = fx.content(t, *tc.Server.Version)
	}
	agent := wsapitest.Agent{User: cliUser, Password: cliPassword, Version: version,
		PlainHTTP: tc.Server.TLS == "plain", Fail: tc.Server.Fail, Bare: tc.Server.Bare, SOAPFaults: tc.Server.Soap, EchoPassword: tc.Server.EchoPassword,
		Answers: map[string]wsapitest.Answer{}}
	for _, d := range tc.Server.DMAs {
		agent.DMAs = append(agent.DMAs, wsapitest.DMA{ID: d.ID, Name: d.Name, PrimaryIP: d.PrimaryIP, IsFailOver: d.IsFailOver, Elements: d.Elements})
	}
	if len(agent.DMAs) == 0 {
		agent.DMAs = []wsapitest.DMA{{ID: 212, Name: "DMA-MAIN", PrimaryIP: "127.0.0.1", Elements: 40}}
	}
	secrets := strings.NewReplacer("{password}", cliPassword, "{token}", wsapitest.DefaultConnectionID).Replace
	for method, a := range tc.Server.Answers {
		header := map[string]string{}
		for k, v := range a.Header {
			header[k] = secrets(v)
		}
		agent.Answers[method] = wsapitest.Answer{Status: a.Status, Header: header, Body: secrets(fx.content(t, a.Body)),
			Repeat: a.Repeat, Endless: a.Endless, StallHeaders: a.Stall == "headers", StallBody: a.Stall == "body"}
	}
	srv := wsapitest.NewServer(t, agent)
	ca := otherCA
	if tc.Server.TLS == "" {
		// In a directory of its own: a failed run must leave {dir} as it found it.
		ca = filepath.Join(t.TempDir(), "api-ca.pem")
		if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	host := strings.TrimPrefix(strings.TrimPrefix(srv.URL, "https://"), "http://")
	_, port, _ := strings.Cut(host, ":")
	extra := []string{"{url}", srv.URL, "{host}", host, "{port}", port, "{ca}", ca, "{password}", cliPassword, "{token}", wsapitest.DefaultConnectionID}
	expand := fx.expander(dir, extra...)

	in := tc.badInput
	if len(in.Args) == 0 {
		timeout := tc.Timeout
		if timeout == "" {
			timeout = "10s"
		}
		pair := []string{"--primary", "{url}", "--backup", "{backup}", "--virtual-ip", cliVIP, "--skip-network", "--ca-file", "{ca}", "--timeout", timeout}
		switch tc.Run {
		case "", "gather":
			in.Args = args([]string{"gather", "pair"}, pair, []string{"-o", "{dir}/facts.json"}, tc.Extra)
		case "check":
			in.Args = args([]string{"check", "--format", "json"}, pair, tc.Extra)
		default:
			t.Fatalf("run %q: want gather or check", tc.Run)
		}
	}
	if in.Env == nil {
		in.Env = map[string]string{"DMAPREP_USER": cliUser, "DMAPREP_PASSWORD": "{password}"}
	}
	r := fx.run(t, in, dir, extra...)

	outputs := map[string]string{"stdout": r.stdout, "stderr": r.stderr}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Type().IsRegular() {
			outputs[e.Name()] = readFile(t, filepath.Join(dir, e.Name()))
		}
	}
	for what, out := range outputs {
		testkit.AssertNoSecrets(t, what, out, append([]string{cliPassword, wsapitest.DefaultConnectionID}, tc.Secrets...)...)
	}
	if i := strings.IndexFunc(r.stderr, func(c rune) bool { return c < ' ' && c != '\n' || c == 0x7f }); i >= 0 {
		t.Errorf("stderr holds the control character %q: %s", r.stderr[i], cutForLog(r.stderr))
	}

	if text, ok := outputs["facts.json"]; ok && r.code == exitReady {
		validFacts(t, "facts.json", text)
		var doc any
		if err := json.Unmarshal([]byte(text), &doc); err != nil {
			t.Fatal(err)
		}
		for _, fact := range apiFactNames {
			if jsonAt(doc, "/agents/primary/"+fact) == nil {
				if why, _ := jsonAt(doc, "/agents/primary/errors/"+fact).(string); why == "" {
					t.Errorf("%s is null without a reason", fact)
				}
			}
		}
		for _, p := range tc.Null {
			if v := jsonAt(doc, p); v != nil {
				t.Errorf("%s is %v, want null", p, v)
			}
		}
		for p, want := range tc.Facts {
			got, _ := json.Marshal(jsonAt(doc, p))
			if string(got) != want {
				t.Errorf("%s is %s, want %s", p, got, want)
			}
		}
		for fact, wants := range tc.Errors {
			why, _ := jsonAt(doc, "/agents/primary/errors/"+fact).(string)
			for _, want := range wants {
				if !strings.Contains(why, expand(want)) {
					t.Errorf("the error of %s, %q, lacks %q", fact, cutForLog(why), expand(want))
				}
			}
		}
	} else if len(tc.Null)+len(tc.Facts)+len(tc.Errors) > 0 {
		t.Errorf("no facts.json to check (exit %d)", r.code)
	}

	if len(tc.Status) > 0 {
		var rep struct {
			Reports []struct {
				Results []struct{ ID, Status string } `json:"results"`
			} `json:"reports"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Reports) != 1 {
			t.Fatalf("the report is not JSON of one pair: %v", err)
		}
		got := map[string]string{}
		for _, res := range rep.Reports[0].Results {
			got[res.ID] = res.Status
		}
		for id, want := range tc.Status {
			if got[id] != want {
				t.Errorf("%s is %q, want %q", id, got[id], want)
			}
		}
	}
}

// jsonAt is the value at a JSON pointer of doc; nil when it is null or not there.
func jsonAt(doc any, pointer string) any {
	cur := doc
	for _, p := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[p]
		case []any:
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 || n >= len(c) {
				return nil
			}
			cur = c[n]
		default:
			return nil
		}
	}
	return cur
}
