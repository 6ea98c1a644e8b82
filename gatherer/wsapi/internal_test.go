package wsapi

import (
	"context"
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSelf(t *testing.T) {
	t.Parallel()
	dmas := []dmaInfo{
		{ID: 1, Name: "DMA-A", PrimaryIP: "10.0.0.1"},
		{ID: 2, Name: "DMA-B", PrimaryIP: "10.0.0.2"},
		{ID: 3, Name: "dma-c", PrimaryIP: "dma-c.example.net"},
		{ID: 4, Name: "DMA-D", PrimaryIP: "fd00::4"},
	}
	// The resolver the tests give: names under .example.org resolve, others do not exist.
	lookup := func(_ context.Context, host string) ([]string, error) {
		switch host {
		case "fo-b.example.org":
			return []string{"10.0.0.2"}, nil
		case "alias.example.org":
			return []string{"10.0.0.1", "10.0.0.2"}, nil
		}
		return nil, errors.New("no such host")
	}
	tests := []struct {
		url     string
		given   []netip.Addr // the operator's addresses for the agent
		want    flexInt
		wantErr string
	}{
		{url: "https://10.0.0.2", want: 2},
		{url: "https://10.0.0.2:8443", want: 2},
		{url: "https://[fd00:0::4]", want: 4},                                                          // same IPv6 address, other spelling
		{url: "https://dma-c.example.net", want: 3},                                                    // PrimaryIP is the name (added by hostname)
		{url: "https://DMA-B.corp.example", want: 2},                                                   // Name is the URL's first label
		{url: "https://dma-b", want: 2},                                                                // Name is the URL
		{url: "https://fo-b.example.org", want: 2},                                                     // the URL's name resolves to its PrimaryIP
		{url: "https://127.0.0.1:8443", given: []netip.Addr{netip.MustParseAddr("10.0.0.1")}, want: 1}, // a tunnel; the operator's address decides
		{url: "https://10.9.9.9", wantErr: "lists 4 agents (ID 1 DMA-A 10.0.0.1, ID 2 DMA-B 10.0.0.2, ID 3 dma-c dma-c.example.net, ID 4 DMA-D fd00::4) and none has the address or name 10.9.9.9; give the agent's own IP address"},
		{url: "https://vip.example.net", wantErr: "none has the address or name vip.example.net (its lookup failed: no such host)"},
		{url: "https://10.0.0.1.example.net", wantErr: "none has the address or name"}, // a name, not the IP 10.0.0.1
		{url: "https://alias.example.org", wantErr: "2 of them (ID 1 DMA-A 10.0.0.1, ID 2 DMA-B 10.0.0.2) match alias.example.org"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			c, err := New(tt.url, Options{AgentAddresses: tt.given, LookupHost: lookup})
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.self(context.Background(), dmas)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("self = agent %d, %v; want an error containing %q", got.ID, err, tt.wantErr)
				}
				return
			}
			if err != nil || got.ID != tt.want {
				t.Errorf("self = agent %d, %v; want %d", got.ID, err, tt.want)
			}
		})
	}
	t.Run("one entry is the agent itself, whatever its address", func(t *testing.T) {
		c, err := New("https://10.9.9.9", Options{LookupHost: lookup})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := c.self(context.Background(), dmas[3:]); err != nil || got.ID != 4 {
			t.Errorf("self = agent %d, %v; want 4", got.ID, err)
		}
	})
}

