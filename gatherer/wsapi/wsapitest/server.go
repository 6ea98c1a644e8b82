// Package wsapitest runs a stand-in for a DataMiner Agent's Web Services API v1 (the JSON
// endpoints under /API/v1/Json.asmx/) on loopback, for tests of package wsapi and of the CLI.
//
// It answers the way an ASP.NET script service does: results wrapped as {"d": ...}, objects
// carrying "__type", and failures as HTTP 500 with {"Message", "StackTrace", "ExceptionType"}.
// Options switch to bare results, SOAP faults, unknown methods, slow or malformed answers.
// Where the DataMiner docs do not show an answer (what a refused login looks like), the shape
// is the ASP.NET default and the message text is made up.
package wsapitest

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Faults the stand-in raises.
const (
	// ExceptionNoConnection is what the API raises for an unknown or expired connection ID.
	ExceptionNoConnection = "Skyline.DataMiner.Web.Common.NoConnectionWebApiException"
	// ExceptionLogin is raised for refused credentials (an invented type name; clients must
	// not depend on it).
	ExceptionLogin = "Skyline.DataMiner.Web.Common.WebApiException"
	// LoginFailedMessage is the message of a refused login.
	LoginFailedMessage = "Unable to log on: the user name or password is incorrect."
)

// DMA is one agent of the stand-in's DataMiner System.
type DMA struct {
	ID         int
	Name       string
	PrimaryIP  string
	Cluster    string
	Status     string // "Running" when empty
	IsFailOver bool
	// ElementsActive and ElementsMaximum are its GetDataMinerAgentsLicenseInfo entry.
	ElementsActive  int
	ElementsMaximum int
}

// Agent configures the stand-in.
type Agent struct {
	// User and Password are the only credentials accepted.
	User     string
	Password string
	// Version is DMAConnectAndInfo.DMAVersion, e.g. "10.4.0.0-14511-CU4".
	Version string
	// DMAs are what GetDataMinerAgentsInfo and GetDataMinerAgentsLicenseInfo list.
	DMAs []DMA
	// ConnectionID is the ID a login hands out; a fixed default when empty.
	ConnectionID string

	// Bare answers without the {"d": ...} wrapper.
	Bare bool
	// SOAPFaults sends failures as SOAP faults (text/xml) instead of JSON faults.
	SOAPFaults bool
	// NoConnectAppAndInfo answers ConnectAppAndInfo as an unknown web method (older agents
	// or a restricted API), so clients must fall back to ConnectApp.
	NoConnectAppAndInfo bool
	// Challenge answers a correct login with a two-step authentication challenge.
	Challenge bool
	// EchoPassword puts the password that was sent into the refused-login message, to test
	// that clients never repeat it.
	EchoPassword bool

	// Fail answers the named methods with this HTTP status and a fault.
	Fail map[string]int
	// Delay holds the answer to the named methods this long (or until the client gives up).
	Delay map[string]time.Duration
	// Malformed answers the named methods with a body that is not JSON.
	Malformed map[string]bool

	// Calls, when set, records the methods called, in order.
	Calls *Calls
}

// Calls records the methods a stand-in was asked for.
type Calls struct {
	mu      sync.Mutex
	methods []string
}

// Methods returns the methods called so far.
func (c *Calls) Methods() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.methods...)
}

func (c *Calls) add(m string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.methods = append(c.methods, m)
}

// DefaultConnectionID is the connection ID a login hands out unless Agent.ConnectionID is set.
const DefaultConnectionID = "3295ab57-56e8-456d-94d0-70f98fb3c7b9"

