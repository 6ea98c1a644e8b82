package probe

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dmaprep/dmaprep/facts"
)

// DefaultVIPPorts are the TCP ports VIPInUse tries: web, DataMiner .NET Remoting, and
// what Windows and Linux hosts commonly listen on (RDP, SSH, SMB, RPC).
var DefaultVIPPorts = []int{80, 443, 8004, 3389, 22, 445, 135}

// DefaultVIPTimeout bounds each method of VIPInUse when VIPOptions.Timeout is zero.
const DefaultVIPTimeout = 2 * time.Second

// VIPOptions tunes VIPInUse.
type VIPOptions struct {
	// Ports are the TCP ports tried; nil means DefaultVIPPorts.
	Ports []int
	// Timeout bounds each method (the TCP connects, the ICMP echo, the wait for the
	// neighbour entry); 0 means DefaultVIPTimeout.
	Timeout time.Duration
	// SkipTCP, SkipICMP and SkipARP switch a method off.
	SkipTCP, SkipICMP, SkipARP bool
}

// VIPInUse records whether anything answers at ip, with the methods that showed it and
// one evidence line per finding. Methods:
//
//   - local: ip is assigned to an interface of this host;
//   - tcp: a connection to any of opts.Ports that succeeds or is refused (RST) proves a
//     host; silence on every port proves nothing on its own (firewalls drop);
//   - icmp: an echo reply proves a host; ICMP needs an unprivileged ping socket or raw
//     socket privilege, otherwise "icmp not permitted" is recorded and the method skipped;
//   - arp: on a directly attached subnet, after the probes above have made the kernel ask
//     for ip's link-layer address, a neighbour entry with a MAC proves a host, and a
//     FAILED or still INCOMPLETE entry proves that no host answered ARP (Linux only).
//
// The state is in_use when any method showed a host; free when ARP showed that no host
// answered on a directly attached subnet, or when ICMP was permitted and got no reply
// and every TCP port stayed silent (the test DataMiner itself applies before taking a
// virtual IP is a ping); undetermined otherwise, with Error saying why. Silence cut short
// by ctx is never "free". TCP and ICMP run together, then the neighbour entry is watched,
// each phase bounded by opts.Timeout: at most about twice opts.Timeout in all, less when
// ctx ends first.
func VIPInUse(ctx context.Context, ip string, opts VIPOptions) facts.VIPProbe {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return undetermined("%q is not an IP address", ip)
	}
	addr = addr.Unmap()
	if addr.IsUnspecified() || addr.IsMulticast() || (addr.Is4() && addr == netip.AddrFrom4([4]byte{255, 255, 255, 255})) {
		return undetermined("%s is not a unicast address", addr)
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultVIPTimeout
	}
	ports := opts.Ports
	if ports == nil {
		ports = DefaultVIPPorts
	}

	obs := vipObservations{addr: addr, timeout: timeout}
	ifaces, ifErr := interfaceAddrs()
	obs.local = localInterface(ifaces, addr)
	obs.attached = attachedInterface(ifaces, addr)

	var wg sync.WaitGroup
	if !opts.SkipTCP {
		obs.tcpRan = true
		obs.tcp = make([]tcpOutcome, len(ports))
		for i, port := range ports {
			wg.Go(func() {
				res, detail := dialTCP(ctx, net.JoinHostPort(addr.String(), strconv.Itoa(port)), timeout)
				obs.tcp[i] = tcpOutcome{port: port, result: res, detail: detail}
			})
		}
	}
	if !opts.SkipICMP {
		wg.Go(func() { obs.icmp = icmpEcho(ctx, addr, timeout) })
	}
	wg.Wait()

	switch {
	case opts.SkipARP || obs.local != "":
	case ifErr != nil:
		obs.arp = neighOutcome{ran: true, err: fmt.Sprintf("listing interfaces: %v", ifErr)}
	case obs.attached != "":
		settle := obs.hostSeen() // a host already answered: one look, for its MAC
		obs.arp = watchNeighbour(ctx, obs.attached, addr, timeout, settle)
	}
	obs.cut = ctx.Err()
	return obs.decide(opts)
}

func undetermined(format string, args ...any) facts.VIPProbe {
	return facts.VIPProbe{State: facts.VIPUndetermined, Error: ptr(fmt.Sprintf(format, args...))}
}

type tcpOutcome struct {
	port   int
	result dialResult
	detail string
}

type icmpOutcome struct {
	ran       bool
	permitted bool // a socket could be opened
	reply     bool // an echo reply came back
	silent    bool // requests were sent and no reply came in time
	evidence  string
}

type neighOutcome struct {
	ran      bool
	host     bool // an entry with a link-layer address
	noHost   bool // resolution failed (FAILED, or INCOMPLETE after the wait)
	evidence string
	err      string // the neighbour table could not be read
}

// vipObservations is everything VIPInUse saw; decide turns it into the fact.
type vipObservations struct {
	addr     netip.Addr
	timeout  time.Duration
	local    string // interface that holds addr, "" if none
	attached string // interface whose subnet holds addr, "" if none
	tcpRan   bool
	tcp      []tcpOutcome
	icmp     icmpOutcome
	arp      neighOutcome
	cut      error // ctx's error when probing ended
}

func (o *vipObservations) tcpHost() bool {
	for _, t := range o.tcp {
		if t.result == dialConnected || t.result == dialRefused {
			return true
		}
	}
	return false
}

