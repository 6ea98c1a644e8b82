package probe

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/miekg/dns"

	"github.com/dmaprep/dmaprep/facts"
)

// testZone is what the in-process DNS server knows: owner name to its records. A name
// under failover.test. or arpa. that is not here gets NXDOMAIN; a name here without
// records of the type asked gets NODATA.
var testZone = func() map[string][]dns.RR {
	rrs := []string{
		"pair.failover.test. 60 IN A 10.11.5.52",
		"pair.failover.test. 60 IN A 10.11.4.52",
		"dual.failover.test. 60 IN A 10.11.5.60",
		"dual.failover.test. 60 IN AAAA fd00::60",
		"v6only.failover.test. 60 IN AAAA fd00::61",
		`txtonly.failover.test. 60 IN TXT "no address here"`,
		"halfbroken.failover.test. 60 IN A 10.11.5.70",
		// CNAME chains, answered as a recursive resolver does: the chain, then the records.
		"alias.failover.test. 60 IN CNAME alias2.failover.test.",
		"alias2.failover.test. 60 IN CNAME dual.failover.test.",
		"dangling.failover.test. 60 IN CNAME gone.failover.test.",
		"52.5.11.10.in-addr.arpa. 60 IN PTR pair.failover.test.",
		"52.4.11.10.in-addr.arpa. 60 IN PTR pair.failover.test.",
		"52.4.11.10.in-addr.arpa. 60 IN PTR dma-b.failover.test.",
		"53.4.11.10.in-addr.arpa. 60 IN TXT \"no PTR here\"",
		"0.6.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa. 60 IN PTR dual.failover.test.",
	}
	for i := 1; i <= 40; i++ { // too many for a 512-byte UDP answer: truncated, asked again over TCP
		rrs = append(rrs, fmt.Sprintf("big.failover.test. 60 IN A 10.20.0.%d", i))
	}
	zone := map[string][]dns.RR{}
	for _, s := range rrs {
		rr, err := dns.NewRR(s)
		if err != nil {
			panic(err)
		}
		zone[rr.Header().Name] = append(zone[rr.Header().Name], rr)
	}
	return zone
}()

// tcpQueries counts the questions the test server got over TCP.
var tcpQueries atomic.Int64

func serveZone(w dns.ResponseWriter, req *dns.Msg) {
	q := req.Question[0]
	if w.LocalAddr().Network() == "tcp" {
		tcpQueries.Add(1)
	}
	m := new(dns.Msg)
	m.SetReply(req)
	m.Authoritative = true
	if q.Name == "halfbroken.failover.test." && q.Qtype == dns.TypeAAAA {
		m.Rcode = dns.RcodeServerFailure
		w.WriteMsg(m)
		return
	}
	// Names compare without regard to case (RFC 4343). CNAMEs are followed; the rcode is
	// that of the chain's last name.
	name := strings.ToLower(q.Name)
	for range 8 {
		rrs, ok := testZone[name]
		if !ok {
			m.Rcode = dns.RcodeNameError
		}
		if len(rrs) == 1 && rrs[0].Header().Rrtype == dns.TypeCNAME && q.Qtype != dns.TypeCNAME {
			m.Answer = append(m.Answer, rrs[0])
			name = rrs[0].(*dns.CNAME).Target
			continue
		}
		for _, rr := range rrs {
			if rr.Header().Rrtype == q.Qtype {
				m.Answer = append(m.Answer, rr)
			}
		}
		break
	}
	if w.LocalAddr().Network() == "udp" {
		m.Truncate(dns.MinMsgSize)
	}
	w.WriteMsg(m)
}

func answerRcode(rcode int) dns.HandlerFunc {
	return func(w dns.ResponseWriter, req *dns.Msg) {
		m := new(dns.Msg)
		m.SetRcode(req, rcode)
		w.WriteMsg(m)
	}
}

