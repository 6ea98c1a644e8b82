package probe

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dmaprep/dmaprep/facts"
)

// TestVIPInUseLoopback probes 127.0.0.5 (not assigned to lo itself, but answered by the
// kernel): a listener and a refusing port both prove a host.
func TestVIPInUseLoopback(t *testing.T) {
	t.Parallel()
	_, open := splitPort(t, listen(t, "127.0.0.5:0").Addr().String())
	ln := listen(t, "127.0.0.5:0")
	_, refusing := splitPort(t, ln.Addr().String())
	ln.Close()
	lo := loopbackName(t)

	tests := []struct {
		name string
		ip   string
		opts VIPOptions
		want facts.VIPProbe
	}{
		{name: "listener and refusal", ip: "127.0.0.5", opts: VIPOptions{Ports: []int{open, refusing}, SkipICMP: true},
			want: facts.VIPProbe{State: facts.VIPInUse, Method: "tcp", Evidence: []string{
				fmt.Sprintf("tcp/%d: connected to 127.0.0.5", open),
				fmt.Sprintf("tcp/%d: connection refused by 127.0.0.5", refusing),
			}}},
		{name: "refusals grouped", ip: "127.0.0.5", opts: VIPOptions{Ports: []int{refusing, open, refusing}, SkipICMP: true},
			want: facts.VIPProbe{State: facts.VIPInUse, Method: "tcp", Evidence: []string{
				fmt.Sprintf("tcp/%d,%d: connection refused by 127.0.0.5", refusing, refusing),
				fmt.Sprintf("tcp/%d: connected to 127.0.0.5", open),
			}}},
		{name: "address of this host", ip: "127.0.0.1", opts: VIPOptions{SkipTCP: true, SkipICMP: true},
			want: facts.VIPProbe{State: facts.VIPInUse, Method: "local", Evidence: []string{"127.0.0.1 is assigned to this host (" + lo + ")"}}},
		{name: "IPv4-mapped address", ip: "::ffff:127.0.0.5", opts: VIPOptions{Ports: []int{open}, SkipICMP: true},
			want: facts.VIPProbe{State: facts.VIPInUse, Method: "tcp", Evidence: []string{fmt.Sprintf("tcp/%d: connected to 127.0.0.5", open)}}},
		{name: "no method", ip: "127.0.0.5", opts: VIPOptions{SkipTCP: true, SkipICMP: true, SkipARP: true},
			want: facts.VIPProbe{State: facts.VIPUndetermined, Error: ptr("nothing answered, which does not prove the address free: ICMP was not tried; ARP was not tried; no method was tried")}},
		{name: "not an address", ip: "vip.failover.test",
			want: facts.VIPProbe{State: facts.VIPUndetermined, Error: ptr(`"vip.failover.test" is not an IP address`)}},
		{name: "unspecified", ip: "0.0.0.0",
			want: facts.VIPProbe{State: facts.VIPUndetermined, Error: ptr("0.0.0.0 is not a unicast address")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.opts.Timeout == 0 {
				tt.opts.Timeout = time.Second
			}
			got := VIPInUse(t.Context(), tt.ip, tt.opts)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("VIPInUse(%s) (-want +got):\n%s", tt.ip, diff)
			}
		})
	}
}

// loopbackName is the name of the interface that holds 127.0.0.1.
func loopbackName(t *testing.T) string {
	t.Helper()
	ifaces, err := interfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	if name := localInterface(ifaces, netip.MustParseAddr("127.0.0.1")); name != "" {
		return name
	}
	t.Skip("no interface holds 127.0.0.1")
	return ""
}

// TestVIPInUseICMPLoopback pings 127.0.0.5: an echo reply when this process may send
// ICMP, "icmp not permitted" otherwise.
func TestVIPInUseICMPLoopback(t *testing.T) {
	t.Parallel()
	got := VIPInUse(t.Context(), "127.0.0.5", VIPOptions{SkipTCP: true, Timeout: time.Second})
	want := facts.VIPProbe{State: facts.VIPInUse, Method: "icmp", Evidence: []string{"icmp: echo reply from 127.0.0.5"}}
	if got.State == facts.VIPUndetermined && len(got.Evidence) == 1 && strings.HasPrefix(got.Evidence[0], "icmp not permitted") {
		t.Logf("ICMP not permitted here, recorded as: %q", got.Evidence[0])
		return
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("VIPInUse (-want +got):\n%s", diff)
	}
}