// tcpSilent reports whether every port tried stayed silent (or was reported unreachable).
func (o *vipObservations) tcpSilent() bool {
	for _, t := range o.tcp {
		if t.result != dialSilent && t.result != dialUnreachable {
			return false
		}
	}
	return true
}

func (o *vipObservations) hostSeen() bool {
	return o.local != "" || o.tcpHost() || o.icmp.reply
}

func (o *vipObservations) decide(opts VIPOptions) facts.VIPProbe {
	var p facts.VIPProbe
	var ran, showedHost []string
	if o.local != "" {
		ran, showedHost = append(ran, "local"), append(showedHost, "local")
		p.Evidence = append(p.Evidence, fmt.Sprintf("%s is assigned to this host (%s)", o.addr, o.local))
	}
	if o.tcpRan {
		ran = append(ran, "tcp")
		if o.tcpHost() {
			showedHost = append(showedHost, "tcp")
		}
		p.Evidence = append(p.Evidence, o.tcpEvidence()...)
	}
	if o.icmp.ran {
		ran = append(ran, "icmp")
		if o.icmp.reply {
			showedHost = append(showedHost, "icmp")
		}
		p.Evidence = append(p.Evidence, o.icmp.evidence)
	}
	if o.arp.ran && o.arp.err == "" {
		ran = append(ran, "arp")
		if o.arp.host {
			showedHost = append(showedHost, "arp")
		}
		if o.arp.evidence != "" {
			p.Evidence = append(p.Evidence, o.arp.evidence)
		}
	}

	switch {
	case len(showedHost) > 0:
		p.State, p.Method = facts.VIPInUse, strings.Join(showedHost, "+")
		return p
	case o.arp.noHost:
		p.State, p.Method = facts.VIPFree, "arp"
		return p
	case o.cut == nil && o.icmp.permitted && o.icmp.silent && o.tcpSilent():
		p.State, p.Method = facts.VIPFree, "icmp"
		if o.tcpRan {
			p.Method = "icmp+tcp"
		}
		return p
	}

	p.State, p.Method = facts.VIPUndetermined, strings.Join(ran, "+")
	var why []string
	if o.cut != nil {
		why = append(why, fmt.Sprintf("probing was cut short (%v)", o.cut))
	}
	switch {
	case opts.SkipICMP:
		why = append(why, "ICMP was not tried")
	case !o.icmp.permitted:
		why = append(why, "ICMP echo was not possible")
	case !o.icmp.silent:
		why = append(why, "the ICMP echo failed")
	case !o.tcpSilent():
		why = append(why, "not every TCP port stayed silent")
	}
	switch {
	case o.local != "":
	case opts.SkipARP:
		why = append(why, "ARP was not tried")
	case o.arp.err != "":
		why = append(why, "no ARP evidence: "+o.arp.err)
	case o.attached == "":
		why = append(why, fmt.Sprintf("%s is not on a directly attached subnet, so ARP cannot tell", o.addr))
	case o.arp.ran:
		why = append(why, "ARP was inconclusive")
	}
	if len(ran) == 0 {
		why = append(why, "no method was tried")
	}
	p.Error = ptr("nothing answered, which does not prove the address free: " + strings.Join(why, "; "))
	return p
}

// tcpEvidence is one line per distinct outcome, ports in the order tried, e.g.
// "tcp/80,443: connection refused by 10.0.0.5".
func (o *vipObservations) tcpEvidence() []string {
	var order []string
	ports := map[string][]string{}
	for _, t := range o.tcp {
		detail := t.detail
		switch t.result {
		case dialConnected:
			detail = "connected to " + o.addr.String()
		case dialRefused:
			detail = "connection refused by " + o.addr.String()
		}
		if _, seen := ports[detail]; !seen {
			order = append(order, detail)
		}
		ports[detail] = append(ports[detail], strconv.Itoa(t.port))
	}
	lines := make([]string, 0, len(order))
	for _, d := range order {
		lines = append(lines, fmt.Sprintf("tcp/%s: %s", strings.Join(ports[d], ","), d))
	}
	return lines
}

// ifaceAddr is one address of one network interface of this host.
type ifaceAddr struct {
	name     string
	prefix   netip.Prefix
	loopback bool
	up       bool
}

func interfaceAddrs() ([]ifaceAddr, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, err
	}
	var out []ifaceAddr
	for _, ifc := range ifs {
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			ipn, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			ip, ok := netip.AddrFromSlice(ipn.IP)
			if !ok {
				continue
			}
			ones, _ := ipn.Mask.Size()
			out = append(out, ifaceAddr{
				name:     ifc.Name,
				prefix:   netip.PrefixFrom(ip.Unmap(), ones),
				loopback: ifc.Flags&net.FlagLoopback != 0,
				up:       ifc.Flags&net.FlagUp != 0,
			})
		}
	}
	return out, nil
}

// localInterface is the interface that holds addr itself, or "".
func localInterface(ifaces []ifaceAddr, addr netip.Addr) string {
	for _, ia := range ifaces {
		if ia.prefix.Addr() == addr {
			return ia.name
		}
	}
	return ""
}

// attachedInterface is the up, non-loopback interface with the most specific subnet that
// holds addr, or "" when addr is not on a directly attached subnet.
func attachedInterface(ifaces []ifaceAddr, addr netip.Addr) string {
	best, bits := "", -1
	for _, ia := range ifaces {
		if ia.loopback || !ia.up || ia.prefix.Bits() >= addr.BitLen() {
			continue
		}
		if ia.prefix.Masked().Contains(addr) && ia.prefix.Bits() > bits {
			best, bits = ia.name, ia.prefix.Bits()
		}
	}
	return best
}
