// Package wsapitest runs a stand-in for a DataMiner Agent's Web Services API v1 (the JSON
// endpoints under /API/v1/Json.asmx/) on loopback, for tests of package wsapi and of the CLI.
//
// It answers as the Web Services API v1 reference in the DataMiner docs describes a real
// agent (develop/webservices/WS_v1: ConnectAppAndInfo, DMAConnectAndInfo, ConnectApp,
// GetDataMinerAgentsInfo, DMAInfo, GetDataMinerAgentsStatistics, DMAStatistics,
// GetDataMinerAgentsLicenseInfo, LogOut), not as a client would like it to:
//
//   - A refused login is in band: ConnectAppAndInfo answers HTTP 200 with an empty
//     Connection, and Message and MessageType saying what went wrong (DMAConnectAndInfo).
//   - Two-step authentication hands out a Connection together with MessageType "Challenge"
//     and the challenge in Message; that connection serves nothing but
//     ConnectAppAndInfoStep2 and LogOut until the challenge is answered.
//   - GetDataMinerAgentsInfo lists every agent of the DMS, the one asked among them, with no
//     marker for "this agent"; names need not be the URL's host. A standalone agent's
//     Cluster is "DMS", the default cluster name of a new installation.
//   - Parameters are matched by their exact, case-sensitive names, and a missing one is a
//     fault.
//
// Where the docs are silent the stand-in has options, so that clients are tested against
// more than one form: the exact MessageType values of a refused login (LoginRefusal), the
// shape of a fault (JSON or SOAP, SOAPFaults), the text of DMAVersion (Version is sent as
// given), the result wrapper ({"d": ...} or bare), and what ConnectApp, which returns only a
// string, does on refused credentials (a fault: nothing else fits a string result). The
// fault texts are those ASP.NET script services use; the docs do not show them.
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

// Faults and messages the stand-in sends.
const (
	// ExceptionNoConnection is what the API raises for an unknown or expired connection ID;
	// the docs name its message, "No connection available".
	ExceptionNoConnection = "Skyline.DataMiner.Web.Common.NoConnectionWebApiException"
	// ExceptionInvalidOperation is the ASP.NET fault type for a call it cannot bind, such as
	// a missing parameter.
	ExceptionInvalidOperation = "System.InvalidOperationException"
	// LoginFailedMessage is the Message of a refused login (made up: the docs show none).
	LoginFailedMessage = "Unable to log on: the user name or password is incorrect."
	// ChallengeMessage is the Message of a two-step authentication challenge.
	ChallengeMessage = "Enter the code sent to your phone."
	// DefaultCluster is the cluster name of an agent that never joined a DMS.
	DefaultCluster = "DMS"
)

// LoginRefusal is how a refused login is answered. The docs say only that Message and
// MessageType tell what went wrong; the MessageType values are not listed.
type LoginRefusal int

const (
	// RefuseInBand answers HTTP 200 with MessageType "Error" (the default).
	RefuseInBand LoginRefusal = iota
	// RefuseInBandOtherType answers HTTP 200 with another MessageType, "Warning".
	RefuseInBandOtherType
	// RefuseWithFault answers with a fault (HTTP 500), as a front end might.
	RefuseWithFault
)

// DMA is one agent of the stand-in's DataMiner System.
type DMA struct {
	ID         int
	Name       string
	PrimaryIP  string
	Cluster    string // DefaultCluster when empty
	Status     string // "Running" when empty
	IsFailOver bool
	// Elements and ElementsActive are its GetDataMinerAgentsStatistics entry
	// (AmountElements, AmountElementsActive); ElementsActive and ElementsMaximum its
	// GetDataMinerAgentsLicenseInfo entry.
	Elements        int
	ElementsActive  int
	ElementsMaximum int
}

