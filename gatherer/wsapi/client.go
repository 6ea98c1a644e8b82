// Package wsapi reads an agent's facts through the DataMiner Web Services API v1, the JSON
// endpoints at https://HOST/API/v1/Json.asmx/<Method> (develop/webservices/WS_v1 in the
// DataMiner docs).
//
// Every method is a POST whose body is a JSON object holding the method's parameters, without
// a root element. ASP.NET script services wrap what a method returns as {"d": ...}; older
// hosts and some proxies answer the bare value, so both are accepted. A method that fails
// answers HTTP 500 with an ASP.NET JSON fault ({"Message", "ExceptionType", "StackTrace"}) or,
// behind some front ends, a SOAP fault (<faultstring>); both are read.
//
// HTTPS is spoken unless the caller allows plain HTTP (HTTPS is optional on an agent, but the
// login sends the password, in the clear over HTTP). Certificates are verified unless the
// caller turns that off. Nothing this package writes (errors, facts) contains the password or
// the connection ID the agent hands out.
package wsapi

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dmaprep/dmaprep/gatherer/source"
)

// ClientAppName is the clientAppName the login sends; DataMiner writes it to its audit trail.
const ClientAppName = "dmaprep"

// maxBody bounds how much of a response is read.
const maxBody = 8 << 20

// Options configure a Client.
type Options struct {
	// User and Password are the DataMiner account to log in with.
	User     string
	Password string
	// RootCAs are the roots the agent's certificate must chain to: the system roots plus
	// any the operator trusts, as the caller builds them. Nil means the system roots.
	RootCAs *x509.CertPool
	// InsecureSkipVerify accepts any certificate (the operator's choice, recorded in the
	// facts).
	InsecureSkipVerify bool
	// AllowHTTP accepts http:// URLs; the facts then record plain_http.
	AllowHTTP bool
	// AgentAddresses are the agent's own IP addresses as the operator gave them; with the
	// URL's host and its resolved addresses they pick the agent reached among those
	// GetDataMinerAgentsInfo lists.
	AgentAddresses []netip.Addr
	// LookupHost resolves the URL's host name for that choice; nil means the system
	// resolver. Not called for a URL whose host is an IP address.
	LookupHost func(ctx context.Context, host string) ([]string, error)
	// Timeout bounds each API call; zero means no bound beyond the context's.
	Timeout time.Duration
	// ClientVersion is sent as clientAppVersion (the dmaprep version); optional.
	ClientVersion string
	// HTTPClient replaces the client New would build (tests). Its transport then decides
	// about TLS; redirects are still refused.
	HTTPClient *http.Client
}

// Client talks to one agent's Web Services API.
type Client struct {
	base     string // as given, without a trailing slash
	endpoint string // base + "/API/v1/Json.asmx/"
	host     string // host[:port], for messages
	hostname string // host without port, to find the agent in GetDataMinerAgentsInfo
	plain    bool   // http://
	opts     Options
	http     *http.Client
}

// Errors New returns (wrapped, with the URL) for a URL it refuses, so that a caller can
// say how to get past them.
var (
	// ErrPlainHTTP is an http:// URL when plain HTTP is not allowed.
	ErrPlainHTTP = errors.New("plain HTTP to the agent API is not allowed: the password would cross the network in the clear; use https://")
	// ErrCredentialsInURL is a URL with a user or password in it, where anyone who sees
	// the command line or the facts would read them.
	ErrCredentialsInURL = errors.New("the agent URL holds credentials; give them through the environment or a password file instead")
)

// New returns a client for the agent at baseURL ("https://HOST" or "https://HOST:PORT";
// "http://..." only with opts.AllowHTTP).
func New(baseURL string, opts Options) (*Client, error) {
	src := source.Parse(baseURL)
	if !src.IsURL() {
		return nil, errors.New("wsapi: the agent address must start with https:// (or http:// where plain HTTP is allowed)")
	}
	u, err := url.Parse(strings.TrimSpace(baseURL))
	if err != nil {
		// url.Error quotes the URL, which may hold credentials someone typed into it.
		return nil, errors.New("wsapi: the agent address is not a URL")
	}
	if u.User != nil {
		return nil, fmt.Errorf("wsapi: %w", ErrCredentialsInURL)
	}
	if src.PlainHTTP() && !opts.AllowHTTP {
		return nil, fmt.Errorf("wsapi: %s: %w", redactURL(u), ErrPlainHTTP)
	}
	scheme := strings.ToLower(u.Scheme)
	if u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("wsapi: %s: no host", redactURL(u))
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("wsapi: %s: the agent URL takes no query or fragment", redactURL(u))
	}
	base := scheme + "://" + u.Host + strings.TrimRight(u.EscapedPath(), "/")
	c := &Client{
		base:     base,
		endpoint: base + "/API/v1/Json.asmx/",
		host:     u.Host,
		hostname: u.Hostname(),
		plain:    src.PlainHTTP(),
		opts:     opts,
	}
	if opts.HTTPClient != nil {
		hc := *opts.HTTPClient
		c.http = &hc
	} else {
		c.http = &http.Client{Transport: &http.Transport{
			Proxy: http.ProxyFromEnvironment,
			TLSClientConfig: &tls.Config{
				MinVersion:         tls.VersionTLS12,
				RootCAs:            opts.RootCAs,
				InsecureSkipVerify: opts.InsecureSkipVerify, //nolint:gosec // the operator's explicit choice, recorded in the fact document
			},
			TLSHandshakeTimeout: 10 * time.Second,
			ForceAttemptHTTP2:   true,
		}}
	}
	// A redirect would resend the login body (307/308) or drop it; either way the answer is
	// not the agent's. Never follow one.
	c.http.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c, nil
}

