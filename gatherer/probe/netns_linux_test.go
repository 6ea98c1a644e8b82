package probe

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/sys/unix"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/internal/testkit"
)

// The tests in this file build their own network: a network namespace per simulated host,
// joined to the test's namespace by a veth pair on a /24 the test picks among unused
// 10.231.x.0/24 subnets. Every address probed is on those links, so no packet leaves the
// machine. They need root and iproute2 and skip otherwise.

// testLink is one veth pair: hostIf in the test's namespace with .1, nsIf in namespace ns
// with .2.
type testLink struct {
	ns      string
	hostIf  string
	nsIf    string
	subnet  netip.Prefix
	hostIP  netip.Addr // .1, on hostIf
	peerIP  netip.Addr // .2, in ns
	subnet6 netip.Prefix
	peerIP6 netip.Addr // ::2 of subnet6, in ns (hostIf has ::1)
	peerMAC string     // nsIf's MAC, as the evidence writes it
}

// empty is .n (n >= 3) of the link's subnet, where nobody is. Each probe that expects
// silence uses its own, so that no neighbour entry left FAILED by another probe turns its
// timeouts into immediate "host unreachable".
func (l *testLink) empty(n byte) netip.Addr {
	b := l.subnet.Addr().As4()
	b[3] = n
	return netip.AddrFrom4(b)
}

func requireNetns(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root and ip netns: not running as root")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("needs root and ip netns: ip (iproute2) not found")
	}
}