// Agent configures the stand-in.
type Agent struct {
	// User and Password are the only credentials accepted.
	User     string
	Password string
	// Version is DMAConnectAndInfo.DMAVersion, sent as given.
	Version string
	// DMAs are what GetDataMinerAgentsInfo, GetDataMinerAgentsStatistics and
	// GetDataMinerAgentsLicenseInfo list.
	DMAs []DMA
	// ConnectionID is the ID a login hands out; a fixed default when empty.
	ConnectionID string

	// PlainHTTP serves http:// instead of https://.
	PlainHTTP bool
	// Bare answers without the {"d": ...} wrapper.
	Bare bool
	// SOAPFaults sends failures as SOAP faults (text/xml) instead of JSON faults.
	SOAPFaults bool
	// LoginRefusal is how refused credentials are answered.
	LoginRefusal LoginRefusal
	// NoConnectAppAndInfo answers ConnectAppAndInfo as an unknown web method (older agents
	// or a restricted API), so clients must fall back to ConnectApp.
	NoConnectAppAndInfo bool
	// NoStatistics answers GetDataMinerAgentsStatistics as an unknown web method.
	NoStatistics bool
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
	// Answers replace the answer to the named methods, whatever their parameters and
	// session: what a broken or hostile agent, or something in front of it, may send. An
	// answer to ConnectAppAndInfo or ConnectApp opens the session (ConnectionID) all the same.
	Answers map[string]Answer

	// Calls, when set, records the methods called, in order, and the connections logged out.
	Calls *Calls
}

// Answer is a raw answer to one method.
type Answer struct {
	// Status is the HTTP status; 200 when zero.
	Status int
	// Header is sent as given (Content-Type included: none is added).
	Header map[string]string
	// Body is sent as given, Repeat times when Repeat is above one.
	Body   string
	Repeat int
	// Endless sends Body (not empty) over and over until the client hangs up: a body
	// larger than any limit, which only a client that stops reading ends.
	Endless bool
	// StallHeaders holds the answer until the client gives up; StallBody sends the status,
	// the headers and Body, then holds the rest of the body until the client gives up.
	StallHeaders bool
	StallBody    bool
}

// serve writes the answer; it returns when it is sent or the client has gone.
func (a Answer) serve(w http.ResponseWriter, r *http.Request) {
	if a.StallHeaders {
		<-r.Context().Done()
		return
	}
	for k, v := range a.Header {
		w.Header().Set(k, v)
	}
	if a.Endless || a.StallBody || a.Repeat > 1 {
		// The length is unknown: the client cannot tell the end of the body by it.
		w.Header().Del("Content-Length")
	}
	status := a.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	endless := a.Endless && a.Body != "" // an empty body would spin without end
	for i := 0; i < max(a.Repeat, 1) || endless; i++ {
		if _, err := io.WriteString(w, a.Body); err != nil {
			return
		}
	}
	if a.StallBody {
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		<-r.Context().Done()
		// The body never ends: the connection is cut rather than the chunked body closed,
		// which would make what was sent read as the whole answer.
		panic(http.ErrAbortHandler)
	}
}

// Calls records what a stand-in was asked for.
type Calls struct {
	mu        sync.Mutex
	methods   []string
	loggedOut []string
}

// Methods returns the methods called so far.
func (c *Calls) Methods() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.methods...)
}

// LoggedOut returns the connection IDs LogOut was called with.
func (c *Calls) LoggedOut() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.loggedOut...)
}

func (c *Calls) add(m string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.methods = append(c.methods, m)
}

func (c *Calls) logout(conn string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.loggedOut = append(c.loggedOut, conn)
}

// DefaultConnectionID is the connection ID a login hands out unless Agent.ConnectionID is set.
const DefaultConnectionID = "3295ab57-56e8-456d-94d0-70f98fb3c7b9"

// NewServer starts the stand-in on a loopback listener, HTTPS with httptest's own
// certificate (trust srv.Certificate(), or use srv.Client()) unless a.PlainHTTP, and closes
// it when the test ends.
func NewServer(t testing.TB, a Agent) *httptest.Server {
	t.Helper()
	if a.ConnectionID == "" {
		a.ConnectionID = DefaultConnectionID
	}
	s := &server{a: a, sessions: map[string]sessionState{}}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	// Handshakes a test makes fail on purpose (an untrusted certificate) are not news.
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	if a.PlainHTTP {
		srv.Start()
	} else {
		srv.StartTLS()
	}
	t.Cleanup(srv.Close)
	return srv
}

