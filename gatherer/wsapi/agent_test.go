package wsapi_test

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"net/http/httptest"
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
)

// The credentials the stand-in accepts. The password is distinctive so that a leak into
// any error or fact is found by a plain substring search.
const (
	testUser     = "preflight"
	testPassword = "Pl4nted-S3cret!pw"
	testToken    = "6f1c2d3e-planted-connection-token"
)

func ptr[T any](v T) *T { return &v }

// dms is a DataMiner System of two agents; the one the tests reach (PrimaryIP 127.0.0.1,
// the stand-in's address) is listed second so that picking it proves the matching.
func dms() []wsapitest.DMA {
	return []wsapitest.DMA{
		{ID: 301, Name: "DMA-OTHER", PrimaryIP: "10.11.5.53", Cluster: "Skyline DMS", ElementsActive: 17, ElementsMaximum: 500},
		{ID: 212, Name: "DMA-MAIN", PrimaryIP: "127.0.0.1", Cluster: "Skyline DMS", ElementsActive: 42, ElementsMaximum: 500},
	}
}

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

var wantCluster = &facts.Cluster{
	Name: ptr("Skyline DMS"),
	Members: []facts.ClusterMember{
		{Address: "10.11.5.53", ID: ptr(301)},
		{Address: "127.0.0.1", ID: ptr(212)},
	},
	APIAgentCount: ptr(2),
	APIIsFailover: ptr(false),
}

// wantAgent is what the good agent gives, with the source set by the test.
func wantAgent() facts.Agent {
	return facts.Agent{
		DataMinerID:  ptr(212),
		Version:      wantVersion,
		Cluster:      wantCluster,
		ElementCount: ptr(42),
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
	for _, secret := range []string{testPassword, testToken} {
		if strings.Contains(s, secret) {
			t.Errorf("%s contains a secret %q:\n%s", what, secret, s)
		}
	}
}

func TestAgent(t *testing.T) {
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
			wantCalls: []string{"ConnectAppAndInfo", "GetDataMinerAgentsInfo", "GetDataMinerAgentsLicenseInfo", "LogOut"},
		},
		{
			name:  "bare answers without the d wrapper",
			agent: func(a *wsapitest.Agent) { a.Bare = true },
		},
		{
			name:  "standalone agent listing only itself, matched although its address differs",
			agent: func(a *wsapitest.Agent) { a.DMAs = a.DMAs[:1] },
			want: func(a *facts.Agent) {
				a.DataMinerID = ptr(301)
				a.ElementCount = ptr(17)
				a.Cluster = &facts.Cluster{
					Name:          ptr("Skyline DMS"),
					Members:       []facts.ClusterMember{{Address: "10.11.5.53", ID: ptr(301)}},
					APIAgentCount: ptr(1),
					APIIsFailover: ptr(false),
				}
			},
		},
		{
			name: "agent already in a Failover pair, members added by hostname",
			agent: func(a *wsapitest.Agent) {
				a.DMAs[0].PrimaryIP = "dma-other.example.net"
				a.DMAs[1].IsFailOver = true
			},
			want: func(a *facts.Agent) {
				a.Cluster = &facts.Cluster{
					Name: ptr("Skyline DMS"),
					Members: []facts.ClusterMember{
						{Address: "dma-other.example.net", AddressIsHostname: true, ID: ptr(301)},
						{Address: "127.0.0.1", ID: ptr(212)},
					},
					APIAgentCount: ptr(2),
					APIIsFailover: ptr(true),
				}
			},
		},
		{
			name:       "no ConnectAppAndInfo: falls back to ConnectApp, version unknown",
			agent:      func(a *wsapitest.Agent) { a.NoConnectAppAndInfo = true },
			want:       func(a *facts.Agent) { a.Version = nil },
			wantErrors: map[string]string{"version": "ConnectApp does not report the DataMiner version"},
			wantCalls:  []string{"ConnectAppAndInfo", "ConnectApp", "GetDataMinerAgentsInfo", "GetDataMinerAgentsLicenseInfo", "LogOut"},
		},
		{
			name:       "DMAVersion that is not a version",
			agent:      func(a *wsapitest.Agent) { a.Version = "unknown" },
			want:       func(a *facts.Agent) { a.Version = nil },
			wantErrors: map[string]string{"version": `DMAVersion: "unknown" is not a DataMiner version`},
		},
		{
			name:       "HTTP 500 on GetDataMinerAgentsLicenseInfo only",
			agent:      func(a *wsapitest.Agent) { a.Fail = map[string]int{"GetDataMinerAgentsLicenseInfo": 500} },
			want:       func(a *facts.Agent) { a.ElementCount = nil },
			wantErrors: map[string]string{"element_count": "GetDataMinerAgentsLicenseInfo: HTTP 500: An unexpected error occurred while processing GetDataMinerAgentsLicenseInfo. (System.Exception)"},
		},
		{
			name: "HTTP 500 as a SOAP fault",
			agent: func(a *wsapitest.Agent) {
				a.SOAPFaults = true
				a.Fail = map[string]int{"GetDataMinerAgentsLicenseInfo": 500}
			},
			want:       func(a *facts.Agent) { a.ElementCount = nil },
			wantErrors: map[string]string{"element_count": "GetDataMinerAgentsLicenseInfo: HTTP 500: Server was unable to process request. ---> An unexpected error"},
		},
		{
			name: "malformed JSON from GetDataMinerAgentsInfo, standalone",
			agent: func(a *wsapitest.Agent) {
				a.DMAs = a.DMAs[1:]
				a.Malformed = map[string]bool{"GetDataMinerAgentsInfo": true}
			},
			// The license list has one entry, so the element count is still known.
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
				"element_count": "GetDataMinerAgentsLicenseInfo lists 2 agents and GetDataMinerAgentsInfo did not say which one was reached",
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
				"element_count": "did not say which one was reached",
			},
		},
		{
			name:      "certificate not trusted, verification switched off",
			opts:      wsapi.Options{RootCAs: x509.NewCertPool(), InsecureSkipVerify: true},
			wantCalls: []string{"ConnectAppAndInfo", "GetDataMinerAgentsInfo", "GetDataMinerAgentsLicenseInfo", "LogOut"},
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
			name:      "wrong password, JSON fault",
			opts:      wsapi.Options{User: testUser, Password: "not-" + testPassword},
			want:      []string{"ConnectAppAndInfo: HTTP 500: " + wsapitest.LoginFailedMessage, wsapitest.ExceptionLogin},
			wantCalls: []string{"ConnectAppAndInfo"},
		},
		{
			name:  "wrong user, SOAP fault",
			agent: func(a *wsapitest.Agent) { a.SOAPFaults = true },
			opts:  wsapi.Options{User: "nobody", Password: testPassword},
			want:  []string{"ConnectAppAndInfo: HTTP 500: Server was unable to process request. ---> " + wsapitest.LoginFailedMessage},
		},
		{
			name:  "fault that echoes the password",
			agent: func(a *wsapitest.Agent) { a.EchoPassword = true; a.User = "someone-else" },
			want:  []string{wsapitest.LoginFailedMessage, `password "[redacted]"`},
		},
		{
			name:      "refused by ConnectApp after the fallback",
			agent:     func(a *wsapitest.Agent) { a.NoConnectAppAndInfo = true; a.Password = "other" },
			want:      []string{"ConnectApp: HTTP 500: " + wsapitest.LoginFailedMessage},
			wantCalls: []string{"ConnectAppAndInfo", "ConnectApp"},
		},
		{
			name:  "two-step authentication",
			agent: func(a *wsapitest.Agent) { a.Challenge = true },
			want:  []string{"second authentication step, which dmaprep does not support"},
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
		})
	}
}