// startDNS serves the test zone on 127.0.0.1, UDP and TCP on the same port, and returns
// HOST:PORT. servfail.test. fails, refused.test. is refused, silent.test. never answers,
// odd.test. answers oddly (serveOdd).
func startDNS(t testing.TB) string {
	t.Helper()
	mux := dns.NewServeMux()
	mux.HandleFunc("failover.test.", serveZone)
	mux.HandleFunc("arpa.", serveZone)
	mux.Handle("servfail.test.", answerRcode(dns.RcodeServerFailure))
	mux.Handle("refused.test.", answerRcode(dns.RcodeRefused))
	mux.HandleFunc("silent.test.", func(dns.ResponseWriter, *dns.Msg) {})
	mux.HandleFunc("odd.test.", serveOdd)

	var pc net.PacketConn
	var ln net.Listener
	for range 10 { // the UDP port must also be free on TCP
		var err error
		if pc, err = net.ListenPacket("udp", "127.0.0.1:0"); err != nil {
			t.Fatal(err)
		}
		if ln, err = net.Listen("tcp", pc.LocalAddr().String()); err == nil {
			break
		}
		pc.Close()
		pc = nil
	}
	if pc == nil {
		t.Fatal("no port free on both UDP and TCP")
	}
	for _, srv := range []*dns.Server{{PacketConn: pc, Handler: mux}, {Listener: ln, Handler: mux}} {
		started := make(chan struct{})
		srv.NotifyStartedFunc = func() { close(started) }
		go srv.ActivateAndServe()
		<-started
		t.Cleanup(func() { srv.Shutdown() })
	}
	return pc.LocalAddr().String()
}

func TestResolver(t *testing.T) {
	t.Parallel()
	server := startDNS(t)
	r := Resolver{Server: server, Timeout: 300 * time.Millisecond}
	var big []string
	for i := 1; i <= 40; i++ {
		big = append(big, fmt.Sprintf("10.20.0.%d", i))
	}
	errf := func(format string, args ...any) *string { return ptr(fmt.Sprintf(format, args...)) }

	tests := []struct {
		name    string
		reverse bool
		query   string
		want    facts.Lookup
	}{
		{name: "shared hostname resolves to both agents", query: "pair.failover.test",
			want: facts.Lookup{Status: facts.LookupAnswer, Records: []string{"10.11.5.52", "10.11.4.52"}}},
		{name: "trailing dot accepted", query: "pair.failover.test.",
			want: facts.Lookup{Status: facts.LookupAnswer, Records: []string{"10.11.5.52", "10.11.4.52"}}},
		{name: "A and AAAA, IPv4 first", query: "dual.failover.test",
			want: facts.Lookup{Status: facts.LookupAnswer, Records: []string{"10.11.5.60", "fd00::60"}}},
		{name: "AAAA only", query: "v6only.failover.test",
			want: facts.Lookup{Status: facts.LookupAnswer, Records: []string{"fd00::61"}}},
		{name: "truncated over UDP, complete over TCP", query: "big.failover.test",
			want: facts.Lookup{Status: facts.LookupAnswer, Records: big}},
		{name: "answer with the other half failing", query: "halfbroken.failover.test",
			want: facts.Lookup{Status: facts.LookupAnswer, Records: []string{"10.11.5.70"},
				Error: errf("AAAA query to %s: SERVFAIL", server)}},
		{name: "CNAME chain: the addresses at its end", query: "alias.failover.test",
			want: facts.Lookup{Status: facts.LookupAnswer, Records: []string{"10.11.5.60", "fd00::60"}}},
		{name: "CNAME to a name that does not exist", query: "dangling.failover.test",
			want: facts.Lookup{Status: facts.LookupNXDomain}},
		{name: "upper case name", query: "PAIR.Failover.TEST",
			want: facts.Lookup{Status: facts.LookupAnswer, Records: []string{"10.11.5.52", "10.11.4.52"}}},
		{name: "nxdomain", query: "missing.failover.test",
			want: facts.Lookup{Status: facts.LookupNXDomain}},
		{name: "nodata", query: "txtonly.failover.test",
			want: facts.Lookup{Status: facts.LookupNoData}},
		{name: "servfail", query: "pair.servfail.test",
			want: facts.Lookup{Status: facts.LookupServFail, Error: errf("A query to %s: SERVFAIL", server)}},
		{name: "refused", query: "pair.refused.test",
			want: facts.Lookup{Status: facts.LookupRefused, Error: errf("A query to %s: REFUSED", server)}},
		{name: "timeout", query: "pair.silent.test",
			want: facts.Lookup{Status: facts.LookupTimeout, Error: errf("A query to %s: no answer within 300ms", server)}},
		{name: "IP literal is not a name", query: "10.11.5.52",
			want: facts.Lookup{Status: facts.LookupError, Error: errf("10.11.5.52 is an IP address, not a name")}},
		{name: "invalid name", query: "bad..name",
			want: facts.Lookup{Status: facts.LookupError, Error: errf(`"bad..name" is not a valid DNS name`)}},

		{name: "PTR", reverse: true, query: "10.11.5.52",
			want: facts.Lookup{Status: facts.LookupAnswer, Records: []string{"pair.failover.test"}}},
		{name: "two PTRs", reverse: true, query: "10.11.4.52",
			want: facts.Lookup{Status: facts.LookupAnswer, Records: []string{"pair.failover.test", "dma-b.failover.test"}}},
		{name: "IPv6 PTR", reverse: true, query: "fd00::60",
			want: facts.Lookup{Status: facts.LookupAnswer, Records: []string{"dual.failover.test"}}},
		{name: "PTR nxdomain", reverse: true, query: "10.11.9.9",
			want: facts.Lookup{Status: facts.LookupNXDomain}},
		{name: "PTR nodata", reverse: true, query: "10.11.4.53",
			want: facts.Lookup{Status: facts.LookupNoData}},
		{name: "PTR of a non-address", reverse: true, query: "pair.failover.test",
			want: facts.Lookup{Status: facts.LookupError, Error: errf(`"pair.failover.test" is not an IP address`)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			var got facts.Lookup
			if tt.reverse {
				got = r.Reverse(t.Context(), tt.query)
			} else {
				got = r.Forward(t.Context(), tt.query)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("lookup %s (-want +got):\n%s", tt.query, diff)
			}
			if el := time.Since(start); el > 2*time.Second {
				t.Errorf("lookup took %s, want it bounded by the 300ms timeout", el)
			}
		})
	}
}