type sessionState int

const (
	noSession sessionState = iota
	challenged
	open
)

type server struct {
	a        Agent
	mu       sync.Mutex
	sessions map[string]sessionState
}

const prefix = "/API/v1/Json.asmx/"

// parameters are the input of each method the stand-in knows, by exact name.
var parameters = map[string][]string{
	"ConnectAppAndInfo":             {"host", "login", "password", "clientAppName", "clientAppVersion", "clientComputerName"},
	"ConnectApp":                    {"host", "login", "password", "clientAppName", "clientAppVersion", "clientComputerName"},
	"ConnectAppAndInfoStep2":        {"connection", "challengeResponse"},
	"LogOut":                        {"connection"},
	"GetDataMinerAgentsInfo":        {"connection"},
	"GetDataMinerAgentsStatistics":  {"connection"},
	"GetDataMinerAgentsLicenseInfo": {"connection"},
}

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
		s.fault(w, http.StatusInternalServerError, "An attempt was made to call the method '"+method+"' using a GET request, which is not allowed.", ExceptionInvalidOperation)
		return
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/json" {
		s.fault(w, http.StatusInternalServerError, "Request format is invalid: "+ct+".", ExceptionInvalidOperation)
		return
	}
	params, err := readParams(r)
	if err != nil {
		s.fault(w, http.StatusInternalServerError, "Invalid JSON primitive: "+err.Error(), "System.ArgumentException")
		return
	}
	names, known := parameters[method]
	if !known || (method == "ConnectAppAndInfo" && s.a.NoConnectAppAndInfo) || (method == "GetDataMinerAgentsStatistics" && s.a.NoStatistics) {
		s.fault(w, http.StatusInternalServerError, "Unknown web method "+method+".\r\nParameter name: methodName", "System.ArgumentException")
		return
	}
	// Names are bound as spelled: "Connection" does not fill "connection".
	for _, name := range names {
		if _, ok := params[name]; !ok {
			s.fault(w, http.StatusInternalServerError, "Invalid web service call, missing value for parameter: '"+name+"'.", ExceptionInvalidOperation)
			return
		}
	}
	if a, ok := s.a.Answers[method]; ok {
		if method == "ConnectAppAndInfo" || method == "ConnectApp" {
			// The login "worked", whatever it answered: the methods after it answer as
			// usual, so that one broken answer is tested at a time.
			s.open(open)
		}
		a.serve(w, r)
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
		s.connectAppAndInfo(w, params)
	case "ConnectApp":
		if !s.credentialsOK(params) {
			s.fault(w, http.StatusInternalServerError, s.refusal(params), "Skyline.DataMiner.Web.Common.WebApiException")
			return
		}
		s.result(w, s.open(open))
	case "ConnectAppAndInfoStep2":
		// dmaprep never answers a challenge; a stand-in that accepted any answer would
		// prove nothing, so every answer is wrong.
		if s.state(str(params, "connection")) != challenged {
			s.noConnection(w)
			return
		}
		s.result(w, map[string]any{"__type": connectAndInfoType, "Connection": "", "MessageType": "Error", "Message": "The verification code is not valid."})
	case "LogOut":
		conn := str(params, "connection")
		s.a.Calls.logout(conn)
		s.mu.Lock()
		delete(s.sessions, conn)
		s.mu.Unlock()
		s.result(w, nil)
	case "GetDataMinerAgentsInfo":
		if s.state(str(params, "connection")) != open {
			s.noConnection(w)
			return
		}
		s.result(w, s.list(func(d DMA) map[string]any {
			status := d.Status
			if status == "" {
				status = "Running"
			}
			cluster := d.Cluster
			if cluster == "" {
				cluster = DefaultCluster
			}
			return map[string]any{
				"__type": "Skyline.DataMiner.Web.Common.v1.DMAInfo", "ID": d.ID, "Name": d.Name,
				"PrimaryIP": d.PrimaryIP, "Cluster": cluster, "Status": status, "IsFailOver": d.IsFailOver,
				"LastChangeUTC": 1767268800000,
			}
		}))
	case "GetDataMinerAgentsStatistics":
		if s.state(str(params, "connection")) != open {
			s.noConnection(w)
			return
		}
		s.result(w, s.list(func(d DMA) map[string]any {
			return map[string]any{
				"__type": "Skyline.DataMiner.Web.Common.v1.DMAStatistics", "ID": d.ID,
				"AmountElements": d.Elements, "AmountElementsActive": d.ElementsActive, "AmountServices": 0,
			}
		}))
	case "GetDataMinerAgentsLicenseInfo":
		if s.state(str(params, "connection")) != open {
			s.noConnection(w)
			return
		}
		s.result(w, s.list(func(d DMA) map[string]any {
			return map[string]any{
				"__type": "Skyline.DataMiner.Web.Common.v1.DMALicenseInfo", "ID": d.ID, "Name": d.Name,
				"AmountElementsMaximum": d.ElementsMaximum, "AmountElementsActive": d.ElementsActive,
			}
		}))
	}
}

