package probe

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"

	"github.com/dmaprep/dmaprep/facts"
)

// DefaultDNSTimeout bounds one DNS question when Resolver.Timeout is zero.
const DefaultDNSTimeout = 3 * time.Second

// resolvConf is where the system resolver is configured; tests point it elsewhere.
var resolvConf = "/etc/resolv.conf"

// Resolver asks one DNS server directly, so that an answer, a name that does not exist
// (NXDOMAIN), a name without records of the type asked (NODATA), a failing server
// (SERVFAIL), a refusal and a timeout are told apart, which the operating system's
// resolver does not do.
type Resolver struct {
	// Server is the HOST:PORT asked; "" asks the first nameserver of /etc/resolv.conf.
	Server string
	// Timeout bounds each question; 0 means DefaultDNSTimeout.
	Timeout time.Duration
}

// ServerAddress is the HOST:PORT the resolver asks.
func (r Resolver) ServerAddress() (string, error) {
	if r.Server != "" {
		return r.Server, nil
	}
	return systemServer(resolvConf)
}

// ParseServer reads a DNS server as an operator writes it: HOST:PORT, [IPV6]:PORT, or a
// HOST or an IP address alone, which means DNS's own port 53 (as dig @HOST does). It
// returns the HOST:PORT to dial, so that a server given without its port is asked where it
// listens rather than failing every question.
func ParseServer(s string) (string, error) {
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		// Without a port: a hostname, or an IP address alone (an IPv6 address does not
		// split: it has too many colons).
		host, port = s, "53"
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		host = ip.String()
	} else if !isHostname(host) {
		return "", fmt.Errorf("%q is not a DNS server: want HOST, HOST:PORT or [IPV6]:PORT", s)
	}
	n, err := strconv.ParseUint(port, 10, 16)
	if err != nil || n == 0 {
		return "", fmt.Errorf("%q: %q is not a port (1-65535)", s, port)
	}
	return net.JoinHostPort(host, strconv.FormatUint(n, 10)), nil
}

// isHostname holds for a DNS name of letters, digits, hyphens and dots (one trailing dot
// allowed), with no empty or over-long label.
func isHostname(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// systemServer is the first nameserver of the resolv.conf file at path, as HOST:PORT.
func systemServer(path string) (string, error) {
	cfg, err := dns.ClientConfigFromFile(path)
	if err != nil {
		return "", fmt.Errorf("system resolver: %w", err)
	}
	if len(cfg.Servers) == 0 {
		return "", fmt.Errorf("system resolver: no nameserver in %s", path)
	}
	return net.JoinHostPort(cfg.Servers[0], cfg.Port), nil
}

// Forward looks up the A and AAAA records of name (asked as a fully qualified name, no
// search domains applied). Records are the addresses, IPv4 first. When one of the two
// questions has records, the status is "answer" and a failure of the other is noted in
// Error. Otherwise a failure (servfail, refused, timeout, error) wins over "nodata",
// which wins over "nxdomain": a name is only reported missing when both questions say so.
func (r Resolver) Forward(ctx context.Context, name string) facts.Lookup {
	if _, err := netip.ParseAddr(name); err == nil {
		return lookupError("%s is an IP address, not a name", name)
	}
	if _, ok := dns.IsDomainName(name); !ok || name == "" {
		return lookupError("%q is not a valid DNS name", name)
	}
	server, err := r.ServerAddress()
	if err != nil {
		return lookupError("%v", err)
	}
	fqdn := dns.Fqdn(name)
	var a, aaaa facts.Lookup
	var wg sync.WaitGroup
	wg.Go(func() { a = r.query(ctx, server, fqdn, dns.TypeA) })
	wg.Go(func() { aaaa = r.query(ctx, server, fqdn, dns.TypeAAAA) })
	wg.Wait()
	return mergeForward(a, aaaa)
}

// Reverse looks up the PTR records of ip. Records are the names, without the trailing dot.
func (r Resolver) Reverse(ctx context.Context, ip string) facts.Lookup {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return lookupError("%q is not an IP address", ip)
	}
	arpa, err := dns.ReverseAddr(addr.WithZone("").Unmap().String())
	if err != nil {
		return lookupError("reverse name of %s: %v", ip, err)
	}
	server, err := r.ServerAddress()
	if err != nil {
		return lookupError("%v", err)
	}
	return r.query(ctx, server, arpa, dns.TypePTR)
}

