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
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dmaprep/dmaprep/facts"
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

// Errors a call returns (wrapped, with the method) when the connection could not be made
// the way it must, so that a caller can say how to get past them.
var (
	// ErrCertificate is a TLS certificate that does not verify: not signed by a trusted
	// root, expired, or not for the URL's host.
	ErrCertificate = errors.New("the agent's TLS certificate does not verify")
	// ErrNotHTTPS is an https:// URL whose server answers in plain HTTP.
	ErrNotHTTPS = errors.New("the agent answers plain HTTP at an https:// address")
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
		var certErr *tls.CertificateVerificationError
		switch {
		case errors.Is(ctx.Err(), context.DeadlineExceeded) && c.opts.Timeout > 0:
			return fmt.Errorf("%s: no answer within %s: %w", method, c.opts.Timeout, err)
		case errors.As(err, &certErr):
			return fmt.Errorf("%s: %w: %w", method, ErrCertificate, err)
		case errors.Is(err, http.ErrSchemeMismatch):
			return fmt.Errorf("%s: %w", method, ErrNotHTTPS)
		}
		return fmt.Errorf("%s: %w", method, err)
	}
	defer resp.Body.Close()
	// One byte past the limit tells a body at the limit from a larger one, which is
	// refused rather than cut: a cut body would read as "not JSON", hiding the reason.
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err == nil && ctx.Err() != nil {
		// The body "ended" as the time ran out: the server may have closed what it had when
		// the client gave up, which is not the whole answer.
		err = context.Cause(ctx)
	}
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) && c.opts.Timeout > 0 {
			return fmt.Errorf("%s: HTTP %d, but the rest of the answer did not come within %s", method, resp.StatusCode, c.opts.Timeout)
		}
		return fmt.Errorf("%s: HTTP %d, but reading the answer failed: %w", method, resp.StatusCode, err)
	}
	if len(data) > maxBody {
		return &CallError{Method: method, Status: resp.StatusCode,
			Message: fmt.Sprintf("the answer is larger than the limit of %d MiB; not read further", maxBody>>20)}
	}
	if resp.StatusCode != http.StatusOK {
		ce := &CallError{Method: method, Status: resp.StatusCode}
		ce.Message, ce.ExceptionType = parseFault(data)
		if resp.StatusCode >= 300 && resp.StatusCode < 400 {
			ce.Message, ce.ExceptionType = redirectMessage(resp.Header.Get("Location")), ""
		}
		if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden {
			ce.Message = "the agent, or a server in front of it, refused the request (are the user name and password right?)" + joinMessage(ce.Message)
		}
		return ce
	}
	if out == nil {
		return nil
	}
	if err := decodeResult(data, out); err != nil {
		msg := "unreadable answer: " + err.Error()
		if errors.Is(err, errNotJSON) {
			msg += " (" + describeBody(resp.Header.Get("Content-Type"), data) + ")"
		}
		return &CallError{Method: method, Status: resp.StatusCode, Message: msg}
	}
	return nil
}

// joinMessage is ": " and msg, or nothing for an empty msg.
func joinMessage(msg string) string {
	if msg == "" {
		return ""
	}
	return ": " + msg
}

// redirectMessage says where a redirect pointed, without what the address may carry that
// is not for a message: a user and password, a query (a login portal's tokens), a fragment.
func redirectMessage(location string) string {
	if strings.TrimSpace(location) == "" {
		return "a redirect without a Location; redirects are not followed"
	}
	where := "an address that is not a URL"
	if u, err := url.Parse(location); err == nil {
		where = printable(redactURL(u), 200)
	}
	return "redirected to " + where + "; redirects are not followed"
}

// describeBody says what an answer that is not JSON was: its content type and its start.
func describeBody(contentType string, data []byte) string {
	ct := "no Content-Type"
	if contentType != "" {
		ct = "Content-Type " + printable(contentType, 80)
	}
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return ct
	}
	return ct + ", starting " + strconv.Quote(excerptN(data, 60))
}

// errNotJSON is an answer that is not JSON.
var errNotJSON = errors.New("not JSON")

// decodeResult unmarshals a method's result, wrapped as {"d": ...} or bare.
func decodeResult(data []byte, out any) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return errors.New("empty body")
	}
	if !json.Valid(data) {
		return errNotJSON
	}
	// encoding/json takes the last of two "ID" keys and turns invalid UTF-8 into U+FFFD:
	// an answer that says two things, or garbles a name, is refused as a fact document is.
	if _, err := facts.DecodeBytes(data, "body"); err != nil {
		return err
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
			return fmt.Errorf("%s is a JSON %s, not %s", fieldName(te), te.Value, jsonKind(te.Type))
		}
		return err
	}
	return nil
}

// jsonKind names what JSON a Go type is decoded from, for messages: the Go type's own name
// ([]wsapi.dmaInfo) means nothing to someone reading the facts.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "what was expected"
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
				return oneLine(f.Message), oneLine(f.ExceptionType)
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
// What the agent wrote is cut to maxMessage characters and shown without control
// characters, so that it can neither flood the facts nor drive the terminal it is
// printed on.
func oneLine(s string) string {
	return printable(strings.Join(strings.Fields(s), " "), maxMessage)
}

// maxMessage bounds the characters of an agent's message that a message repeats.
const maxMessage = 300

// printable is s with each control character (NUL, ESC, ...) and each byte that is not
// UTF-8 replaced by U+FFFD, cut to at most n characters.
func printable(s string, n int) string {
	var b strings.Builder
	count := 0
	for i, r := range s {
		if count == n {
			if i < len(s) {
				b.WriteString("…")
			}
			break
		}
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), r == '\u2028', r == '\u2029',
			unicode.Is(unicode.Bidi_Control, r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
		count++
	}
	return b.String()
}

// excerpt is at most 200 printable characters of a body that was not a fault.
func excerpt(data []byte) string {
	return excerptN(data, 200)
}

func excerptN(data []byte, n int) string {
	if !utf8.Valid(data) {
		return fmt.Sprintf("%d bytes that are not text", len(data))
	}
	return printable(strings.Join(strings.Fields(string(data)), " "), n)
}