const connectAndInfoType = "Skyline.DataMiner.Web.Common.v1.DMAConnectAndInfo"

func (s *server) connectAppAndInfo(w http.ResponseWriter, params map[string]any) {
	if !s.credentialsOK(params) {
		switch s.a.LoginRefusal {
		case RefuseWithFault:
			s.fault(w, http.StatusInternalServerError, s.refusal(params), "Skyline.DataMiner.Web.Common.WebApiException")
		case RefuseInBandOtherType:
			s.result(w, map[string]any{"__type": connectAndInfoType, "Connection": "", "MessageType": "Warning", "Message": s.refusal(params)})
		default:
			s.result(w, map[string]any{"__type": connectAndInfoType, "Connection": "", "MessageType": "Error", "Message": s.refusal(params)})
		}
		return
	}
	if s.a.Challenge {
		s.result(w, map[string]any{
			"__type":      connectAndInfoType,
			"Connection":  s.open(challenged),
			"MessageType": "Challenge",
			"Message":     ChallengeMessage,
		})
		return
	}
	s.result(w, map[string]any{
		"__type":                     connectAndInfoType,
		"Connection":                 s.open(open),
		"Message":                    "",
		"MessageType":                "",
		"DMAVersion":                 s.a.Version,
		"Time":                       "2026-01-01 12:00:00",
		"TimeUTC":                    1767268800000,
		"SLNetConnectionID":          "c0ffee00-0000-4000-8000-000000000001",
		"HasDelegatedAuthentication": false,
		"ClusterInfo":                map[string]any{"IsCassandraActive": true, "IsSearchActive": true},
	})
}

// readParams decodes the body: one JSON object of parameters, without a root element.
func readParams(r *http.Request) (map[string]any, error) {
	params := map[string]any{}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return nil, err
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		return params, nil
	}
	if err := json.Unmarshal(body, &params); err != nil {
		return nil, err
	}
	return params, nil
}

func str(params map[string]any, key string) string {
	s, _ := params[key].(string)
	return s
}

func (s *server) credentialsOK(params map[string]any) bool {
	return s.a.User != "" && str(params, "login") == s.a.User && str(params, "password") == s.a.Password
}

func (s *server) refusal(params map[string]any) string {
	msg := LoginFailedMessage
	if s.a.EchoPassword {
		msg += fmt.Sprintf(" (login %q, password %q)", str(params, "login"), str(params, "password"))
	}
	return msg
}

func (s *server) open(state sessionState) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions[s.a.ConnectionID] = state
	return s.a.ConnectionID
}

func (s *server) state(conn string) sessionState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions[conn]
}

func (s *server) noConnection(w http.ResponseWriter) {
	s.fault(w, http.StatusInternalServerError, "No connection available", ExceptionNoConnection)
}

func (s *server) list(entry func(DMA) map[string]any) []map[string]any {
	out := make([]map[string]any, 0, len(s.a.DMAs))
	for _, d := range s.a.DMAs {
		out = append(out, entry(d))
	}
	return out
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
