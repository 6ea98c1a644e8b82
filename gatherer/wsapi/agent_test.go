package wsapi_test

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dmaprep/dmaprep/dmversion"
	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/gatherer/wsapi"
	"github.com/dmaprep/dmaprep/gatherer/wsapi/wsapitest"
	"github.com/dmaprep/dmaprep/internal/testkit"
)

// The credentials the stand-in accepts. The password is distinctive so that a leak into
// any error or fact is found by a plain substring search.
const (
	testUser     = "preflight"
	testPassword = "Pl4nted-S3cret!pw"
	testToken    = "6f1c2d3e-planted-connection-token"
)

func ptr[T any](v T) *T { return &v }

// dms is a DataMiner System of two agents whose names are not the URL's host; the one the
// tests reach (PrimaryIP 127.0.0.1, the stand-in's address) is listed second so that
// picking it proves the matching.
func dms() []wsapitest.DMA {
	return []wsapitest.DMA{
		{ID: 301, Name: "DMA-OTHER", PrimaryIP: "10.11.5.53", Cluster: "Skyline DMS", Elements: 20, ElementsActive: 17, ElementsMaximum: 500},
		{ID: 212, Name: "DMA-MAIN", PrimaryIP: "127.0.0.1", Cluster: "Skyline DMS", Elements: 45, ElementsActive: 42, ElementsMaximum: 500},
	}
}

// clusterNote is the error that says what the API does not give of the cluster fact.
const clusterNote = "not DMS.xml's entries or cluster name; read the agent's folder"

func goodAgent() wsapitest.Agent {
	return wsapitest.Agent{
		User:         testUser,
		Password:     testPassword,
		Version:      "10.4.0.0-14511-CU4",
		ConnectionID: testToken,
		DMAs:         dms(),
	}
}

var wantVersion = &dmversion.Version{
	Raw: "10.4.0.0-14511-CU4", Source: "api",
	Major: 10, Minor: 4, Patch: 0, Revision: 0,
	Build: ptr(14511), CU: ptr(4), Track: dmversion.TrackMain,
}

// wantCluster has no name and no members: those are DMS.xml's, which the API does not show.
var wantCluster = &facts.Cluster{APIAgentCount: ptr(2), APIIsFailover: ptr(false)}

// wantAgent is what the good agent gives, with the source set by the test.
func wantAgent() facts.Agent {
	return facts.Agent{
		DataMinerID:  ptr(212),
		Version:      wantVersion,
		Cluster:      wantCluster,
		ElementCount: ptr(45), // AmountElements: stopped elements count too
	}
}

