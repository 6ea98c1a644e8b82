package gatherer

import (
	"context"
	"net"
	"net/netip"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/gatherer/probe"
)

// Every database probe in this package's tests stays on loopback, whatever a test's facts
// name (the folder fixtures in testdata/agents use loopback database hosts for the same
// reason). A refused target is simply not probed.
func init() {
	allowPortTarget = func(host string) bool {
		ip, err := netip.ParseAddr(host)
		return err == nil && ip.IsLoopback()
	}
}

func dbStr(s string) *string { return &s }

func dbBool(b bool) *bool { return &b }

// dbAgent is an agent with a primary IP and a DB.xml of architecture arch.
func dbAgent(ip, arch string, dbs ...facts.DatabaseEntry) facts.Agent {
	a := facts.Agent{Database: &facts.Database{Architecture: arch, Databases: dbs, Fingerprint: dbFingerprint}}
	if ip != "" {
		a.Addresses = []string{ip}
	}
	return a
}

const dbFingerprint = "sha256:0000000000000000000000000000000000000000000000000000000000000000"

func cassandraCluster(servers ...string) facts.DatabaseEntry {
	return facts.DatabaseEntry{Type: dbStr("CassandraCluster"), Active: dbBool(true), Local: dbBool(true), Servers: servers}
}

func cassandraLocal(tls *bool) facts.DatabaseEntry {
	return facts.DatabaseEntry{Type: dbStr("Cassandra"), Active: dbBool(true), Local: dbBool(true),
		Servers: []string{"localhost"}, TLSEnabled: tls}
}

func searchDB(servers ...string) facts.DatabaseEntry {
	return facts.DatabaseEntry{Type: dbStr("Elasticsearch"), Active: dbBool(true), Search: dbBool(true), Servers: servers}
}

func TestSplitDBServer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		server string
		host   string
		port   int
		ok     bool
	}{
		{"127.0.20.11", "127.0.20.11", 9042, true},
		{" db1.example.local ", "db1.example.local", 9042, true},
		{"127.0.21.21:9201", "127.0.21.21", 9201, true},
		{"[fd00::21]:9201", "fd00::21", 9201, true},
		{"[fd00::21]", "fd00::21", 9042, true},
		{"fd00::21", "fd00::21", 9042, true},
		{"https://search.example.local:9243/", "search.example.local", 9243, true},
		{"http://search.example.local", "search.example.local", 9042, true},
		{"127.0.21.21:http", "", 0, false},
		{"127.0.21.21:70000", "", 0, false},
		{"127.0.21.21:0", "", 0, false},
		{":9200", "", 0, false},
		{"", "", 0, false},
	}
	for _, tt := range tests {
		host, port, ok := splitDBServer(tt.server, 9042)
		if host != tt.host || port != tt.port || ok != tt.ok {
			t.Errorf("splitDBServer(%q) = %q, %d, %v; want %q, %d, %v", tt.server, host, port, ok, tt.host, tt.port, tt.ok)
		}
	}
}