// NewServer starts the stand-in on a loopback HTTPS listener (httptest's own certificate:
// trust srv.Certificate(), or use srv.Client()) and closes it when the test ends.
func NewServer(t testing.TB, a Agent) *httptest.Server {
	t.Helper()
	if a.ConnectionID == "" {
		a.ConnectionID = DefaultConnectionID
	}
	s := &server{a: a, sessions: map[string]bool{}}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	// Handshakes a test makes fail on purpose (an untrusted certificate) are not news.
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

type server struct {
	a        Agent
	mu       sync.Mutex
	sessions map[string]bool
}

const prefix = "/API/v1/Json.asmx/"

func (s *server) serve(w http.ResponseWriter, r *http.Request) {
	// IIS matches the path case-insensitively.
	if !strings.HasPrefix(strings.ToLower(r.URL.Path), strings.ToLower(prefix)) {
		http.NotFound(w, r)
		return
	}
	method := r.URL.Path[len(prefix):]
	s.a.Calls.add(method)
	if r.Method != http.MethodPost {
		// ASP.NET refuses GET for script methods unless UseHttpGet is set.
		s.fault(w, http.StatusInternalServerError, "An attempt was made to call the method '"+method+"' using a GET request, which is not allowed.", "System.InvalidOperationException")
		return
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/json" {
		s.fault(w, http.StatusInternalServerError, "Request format is invalid: "+ct+".", "System.InvalidOperationException")
		return
	}
	params, err := readParams(r)
	if err != nil {
		s.fault(w, http.StatusInternalServerError, "Invalid JSON primitive: "+err.Error(), "System.ArgumentException")
		return
	}
	if d, ok := s.a.Delay[method]; ok {
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return
		}
	}
	if status, ok := s.a.Fail[method]; ok {
		s.fault(w, status, "An unexpected error occurred while processing "+method+".", "System.Exception")
		return
	}
	if s.a.Malformed[method] {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		io.WriteString(w, `{"d":[{"__type":"Skyline.DataMiner.Web.Common.v1.DMAInfo","ID":`)
		return
	}

	switch method {
	case "ConnectAppAndInfo":
		if s.a.NoConnectAppAndInfo {
			s.unknownMethod(w, method)
			return
		}
		if !s.login(w, params) {
			return
		}
		if s.a.Challenge {
			s.result(w, map[string]any{
				"__type":      "Skyline.DataMiner.Web.Common.v1.DMAConnectAndInfo",
				"Connection":  "",
				"MessageType": "Challenge",
				"Message":     "Enter the code sent to your phone.",
			})
			return
		}
		s.result(w, map[string]any{
			"__type":                     "Skyline.DataMiner.Web.Common.v1.DMAConnectAndInfo",
			"Connection":                 s.open(),
			"Message":                    "",
			"MessageType":                "",
			"DMAVersion":                 s.a.Version,
			"Time":                       "2026-01-01 12:00:00",
			"TimeUTC":                    1767268800000,
			"SLNetConnectionID":          "c0ffee00-0000-4000-8000-000000000001",
			"HasDelegatedAuthentication": false,
			"ClusterInfo":                map[string]any{"IsCassandraActive": true, "IsSearchActive": true},
		})
	case "ConnectApp":
		if !s.login(w, params) {
			return
		}
		s.result(w, s.open())
	case "LogOut":
		s.mu.Lock()
		delete(s.sessions, str(params, "connection"))
		s.mu.Unlock()
		s.result(w, nil)
	case "GetDataMinerAgentsInfo":
		if !s.connected(w, params) {
			return
		}
		out := make([]map[string]any, 0, len(s.a.DMAs))
		for _, d := range s.a.DMAs {
			status := d.Status
			if status == "" {
				status = "Running"
			}
			out = append(out, map[string]any{
				"__type":        "Skyline.DataMiner.Web.Common.v1.DMAInfo",
				"ID":            d.ID,
				"Name":          d.Name,
				"PrimaryIP":     d.PrimaryIP,
				"Cluster":       d.Cluster,
				"Status":        status,
				"IsFailOver":    d.IsFailOver,
				"LastChangeUTC": 1767268800000,
			})
		}
		s.result(w, out)
	case "GetDataMinerAgentsLicenseInfo":
		if !s.connected(w, params) {
			return
		}
		out := make([]map[string]any, 0, len(s.a.DMAs))
		for _, d := range s.a.DMAs {
			out = append(out, map[string]any{
				"__type":                "Skyline.DataMiner.Web.Common.v1.DMALicenseInfo",
				"ID":                    d.ID,
				"Name":                  d.Name,
				"AmountElementsMaximum": d.ElementsMaximum,
				"AmountElementsActive":  d.ElementsActive,
			})
		}
		s.result(w, out)
	default:
		s.unknownMethod(w, method)
	}
}

// readParams decodes the body: one JSON object of parameters, matched case-insensitively
// as ASP.NET does.
func readParams(r *http.Request) (map[string]any, error) {
	var raw map[string]any
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return nil, err
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		return map[string]any{}, nil
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, err
	}
	params := make(map[string]any, len(raw))
	for k, v := range raw {
		params[strings.ToLower(k)] = v
	}
	return params, nil
}

func str(params map[string]any, key string) string {
	s, _ := params[strings.ToLower(key)].(string)
	return s
}

func (s *server) login(w http.ResponseWriter, params map[string]any) bool {
	if str(params, "login") == s.a.User && str(params, "password") == s.a.Password && s.a.User != "" {
		return true
	}
	msg := LoginFailedMessage
	if s.a.EchoPassword {
		msg += fmt.Sprintf(" (login %q, password %q)", str(params, "login"), str(params, "password"))
	}
	s.fault(w, http.StatusInternalServerError, msg, ExceptionLogin)
	return false
}

func (s *server) open() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions[s.a.ConnectionID] = true
	return s.a.ConnectionID
}

func (s *server) connected(w http.ResponseWriter, params map[string]any) bool {
	s.mu.Lock()
	ok := s.sessions[str(params, "connection")]
	s.mu.Unlock()
	if !ok {
		s.fault(w, http.StatusInternalServerError, "No connection available", ExceptionNoConnection)
	}
	return ok
}

func (s *server) unknownMethod(w http.ResponseWriter, method string) {
	s.fault(w, http.StatusInternalServerError, "Unknown web method "+method+".\r\nParameter name: methodName", "System.ArgumentException")
}

func (s *server) result(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if !s.a.Bare {
		v = map[string]any{"d": v}
	}
	_ = json.NewEncoder(w).Encode(v)
}

func (s *server) fault(w http.ResponseWriter, status int, message, exceptionType string) {
	if s.a.SOAPFaults {
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process request. ---&gt; %s</faultstring><detail /></soap:Fault></soap:Body></soap:Envelope>`, html.EscapeString(message))
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("jsonerror", "true") // ASP.NET marks its JSON faults so
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"Message":       message,
		"StackTrace":    "   at Skyline.DataMiner.Web.Api.v1.Json.Invoke()",
		"ExceptionType": exceptionType,
	})
}