func ipCmd(args ...string) error {
	out, err := exec.Command("ip", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

func ipOut(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("ip", args...).Output()
	if err != nil {
		t.Fatalf("ip %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}

// freeSubnet picks a 10.231.x.0/24 that no interface address and no route other than
// the default overlaps, so the test's link shadows nothing.
func freeSubnet(t *testing.T, taken map[netip.Prefix]bool) netip.Prefix {
	t.Helper()
	ifaces, err := interfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 1)
	for range 64 {
		rand.Read(b)
		cand := netip.PrefixFrom(netip.AddrFrom4([4]byte{10, 231, 64 + b[0]%128, 0}), 24)
		if taken[cand] {
			continue
		}
		overlap := false
		for _, ia := range ifaces {
			if ia.prefix.Overlaps(cand) {
				overlap = true
			}
		}
		routes := ipOut(t, "-4", "route", "show", "table", "all", "match", cand.String()) +
			ipOut(t, "-4", "route", "show", "table", "all", "root", cand.String())
		for line := range strings.Lines(routes) {
			if f := strings.Fields(line); len(f) > 0 && f[0] != "default" {
				overlap = true
			}
		}
		if !overlap {
			taken[cand] = true
			return cand
		}
	}
	t.Skip("needs root and ip netns: no free 10.231.x.0/24 subnet for the test link")
	return netip.Prefix{}
}

// newTestLink creates a namespace and a veth pair into it, removed when the test ends.
func newTestLink(t *testing.T, taken map[netip.Prefix]bool) *testLink {
	t.Helper()
	requireNetns(t)
	suffix := make([]byte, 4)
	rand.Read(suffix)
	id := hex.EncodeToString(suffix)
	subnet := freeSubnet(t, taken)
	base := subnet.Addr().As4()
	at := func(last byte) netip.Addr { b := base; b[3] = last; return netip.AddrFrom4(b) }
	l := &testLink{
		ns: "dmaprep-test-" + id, hostIf: "dpt" + id + "h", nsIf: "dpt" + id + "n", subnet: subnet,
		hostIP: at(1), peerIP: at(2),
	}
	// A random unique local /64 (RFC 4193) for IPv6.
	var b6 [16]byte
	b6[0] = 0xfd
	rand.Read(b6[1:8])
	l.subnet6 = netip.PrefixFrom(netip.AddrFrom16(b6), 64)
	b6[15] = 2
	l.peerIP6 = netip.AddrFrom16(b6)
	b6[15] = 1
	hostIP6 := netip.AddrFrom16(b6)
	if err := ipCmd("netns", "add", l.ns); err != nil {
		t.Skipf("needs root and ip netns: %v", err)
	}
	t.Cleanup(func() {
		if err := ipCmd("netns", "delete", l.ns); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	})
	if err := ipCmd("link", "add", l.hostIf, "type", "veth", "peer", "name", l.nsIf); err != nil {
		t.Skipf("needs root and ip netns: veth: %v", err)
	}
	t.Cleanup(func() {
		// Deleting the namespace deletes nsIf and with it the pair; this is for a failure
		// before nsIf moved.
		if _, err := net.InterfaceByName(l.hostIf); err == nil {
			ipCmd("link", "delete", l.hostIf)
		}
	})
	for _, args := range [][]string{
		{"link", "set", l.nsIf, "netns", l.ns},
		{"addr", "add", fmt.Sprintf("%s/24", l.hostIP), "dev", l.hostIf},
		{"link", "set", l.hostIf, "up"},
		{"-n", l.ns, "addr", "add", fmt.Sprintf("%s/24", l.peerIP), "dev", l.nsIf},
		{"-n", l.ns, "link", "set", l.nsIf, "up"},
		{"-n", l.ns, "link", "set", "lo", "up"},
		{"-6", "addr", "add", fmt.Sprintf("%s/64", hostIP6), "dev", l.hostIf, "nodad"},
		{"-n", l.ns, "-6", "addr", "add", fmt.Sprintf("%s/64", l.peerIP6), "dev", l.nsIf, "nodad"},
	} {
		if err := ipCmd(args...); err != nil {
			t.Fatal(err)
		}
	}
	m := regexp.MustCompile(`link/ether ([0-9a-f:]{17})`).FindStringSubmatch(ipOut(t, "-n", l.ns, "-o", "link", "show", "dev", l.nsIf))
	if m == nil {
		t.Fatalf("no MAC for %s in %s", l.nsIf, l.ns)
	}
	l.peerMAC = formatMAC(m[1])
	return l
}

// empty6 is ::n of the link's IPv6 subnet, where nobody is.
func (l *testLink) empty6(n byte) netip.Addr {
	b := l.subnet6.Addr().As16()
	b[15] = n
	return netip.AddrFrom16(b)
}

// silence makes the namespace's host drop every IP packet it would send to us (replies
// included), while it still answers ARP: a host behind a firewall that drops everything.
func (l *testLink) silence(t *testing.T) {
	t.Helper()
	if err := ipCmd("-n", l.ns, "route", "add", "blackhole", l.hostIP.String()+"/32"); err != nil {
		t.Fatal(err)
	}
	// Reverse-path filtering would make the kernel drop our ARP requests too.
	l.inNamespace(t, func() error {
		for _, f := range []string{"all", "default", l.nsIf} {
			if err := os.WriteFile("/proc/sys/net/ipv4/conf/"+f+"/rp_filter", []byte("0"), 0o644); err != nil {
				return err
			}
		}
		return nil
	})
}

// inNamespace runs f on an OS thread switched into the namespace. The thread is never
// given back: it ends with its goroutine, so no other goroutine runs in the namespace.
func (l *testLink) inNamespace(t *testing.T, f func() error) {
	t.Helper()
	errc := make(chan error)
	go func() {
		runtime.LockOSThread()
		fd, err := unix.Open("/run/netns/"+l.ns, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			errc <- err
			return
		}
		defer unix.Close(fd)
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			errc <- fmt.Errorf("setns %s: %w", l.ns, err)
			return
		}
		errc <- f()
	}()
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

// listenInNamespace opens a TCP listener inside the namespace that accepts and closes
// connections until the test ends.
func (l *testLink) listenInNamespace(t *testing.T, port int) {
	t.Helper()
	var ln net.Listener
	l.inNamespace(t, func() (err error) {
		ln, err = net.Listen("tcp", net.JoinHostPort(l.peerIP.String(), fmt.Sprint(port)))
		return err
	})
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conn.Close()
		}
	}()
}

// TestNetns probes hosts in namespaces the test creates: one with a listener on 8004
// (the others refused by its kernel), an address on that link where nobody is, and a host
// that drops all IP traffic but answers ARP.
func TestNetns(t *testing.T) {
	t.Parallel()
	taken := map[netip.Prefix]bool{}
	up := newTestLink(t, taken)
	up.listenInNamespace(t, 8004)
	quiet := newTestLink(t, taken)
	quiet.silence(t)

	const timeout = 500 * time.Millisecond // bounds the waits for silence; veth answers come in microseconds
	silentPorts := "tcp/80,443,8004,3389,22,445,135: no answer within 500ms"
	// arpNoReply matches the evidence for an unanswered ARP: still INCOMPLETE or already
	// FAILED, depending on how far the kernel got.
	arpNoReply := func(l *testLink, ip netip.Addr) string {
		return fmt.Sprintf(`^arp: no reply for %s on %s \((INCOMPLETE|FAILED)\)$`, regexp.QuoteMeta(ip.String()), l.hostIf)
	}

	// Each group of probes starts all its probes at once. The groups run one after the
	// other, before the checks from inside the namespace: a probe of up.peerIP expects the
	// neighbour entry its own packets created, which traffic of another probe or from the
	// namespace would leave in another state.
	t.Run("VIPInUse", func(t *testing.T) {
		tests := []struct {
			name string
			ip   netip.Addr
			opts VIPOptions
			want facts.VIPProbe
			// evidenceRE, when set, is matched against the last evidence line instead of
			// comparing it.
			evidenceRE string
		}{
			{name: "host with a listener", ip: up.peerIP,
				want: facts.VIPProbe{State: facts.VIPInUse, Method: "tcp+icmp+arp", Evidence: []string{
					"tcp/80,443,3389,22,445,135: connection refused by " + up.peerIP.String(),
					"tcp/8004: connected to " + up.peerIP.String(),
					"icmp: echo reply from " + up.peerIP.String(),
					fmt.Sprintf("arp: %s is at %s on %s (REACHABLE)", up.peerIP, up.peerMAC, up.hostIf),
				}}},
			{name: "nobody on the attached subnet", ip: up.empty(3),
				want: facts.VIPProbe{State: facts.VIPFree, Method: "arp", Evidence: []string{
					silentPorts, "icmp: no echo reply within 500ms", "<arp>"}},
				evidenceRE: arpNoReply(up, up.empty(3))},
			{name: "nobody, without ARP: ICMP and TCP silence", ip: up.empty(4), opts: VIPOptions{SkipARP: true},
				want: facts.VIPProbe{State: facts.VIPFree, Method: "icmp+tcp", Evidence: []string{
					silentPorts, "icmp: no echo reply within 500ms"}}},
			{name: "nobody, TCP only: undetermined", ip: up.empty(5), opts: VIPOptions{SkipARP: true, SkipICMP: true},
				want: facts.VIPProbe{State: facts.VIPUndetermined, Method: "tcp", Evidence: []string{silentPorts},
					Error: ptr("nothing answered, which does not prove the address free: ICMP was not tried; ARP was not tried")}},
			{name: "silent host found by ARP", ip: quiet.peerIP,
				want: facts.VIPProbe{State: facts.VIPInUse, Method: "arp", Evidence: []string{
					"tcp/80,443,8004,3389,22,445,135: no answer within 500ms",
					"icmp: no echo reply within 500ms",
					fmt.Sprintf("arp: %s is at %s on %s (REACHABLE)", quiet.peerIP, quiet.peerMAC, quiet.hostIf),
				}}},
			{name: "IPv6 host", ip: up.peerIP6,
				want: facts.VIPProbe{State: facts.VIPInUse, Method: "tcp+icmp+arp", Evidence: []string{
					"tcp/80,443,8004,3389,22,445,135: connection refused by " + up.peerIP6.String(),
					"icmp: echo reply from " + up.peerIP6.String(),
					fmt.Sprintf("ndp: %s is at %s on %s (REACHABLE)", up.peerIP6, up.peerMAC, up.hostIf),
				}}},
			{name: "IPv6, nobody on the attached subnet", ip: up.empty6(3),
				want: facts.VIPProbe{State: facts.VIPFree, Method: "arp", Evidence: []string{
					silentPorts, "icmp: no echo reply within 500ms", "<ndp>"}},
				evidenceRE: fmt.Sprintf(`^ndp: no reply for %s on %s \((INCOMPLETE|FAILED)\)$`, regexp.QuoteMeta(up.empty6(3).String()), up.hostIf)},
			// The limit of the method: without ARP, a host that drops everything looks free.
			{name: "silent host without ARP looks free", ip: quiet.peerIP, opts: VIPOptions{SkipARP: true},
				want: facts.VIPProbe{State: facts.VIPFree, Method: "icmp+tcp", Evidence: []string{
					"tcp/80,443,8004,3389,22,445,135: no answer within 500ms", "icmp: no echo reply within 500ms"}}},
		}
		type probed struct {
			got  facts.VIPProbe
			took time.Duration
		}
		results := make([]probed, len(tests))
		testkit.Concurrently(len(tests), func(i int) {
			opts := tests[i].opts
			opts.Timeout = timeout
			start := time.Now()
			got := VIPInUse(t.Context(), tests[i].ip.String(), opts)
			results[i] = probed{got, time.Since(start)}
		})
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got := results[i].got
				if el := results[i].took; el > 4*timeout {
					t.Errorf("VIPInUse took %s, want it bounded by the %s per-method timeout", el, timeout)
				}
				if tt.evidenceRE != "" && len(got.Evidence) == len(tt.want.Evidence) {
					last := len(got.Evidence) - 1
					if !regexp.MustCompile(tt.evidenceRE).MatchString(got.Evidence[last]) {
						t.Errorf("evidence %q does not match %s", got.Evidence[last], tt.evidenceRE)
					}
					got.Evidence[last] = tt.want.Evidence[last]
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("VIPInUse(%s) (-want +got):\n%s", tt.ip, diff)
				}
			})
		}
	})

	t.Run("Port", func(t *testing.T) {
		tests := []struct {
			name string
			ip   netip.Addr
			port int
			want facts.PortProbe
		}{
			{"open", up.peerIP, 8004, facts.PortProbe{State: facts.PortOpen}},
			{"closed", up.peerIP, 8005, facts.PortProbe{State: facts.PortClosed, Error: ptr("connection refused")}},
			{"filtered: nobody there", up.empty(6), 8004, facts.PortProbe{State: facts.PortFiltered, Error: ptr("no answer within 500ms")}},
			{"filtered: host drops", quiet.peerIP, 8004, facts.PortProbe{State: facts.PortFiltered, Error: ptr("no answer within 500ms")}},
		}
		results := make([]facts.PortProbe, len(tests))
		testkit.Concurrently(len(tests), func(i int) {
			results[i] = Port(t.Context(), "backup", tests[i].ip.String(), tests[i].port, 500*time.Millisecond)
		})
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got := results[i]
				tt.want.Agent, tt.want.Address, tt.want.Port = "backup", tt.ip.String(), tt.port
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("Port (-want +got):\n%s", diff)
				}
			})
		}
	})

	// The host's namespace may not permit unprivileged ping sockets; one the test made can.
	t.Run("ICMP over a ping socket", func(t *testing.T) {
		var raw bool
		var got icmpOutcome
		up.inNamespace(t, func() error {
			if err := os.WriteFile("/proc/sys/net/ipv4/ping_group_range", []byte("0 2147483647"), 0o644); err != nil {
				return err
			}
			conn, r, err := listenICMP(true)
			if err != nil {
				return err
			}
			conn.Close()
			raw = r
			got = icmpEcho(t.Context(), up.hostIP, timeout) // from the namespace to our end of the link
			return nil
		})
		if raw {
			t.Error("listenICMP opened a raw socket where a ping socket is permitted")
		}
		want := icmpOutcome{ran: true, permitted: true, reply: true, evidence: "icmp: echo reply from " + up.hostIP.String()}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(icmpOutcome{})); diff != "" {
			t.Errorf("icmpEcho over a ping socket (-want +got):\n%s", diff)
		}
	})

	t.Run("VIPInUse cut short", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
		defer cancel()
		got := VIPInUse(ctx, up.empty(7).String(), VIPOptions{Timeout: 5 * time.Second})
		if got.State != facts.VIPUndetermined || got.Error == nil || !strings.Contains(*got.Error, "cut short") {
			t.Errorf("VIPInUse with a 300ms deadline = %+v, want undetermined, cut short", got)
		}
	})
}