// TestResolverTruncated: an answer too big for UDP is asked again over TCP.
func TestResolverTruncated(t *testing.T) {
	t.Parallel()
	r := Resolver{Server: startDNS(t), Timeout: time.Second}
	before := tcpQueries.Load()
	got := r.Forward(t.Context(), "big.failover.test")
	if got.Status != facts.LookupAnswer || len(got.Records) != 40 {
		t.Errorf("big answer = %s with %d records, want answer with 40", got.Status, len(got.Records))
	}
	if tcpQueries.Load() == before {
		t.Error("no question was asked over TCP after the truncated UDP answer")
	}
}

func TestResolverCancelled(t *testing.T) {
	t.Parallel()
	r := Resolver{Server: startDNS(t), Timeout: 5 * time.Second}
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	got := r.Forward(ctx, "pair.silent.test")
	if got.Status != facts.LookupError || got.Error == nil {
		t.Errorf("cancelled lookup = %+v, want status error", got)
	}
	if el := time.Since(start); el > time.Second {
		t.Errorf("cancelled lookup returned after %s", el)
	}
}

func TestResolverUnreachableServer(t *testing.T) {
	t.Parallel()
	// A UDP port nobody listens on: the kernel answers with ICMP port unreachable.
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := pc.LocalAddr().String()
	pc.Close()
	got := Resolver{Server: server, Timeout: time.Second}.Forward(t.Context(), "pair.failover.test")
	want := facts.Lookup{Status: facts.LookupError, Error: ptr(fmt.Sprintf("A query to %s: read: connection refused", server))}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lookup against a closed port (-want +got):\n%s", diff)
	}
}