// failed reports whether status says the question got no usable answer.
func failed(status string) bool {
	switch status {
	case facts.LookupAnswer, facts.LookupNoData, facts.LookupNXDomain:
		return false
	}
	return true
}

func mergeForward(a, aaaa facts.Lookup) facts.Lookup {
	if a.Status == facts.LookupAnswer || aaaa.Status == facts.LookupAnswer {
		l := facts.Lookup{Status: facts.LookupAnswer, Records: append(append([]string{}, a.Records...), aaaa.Records...)}
		var notes []string
		for _, half := range []facts.Lookup{a, aaaa} {
			if failed(half.Status) && half.Error != nil {
				notes = append(notes, *half.Error)
			}
		}
		if len(notes) > 0 {
			l.Error = ptr(strings.Join(notes, "; "))
		}
		return l
	}
	switch {
	case failed(a.Status):
		return a
	case failed(aaaa.Status):
		return aaaa
	case a.Status == facts.LookupNoData || aaaa.Status == facts.LookupNoData:
		return facts.Lookup{Status: facts.LookupNoData}
	}
	return facts.Lookup{Status: facts.LookupNXDomain}
}

// maxCNAMEHops bounds how many times query asks again for the target of a CNAME the
// server answered without its records; resolvers give up at about this length too.
const maxCNAMEHops = 8

// query asks server one question over UDP, and again over TCP when the answer was
// truncated. Only the records of qname, or of the CNAME chain that starts at it, count:
// a server may add records of other names, and a CNAME whose target lies in another zone
// comes without the target's records, which are then asked for in turn.
func (r Resolver) query(ctx context.Context, server, qname string, qtype uint16) facts.Lookup {
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = DefaultDNSTimeout
	}
	qctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < timeout {
		timeout = 0
	}
	typ := dns.TypeToString[qtype]
	seen := map[string]bool{}
	name := qname
	for hop := 0; ; hop++ {
		resp, l := r.ask(ctx, qctx, server, name, qtype, timeout)
		if resp == nil {
			return l
		}
		records, end, loop := chase(resp, name, qtype, seen)
		switch {
		case len(records) > 0:
			return facts.Lookup{Status: facts.LookupAnswer, Records: records}
		case loop:
			return lookupError("%s query to %s: CNAME loop at %s", typ, server, strings.TrimSuffix(end, "."))
		case resp.Rcode == dns.RcodeNameError:
			return facts.Lookup{Status: facts.LookupNXDomain}
		case end == dns.CanonicalName(name):
			if referral(resp) {
				return lookupError("%s query to %s: a referral to other name servers, not an answer "+
					"(the server does not resolve recursively)", typ, server)
			}
			return facts.Lookup{Status: facts.LookupNoData}
		case hop == maxCNAMEHops:
			return lookupError("%s query to %s: CNAME chain longer than %d names", typ, server, maxCNAMEHops)
		}
		name = end
	}
}