func TestAgentContextCancelled(t *testing.T) {
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
	tests := []struct {
		name    string
		url     string
		wantErr string // "" for success
		base    string
	}{
		{name: "https", url: "https://10.11.5.52", base: "https://10.11.5.52"},
		{name: "port and trailing slash", url: "https://dma.example.net:8443/", base: "https://dma.example.net:8443"},
		{name: "IPv6", url: "https://[fd00::52]", base: "https://[fd00::52]"},
		{name: "path prefix behind a proxy", url: "https://proxy.example.net/dma1/", base: "https://proxy.example.net/dma1"},
		{name: "upper-case scheme", url: "HTTPS://dma.example.net", base: "https://dma.example.net"},
		{name: "plain http", url: "http://10.11.5.52", wantErr: "wsapi: http://10.11.5.52: only https:// is supported"},
		{name: "no scheme", url: "10.11.5.52", wantErr: "only https:// is supported"},
		{name: "no host", url: "https://", wantErr: "no host"},
		{name: "query", url: "https://dma.example.net/?x=1", wantErr: "takes no query"},
		{name: "credentials in the URL", url: "https://admin:" + url.PathEscape(testPassword) + "@dma.example.net", wantErr: "the agent URL holds credentials"},
		{name: "not a URL", url: "https://dma example.net:x/" + testPassword, wantErr: "not a URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := wsapi.New(tt.url, wsapi.Options{})
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

// TestHTTPClientOption checks that a caller's HTTP client is used as given (its transport
// trusts the stand-in) and that the stand-in keeps to loopback.
func TestHTTPClientOption(t *testing.T) {
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