// TestSystemServer reads resolv.conf files; no query is sent.
func TestSystemServer(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, path, want, wantErr string
	}{
		{name: "first nameserver", path: write("two", "search example.test\nnameserver 192.0.2.53\nnameserver 192.0.2.54\n"), want: "192.0.2.53:53"},
		{name: "IPv6 nameserver", path: write("v6", "nameserver 2001:db8::53\n"), want: "[2001:db8::53]:53"},
		{name: "no nameserver", path: write("empty", "search example.test\n"), wantErr: "system resolver: no nameserver in " + filepath.Join(dir, "empty")},
		{name: "missing file", path: filepath.Join(dir, "missing"), wantErr: "system resolver: open " + filepath.Join(dir, "missing") + ": no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := systemServer(tt.path)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if got != tt.want || gotErr != tt.wantErr {
				t.Errorf("systemServer = %q, %q; want %q, %q", got, gotErr, tt.want, tt.wantErr)
			}
		})
	}
}

// TestResolverSystemUnreadable: an unreadable resolv.conf is status "error" with the
// reason, and no query is sent.
func TestResolverSystemUnreadable(t *testing.T) {
	old := resolvConf
	resolvConf = filepath.Join(t.TempDir(), "resolv.conf")
	t.Cleanup(func() { resolvConf = old })
	want := facts.Lookup{Status: facts.LookupError, Error: ptr("system resolver: open " + resolvConf + ": no such file or directory")}
	for _, got := range []facts.Lookup{
		Resolver{}.Forward(t.Context(), "pair.failover.test"),
		Resolver{}.Reverse(t.Context(), "10.11.5.52"),
	} {
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("lookup without resolv.conf (-want +got):\n%s", diff)
		}
	}
}

func TestMergeForward(t *testing.T) {
	t.Parallel()
	answer := func(r ...string) facts.Lookup { return facts.Lookup{Status: facts.LookupAnswer, Records: r} }
	status := func(s string) facts.Lookup {
		l := facts.Lookup{Status: s}
		if failed(s) {
			l.Error = ptr(s + " detail")
		}
		return l
	}
	tests := []struct {
		name    string
		a, aaaa facts.Lookup
		want    facts.Lookup
	}{
		{"both answer", answer("10.0.0.1"), answer("fd00::1"), answer("10.0.0.1", "fd00::1")},
		{"A answers, AAAA nodata", answer("10.0.0.1"), status(facts.LookupNoData), answer("10.0.0.1")},
		{"A answers, AAAA times out", answer("10.0.0.1"), status(facts.LookupTimeout),
			facts.Lookup{Status: facts.LookupAnswer, Records: []string{"10.0.0.1"}, Error: ptr("timeout detail")}},
		{"both nxdomain", status(facts.LookupNXDomain), status(facts.LookupNXDomain), status(facts.LookupNXDomain)},
		{"nodata beats nxdomain", status(facts.LookupNXDomain), status(facts.LookupNoData), status(facts.LookupNoData)},
		{"A timeout beats AAAA nodata", status(facts.LookupTimeout), status(facts.LookupNoData), status(facts.LookupTimeout)},
		{"AAAA servfail beats A nxdomain", status(facts.LookupNXDomain), status(facts.LookupServFail), status(facts.LookupServFail)},
		{"A failure reported first", status(facts.LookupRefused), status(facts.LookupTimeout), status(facts.LookupRefused)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, mergeForward(tt.a, tt.aaaa)); diff != "" {
				t.Errorf("mergeForward (-want +got):\n%s", diff)
			}
		})
	}
}