func TestDecodeResult(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		body    string
		want    []dmaInfo
		wantErr string
	}{
		{name: "wrapped", body: `{"d":[{"__type":"Skyline.DataMiner.Web.Common.v1.DMAInfo","ID":7,"Name":"A"}]}`, want: []dmaInfo{{ID: 7, Name: "A"}}},
		{name: "bare", body: ` [{"ID":7,"Name":"A"}] `, want: []dmaInfo{{ID: 7, Name: "A"}}},
		{name: "ID as a string", body: `{"d":[{"ID":"7"}]}`, want: []dmaInfo{{ID: 7}}},
		{name: "null result", body: `{"d":null}`},
		{name: "empty", body: ``, wantErr: "empty body"},
		{name: "truncated", body: `{"d":[{"ID":`, wantErr: "not JSON"},
		{name: "HTML", body: `<html>oops</html>`, wantErr: "not JSON"},
		{name: "wrong type", body: `{"d":{"ID":7}}`, wantErr: "is a JSON object, not a list"},
		{name: "ID not a number", body: `{"d":[{"ID":"seven"}]}`, wantErr: "not an integer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []dmaInfo
			err := decodeResult([]byte(tt.body), &got)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("decodeResult = %v, want an error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("decodeResult (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeResultString(t *testing.T) {
	t.Parallel()
	for _, body := range []string{`{"d":"abc-123"}`, `"abc-123"`} {
		var s string
		if err := decodeResult([]byte(body), &s); err != nil || s != "abc-123" {
			t.Errorf("decodeResult(%s) = %q, %v", body, s, err)
		}
	}
}

func TestParseFault(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		body     string
		wantMsg  string
		wantType string
	}{
		{
			name:     "ASP.NET JSON fault",
			body:     `{"Message":"Unknown web method Foo.\r\nParameter name: methodName","StackTrace":"   at ...","ExceptionType":"System.ArgumentException"}`,
			wantMsg:  "Unknown web method Foo. Parameter name: methodName",
			wantType: "System.ArgumentException",
		},
		{
			name:    "SOAP 1.1 fault",
			body:    `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process request. ---&gt; Bad logon</faultstring></soap:Fault></soap:Body></soap:Envelope>`,
			wantMsg: "Server was unable to process request. ---> Bad logon",
		},
		{
			name:    "SOAP 1.2 fault",
			body:    `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason><env:Text xml:lang="en">Bad logon</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>`,
			wantMsg: "Bad logon",
		},
		{
			name:    "IIS HTML page",
			body:    "<html><head><title>404 - File or directory not found.</title></head></html>",
			wantMsg: "<html><head><title>404 - File or directory not found.</title></head></html>",
		},
		{
			name:    "long text is cut",
			body:    strings.Repeat("x", 300),
			wantMsg: strings.Repeat("x", 200) + "…",
		},
		{name: "binary", body: "\xff\xfe\x00", wantMsg: "3 bytes that are not text"},
		{name: "empty", body: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg, typ := parseFault([]byte(tt.body))
			if diff := cmp.Diff([]string{tt.wantMsg, tt.wantType}, []string{msg, typ}); diff != "" {
				t.Errorf("parseFault (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCallErrorClasses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err              CallError
		notFound, noConn bool
	}{
		{CallError{Status: 404}, true, false},
		{CallError{Status: 500, Message: "Unknown web method ConnectAppAndInfo. Parameter name: methodName"}, true, false},
		{CallError{Status: 500, Message: "No connection available", ExceptionType: "Skyline.DataMiner.Web.Common.NoConnectionWebApiException"}, false, true},
		{CallError{Status: 500, Message: "Invalid user"}, false, false},
	}
	for _, tt := range tests {
		if got := []bool{tt.err.NotFound(), tt.err.NoConnection()}; !cmp.Equal(got, []bool{tt.notFound, tt.noConn}) {
			t.Errorf("%v: NotFound, NoConnection = %v, want %v %v", tt.err.Error(), got, tt.notFound, tt.noConn)
		}
	}
}

func TestScrubber(t *testing.T) {
	t.Parallel()
	s := newScrubber(`pa"ss\word`, "abc")
	s.add("token-1234")
	tests := []struct{ in, want string }{
		{`bad password pa"ss\word`, "bad password [redacted]"},
		{`{"password":"pa\"ss\\word"}`, `{"password":"[redacted]"}`},
		{"session token-1234 expired", "session [redacted] expired"},
		{"abc is too short to be searched for", "abc is too short to be searched for"},
	}
	for _, tt := range tests {
		if got := s.string(tt.in); got != tt.want {
			t.Errorf("scrub(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	plain := errors.New("nothing secret")
	if got := s.err(plain); got != plain {
		t.Errorf("an error without secrets was replaced: %v", got)
	}
	if got := s.err(errors.New("x token-1234")); got.Error() != "x [redacted]" || errors.Unwrap(got) != nil {
		t.Errorf("scrubbed error = %v (unwraps to %v)", got, errors.Unwrap(got))
	}
}

// TestPrintable: what an agent wrote is shown as printable text, cut to n characters.
func TestPrintable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"plain", 100, "plain"},
		{"\x1b[2Jcleared\x07", 100, "\ufffd[2Jcleared\ufffd"},
		{"nul\x00byte", 100, "nul\ufffdbyte"},
		{"bad \xff utf-8", 100, "bad \ufffd utf-8"},
		{"\u202eevil", 100, "\ufffdevil"},
		{strings.Repeat("x", 10), 4, "xxxx…"},
		{"xxxx", 4, "xxxx"},
	}
	for _, tt := range tests {
		if got := printable(tt.in, tt.n); got != tt.want {
			t.Errorf("printable(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

// TestRedactSecretValues: secret values an agent's message carries are replaced, their
// names kept; ordinary words about passwords are left alone.
func TestRedactSecretValues(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Data Source=db;User ID=sa;Password=p4ss;Pooling=true", "Data Source=db;User ID=sa;Password=[redacted];Pooling=true"},
		{`{"clientSecret": "abc"}`, `{"clientSecret": "[redacted]"}`},
		{"token=abc&x=1", "token=[redacted]&x=1"},
		{"Authorization: Bearer eyJ0eXAi", "Authorization: Bearer [redacted]"},
		{"upstream sent bearer abc.def", "upstream sent bearer [redacted]"},
		{"see https://svc:hunter2@host/x", "see https://[redacted]@host/x"},
		{"are the user name and password right?", "are the user name and password right?"},
		{"NoConnectionWebApiException", "NoConnectionWebApiException"},
	}
	for _, tt := range tests {
		if got := redactSecretValues(tt.in); got != tt.want {
			t.Errorf("redactSecretValues(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