// BaseURL is the agent's address as the client uses it (the fact document's source location).
func (c *Client) BaseURL() string { return c.base }

func redactURL(u *url.URL) string {
	v := *u
	v.User = nil
	v.RawQuery = ""
	v.Fragment = ""
	return v.String()
}

// CallError is a Web Services method that answered with an error.
type CallError struct {
	Method string
	// Status is the HTTP status; 200 for a well-formed answer that could not be used.
	Status int
	// Message and ExceptionType come from the fault the agent sent, when it sent one.
	Message       string
	ExceptionType string
}

func (e *CallError) Error() string {
	var b strings.Builder
	b.WriteString(e.Method)
	if e.Status != 0 {
		fmt.Fprintf(&b, ": HTTP %d", e.Status)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.ExceptionType != "" {
		fmt.Fprintf(&b, " (%s)", e.ExceptionType)
	}
	return b.String()
}

// NotFound tells whether the agent does not know the method: an HTTP 404, or the fault
// ASP.NET raises for an unknown web method.
func (e *CallError) NotFound() bool {
	if e.Status == http.StatusNotFound {
		return true
	}
	return strings.Contains(strings.ToLower(e.Message), "unknown web method")
}

// NoConnection tells whether the agent no longer knows the connection ID (it expires after
// five minutes idle).
func (e *CallError) NoConnection() bool {
	return strings.Contains(e.ExceptionType, "NoConnectionWebApiException")
}

// call POSTs params to method and decodes what it returns into out (nil: ignore the result).
func (c *Client) call(ctx context.Context, method string, params map[string]any, out any) error {
	if c.opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.opts.Timeout)
		defer cancel()
	}
	body, err := json.Marshal(params)
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint+method, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) && c.opts.Timeout > 0 {
			return fmt.Errorf("%s: no answer within %s: %w", method, c.opts.Timeout, err)
		}
		return fmt.Errorf("%s: %w", method, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return fmt.Errorf("%s: reading the answer: %w", method, err)
	}
	if resp.StatusCode != http.StatusOK {
		ce := &CallError{Method: method, Status: resp.StatusCode}
		ce.Message, ce.ExceptionType = parseFault(data)
		if resp.StatusCode >= 300 && resp.StatusCode < 400 {
			ce.Message = "redirected to " + resp.Header.Get("Location") + "; redirects are not followed"
		}
		return ce
	}
	if out == nil {
		return nil
	}
	if err := decodeResult(data, out); err != nil {
		return &CallError{Method: method, Status: resp.StatusCode, Message: "unreadable answer: " + err.Error()}
	}
	return nil
}

// decodeResult unmarshals a method's result, wrapped as {"d": ...} or bare.
func decodeResult(data []byte, out any) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return errors.New("empty body")
	}
	if !json.Valid(data) {
		return errors.New("not JSON")
	}
	if data[0] == '{' {
		var wrapper map[string]json.RawMessage
		if err := json.Unmarshal(data, &wrapper); err == nil {
			if d, ok := wrapper["d"]; ok && len(wrapper) == 1 {
				data = d
			}
		}
	}
	if err := json.Unmarshal(data, out); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return fmt.Errorf("%s is a JSON %s, not the expected %s", fieldName(te), te.Value, te.Type)
		}
		return err
	}
	return nil
}

func fieldName(te *json.UnmarshalTypeError) string {
	if te.Field != "" {
		return te.Field
	}
	return "the result"
}

// parseFault reads the message of an ASP.NET JSON fault or a SOAP fault; for anything else
// it returns a short, printable excerpt of the body.
func parseFault(data []byte) (message, exceptionType string) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return "", ""
	}
	if data[0] == '{' {
		var f struct {
			Message       string `json:"Message"`
			ExceptionType string `json:"ExceptionType"`
			D             *struct {
				Message       string `json:"Message"`
				ExceptionType string `json:"ExceptionType"`
			} `json:"d"`
		}
		if json.Unmarshal(data, &f) == nil {
			if f.Message == "" && f.D != nil {
				f.Message, f.ExceptionType = f.D.Message, f.D.ExceptionType
			}
			if f.Message != "" || f.ExceptionType != "" {
				return oneLine(f.Message), f.ExceptionType
			}
		}
	}
	if data[0] == '<' {
		if s := soapFaultString(data); s != "" {
			return oneLine(s), ""
		}
	}
	return excerpt(data), ""
}

// soapFaultString returns the <faultstring> (SOAP 1.1) or <Reason><Text> (SOAP 1.2) of a
// SOAP fault, whatever the namespace prefixes.
func soapFaultString(data []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var inReason bool
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Local == "faultstring", inReason && t.Name.Local == "Text":
				var s string
				if dec.DecodeElement(&s, &t) == nil {
					return strings.TrimSpace(s)
				}
				return ""
			case t.Name.Local == "Reason":
				inReason = true
			}
		case xml.EndElement:
			if t.Name.Local == "Reason" {
				inReason = false
			}
		}
	}
}

// oneLine folds a message to one line: ASP.NET messages carry "\r\nParameter name: ...".
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// excerpt is at most 200 printable characters of a body that was not a fault.
func excerpt(data []byte) string {
	if !utf8.Valid(data) {
		return fmt.Sprintf("%d bytes that are not text", len(data))
	}
	s := oneLine(string(data))
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	return s
}