// serveOdd answers the questions under odd.test. as a misbehaving or non-recursive server
// does, each name one way; the records are written whatever type was asked, as such a
// server may.
func serveOdd(w dns.ResponseWriter, req *dns.Msg) {
	m := new(dns.Msg)
	m.SetReply(req)
	rr := func(s string) dns.RR {
		r, err := dns.NewRR(s)
		if err != nil {
			panic(err)
		}
		return r
	}
	q := req.Question[0]
	switch strings.ToLower(q.Name) {
	case "extra.odd.test.":
		// Records of another name in the answer section say nothing about the name asked.
		m.Answer = []dns.RR{rr("extra.odd.test. 60 IN A 10.11.5.52"), rr("other.odd.test. 60 IN A 10.11.4.52"),
			rr("other.odd.test. 60 IN AAAA fd00::52")}
	case "cnameonly.odd.test.":
		// An authoritative server gives the CNAME alone when its target is in another zone.
		m.Answer = []dns.RR{rr("cnameonly.odd.test. 60 IN CNAME target.odd.test.")}
	case "target.odd.test.":
		if q.Qtype == dns.TypeA {
			m.Answer = []dns.RR{rr("target.odd.test. 60 IN A 10.11.5.80")}
		}
	case "loop1.odd.test.", "loop2.odd.test.":
		m.Answer = []dns.RR{rr("loop1.odd.test. 60 IN CNAME loop2.odd.test."), rr("loop2.odd.test. 60 IN CNAME loop1.odd.test.")}
	case "referral.odd.test.":
		// A server that does not recurse points elsewhere: no answer, no SOA, NS records.
		m.Ns = []dns.RR{rr("odd.test. 60 IN NS ns1.elsewhere.test.")}
	case "wrongq.odd.test.":
		m.Question = []dns.Question{{Name: "other.odd.test.", Qtype: q.Qtype, Qclass: dns.ClassINET}}
		m.Answer = []dns.RR{rr("other.odd.test. 60 IN A 10.11.4.52")}
	default:
		m.Rcode = dns.RcodeNameError
	}
	w.WriteMsg(m)
}

// TestResolverOddAnswers: only the records of the name asked, or of the CNAME chain that
// starts at it, are its addresses; an answer that cannot be read that way is an error,
// never "no such record".
func TestResolverOddAnswers(t *testing.T) {
	t.Parallel()
	r := Resolver{Server: startDNS(t), Timeout: time.Second}
	tests := []struct {
		query  string
		status string
		want   []string
		errHas string
	}{
		{"extra.odd.test", facts.LookupAnswer, []string{"10.11.5.52"}, ""},
		{"cnameonly.odd.test", facts.LookupAnswer, []string{"10.11.5.80"}, ""},
		{"loop1.odd.test", facts.LookupError, nil, "CNAME loop"},
		{"referral.odd.test", facts.LookupError, nil, "referral"},
		{"wrongq.odd.test", facts.LookupError, nil, "another question"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			t.Parallel()
			got := r.Forward(t.Context(), tt.query)
			if got.Status != tt.status || !cmp.Equal(got.Records, tt.want) {
				t.Errorf("Forward(%s) = %s %v, want %s %v", tt.query, got.Status, got.Records, tt.status, tt.want)
			}
			if tt.errHas != "" && (got.Error == nil || !strings.Contains(*got.Error, tt.errHas)) {
				t.Errorf("Forward(%s) error = %v, want it to mention %q", tt.query, deref(got.Error), tt.errHas)
			}
		})
	}
}

func TestParseServer(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"127.0.0.1":          "127.0.0.1:53",
		"127.0.0.1:5353":     "127.0.0.1:5353",
		"::1":                "[::1]:53",
		"[::1]:5353":         "[::1]:5353",
		"[2001:DB8:0::1]:53": "[2001:db8::1]:53",
		"ns1.example.local":  "ns1.example.local:53",
		"ns1.example.local.": "ns1.example.local.:53",
		"NS1.example:1053":   "NS1.example:1053",
		"127.0.0.1:053":      "127.0.0.1:53",
	} {
		if got, err := ParseServer(in); err != nil || got != want {
			t.Errorf("ParseServer(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"":                  "is not a DNS server",
		"dns server":        "is not a DNS server",
		"127.0.0.1:0":       `"0" is not a port`,
		"127.0.0.1:65536":   `"65536" is not a port`,
		"127.0.0.1:dns":     `"dns" is not a port`,
		"[::1]":             "is not a DNS server",
		"-ns.example":       "is not a DNS server",
		"ns..example":       "is not a DNS server",
		"http://127.0.0.1/": "is not a port",
	} {
		if got, err := ParseServer(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseServer(%q) = %q, %v; want an error with %q", in, got, err, want)
		}
	}
}