// client returns a client for srv that trusts srv's certificate.
func client(t *testing.T, srv *httptest.Server, opts wsapi.Options) *wsapi.Client {
	t.Helper()
	if opts.User == "" {
		opts.User, opts.Password = testUser, testPassword
	}
	if opts.RootCAs == nil && opts.HTTPClient == nil {
		opts.RootCAs = x509.NewCertPool()
		opts.RootCAs.AddCert(srv.Certificate())
	}
	c, err := wsapi.New(srv.URL, opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// assertNoSecrets fails when the password or the connection ID shows in s.
func assertNoSecrets(t *testing.T, what, s string) {
	t.Helper()
	testkit.AssertNoSecrets(t, what, s, testPassword, testToken)
}

func TestAgent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		agent func(a *wsapitest.Agent)
		opts  wsapi.Options
		// want is the agent without Source and Errors; wantErrors maps each fact that must
		// carry an error to a substring of it (and no other fact may carry one).
		want       func(a *facts.Agent)
		wantErrors map[string]string
		wantCalls  []string
	}{
		{
			name:      "good agent",
			wantCalls: []string{"ConnectAppAndInfo", "GetDataMinerAgentsInfo", "GetDataMinerAgentsStatistics", "LogOut"},
		},
		{
			name:  "bare answers without the d wrapper",
			agent: func(a *wsapitest.Agent) { a.Bare = true },
		},
		{
			// The docs do not say how DMAVersion is written; a dotted build is read too.
			name:  "DMAVersion with a dotted build and no CU",
			agent: func(a *wsapitest.Agent) { a.Version = "10.4.0.0 - 14511" },
			want: func(a *facts.Agent) {
				a.Version = &dmversion.Version{Raw: "10.4.0.0 - 14511", Source: "api", Major: 10, Minor: 4,
					Build: ptr(14511), Track: dmversion.TrackMain}
			},
		},
		{
			name: "all elements stopped: AmountElements counts them, AmountElementsActive would not",
			agent: func(a *wsapitest.Agent) {
				a.DMAs[1].ElementsActive = 0
			},
		},
		{
			name: "standalone agent: cluster \"DMS\", listing only itself, matched although its address differs",
			agent: func(a *wsapitest.Agent) {
				a.DMAs = a.DMAs[:1]
				a.DMAs[0].Cluster = ""
			},
			want: func(a *facts.Agent) {
				a.DataMinerID = ptr(301)
				a.ElementCount = ptr(20)
				a.Cluster = &facts.Cluster{APIAgentCount: ptr(1), APIIsFailover: ptr(false)}
			},
		},
		{
			name: "two agents, neither at the URL's address: an error, not the first entry",
			agent: func(a *wsapitest.Agent) {
				a.DMAs[1].PrimaryIP = "10.11.5.52"
			},
			want: func(a *facts.Agent) {
				a.DataMinerID, a.ElementCount = nil, nil
				a.Cluster = &facts.Cluster{APIAgentCount: ptr(2)}
			},
			wantErrors: map[string]string{
				"dataminer_id":  "GetDataMinerAgentsInfo lists 2 agents (ID 301 DMA-OTHER 10.11.5.53, ID 212 DMA-MAIN 10.11.5.52) and none has the address or name 127.0.0.1; give the agent's own IP address with its source, or use that address in the URL",
				"cluster":       "none has the address or name 127.0.0.1",
				"element_count": "GetDataMinerAgentsStatistics lists 2 agents and which one was reached is not known",
			},
		},
		{
			name: "two agents, neither at the URL's address, the operator's address decides",
			agent: func(a *wsapitest.Agent) {
				a.DMAs[1].PrimaryIP = "10.11.5.52"
			},
			opts: wsapi.Options{AgentAddresses: []netip.Addr{netip.MustParseAddr("10.11.5.52")}},
		},
		{
			name: "agent already in a Failover pair",
			agent: func(a *wsapitest.Agent) {
				a.DMAs[0].PrimaryIP = "dma-other.example.net"
				a.DMAs[1].IsFailOver = true
			},
			want: func(a *facts.Agent) {
				a.Cluster = &facts.Cluster{APIAgentCount: ptr(2), APIIsFailover: ptr(true)}
			},
		},
		{
			name:       "no ConnectAppAndInfo: falls back to ConnectApp, version unknown",
			agent:      func(a *wsapitest.Agent) { a.NoConnectAppAndInfo = true },
			want:       func(a *facts.Agent) { a.Version = nil },
			wantErrors: map[string]string{"version": "ConnectApp does not report the DataMiner version", "cluster": clusterNote},
			wantCalls:  []string{"ConnectAppAndInfo", "ConnectApp", "GetDataMinerAgentsInfo", "GetDataMinerAgentsStatistics", "LogOut"},
		},
		{
			name:       "DMAVersion that is not a version",
			agent:      func(a *wsapitest.Agent) { a.Version = "unknown" },
			want:       func(a *facts.Agent) { a.Version = nil },
			wantErrors: map[string]string{"version": `DMAVersion: "unknown" is not a DataMiner version`, "cluster": clusterNote},
		},
		{
			name:       "no GetDataMinerAgentsStatistics",
			agent:      func(a *wsapitest.Agent) { a.NoStatistics = true },
			want:       func(a *facts.Agent) { a.ElementCount = nil },
			wantErrors: map[string]string{"element_count": "GetDataMinerAgentsStatistics: HTTP 500: Unknown web method GetDataMinerAgentsStatistics.", "cluster": clusterNote},
		},
		{
			name:       "HTTP 500 on GetDataMinerAgentsStatistics only",
			agent:      func(a *wsapitest.Agent) { a.Fail = map[string]int{"GetDataMinerAgentsStatistics": 500} },
			want:       func(a *facts.Agent) { a.ElementCount = nil },
			wantErrors: map[string]string{"element_count": "GetDataMinerAgentsStatistics: HTTP 500: An unexpected error occurred while processing GetDataMinerAgentsStatistics. (System.Exception)", "cluster": clusterNote},
		},
		{
			// The docs do not show the shape of a fault; a SOAP one is read too.
			name: "HTTP 500 as a SOAP fault",
			agent: func(a *wsapitest.Agent) {
				a.SOAPFaults = true
				a.Fail = map[string]int{"GetDataMinerAgentsStatistics": 500}
			},
			want:       func(a *facts.Agent) { a.ElementCount = nil },
			wantErrors: map[string]string{"element_count": "GetDataMinerAgentsStatistics: HTTP 500: Server was unable to process request. ---> An unexpected error", "cluster": clusterNote},
		},
		{
			name: "malformed JSON from GetDataMinerAgentsInfo, standalone",
			agent: func(a *wsapitest.Agent) {
				a.DMAs = a.DMAs[1:]
				a.Malformed = map[string]bool{"GetDataMinerAgentsInfo": true}
			},
			// The statistics list one entry, so the element count is still known.
			want: func(a *facts.Agent) {
				a.DataMinerID, a.Cluster = nil, nil
			},
			wantErrors: map[string]string{
				"dataminer_id": "GetDataMinerAgentsInfo: HTTP 200: unreadable answer: not JSON",
				"cluster":      "GetDataMinerAgentsInfo: HTTP 200: unreadable answer: not JSON",
			},
		},
		{
			name:  "malformed JSON from GetDataMinerAgentsInfo, two agents",
			agent: func(a *wsapitest.Agent) { a.Malformed = map[string]bool{"GetDataMinerAgentsInfo": true} },
			want: func(a *facts.Agent) {
				a.DataMinerID, a.Cluster, a.ElementCount = nil, nil, nil
			},
			wantErrors: map[string]string{
				"dataminer_id":  "unreadable answer",
				"cluster":       "unreadable answer",
				"element_count": "GetDataMinerAgentsStatistics lists 2 agents and which one was reached is not known",
			},
		},
		{
			name: "GetDataMinerAgentsInfo slower than the timeout",
			agent: func(a *wsapitest.Agent) {
				a.Delay = map[string]time.Duration{"GetDataMinerAgentsInfo": 10 * time.Second}
			},
			opts: wsapi.Options{Timeout: 300 * time.Millisecond},
			want: func(a *facts.Agent) {
				a.DataMinerID, a.Cluster, a.ElementCount = nil, nil, nil
			},
			wantErrors: map[string]string{
				"dataminer_id":  "GetDataMinerAgentsInfo: no answer within 300ms",
				"cluster":       "GetDataMinerAgentsInfo: no answer within 300ms",
				"element_count": "which one was reached is not known",
			},
		},
		{
			name:      "certificate not trusted, verification switched off",
			opts:      wsapi.Options{RootCAs: x509.NewCertPool(), InsecureSkipVerify: true},
			wantCalls: []string{"ConnectAppAndInfo", "GetDataMinerAgentsInfo", "GetDataMinerAgentsStatistics", "LogOut"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := goodAgent()
			cfg.Calls = &wsapitest.Calls{}
			if tt.agent != nil {
				tt.agent(&cfg)
			}
			srv := wsapitest.NewServer(t, cfg)
			got, err := client(t, srv, tt.opts).Agent(context.Background())
			if err != nil {
				t.Fatalf("Agent: %v", err)
			}

			want := wantAgent()
			if tt.want != nil {
				tt.want(&want)
			}
			want.Source = &facts.Source{Kind: facts.SourceAPI, Location: srv.URL}
			if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(facts.Agent{}, "Errors")); diff != "" {
				t.Errorf("Agent (-want +got):\n%s", diff)
			}
			if tt.wantErrors == nil {
				tt.wantErrors = map[string]string{"cluster": clusterNote}
			}
			if diff := cmp.Diff(sortedKeys(tt.wantErrors), sortedKeys(got.Errors)); diff != "" {
				t.Errorf("facts with errors (-want +got):\n%s\nerrors: %v", diff, got.Errors)
			}
			for fact, sub := range tt.wantErrors {
				if !strings.Contains(got.Errors[fact], sub) {
					t.Errorf("errors[%q] = %q, want it to contain %q", fact, got.Errors[fact], sub)
				}
			}
			if tt.wantCalls != nil {
				if diff := cmp.Diff(tt.wantCalls, cfg.Calls.Methods()); diff != "" {
					t.Errorf("calls (-want +got):\n%s", diff)
				}
			}
			doc, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			assertNoSecrets(t, "facts", string(doc))
		})
	}
}

