package gatherer

import (
	"context"
	"net"
	"os"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/gatherer/probe"
)

// Per-probe limits; each is also cut short by the whole gather's deadline.
const (
	dnsTimeout  = 3 * time.Second
	tlsTimeout  = 5 * time.Second
	portTimeout = 2 * time.Second
	vipTimeout  = 2 * time.Second
	// portTaskTimeout leaves a port probe's own timeout room to fire first: silence cut
	// short by an earlier deadline does not show a filtered port (probe.Port).
	portTaskTimeout = portTimeout + time.Second
)

// probeNetwork runs every network probe at once, so the gather takes about as long as its
// slowest probe, and records what each one saw. Certificates go to the agents' https facts.
func probeNetwork(ctx context.Context, f *facts.Facts, opts Options) *facts.Network {
	var mu sync.Mutex // guards the maps and slices below, written by concurrent tasks
	resolver := probe.Resolver{Server: opts.DNSServer, Timeout: dnsTimeout}
	network := &facts.Network{
		DNS: &facts.DNS{Forward: map[string]facts.Lookup{}, Reverse: map[string]facts.Lookup{}},
	}
	if server, err := resolver.ServerAddress(); err == nil {
		network.DNS.Server = &server
	}
	if name, err := os.Hostname(); err == nil {
		network.ObservedFrom = &name
	}
	var tasks []probe.Task
	add := func(name string, timeout time.Duration, do func(ctx context.Context)) {
		tasks = append(tasks, probe.Task{Name: name, Timeout: timeout, Do: do})
	}
	agents := map[string]*facts.Agent{"primary": &f.Agents.Primary, "backup": &f.Agents.Backup}
	vips := addrStrings(opts.VirtualIPs)

	// DNS: the shared name forward, every agent primary IP and VIP reverse.
	if opts.Hostname != "" {
		name := opts.Hostname
		add("dns A/AAAA "+name, dnsTimeout, func(ctx context.Context) {
			l := resolver.Forward(ctx, name)
			mu.Lock()
			network.DNS.Forward[name] = l
			mu.Unlock()
		})
	}
	reverse := append([]string(nil), vips...)
	for _, role := range []string{"primary", "backup"} {
		if a := agents[role]; len(a.Addresses) > 0 {
			reverse = append(reverse, a.Addresses[0])
		}
	}
	for _, ip := range unique(reverse) {
		add("dns PTR "+ip, dnsTimeout, func(ctx context.Context) {
			l := resolver.Reverse(ctx, ip)
			mu.Lock()
			network.DNS.Reverse[ip] = l
			mu.Unlock()
		})
	}

	// Virtual IPs in use.
	if len(vips) > 0 {
		network.VirtualIPs = map[string]facts.VIPProbe{}
	}
	for _, vip := range unique(vips) {
		add("vip "+vip, 2*vipTimeout+time.Second, func(ctx context.Context) {
			p := probe.VIPInUse(ctx, vip, probe.VIPOptions{Timeout: vipTimeout})
			mu.Lock()
			network.VirtualIPs[vip] = p
			mu.Unlock()
		})
	}

	// The certificate each agent serves, with SNI set to the Failover address, and the
	// inter-agent ports.
	serverName := opts.Hostname
	if serverName == "" && len(vips) > 0 {
		serverName = vips[0]
	}
	certs := map[string]*facts.TLSProbe{}
	network.Ports = []facts.PortProbe{}
	for _, role := range []string{"primary", "backup"} {
		a := agents[role]
		if len(a.Addresses) == 0 {
			continue
		}
		ip := a.Addresses[0]
		addr := net.JoinHostPort(ip, strconv.Itoa(opts.HTTPSPort))
		add("tls "+role+" "+addr, tlsTimeout, func(ctx context.Context) {
			c := probe.Certificate(ctx, addr, serverName, opts.Roots, opts.Now())
			mu.Lock()
			certs[role] = c
			mu.Unlock()
		})
		for _, port := range opts.Ports {
			add("port "+role+" "+net.JoinHostPort(ip, strconv.Itoa(port)), portTaskTimeout, func(ctx context.Context) {
				p := probe.Port(ctx, role, ip, port, portTimeout)
				mu.Lock()
				network.Ports = append(network.Ports, p)
				mu.Unlock()
			})
		}
	}

	addHeartbeatProbes(addrStrings(opts.InvertedHeartbeatTargets), network, &mu, add)
	addDatabasePortProbes(f, network, &mu, add)
	probe.Run(ctx, tasks, opts.Progress)

	for role, c := range certs {
		a := agents[role]
		if a.HTTPS == nil {
			a.HTTPS = &facts.HTTPS{}
		}
		a.HTTPS.Certificate = c
	}
	sort.Slice(network.Ports, func(i, j int) bool {
		pi, pj := network.Ports[i], network.Ports[j]
		if pi.Agent != pj.Agent {
			return pi.Agent > pj.Agent // primary, then database, then backup
		}
		if pi.Port != pj.Port {
			return pi.Port < pj.Port
		}
		return pi.Address < pj.Address // several database hosts share a port
	})
	return network
}

func unique(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