// TestDatabasePortTargets checks which probes each storage architecture gets, without
// dialling anything.
func TestDatabasePortTargets(t *testing.T) {
	t.Parallel()
	inactive := searchDB("10.20.9.9")
	inactive.Active = dbBool(false)
	tests := []struct {
		name            string
		primary, backup facts.Agent
		want            []portTarget
	}{
		{
			name: "dedicated clustered: every host once, custom ports, inactive and bad entries left out",
			primary: dbAgent("10.11.5.52", facts.ArchitectureDedicatedClustered,
				cassandraCluster("127.0.20.11", "127.0.20.12"),
				searchDB("127.0.21.21:9201", "127.0.21.22", "127.0.21.23:92OO"), inactive),
			backup: dbAgent("10.11.4.52", facts.ArchitectureDedicatedClustered,
				cassandraCluster("127.0.20.11", "127.0.20.12", "127.0.20.13"),
				searchDB("127.0.21.21:9201", "[fd00::22]")),
			want: []portTarget{
				{"database", "127.0.20.11", 9042}, {"database", "127.0.20.12", 9042}, {"database", "127.0.20.13", 9042},
				{"database", "127.0.21.22", 9200}, {"database", "fd00::22", 9200}, {"database", "127.0.21.21", 9201},
			},
		},
		{
			// localhost is the agent itself: never dialled on the machine running dmaprep.
			name: "dedicated clustered: localhost in DB.xml is not probed from here",
			primary: dbAgent("10.11.5.52", facts.ArchitectureDedicatedClustered,
				cassandraCluster("127.0.20.11"), searchDB("localhost", "LocalHost.:9201")),
			backup: dbAgent("10.11.4.52", facts.ArchitectureDedicatedClustered,
				cassandraCluster("127.0.20.11"), searchDB("localhost")),
			want: []portTarget{{"database", "127.0.20.11", 9042}},
		},
		{
			name:    "separate Cassandra: 7000 and 9042 at each agent",
			primary: dbAgent("10.11.5.52", facts.ArchitectureSeparateCassandra, cassandraLocal(nil)),
			backup:  dbAgent("10.11.4.52", facts.ArchitectureSeparateCassandra, cassandraLocal(dbBool(false))),
			want: []portTarget{
				{"primary", "10.11.5.52", 7000}, {"primary", "10.11.5.52", 9042},
				{"backup", "10.11.4.52", 7000}, {"backup", "10.11.4.52", 9042},
			},
		},
		{
			name:    "separate Cassandra with indexing and TLS on one agent: 7001, 9042, 9200, 9300",
			primary: dbAgent("10.11.5.52", facts.ArchitectureSeparateCassandraIndexing, cassandraLocal(nil), searchDB("localhost")),
			backup:  dbAgent("10.11.4.52", facts.ArchitectureSeparateCassandraIndexing, cassandraLocal(dbBool(true)), searchDB("localhost")),
			want: []portTarget{
				{"primary", "10.11.5.52", 7001}, {"primary", "10.11.5.52", 9042},
				{"primary", "10.11.5.52", 9200}, {"primary", "10.11.5.52", 9300},
				{"backup", "10.11.4.52", 7001}, {"backup", "10.11.4.52", 9042},
				{"backup", "10.11.4.52", 9200}, {"backup", "10.11.4.52", 9300},
			},
		},
		{
			name:    "separate Cassandra, backup without an address",
			primary: dbAgent("10.11.5.52", facts.ArchitectureSeparateCassandra, cassandraLocal(nil)),
			backup:  dbAgent("", facts.ArchitectureSeparateCassandra, cassandraLocal(nil)),
			want:    []portTarget{{"primary", "10.11.5.52", 7000}, {"primary", "10.11.5.52", 9042}},
		},
		{
			name:    "STaaS and legacy: nothing",
			primary: dbAgent("10.11.5.52", facts.ArchitectureSTaaS, facts.DatabaseEntry{Type: dbStr("CloudStorage")}),
			backup:  dbAgent("10.11.4.52", facts.ArchitectureLegacy, facts.DatabaseEntry{Type: dbStr("MySQL"), Servers: []string{"localhost"}}),
		},
		{
			name:    "DB.xml not read: nothing",
			primary: facts.Agent{Addresses: []string{"10.11.5.52"}},
			backup:  facts.Agent{Addresses: []string{"10.11.4.52"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &facts.Facts{Agents: facts.Agents{Primary: tt.primary, Backup: tt.backup}}
			if diff := cmp.Diff(tt.want, databasePortTargets(f)); diff != "" {
				t.Errorf("targets (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDatabaseProbesStayOnLoopbackInTests checks the guard every test here relies on: a
// database host that is not loopback gets no task at all (nothing is run).
func TestDatabaseProbesStayOnLoopbackInTests(t *testing.T) {
	t.Parallel()
	f := &facts.Facts{Agents: facts.Agents{
		Primary: dbAgent("127.0.0.51", facts.ArchitectureDedicatedClustered, cassandraCluster("10.20.0.11", "127.0.0.1:1")),
		Backup:  dbAgent("127.0.0.52", facts.ArchitectureDedicatedClustered, cassandraCluster("10.20.0.11")),
	}}
	var names []string
	add := func(name string, _ time.Duration, _ func(ctx context.Context)) { names = append(names, name) }
	addDatabasePortProbes(f, &facts.Network{}, &sync.Mutex{}, add)
	if diff := cmp.Diff([]string{"port database 127.0.0.1:1"}, names); diff != "" {
		t.Errorf("tasks (-want +got):\n%s", diff)
	}
}

// dbListen listens on 127.0.0.1 on a free port; the listener closes when the test ends.
func dbListen(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.1: %v", err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}

// dbClosedPort is a port of 127.0.0.1 on which nothing listens.
func dbClosedPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.1: %v", err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}

// dbListenFixed finds a loopback address 127.0.0.x on which every one of ports can be
// bound (they are fixed numbers such as 9042), listens there and returns the address.
func dbListenFixed(t *testing.T, ports ...int) string {
	t.Helper()
	for x := 60; x < 90; x++ {
		host := "127.0.0." + strconv.Itoa(x)
		var lns []net.Listener
		for _, port := range ports {
			ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
			if err != nil {
				break
			}
			lns = append(lns, ln)
		}
		if len(lns) == len(ports) {
			for _, ln := range lns {
				t.Cleanup(func() { ln.Close() })
			}
			return host
		}
		for _, ln := range lns {
			ln.Close()
		}
	}
	t.Skipf("ports %v cannot be bound on any of 127.0.0.60-89 here", ports)
	return ""
}

// runDatabaseProbes runs the database probes of f alone and returns what they recorded,
// in a stable order.
func runDatabaseProbes(t *testing.T, f *facts.Facts) []facts.PortProbe {
	t.Helper()
	network := &facts.Network{Ports: []facts.PortProbe{}}
	var mu sync.Mutex
	var tasks []probe.Task
	add := func(name string, timeout time.Duration, do func(ctx context.Context)) {
		tasks = append(tasks, probe.Task{Name: name, Timeout: timeout, Do: do})
	}
	addDatabasePortProbes(f, network, &mu, add)
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	probe.Run(ctx, tasks, nil)
	sortPorts(network.Ports)
	return network.Ports
}

func sortPorts(ports []facts.PortProbe) {
	sort.Slice(ports, func(i, j int) bool {
		a, b := ports[i], ports[j]
		if a.Agent != b.Agent {
			return a.Agent > b.Agent
		}
		if a.Address != b.Address {
			return a.Address < b.Address
		}
		return a.Port < b.Port
	})
}

func dbProbe(agent, host string, port int, state, err string) facts.PortProbe {
	p := facts.PortProbe{Agent: agent, Address: host, Port: port, State: state}
	if err != "" {
		p.Error = dbStr(err)
	}
	return p
}

// TestDatabaseProbesRecordStates probes database hosts given as 127.0.0.1:<port> on both
// agents: one listens, one does not; the shared host is probed once.
func TestDatabaseProbesRecordStates(t *testing.T) {
	t.Parallel()
	open, closed := dbListen(t), dbClosedPort(t)
	cassandra := "127.0.0.1:" + strconv.Itoa(open)
	search := "127.0.0.1:" + strconv.Itoa(closed)
	f := &facts.Facts{Agents: facts.Agents{
		Primary: dbAgent("127.0.0.51", facts.ArchitectureDedicatedClustered, cassandraCluster(cassandra), searchDB(search)),
		Backup:  dbAgent("127.0.0.52", facts.ArchitectureDedicatedClustered, cassandraCluster(cassandra), searchDB(search)),
	}}
	want := []facts.PortProbe{
		dbProbe("database", "127.0.0.1", open, facts.PortOpen, ""),
		dbProbe("database", "127.0.0.1", closed, facts.PortClosed, "connection refused"),
	}
	sortPorts(want)
	if diff := cmp.Diff(want, runDatabaseProbes(t, f)); diff != "" {
		t.Errorf("ports (-want +got):\n%s", diff)
	}
}

// TestDatabaseProbesBetweenSeparateCassandraAgents probes the fixed Cassandra ports at the
// agents' addresses: the primary (a free 127.0.0.x) listens on 7001 and 9042, the backup
// (127.0.0.59) on nothing.
func TestDatabaseProbesBetweenSeparateCassandraAgents(t *testing.T) {
	t.Parallel()
	primary := dbListenFixed(t, cassandraInterNodeTLSPort, cassandraCQLPort)
	const backup = "127.0.0.59"
	for _, port := range []int{cassandraInterNodeTLSPort, cassandraCQLPort} {
		if c, err := net.DialTimeout("tcp", net.JoinHostPort(backup, strconv.Itoa(port)), time.Second); err == nil {
			c.Close()
			t.Skipf("something listens on %s:%d", backup, port)
		}
	}
	f := &facts.Facts{Agents: facts.Agents{
		Primary: dbAgent(primary, facts.ArchitectureSeparateCassandra, cassandraLocal(dbBool(true))),
		Backup:  dbAgent(backup, facts.ArchitectureSeparateCassandra, cassandraLocal(dbBool(true))),
	}}
	want := []facts.PortProbe{
		dbProbe("primary", primary, cassandraInterNodeTLSPort, facts.PortOpen, ""),
		dbProbe("primary", primary, cassandraCQLPort, facts.PortOpen, ""),
		dbProbe("backup", backup, cassandraInterNodeTLSPort, facts.PortClosed, "connection refused"),
		dbProbe("backup", backup, cassandraCQLPort, facts.PortClosed, "connection refused"),
	}
	sortPorts(want)
	if diff := cmp.Diff(want, runDatabaseProbes(t, f)); diff != "" {
		t.Errorf("ports (-want +got):\n%s", diff)
	}
}

// TestProbeNetworkProbesDatabaseHosts runs the whole network gather (DNS to a closed
// loopback port, the agents on 127.0.0.53 and 127.0.0.54) and finds the database probes
// among network.ports.
func TestProbeNetworkProbesDatabaseHosts(t *testing.T) {
	t.Parallel()
	open, closed := dbListen(t), dbClosedPort(t)
	dns, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.1: %v", err)
	}
	dnsAddr := dns.LocalAddr().String()
	dns.Close() // nothing answers there: the kernel refuses the questions at once
	servers := []string{"127.0.0.1:" + strconv.Itoa(open), "127.0.0.1:" + strconv.Itoa(closed)}
	f := &facts.Facts{Agents: facts.Agents{
		Primary: dbAgent("127.0.0.53", facts.ArchitectureDedicatedClustered, cassandraCluster(servers...)),
		Backup:  dbAgent("127.0.0.54", facts.ArchitectureDedicatedClustered, cassandraCluster(servers...)),
	}}
	opts := Options{DNSServer: dnsAddr, HTTPSPort: closed, Timeout: 5 * time.Second, Now: time.Now}
	ctx, cancel := context.WithTimeout(t.Context(), opts.Timeout)
	defer cancel()
	n := probeNetwork(ctx, f, opts)
	var got []facts.PortProbe
	for _, p := range n.Ports {
		if addr, err := netip.ParseAddr(p.Address); err != nil || !addr.IsLoopback() {
			t.Errorf("probe of %s:%d aims off loopback", p.Address, p.Port)
		}
		if p.Agent == "database" {
			got = append(got, p)
		}
	}
	sortPorts(got)
	want := []facts.PortProbe{
		dbProbe("database", "127.0.0.1", open, facts.PortOpen, ""),
		dbProbe("database", "127.0.0.1", closed, facts.PortClosed, "connection refused"),
	}
	sortPorts(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("database ports (-want +got):\n%s", diff)
	}
}