// ask puts one question to server; it returns the response when its rcode is NOERROR or
// NXDOMAIN and it answers that question, else nil and the failed lookup.
func (r Resolver) ask(ctx, qctx context.Context, server, name string, qtype uint16, timeout time.Duration) (*dns.Msg, facts.Lookup) {
	typ := dns.TypeToString[qtype]
	m := new(dns.Msg)
	m.SetQuestion(name, qtype)
	resp, err := exchange(qctx, "udp", server, m)
	if err == nil && resp.Truncated {
		resp, err = exchange(qctx, "tcp", server, m)
	}
	if err != nil {
		switch {
		case errors.Is(ctx.Err(), context.Canceled):
			return nil, lookupError("%s query to %s: cancelled", typ, server)
		case isTimeout(err):
			l := lookupError("%s query to %s: %s", typ, server, noAnswer(timeout))
			l.Status = facts.LookupTimeout
			return nil, l
		}
		return nil, lookupError("%s query to %s: %s", typ, server, shortError(err))
	}
	// A response to another question (a server that mixes up its answers) says nothing
	// about this one, whatever records it holds.
	for _, q := range resp.Question {
		if !strings.EqualFold(q.Name, name) || q.Qtype != qtype {
			return nil, lookupError("%s query to %s: the response answers another question (%s %s)",
				typ, server, dns.TypeToString[q.Qtype], strings.TrimSuffix(q.Name, "."))
		}
	}
	switch resp.Rcode {
	case dns.RcodeSuccess, dns.RcodeNameError:
		return resp, facts.Lookup{}
	case dns.RcodeServerFailure:
		l := lookupError("%s query to %s: SERVFAIL", typ, server)
		l.Status = facts.LookupServFail
		return nil, l
	case dns.RcodeRefused:
		l := lookupError("%s query to %s: REFUSED", typ, server)
		l.Status = facts.LookupRefused
		return nil, l
	}
	return nil, lookupError("%s query to %s: %s", typ, server, rcodeName(resp.Rcode))
}

// chase follows the CNAME chain that starts at name through resp's answer section and
// returns the records of type qtype owned by its last name (the chain's end, in canonical
// form), and whether the chain came back to a name it had left (seen holds the names left,
// across the questions of one lookup). Owner names compare without regard to case (RFC 4343).
func chase(resp *dns.Msg, name string, qtype uint16, seen map[string]bool) (records []string, end string, loop bool) {
	cnames := map[string]string{}
	for _, rr := range resp.Answer {
		if c, ok := rr.(*dns.CNAME); ok {
			cnames[dns.CanonicalName(c.Hdr.Name)] = dns.CanonicalName(c.Target)
		}
	}
	end = dns.CanonicalName(name)
	for {
		next, ok := cnames[end]
		if !ok || qtype == dns.TypeCNAME {
			break
		}
		seen[end] = true
		if seen[next] {
			return nil, next, true
		}
		end = next
	}
	for _, rr := range resp.Answer {
		if dns.CanonicalName(rr.Header().Name) != end {
			continue
		}
		switch rr := rr.(type) {
		case *dns.A:
			if qtype == dns.TypeA {
				records = append(records, rr.A.String())
			}
		case *dns.AAAA:
			if qtype == dns.TypeAAAA {
				records = append(records, rr.AAAA.String())
			}
		case *dns.PTR:
			if qtype == dns.TypePTR {
				records = append(records, strings.TrimSuffix(rr.Ptr, "."))
			}
		}
	}
	return records, end, false
}

// referral reports whether resp is an empty answer that points to other name servers (NS
// records and no SOA in its authority section): a server that does not recurse, whose
// empty answer proves nothing about the name. A true NODATA carries the zone's SOA, or
// nothing at all from a minimal server.
func referral(resp *dns.Msg) bool {
	if len(resp.Answer) > 0 || resp.Authoritative {
		return false
	}
	ns := false
	for _, rr := range resp.Ns {
		switch rr.(type) {
		case *dns.SOA:
			return false
		case *dns.NS:
			ns = true
		}
	}
	return ns
}

// exchange sends m to server over network ("udp" or "tcp") and reads the answer; ctx
// bounds it, cancellation included.
func exchange(ctx context.Context, network, server string, m *dns.Msg) (*dns.Msg, error) {
	c := &dns.Client{Net: network}
	if dl, ok := ctx.Deadline(); ok {
		c.Timeout = time.Until(dl) // else the client's own 2s read timeout would cut in
	}
	conn, err := c.DialContext(ctx, server)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	resp, _, err := c.ExchangeWithConnContext(ctx, m, conn)
	if err != nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	return resp, err
}

func rcodeName(rcode int) string {
	if s, ok := dns.RcodeToString[rcode]; ok {
		return s
	}
	return fmt.Sprintf("rcode %d", rcode)
}

func lookupError(format string, args ...any) facts.Lookup {
	return facts.Lookup{Status: facts.LookupError, Error: ptr(fmt.Sprintf(format, args...))}
}