func TestAgentLoginFails(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		agent func(a *wsapitest.Agent)
		opts  wsapi.Options
		// want are substrings of the error, after "wsapi: HOST: login failed: ".
		want []string
		// wantCalls are the methods called; no LogOut without a session.
		wantCalls []string
	}{
		{
			// The docs: a failed login answers with Message and MessageType, in band.
			name:      "wrong password, refused in band",
			opts:      wsapi.Options{User: testUser, Password: "not-" + testPassword},
			want:      []string{"ConnectAppAndInfo: " + wsapitest.LoginFailedMessage + " (Error)"},
			wantCalls: []string{"ConnectAppAndInfo"},
		},
		{
			// The docs list no MessageType values; another one is an error all the same.
			name:      "wrong password, refused in band with another MessageType",
			agent:     func(a *wsapitest.Agent) { a.LoginRefusal = wsapitest.RefuseInBandOtherType },
			opts:      wsapi.Options{User: testUser, Password: "not-" + testPassword},
			want:      []string{"ConnectAppAndInfo: " + wsapitest.LoginFailedMessage + " (Warning)"},
			wantCalls: []string{"ConnectAppAndInfo"},
		},
		{
			name:  "wrong password, refused with a JSON fault",
			agent: func(a *wsapitest.Agent) { a.LoginRefusal = wsapitest.RefuseWithFault },
			opts:  wsapi.Options{User: testUser, Password: "not-" + testPassword},
			want:  []string{"ConnectAppAndInfo: HTTP 500: " + wsapitest.LoginFailedMessage},
		},
		{
			name:  "wrong user, refused with a SOAP fault",
			agent: func(a *wsapitest.Agent) { a.SOAPFaults = true; a.LoginRefusal = wsapitest.RefuseWithFault },
			opts:  wsapi.Options{User: "nobody", Password: testPassword},
			want:  []string{"ConnectAppAndInfo: HTTP 500: Server was unable to process request. ---> " + wsapitest.LoginFailedMessage},
		},
		{
			name:  "refusal that echoes the password, in band",
			agent: func(a *wsapitest.Agent) { a.EchoPassword = true; a.User = "someone-else" },
			want:  []string{wsapitest.LoginFailedMessage, `password "[redacted]"`},
		},
		{
			name: "refusal that echoes the password, in a fault",
			agent: func(a *wsapitest.Agent) {
				a.EchoPassword = true
				a.User = "someone-else"
				a.LoginRefusal = wsapitest.RefuseWithFault
			},
			want: []string{wsapitest.LoginFailedMessage, `password "[redacted]"`},
		},
		{
			name:      "refused by ConnectApp after the fallback",
			agent:     func(a *wsapitest.Agent) { a.NoConnectAppAndInfo = true; a.Password = "other" },
			want:      []string{"ConnectApp: HTTP 500: " + wsapitest.LoginFailedMessage},
			wantCalls: []string{"ConnectAppAndInfo", "ConnectApp"},
		},
		{
			// The challenge comes with a connection, which is logged out.
			name:      "two-step authentication",
			agent:     func(a *wsapitest.Agent) { a.Challenge = true },
			want:      []string{"second authentication step (two-step authentication), which a non-interactive tool cannot answer; use an account without two-step authentication"},
			wantCalls: []string{"ConnectAppAndInfo", "LogOut"},
		},
		{
			name:  "login slower than the timeout",
			agent: func(a *wsapitest.Agent) { a.Delay = map[string]time.Duration{"ConnectAppAndInfo": 10 * time.Second} },
			opts:  wsapi.Options{Timeout: 200 * time.Millisecond},
			want:  []string{"ConnectAppAndInfo: no answer within 200ms"},
		},
		{
			name:  "malformed JSON from the login",
			agent: func(a *wsapitest.Agent) { a.Malformed = map[string]bool{"ConnectAppAndInfo": true} },
			want:  []string{"ConnectAppAndInfo: HTTP 200: unreadable answer: not JSON"},
		},
		{
			name:      "certificate not trusted",
			opts:      wsapi.Options{RootCAs: x509.NewCertPool()},
			want:      []string{"certificate signed by unknown authority"},
			wantCalls: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := goodAgent()
			cfg.Calls = &wsapitest.Calls{}
			if tt.agent != nil {
				tt.agent(&cfg)
			}
			srv := wsapitest.NewServer(t, cfg)
			got, err := client(t, srv, tt.opts).Agent(context.Background())
			if err == nil {
				t.Fatalf("Agent succeeded: %+v", got)
			}
			host := strings.TrimPrefix(srv.URL, "https://")
			msg := err.Error()
			want := append([]string{"wsapi: " + host + ": login failed: "}, tt.want...)
			for _, sub := range want {
				if !strings.Contains(msg, sub) {
					t.Errorf("error %q does not contain %q", msg, sub)
				}
			}
			var le *wsapi.LoginError
			if !errors.As(err, &le) || le.Host != host {
				t.Errorf("error is not a *LoginError for %s: %#v", host, err)
			}
			assertNoSecrets(t, "error", msg)
			if diff := cmp.Diff(facts.Agent{Source: &facts.Source{Kind: facts.SourceAPI, Location: srv.URL}}, got); diff != "" {
				t.Errorf("agent after a failed login (-want +got):\n%s", diff)
			}
			if tt.wantCalls != nil {
				if diff := cmp.Diff(tt.wantCalls, cfg.Calls.Methods(), cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("calls (-want +got):\n%s", diff)
				}
			}
			// A connection handed out (the challenge's) is logged out; none is logged out
			// twice, and nothing is logged out that was never handed out.
			var wantLogout []string
			if cfg.Challenge {
				wantLogout = []string{testToken}
			}
			if diff := cmp.Diff(wantLogout, cfg.Calls.LoggedOut(), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("connections logged out (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAgentContextCancelled(t *testing.T) {
	t.Parallel()
	cfg := goodAgent()
	cfg.Delay = map[string]time.Duration{"ConnectAppAndInfo": 10 * time.Second}
	srv := wsapitest.NewServer(t, cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := client(t, srv, wsapi.Options{}).Agent(ctx)
	if err == nil || !strings.Contains(err.Error(), "login failed") {
		t.Fatalf("Agent = %v, want a login failure", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Agent took %s after its context ended", d)
	}
}

// An agent that accepts the login and then hangs holds Agent no longer than its context's
// deadline: the logout gets no time of its own past it.
func TestAgentDeadlineCoversLogout(t *testing.T) {
	cfg := goodAgent()
	cfg.Delay = map[string]time.Duration{"GetDataMinerAgentsInfo": 10 * time.Second, "GetAgentsInfo": 10 * time.Second,
		"GetElementCount": 10 * time.Second, "LogOut": 10 * time.Second}
	srv := wsapitest.NewServer(t, cfg)
	const limit = 500 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	start := time.Now()
	client(t, srv, wsapi.Options{Timeout: 5 * time.Second}).Agent(ctx)
	if d := time.Since(start); d > limit+time.Second {
		t.Errorf("Agent took %s with a %s deadline", d, limit)
	}
}

func TestNew(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		url       string
		allowHTTP bool
		wantErr   string // "" for success
		base      string
	}{
		{name: "https", url: "https://10.11.5.52", base: "https://10.11.5.52"},
		{name: "port and trailing slash", url: "https://dma.example.net:8443/", base: "https://dma.example.net:8443"},
		{name: "IPv6", url: "https://[fd00::52]", base: "https://[fd00::52]"},
		{name: "path prefix behind a proxy", url: "https://proxy.example.net/dma1/", base: "https://proxy.example.net/dma1"},
		{name: "upper-case scheme", url: "HTTPS://dma.example.net", base: "https://dma.example.net"},
		{name: "plain http", url: "http://10.11.5.52", wantErr: "wsapi: http://10.11.5.52: plain HTTP to the agent API is not allowed"},
		{name: "plain http allowed", url: "http://10.11.5.52/", allowHTTP: true, base: "http://10.11.5.52"},
		{name: "no scheme", url: "10.11.5.52", wantErr: "must start with https://"},
		{name: "other scheme, http allowed", url: "ftp://10.11.5.52", allowHTTP: true, wantErr: "must start with https://"},
		{name: "no host", url: "https://", wantErr: "no host"},
		{name: "query", url: "https://dma.example.net/?x=1", wantErr: "takes no query"},
		{name: "credentials in the URL", url: "https://admin:" + url.PathEscape(testPassword) + "@dma.example.net", wantErr: "the agent URL holds credentials"},
		{name: "not a URL", url: "https://dma example.net:x/" + testPassword, wantErr: "not a URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := wsapi.New(tt.url, wsapi.Options{AllowHTTP: tt.allowHTTP})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("New(%q) = %v, want an error containing %q", tt.url, err, tt.wantErr)
				}
				assertNoSecrets(t, "error", err.Error())
				return
			}
			if err != nil {
				t.Fatalf("New(%q): %v", tt.url, err)
			}
			if diff := cmp.Diff(tt.base, c.BaseURL()); diff != "" {
				t.Errorf("BaseURL (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAgentPlainHTTP reads an agent without an HTTPS binding, as allowed, and checks the
// facts say the source was read over HTTP.
func TestAgentPlainHTTP(t *testing.T) {
	t.Parallel()
	cfg := goodAgent()
	cfg.PlainHTTP = true
	srv := wsapitest.NewServer(t, cfg)
	if !strings.HasPrefix(srv.URL, "http://") {
		t.Fatalf("stand-in at %s, want http://", srv.URL)
	}
	if _, err := wsapi.New(srv.URL, wsapi.Options{}); !errors.Is(err, wsapi.ErrPlainHTTP) {
		t.Fatalf("plain http without AllowHTTP: %v, want ErrPlainHTTP", err)
	}
	c, err := wsapi.New(srv.URL, wsapi.Options{User: testUser, Password: testPassword, AllowHTTP: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Agent(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := wantAgent()
	want.Source = &facts.Source{Kind: facts.SourceAPI, Location: srv.URL, PlainHTTP: true}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(facts.Agent{}, "Errors")); diff != "" {
		t.Errorf("Agent (-want +got):\n%s", diff)
	}
}

// TestHTTPClientOption checks that a caller's HTTP client is used as given (its transport
// trusts the stand-in) and that the stand-in keeps to loopback.
func TestHTTPClientOption(t *testing.T) {
	t.Parallel()
	srv := wsapitest.NewServer(t, goodAgent())
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if h := u.Hostname(); h != "127.0.0.1" && h != "::1" {
		t.Fatalf("stand-in listens on %s, want loopback", h)
	}
	got, err := client(t, srv, wsapi.Options{HTTPClient: srv.Client()}).Agent(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got.DataMinerID == nil || *got.DataMinerID != 212 {
		t.Errorf("dataminer_id = %v, want 212", got.DataMinerID)
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