// TestDecide covers the rule from observations to state, without probing.
func TestDecide(t *testing.T) {
	t.Parallel()
	addr := netip.MustParseAddr("10.0.0.9")
	silent := []tcpOutcome{{80, dialSilent, "no answer within 2s"}, {443, dialSilent, "no answer within 2s"}}
	icmpSilent := icmpOutcome{ran: true, permitted: true, silent: true, evidence: "icmp: no echo reply within 2s"}
	icmpDenied := icmpOutcome{ran: true, evidence: "icmp not permitted (ping socket: permission denied; raw socket: operation not permitted)"}
	silentLines := []string{"tcp/80,443: no answer within 2s"}

	tests := []struct {
		name string
		obs  vipObservations
		opts VIPOptions
		want facts.VIPProbe
	}{
		{name: "refused proves a host",
			obs: vipObservations{tcpRan: true, tcp: []tcpOutcome{{80, dialSilent, "no answer within 2s"}, {443, dialRefused, "connection refused"}}, icmp: icmpSilent},
			want: facts.VIPProbe{State: facts.VIPInUse, Method: "tcp", Evidence: []string{
				"tcp/80: no answer within 2s", "tcp/443: connection refused by 10.0.0.9", "icmp: no echo reply within 2s"}}},
		{name: "ARP alone proves a host that drops everything",
			obs: vipObservations{attached: "eth0", tcpRan: true, tcp: silent, icmp: icmpSilent,
				arp: neighOutcome{ran: true, host: true, evidence: "arp: 10.0.0.9 is at 00-15-5D-4A-01-07 on eth0 (REACHABLE)"}},
			want: facts.VIPProbe{State: facts.VIPInUse, Method: "arp", Evidence: append(append([]string{}, silentLines...),
				"icmp: no echo reply within 2s", "arp: 10.0.0.9 is at 00-15-5D-4A-01-07 on eth0 (REACHABLE)")}},
		{name: "ARP failure proves no host, even without ICMP",
			obs: vipObservations{attached: "eth0", tcpRan: true, tcp: silent, icmp: icmpDenied,
				arp: neighOutcome{ran: true, noHost: true, evidence: "arp: no reply for 10.0.0.9 on eth0 (FAILED)"}},
			want: facts.VIPProbe{State: facts.VIPFree, Method: "arp", Evidence: append(append([]string{}, silentLines...),
				icmpDenied.evidence, "arp: no reply for 10.0.0.9 on eth0 (FAILED)")}},
		{name: "routed: silent ICMP and TCP is free",
			obs:  vipObservations{tcpRan: true, tcp: silent, icmp: icmpSilent},
			want: facts.VIPProbe{State: facts.VIPFree, Method: "icmp+tcp", Evidence: append(append([]string{}, silentLines...), "icmp: no echo reply within 2s")}},
		{name: "unreachable counts as silence",
			obs:  vipObservations{tcpRan: true, tcp: []tcpOutcome{{80, dialUnreachable, "host unreachable"}}, icmp: icmpSilent},
			want: facts.VIPProbe{State: facts.VIPFree, Method: "icmp+tcp", Evidence: []string{"tcp/80: host unreachable", "icmp: no echo reply within 2s"}}},
		{name: "ICMP alone when TCP is skipped",
			obs:  vipObservations{icmp: icmpSilent},
			opts: VIPOptions{SkipTCP: true},
			want: facts.VIPProbe{State: facts.VIPFree, Method: "icmp", Evidence: []string{"icmp: no echo reply within 2s"}}},
		{name: "routed without ICMP is undetermined",
			obs: vipObservations{tcpRan: true, tcp: silent, icmp: icmpDenied},
			want: facts.VIPProbe{State: facts.VIPUndetermined, Method: "tcp+icmp", Evidence: append(append([]string{}, silentLines...), icmpDenied.evidence),
				Error: ptr("nothing answered, which does not prove the address free: ICMP echo was not possible; 10.0.0.9 is not on a directly attached subnet, so ARP cannot tell")}},
		{name: "a TCP error is not silence",
			obs: vipObservations{tcpRan: true, tcp: []tcpOutcome{{80, dialFailed, "permission denied"}}, icmp: icmpSilent},
			want: facts.VIPProbe{State: facts.VIPUndetermined, Method: "tcp+icmp", Evidence: []string{"tcp/80: permission denied", "icmp: no echo reply within 2s"},
				Error: ptr("nothing answered, which does not prove the address free: not every TCP port stayed silent; 10.0.0.9 is not on a directly attached subnet, so ARP cannot tell")}},
		{name: "cut short is undetermined",
			obs: vipObservations{tcpRan: true, tcp: silent, icmp: icmpSilent, cut: fmt.Errorf("context deadline exceeded")},
			want: facts.VIPProbe{State: facts.VIPUndetermined, Method: "tcp+icmp", Evidence: append(append([]string{}, silentLines...), "icmp: no echo reply within 2s"),
				Error: ptr("nothing answered, which does not prove the address free: probing was cut short (context deadline exceeded); 10.0.0.9 is not on a directly attached subnet, so ARP cannot tell")}},
		{name: "ARP inconclusive on an attached subnet",
			obs: vipObservations{attached: "eth0", tcpRan: true, tcp: silent, icmp: icmpDenied,
				arp: neighOutcome{ran: true, evidence: "arp: no neighbour entry for 10.0.0.9 on eth0"}},
			want: facts.VIPProbe{State: facts.VIPUndetermined, Method: "tcp+icmp+arp", Evidence: append(append([]string{}, silentLines...),
				icmpDenied.evidence, "arp: no neighbour entry for 10.0.0.9 on eth0"),
				Error: ptr("nothing answered, which does not prove the address free: ICMP echo was not possible; ARP was inconclusive")}},
		{name: "neighbour table unreadable",
			obs: vipObservations{attached: "eth0", tcpRan: true, tcp: silent, icmp: icmpDenied, arp: neighOutcome{ran: true, err: "ip neigh: exit status 1"}},
			want: facts.VIPProbe{State: facts.VIPUndetermined, Method: "tcp+icmp", Evidence: append(append([]string{}, silentLines...), icmpDenied.evidence),
				Error: ptr("nothing answered, which does not prove the address free: ICMP echo was not possible; no ARP evidence: ip neigh: exit status 1")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.obs.addr = addr
			if diff := cmp.Diff(tt.want, tt.obs.decide(tt.opts)); diff != "" {
				t.Errorf("decide (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAttachedInterface(t *testing.T) {
	t.Parallel()
	p := netip.MustParsePrefix
	ifaces := []ifaceAddr{
		{name: "lo", prefix: p("127.0.0.1/8"), loopback: true, up: true},
		{name: "eth0", prefix: p("10.11.5.50/16"), up: true},
		{name: "eth1", prefix: p("10.11.5.51/24"), up: true},
		{name: "down0", prefix: p("10.12.0.1/24")},
		{name: "host0", prefix: p("10.13.0.1/32"), up: true},
		{name: "eth2", prefix: p("fd00::50/64"), up: true},
	}
	for _, tt := range []struct{ ip, local, attached string }{
		{"10.11.5.60", "", "eth1"}, // most specific subnet
		{"10.11.6.60", "", "eth0"},
		{"10.11.5.51", "eth1", "eth1"},
		{"127.0.0.5", "", ""}, // loopback is no link
		{"127.0.0.1", "lo", ""},
		{"10.12.0.5", "", ""}, // interface down
		{"10.13.0.2", "", ""}, // a /32 is no subnet
		{"fd00::60", "", "eth2"},
		{"192.0.2.1", "", ""},
	} {
		addr := netip.MustParseAddr(tt.ip)
		if got := localInterface(ifaces, addr); got != tt.local {
			t.Errorf("localInterface(%s) = %q, want %q", tt.ip, got, tt.local)
		}
		if got := attachedInterface(ifaces, addr); got != tt.attached {
			t.Errorf("attachedInterface(%s) = %q, want %q", tt.ip, got, tt.attached)
		}
	}
}
