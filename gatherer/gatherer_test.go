package gatherer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/miekg/dns"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/gatherer/probe"
	"github.com/dmaprep/dmaprep/gatherer/source"
	"github.com/dmaprep/dmaprep/gatherer/wsapi/wsapitest"
	"github.com/dmaprep/dmaprep/internal/testkit"
)

// Every address these tests send to is on loopback: the agents are 127.0.0.21 and
// 127.0.0.22, the virtual IP 127.0.0.23 (nothing listens there, but on loopback every
// 127.x address is this host, so the probe sees it in use), the DNS server an in-process
// one on 127.0.0.1. A test that gave no --dns-server would ask the system resolver, which
// may be anywhere: every test that probes sets DNSServer.

// agentsDir holds the DataMiner folder fixtures (testdata/agents/README.md).
const agentsDir = "../testdata/agents"

const (
	primaryIP  = "127.0.0.21"
	backupIP   = "127.0.0.22"
	testVIP    = "127.0.0.23"
	sharedName = "fo.dmaprep.test"
)

// testNow is the gather's clock: the test certificates are valid around it.
var testNow = time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return testNow }

// maxOverrun is how much longer than its Timeout a Pair may take.
const maxOverrun = 1500 * time.Millisecond

func ptr[T any](v T) *T { return &v }

// --- an in-process DNS server ---

// startDNS answers from records (zone-file lines) over UDP on 127.0.0.1: a name it does
// not know is NXDOMAIN, a known name without records of the type asked is NODATA.
func startDNS(t testing.TB, records ...string) string {
	t.Helper()
	zone := map[string][]dns.RR{}
	for _, s := range records {
		rr, err := dns.NewRR(s)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.ToLower(rr.Header().Name)
		zone[name] = append(zone[name], rr)
	}
	handler := dns.HandlerFunc(func(w dns.ResponseWriter, req *dns.Msg) {
		q := req.Question[0]
		m := new(dns.Msg)
		m.SetReply(req)
		m.Authoritative = true
		rrs, ok := zone[strings.ToLower(q.Name)]
		if !ok {
			m.Rcode = dns.RcodeNameError
		}
		for _, rr := range rrs {
			if rr.Header().Rrtype == q.Qtype {
				m.Answer = append(m.Answer, rr)
			}
		}
		w.WriteMsg(m)
	})
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &dns.Server{PacketConn: pc, Handler: handler}
	started := make(chan struct{})
	srv.NotifyStartedFunc = func() { close(started) }
	go srv.ActivateAndServe()
	<-started
	t.Cleanup(func() { srv.Shutdown() })
	return pc.LocalAddr().String()
}

// pairZone is the DNS of a hostname-mode pair: the shared name resolves to both agents,
// each agent's address to the shared name.
func pairZone() []string {
	return []string{
		sharedName + ". 60 IN A " + primaryIP,
		sharedName + ". 60 IN A " + backupIP,
		"21.0.0.127.in-addr.arpa. 60 IN PTR " + sharedName + ".",
		"22.0.0.127.in-addr.arpa. 60 IN PTR " + sharedName + ".",
	}
}

// silentDNS is a UDP socket on 127.0.0.1 that reads questions and never answers.
func silentDNS(t testing.TB) string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 1500)
		for {
			if _, _, err := pc.ReadFrom(buf); err != nil {
				return
			}
		}
	}()
	return pc.LocalAddr().String()
}

// closedDNS is a UDP address on 127.0.0.1 where nothing listens: the kernel answers port
// unreachable.
func closedDNS(t testing.TB) string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := pc.LocalAddr().String()
	pc.Close()
	return addr
}

// --- checks ---

// validDocument marshals f as the CLI writes it and checks it against the fact schema.
func validDocument(t testing.TB, f facts.Facts) []byte {
	t.Helper()
	raw, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := facts.DecodeBytes(raw, "gathered facts")
	if err != nil {
		t.Fatal(err)
	}
	violations, err := facts.Validate(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		t.Errorf("schema violation: %s", v)
	}
	if len(violations) > 0 {
		t.Logf("document:\n%s", raw)
	}
	return raw
}

// wantCertificate is the fact the TLS probe records for a served leaf.
func wantCertificate(c tls.Certificate, ca *testkit.CA) facts.Certificate {
	sum := sha256.Sum256(c.Leaf.Raw)
	ips := []string{}
	for _, ip := range c.Leaf.IPAddresses {
		ips = append(ips, ip.String())
	}
	return facts.Certificate{
		Subject:     c.Leaf.Subject.String(),
		Issuer:      ca.Cert.Subject.String(),
		Serial:      c.Leaf.SerialNumber.Text(16),
		DNSNames:    append([]string{}, c.Leaf.DNSNames...),
		IPAddresses: ips,
		NotBefore:   c.Leaf.NotBefore.UTC().Format(time.RFC3339),
		NotAfter:    c.Leaf.NotAfter.UTC().Format(time.RFC3339),
		SHA256:      hex.EncodeToString(sum[:]),
	}
}

func portProbe(agent, ip string, port int, state, err string) facts.PortProbe {
	p := facts.PortProbe{Agent: agent, Address: ip, Port: port, State: state}
	if err != "" {
		p.Error = ptr(err)
	}
	return p
}

// timedPair runs Pair and fails the test when it outlives opts.Timeout by more than
// maxOverrun.
// It also fails the test when a probe was aimed off loopback (a tripwire for a new
// probe that takes its target from the fixtures, whose addresses are real-looking).
func timedPair(t *testing.T, opts Options) (facts.Facts, error) {
	t.Helper()
	return runPair(t.Context(), opts).result(t)
}

// pairRun is one Pair call, run by runPair and checked by result: tests that run several
// Pairs at once (testkit.Concurrently) check each in its own subtest afterwards.
type pairRun struct {
	timeout time.Duration
	f       facts.Facts
	err     error
	took    time.Duration
	mu      sync.Mutex
	// offLoopback are the tasks of probes aimed off loopback.
	offLoopback []string
}

// runPair runs Pair, timing it and recording every probe aimed off loopback.
func runPair(ctx context.Context, opts Options) *pairRun {
	r := &pairRun{timeout: opts.Timeout}
	if opts.Progress == nil {
		opts.Progress = func(ev probe.Event) {
			if ev.Kind != probe.TaskStarted {
				return
			}
			for _, field := range strings.Fields(ev.Task) {
				host := field
				if h, _, err := net.SplitHostPort(field); err == nil {
					host = h
				}
				if ip, err := netip.ParseAddr(host); err == nil && !ip.IsLoopback() {
					r.mu.Lock()
					r.offLoopback = append(r.offLoopback, ev.Task)
					r.mu.Unlock()
				}
			}
		}
	}
	start := time.Now()
	r.f, r.err = Pair(ctx, opts)
	r.took = time.Since(start)
	return r
}

// result fails the test for each probe aimed off loopback and when the Pair outlived its
// Timeout by more than maxOverrun, and returns what Pair returned.
func (r *pairRun) result(t *testing.T) (facts.Facts, error) {
	t.Helper()
	r.mu.Lock()
	for _, task := range r.offLoopback {
		t.Errorf("probe %q aims off loopback", task)
	}
	r.mu.Unlock()
	if r.took > r.timeout+maxOverrun {
		t.Errorf("Pair took %s with a %s timeout", r.took.Round(time.Millisecond), r.timeout)
	} else {
		t.Logf("Pair took %s (timeout %s)", r.took.Round(time.Millisecond), r.timeout)
	}
	return r.f, r.err
}

// --- end to end ---

// TestPairFoldersWithNetwork gathers the fixture folders and probes real servers on
// loopback: an in-process DNS server, both agents' HTTPS with certificates from a test
// CA, an open and a closed inter-agent port.
func TestPairFoldersWithNetwork(t *testing.T) {
	t.Parallel()
	ca := testkit.NewCA(t, "dmaprep pair test CA", testNow)
	https := testkit.ListenSamePort(t, primaryIP, backupIP)
	port := testkit.PortOf(https[0])
	primaryCert := ca.Issue(t, 0x21, "dma-a.dmaprep.test", []string{"dma-a.dmaprep.test", sharedName}, primaryIP)
	backupCert := ca.Issue(t, 0x22, "dma-b.dmaprep.test", []string{"dma-b.dmaprep.test", sharedName}, backupIP)
	testkit.ServeTLS(t, https[0], primaryCert)
	testkit.ServeTLS(t, https[1], backupCert)
	closed := testkit.ClosedPort(t, primaryIP, backupIP)
	dnsServer := startDNS(t, pairZone()...)

	base := Options{
		Ports:      []int{port, closed},
		Primary:    source.Parse(filepath.Join(agentsDir, "primary")),
		Backup:     source.Parse(filepath.Join(agentsDir, "backup")),
		PrimaryIPs: addrs(primaryIP),
		BackupIPs:  addrs(backupIP),
		DNSServer:  dnsServer,
		HTTPSPort:  port,
		Roots:      ca.Roots,
		Timeout:    5 * time.Second,
		Version:    "test",
		Now:        fixedNow,
	}
	wantPorts := []facts.PortProbe{
		portProbe("primary", primaryIP, port, facts.PortOpen, ""),
		portProbe("primary", primaryIP, closed, facts.PortClosed, "connection refused"),
		portProbe("backup", backupIP, port, facts.PortOpen, ""),
		portProbe("backup", backupIP, closed, facts.PortClosed, "connection refused"),
	}
	// The primary's ports first, each agent's in port order.
	if closed < port {
		wantPorts[0], wantPorts[1] = wantPorts[1], wantPorts[0]
		wantPorts[2], wantPorts[3] = wantPorts[3], wantPorts[2]
	}
	answer := func(records ...string) facts.Lookup {
		return facts.Lookup{Status: facts.LookupAnswer, Records: records}
	}

	t.Run("hostname mode", func(t *testing.T) {
		opts := base
		opts.Hostname = sharedName
		f, err := timedPair(t, opts)
		if err != nil {
			t.Fatalf("Pair: %v", err)
		}
		validDocument(t, f)
		if f.Intent.SharedHostname == nil || *f.Intent.SharedHostname != sharedName || f.Intent.VirtualIPs != nil {
			t.Errorf("intent = %+v", f.Intent)
		}
		n := f.Network
		if n == nil || n.DNS == nil {
			t.Fatalf("network = %+v, want the probes' facts", n)
		}
		if n.DNS.Server == nil || *n.DNS.Server != dnsServer {
			t.Errorf("dns server = %v, want %s", n.DNS.Server, dnsServer)
		}
		wantForward := map[string]facts.Lookup{sharedName: answer(primaryIP, backupIP)}
		if diff := cmp.Diff(wantForward, n.DNS.Forward); diff != "" {
			t.Errorf("forward lookups (-want +got):\n%s", diff)
		}
		wantReverse := map[string]facts.Lookup{primaryIP: answer(sharedName), backupIP: answer(sharedName)}
		if diff := cmp.Diff(wantReverse, n.DNS.Reverse); diff != "" {
			t.Errorf("reverse lookups (-want +got):\n%s", diff)
		}
		if n.VirtualIPs != nil {
			t.Errorf("virtual IPs probed in hostname mode: %v", n.VirtualIPs)
		}
		if diff := cmp.Diff(wantPorts, agentPorts(n.Ports)); diff != "" {
			t.Errorf("ports (-want +got):\n%s", diff)
		}
		for role, c := range map[string]tls.Certificate{"primary": primaryCert, "backup": backupCert} {
			a, ip := f.Agents.Primary, primaryIP
			if role == "backup" {
				a, ip = f.Agents.Backup, backupIP
			}
			if a.HTTPS == nil {
				t.Fatalf("%s: no https facts", role)
			}
			// The folder's facts stay beside the probe's.
			if a.HTTPS.Enabled == nil || !*a.HTTPS.Enabled || a.HTTPS.Name == nil {
				t.Errorf("%s: https enabled/name from the folder lost: %+v", role, a.HTTPS)
			}
			want := &facts.TLSProbe{
				Address:    net.JoinHostPort(ip, strconv.Itoa(port)),
				ServerName: ptr(sharedName),
				Chain:      []facts.Certificate{wantCertificate(c, ca)},
				Verified:   ptr(true),
			}
			if diff := cmp.Diff(want, a.HTTPS.Certificate); diff != "" {
				t.Errorf("%s certificate (-want +got):\n%s", role, diff)
			}
			if diff := cmp.Diff([]string{ip}, a.Addresses); diff != "" {
				t.Errorf("%s addresses (-want +got):\n%s", role, diff)
			}
			if a.Source == nil || a.Source.Kind != facts.SourceFolder {
				t.Errorf("%s source = %+v, want a folder", role, a.Source)
			}
			if a.DataMinerID == nil || *a.DataMinerID != 212 {
				t.Errorf("%s dataminer_id = %v, want 212", role, a.DataMinerID)
			}
		}
		g := f.Gatherer
		if g == nil || g.Name != "dmaprep" || g.Version != "test" || g.SkipNetwork || g.TimeoutSeconds == nil || *g.TimeoutSeconds != 5 {
			t.Errorf("gatherer = %+v", g)
		}
		if f.CollectedAt == nil || *f.CollectedAt != testNow.Format(time.RFC3339) {
			t.Errorf("collected_at = %v, want %s", f.CollectedAt, testNow.Format(time.RFC3339))
		}
	})

	t.Run("virtual IP mode", func(t *testing.T) {
		opts := base
		opts.VirtualIPs = addrs(testVIP)
		f, err := timedPair(t, opts)
		if err != nil {
			t.Fatalf("Pair: %v", err)
		}
		validDocument(t, f)
		n := f.Network
		wantReverse := map[string]facts.Lookup{
			primaryIP: answer(sharedName), backupIP: answer(sharedName),
			testVIP: {Status: facts.LookupNXDomain},
		}
		if diff := cmp.Diff(wantReverse, n.DNS.Reverse); diff != "" {
			t.Errorf("reverse lookups (-want +got):\n%s", diff)
		}
		if len(n.DNS.Forward) != 0 {
			t.Errorf("forward lookups without a hostname: %v", n.DNS.Forward)
		}
		// On loopback the virtual IP is this host's own: in use, which is what FO203 fails.
		vip, ok := n.VirtualIPs[testVIP]
		if !ok || vip.State != facts.VIPInUse || len(vip.Evidence) == 0 {
			t.Errorf("virtual IP %s = %+v (present %v), want in_use with evidence", testVIP, vip, ok)
		}
		if diff := cmp.Diff(wantPorts, agentPorts(n.Ports)); diff != "" {
			t.Errorf("ports (-want +got):\n%s", diff)
		}
		// SNI is not sent for an address; the chain still verifies against the test CA.
		c := f.Agents.Primary.HTTPS.Certificate
		want := &facts.TLSProbe{
			Address:  net.JoinHostPort(primaryIP, strconv.Itoa(port)),
			Chain:    []facts.Certificate{wantCertificate(primaryCert, ca)},
			Verified: ptr(true),
		}
		if diff := cmp.Diff(want, c); diff != "" {
			t.Errorf("primary certificate (-want +got):\n%s", diff)
		}
	})

	t.Run("untrusted CA", func(t *testing.T) {
		opts := base
		opts.Hostname = sharedName
		opts.Roots = x509.NewCertPool()
		f, err := timedPair(t, opts)
		if err != nil {
			t.Fatalf("Pair: %v", err)
		}
		validDocument(t, f)
		c := f.Agents.Backup.HTTPS.Certificate
		if c == nil || c.Verified == nil || *c.Verified || c.VerifyError == nil || len(c.Chain) != 1 {
			t.Errorf("certificate from an untrusted CA = %+v, want the chain, verified false and why", c)
		}
	})

	t.Run("skip network", func(t *testing.T) {
		opts := base
		opts.Hostname = sharedName
		opts.SkipNetwork = true
		f, err := timedPair(t, opts)
		if err != nil {
			t.Fatalf("Pair: %v", err)
		}
		raw := validDocument(t, f)
		if f.Network != nil || f.Agents.Primary.HTTPS.Certificate != nil {
			t.Errorf("network facts collected with SkipNetwork: %s", raw)
		}
		if !f.Gatherer.SkipNetwork {
			t.Error("gatherer.skip_network not recorded")
		}
	})
}

// TestPairAPISource reads one agent through the Web Services API stand-in (HTTPS on
// 127.0.0.1, its certificate trusted through Roots) and the other from its folder.
func TestPairAPISource(t *testing.T) {
	t.Parallel()
	const user, password = "dmaprep-test", "PLANTED-API-PASSWORD-5e1f"
	agent := wsapitest.Agent{
		User: user, Password: password, Version: "10.4.0.0-14511",
		DMAs: []wsapitest.DMA{{ID: 212, Name: "DMA-MAIN", PrimaryIP: "127.0.0.1", Elements: 2, ElementsActive: 1, ElementsMaximum: 500}},
	}
	srv := wsapitest.NewServer(t, agent)
	roots := x509.NewCertPool()
	roots.AddCert(srv.Certificate())
	opts := Options{
		Primary: source.Parse(srv.URL), Backup: source.Parse(filepath.Join(agentsDir, "backup")),
		VirtualIPs: addrs(testVIP), PrimaryIPs: addrs(primaryIP), BackupIPs: addrs(backupIP),
		User: user, Password: password, Roots: roots,
		SkipNetwork: true, Timeout: 5 * time.Second, Now: fixedNow,
	}

	f, err := timedPair(t, opts)
	if err != nil {
		t.Fatalf("Pair: %v", err)
	}
	raw := validDocument(t, f)
	p := f.Agents.Primary
	if p.Source == nil || p.Source.Kind != facts.SourceAPI || p.Source.Location != srv.URL {
		t.Errorf("primary source = %+v, want api %s", p.Source, srv.URL)
	}
	if p.DataMinerID == nil || *p.DataMinerID != 212 || p.Version == nil || p.Version.Raw != "10.4.0.0-14511" ||
		p.ElementCount == nil || *p.ElementCount != 2 {
		t.Errorf("primary from the API: id %v, version %+v, elements %v", p.DataMinerID, p.Version, p.ElementCount)
	}
	if diff := cmp.Diff([]string{primaryIP}, p.Addresses); diff != "" {
		t.Errorf("--primary-ip does not win over the API's address (-want +got):\n%s", diff)
	}
	if strings.Contains(string(raw), password) {
		t.Errorf("the API password is in the facts:\n%s", raw)
	}

	t.Run("untrusted certificate", func(t *testing.T) {
		o := opts
		o.Roots = x509.NewCertPool()
		f, err := timedPair(t, o)
		if err != nil {
			t.Fatalf("an unreadable API is a fact, not a failed gather: %v", err)
		}
		if why := f.Agents.Primary.Errors["version"]; !strings.Contains(why, "certificate") || f.Agents.Primary.Version != nil {
			t.Errorf("primary version %+v, error %q; want null with a certificate error", f.Agents.Primary.Version, why)
		}
	})
	t.Run("insecure skip verify is recorded", func(t *testing.T) {
		o := opts
		o.Roots = x509.NewCertPool()
		o.InsecureSkipVerify = true
		f, err := timedPair(t, o)
		if err != nil {
			t.Fatalf("Pair: %v", err)
		}
		validDocument(t, f)
		if !f.Gatherer.InsecureSkipVerify {
			t.Error("insecure_skip_verify not recorded")
		}
	})
}

// TestPairAgentFile reads an agent fact file as `gather agent --dir` writes it.
func TestPairAgentFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	af := facts.AgentFile{SchemaVersion: facts.SchemaVersion, CollectedAt: testNow.Format(time.RFC3339),
		Agent: LocalAgent(filepath.Join(agentsDir, "backup"), false)}
	raw, err := json.MarshalIndent(af, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	backupFile := filepath.Join(dir, "backup.json")
	if err := os.WriteFile(backupFile, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	opts := Options{
		Primary: source.Parse(filepath.Join(agentsDir, "primary")), Backup: source.Parse(backupFile),
		Hostname: sharedName, SkipNetwork: true, Timeout: 5 * time.Second, Now: fixedNow,
	}
	f, err := timedPair(t, opts)
	if err != nil {
		t.Fatalf("Pair: %v", err)
	}
	validDocument(t, f)
	want := af.Agent
	want.Source = &facts.Source{Kind: facts.SourceAgentFile, Location: backupFile}
	// Through JSON and back, as the file went.
	var roundTrip facts.Agent
	b, _ := json.Marshal(want)
	json.Unmarshal(b, &roundTrip)
	if diff := cmp.Diff(roundTrip, f.Agents.Backup); diff != "" {
		t.Errorf("backup from its agent file (-want +got):\n%s", diff)
	}

	for _, tt := range []struct {
		name, content string
		wantErr       []string
	}{
		{"not JSON", "{\n  \"schema_version\": \"1\",\n  \"agent\": {,\n}", []string{"backup: ", "bad.json:3:13", "invalid JSON"}},
		{"empty", "", []string{"backup: ", "bad.json", "empty document"}},
		{"a pair document, not an agent file", `{"schema_version": "1", "agents": {}}`, []string{"backup: ", "bad.json is not an agent fact file"}},
		{"wrong types", `{"schema_version": "1", "collected_at": "2030-06-01T12:00:00Z", "agent": {"dataminer_id": "212"}}`, []string{"bad.json is not an agent fact file", "dataminer_id"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), "bad.json")
			if err := os.WriteFile(bad, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			o := opts
			o.Backup = source.Parse(bad)
			_, err := timedPair(t, o)
			if err == nil {
				t.Fatal("Pair accepted a malformed agent file")
			}
			for _, sub := range tt.wantErr {
				if !strings.Contains(err.Error(), sub) {
					t.Errorf("error %q does not contain %q", err, sub)
				}
			}
		})
	}
}

// TestPairOptionErrors: only invalid options and unreadable sources are errors.
func TestPairOptionErrors(t *testing.T) {
	t.Parallel()
	primary, backup := filepath.Join(agentsDir, "primary"), filepath.Join(agentsDir, "backup")
	missing := filepath.Join(t.TempDir(), "no-such-folder")
	for _, tt := range []struct {
		name    string
		opts    Options
		wantErr []string
	}{
		{"no backup", Options{Primary: source.Parse(primary)}, []string{"both a primary and a backup source are needed"}},
		{"zero primary IP", Options{Primary: source.Parse(primary), Backup: source.Parse(backup), PrimaryIPs: []netip.Addr{{}}}, []string{"primary address 1 is not set"}},
		{"zero heartbeat target", Options{Primary: source.Parse(primary), Backup: source.Parse(backup), InvertedHeartbeatTargets: []netip.Addr{netip.MustParseAddr("127.0.0.5"), {}}}, []string{"inverted heartbeat target 2 is not set"}},
		{"missing folder", Options{Primary: source.Parse(primary), Backup: source.Parse(missing)}, []string{"backup: source " + missing, "no such file or directory", "want a DataMiner folder"}},
		{"both missing", Options{Primary: source.Parse(missing + "-p"), Backup: source.Parse(missing + "-b")}, []string{"primary: source " + missing + "-p", "backup: source " + missing + "-b"}},
		{"http", Options{Primary: source.Parse("http://127.0.0.1:1"), Backup: source.Parse(backup)}, []string{"primary: wsapi: http://127.0.0.1:1: plain HTTP to the agent API is not allowed"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.SkipNetwork = true
			tt.opts.Timeout = 2 * time.Second
			_, err := timedPair(t, tt.opts)
			if err == nil {
				t.Fatal("Pair succeeded")
			}
			for _, sub := range tt.wantErr {
				if !strings.Contains(err.Error(), sub) {
					t.Errorf("error %q does not contain %q", err, sub)
				}
			}
		})
	}
}

// addrs parses IP addresses a test writes.
func addrs(ips ...string) []netip.Addr {
	out := make([]netip.Addr, len(ips))
	for i, ip := range ips {
		out[i] = netip.MustParseAddr(ip)
	}
	return out
}

// copyDir copies a fixture folder into a temporary directory the test may break.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestPairUnreadableFile: a file the folder reader cannot read is a fact's error, not a
// failed gather.
func TestPairUnreadableFile(t *testing.T) {
	t.Parallel()
	dir := copyDir(t, filepath.Join(agentsDir, "backup"))
	target := filepath.Join(dir, "DataMiner.xml")
	wantErr := `DataMiner.xml`
	if os.Geteuid() == 0 || runtime.GOOS == "windows" {
		// Root reads a mode-000 file: a folder where the file belongs is as unreadable.
		t.Log("running as root: DataMiner.xml is made a folder instead of a mode-000 file")
		if err := os.Remove(target); err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(target, 0o755); err != nil {
			t.Fatal(err)
		}
		wantErr = `DataMiner.xml is a folder, not a file`
	} else {
		if err := os.Chmod(target, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(target, 0o644) })
		wantErr = `DataMiner.xml: permission denied`
	}
	f, err := timedPair(t, Options{Primary: source.Parse(filepath.Join(agentsDir, "primary")), Backup: source.Parse(dir),
		VirtualIPs: addrs(testVIP), SkipNetwork: true, Timeout: 2 * time.Second, Now: fixedNow})
	if err != nil {
		t.Fatalf("Pair: %v", err)
	}
	validDocument(t, f)
	b := f.Agents.Backup
	if b.DataMinerID != nil {
		t.Errorf("dataminer_id = %d from an unreadable DataMiner.xml", *b.DataMinerID)
	}
	if got := b.Errors["dataminer_id"]; !strings.Contains(got, wantErr) {
		t.Errorf("errors[dataminer_id] = %q, want it to contain %q (errors: %v)", got, wantErr, b.Errors)
	}
	if b.Version == nil {
		t.Error("the rest of the folder was not read")
	}
}

// TestPairFaults: whatever the network does, Pair returns within its Timeout (plus a small
// margin) with the failure recorded as a fact, and the document validates.
func TestPairFaults(t *testing.T) {
	t.Parallel()
	const timeout = 2 * time.Second
	ca := testkit.NewCA(t, "dmaprep pair test CA", testNow)
	primary, backup := filepath.Join(agentsDir, "primary"), filepath.Join(agentsDir, "backup")

	// Loopback addresses of their own per fault, so that the listeners do not meet.
	const (
		garbageIP = "127.0.0.41"
		stallIP   = "127.0.0.42"
		goodIP    = "127.0.0.43"
		deadIP1   = "127.0.0.44"
		deadIP2   = "127.0.0.45"
	)
	lns := testkit.ListenSamePort(t, garbageIP, stallIP, goodIP)
	port := testkit.PortOf(lns[0])
	testkit.ServeGarbage(t, lns[0])
	testkit.ServeStall(t, lns[1])
	good := ca.Issue(t, 0x43, "dma-good.dmaprep.test", []string{sharedName})
	testkit.ServeTLS(t, lns[2], good)
	closed := testkit.ClosedPort(t, deadIP1, deadIP2, goodIP)
	dnsServer := startDNS(t, pairZone()...)
	deadDNS := closedDNS(t)
	mute := silentDNS(t)

	type check func(t *testing.T, f facts.Facts)
	tlsError := func(role, sub string) check {
		return func(t *testing.T, f facts.Facts) {
			a := f.Agents.Primary
			if role == "backup" {
				a = f.Agents.Backup
			}
			c := a.HTTPS.Certificate
			if c == nil || c.Error == nil || !strings.Contains(*c.Error, sub) || c.Chain != nil || c.Verified != nil {
				t.Errorf("%s certificate = %+v, want error containing %q and no chain", role, c, sub)
			}
		}
	}
	dnsStatus := func(status, sub string) check {
		return func(t *testing.T, f facts.Facts) {
			lookups := map[string]facts.Lookup{}
			for k, v := range f.Network.DNS.Forward {
				lookups["forward "+k] = v
			}
			for k, v := range f.Network.DNS.Reverse {
				lookups["reverse "+k] = v
			}
			if len(lookups) == 0 {
				t.Error("no lookup recorded")
			}
			for name, l := range lookups {
				if l.Status != status || l.Error == nil || !strings.Contains(*l.Error, sub) {
					t.Errorf("%s = %s (%v), want %s with an error containing %q", name, l.Status, deref(l.Error), status, sub)
				}
			}
		}
	}
	portIs := func(ip string, port int, state, sub string) check {
		return func(t *testing.T, f facts.Facts) {
			for _, p := range f.Network.Ports {
				if p.Address == ip && p.Port == port {
					if p.State != state || (sub != "" && !strings.Contains(deref(p.Error), sub)) {
						t.Errorf("port %s:%d = %s (%s), want %s (%s)", ip, port, p.State, deref(p.Error), state, sub)
					}
					return
				}
			}
			t.Errorf("port %s:%d not probed: %+v", ip, port, f.Network.Ports)
		}
	}

	tests := []struct {
		name      string
		primaryIP string
		backupIP  string
		dns       string
		checks    []check
	}{
		{name: "unreachable hosts", primaryIP: deadIP1, backupIP: deadIP2, dns: dnsServer, checks: []check{
			tlsError("primary", "connect to "+net.JoinHostPort(deadIP1, strconv.Itoa(port))+": connect: connection refused"),
			tlsError("backup", "connection refused"),
			portIs(deadIP1, port, facts.PortClosed, "connection refused"),
			portIs(deadIP1, closed, facts.PortClosed, "connection refused"),
			portIs(deadIP2, port, facts.PortClosed, "connection refused"),
		}},
		{name: "DNS server down", primaryIP: goodIP, backupIP: deadIP1, dns: deadDNS, checks: []check{
			dnsStatus(facts.LookupError, "connection refused"),
		}},
		{name: "DNS server silent", primaryIP: goodIP, backupIP: deadIP1, dns: mute, checks: []check{
			dnsStatus(facts.LookupTimeout, "no answer"),
		}},
		{name: "TLS handshake fails", primaryIP: garbageIP, backupIP: goodIP, dns: dnsServer, checks: []check{
			tlsError("primary", "TLS handshake with "+net.JoinHostPort(garbageIP, strconv.Itoa(port))),
			portIs(garbageIP, port, facts.PortOpen, ""),
			portIs(goodIP, closed, facts.PortClosed, "connection refused"),
			func(t *testing.T, f facts.Facts) {
				if c := f.Agents.Backup.HTTPS.Certificate; c == nil || c.Verified == nil || !*c.Verified {
					t.Errorf("the good backup's certificate = %+v, want verified", c)
				}
			},
		}},
		{name: "server stalls", primaryIP: stallIP, backupIP: goodIP, dns: dnsServer, checks: []check{
			tlsError("primary", "no handshake completed before the deadline"),
			portIs(stallIP, port, facts.PortOpen, ""),
		}},
		{name: "everything fails at once", primaryIP: stallIP, backupIP: garbageIP, dns: mute, checks: []check{
			tlsError("primary", "no handshake completed before the deadline"),
			tlsError("backup", "TLS handshake with"),
			dnsStatus(facts.LookupTimeout, "no answer"),
		}},
	}
	// The faults mostly wait out the timeout: every case gathers at once, then each is
	// checked in its subtest.
	runs := make([]*pairRun, len(tests))
	testkit.Concurrently(len(tests), func(i int) {
		runs[i] = runPair(t.Context(), Options{
			Ports:   []int{port, closed},
			Primary: source.Parse(primary), Backup: source.Parse(backup),
			Hostname: sharedName, VirtualIPs: addrs(testVIP),
			PrimaryIPs: addrs(tests[i].primaryIP), BackupIPs: addrs(tests[i].backupIP),
			DNSServer: tests[i].dns, HTTPSPort: port, Roots: ca.Roots,
			Timeout: timeout, Now: fixedNow,
		})
	})
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := runs[i].result(t)
			if err != nil {
				t.Fatalf("Pair: %v (a network fault is a fact, not an error)", err)
			}
			validDocument(t, f)
			if f.Network == nil {
				t.Fatal("no network facts")
			}
			for _, c := range tt.checks {
				c(t, f)
			}
		})
	}
}

// TestPairStalledAPI: an API that accepts the connection and never answers holds the
// gather no longer than its Timeout; the login failure names the agent.
func TestPairStalledAPI(t *testing.T) {
	t.Parallel()
	const timeout = 1500 * time.Millisecond
	srv := wsapitest.NewServer(t, wsapitest.Agent{User: "u", Password: "p",
		Delay: map[string]time.Duration{"ConnectAppAndInfo": time.Minute}})
	roots := x509.NewCertPool()
	roots.AddCert(srv.Certificate())
	stall := testkit.ListenSamePort(t, "127.0.0.1")[0]
	testkit.ServeStall(t, stall)

	tests := []struct{ name, backup string }{
		{"slow API", srv.URL},
		{"TCP listener that never speaks TLS", "https://" + stall.Addr().String()},
	}
	// Both wait out the timeout: they gather at once, then each is checked in its subtest.
	runs := make([]*pairRun, len(tests))
	testkit.Concurrently(len(tests), func(i int) {
		runs[i] = runPair(t.Context(), Options{
			Primary: source.Parse(filepath.Join(agentsDir, "primary")), Backup: source.Parse(tests[i].backup),
			Hostname: sharedName, User: "u", Password: "p", Roots: roots,
			SkipNetwork: true, Timeout: timeout,
		})
	})
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := runs[i].result(t)
			if err != nil {
				t.Fatalf("a stalled API is a fact, not a failed gather: %v", err)
			}
			for _, fact := range []string{"version", "dataminer_id", "cluster", "element_count"} {
				if why := f.Agents.Backup.Errors[fact]; !strings.Contains(why, "login failed") {
					t.Errorf("backup %s: error %q, want a login failure", fact, why)
				}
			}
			validDocument(t, f)
		})
	}
}

// TestPairProbesAfterStalledAPI: when a stalled API source has used up the gather's time,
// the ports are not probed at all; a port that was never given the chance to answer is an
// error (unknown), not "filtered", which would fail FO801 (and FO604) for a port that is open.
func TestPairProbesAfterStalledAPI(t *testing.T) {
	t.Parallel()
	srv := wsapitest.NewServer(t, wsapitest.Agent{User: "u", Password: "p",
		Delay: map[string]time.Duration{"ConnectAppAndInfo": time.Minute}})
	roots := x509.NewCertPool()
	roots.AddCert(srv.Certificate())
	open := testkit.ListenSamePort(t, primaryIP, backupIP)
	for _, ln := range open {
		testkit.Serve(t, ln, func(conn net.Conn) { conn.Close() })
	}
	run := runPair(t.Context(), Options{
		Primary: source.Parse(filepath.Join(agentsDir, "primary")), Backup: source.Parse(srv.URL),
		PrimaryIPs: addrs(primaryIP), BackupIPs: addrs(backupIP), Ports: []int{testkit.PortOf(open[0])},
		DNSServer: startDNS(t, pairZone()...), User: "u", Password: "p", Roots: roots,
		Timeout: time.Second, Now: fixedNow,
	})
	f, err := run.result(t)
	if err != nil {
		t.Fatal(err)
	}
	// The agents' port answers; the database hosts' ports (from the primary's DB.xml) are
	// not probed in time either.
	if len(f.Network.Ports) < 2 {
		t.Fatalf("ports = %+v, want at least one per agent", f.Network.Ports)
	}
	for _, p := range f.Network.Ports {
		if p.State != facts.PortError || !strings.Contains(deref(p.Error), "deadline") {
			t.Errorf("%s port %s:%d, probed after the deadline: %s (%s), want error", p.Agent, p.Address, p.Port,
				p.State, deref(p.Error))
		}
	}
}

// TestPairStalledFolder: a FIFO where DataMiner.xml should be (as a share that stops
// answering would behave) holds the gather no longer than its Timeout.
func TestPairStalledFolder(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs on Windows")
	}
	dir := copyDir(t, filepath.Join(agentsDir, "backup"))
	fifo := filepath.Join(dir, "DataMiner.xml")
	if err := os.Remove(fifo); err != nil {
		t.Fatal(err)
	}
	if err := mkfifo(fifo); err != nil {
		t.Skipf("cannot make a FIFO: %v", err)
	}
	// Let the reader blocked in open go when the test ends.
	t.Cleanup(func() { releaseFIFO(fifo) })
	agentFile := filepath.Join(t.TempDir(), "agent.json")
	if err := mkfifo(agentFile); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { releaseFIFO(agentFile) })

	// A FIFO in a folder is a bad file: the facts it holds are in error, the rest gathered.
	t.Run("folder", func(t *testing.T) {
		f, err := timedPair(t, Options{Primary: source.Parse(filepath.Join(agentsDir, "primary")), Backup: source.Parse(dir),
			Hostname: sharedName, SkipNetwork: true, Timeout: time.Second})
		if err != nil {
			t.Fatalf("Pair = %v, want the FIFO as a fact's error", err)
		}
		if why := f.Agents.Backup.Errors["dataminer_id"]; !strings.Contains(why, `DataMiner.xml: is a FIFO (named pipe), not a DataMiner configuration file`) {
			t.Errorf("backup dataminer_id error %q", why)
		}
		validDocument(t, f)
	})
	// An agent fact file that is a FIFO nobody writes to reads as empty: not a document.
	t.Run("agent file", func(t *testing.T) {
		_, err := timedPair(t, Options{Primary: source.Parse(filepath.Join(agentsDir, "primary")), Backup: source.Parse(agentFile),
			Hostname: sharedName, SkipNetwork: true, Timeout: time.Second})
		if err == nil || !strings.Contains(err.Error(), "backup: ") || !strings.Contains(err.Error(), agentFile) {
			t.Errorf("Pair = %v, want an error naming the backup source", err)
		}
	})
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// --- secrets ---

// plantedPassword is the API stand-in's password; no output may hold it.
const plantedPassword = "PLANTED-API-PASSWORD-9c4b"

// assertNoSecrets fails when out holds "PLANTED" or the planted API password.
func assertNoSecrets(t *testing.T, what string, out []byte) {
	t.Helper()
	testkit.AssertNoSecrets(t, what, string(out), "PLANTED", plantedPassword)
}

// TestPairNoSecrets gathers every folder fixture (each as primary and as backup) and the
// API stand-in, and searches the facts for the planted secrets.
func TestPairNoSecrets(t *testing.T) {
	t.Parallel()
	entries, err := os.ReadDir(agentsDir)
	if err != nil {
		t.Fatal(err)
	}
	var folders []string
	for _, e := range entries {
		if e.IsDir() {
			folders = append(folders, filepath.Join(agentsDir, e.Name()))
		}
	}
	if len(folders) < 10 {
		t.Fatalf("only %d folder fixtures in %s", len(folders), agentsDir)
	}
	// The fixtures do hold secrets, so finding none in the facts means something.
	planted := 0
	filepath.WalkDir(agentsDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, err := os.ReadFile(path); err == nil && (strings.Contains(string(b), "PLANTED-") ||
				strings.Contains(string(b), "P\x00L\x00A\x00N\x00T\x00E\x00D\x00-")) {
				planted++
			}
		}
		return nil
	})
	if planted < 10 {
		t.Fatalf("only %d fixture files hold a PLANTED- secret", planted)
	}

	for _, folder := range folders {
		t.Run(filepath.Base(folder), func(t *testing.T) {
			for _, opts := range []Options{
				{Primary: source.Parse(filepath.Join(agentsDir, "primary")), Backup: source.Parse(folder)},
				{Primary: source.Parse(folder), Backup: source.Parse(filepath.Join(agentsDir, "backup"))},
			} {
				opts.VirtualIPs, opts.SkipNetwork, opts.Timeout = addrs(testVIP), true, 5*time.Second
				f, err := Pair(t.Context(), opts)
				if err != nil {
					t.Fatalf("Pair: %v", err)
				}
				assertNoSecrets(t, "facts", validDocument(t, f))
				// The agent fact file of the folder, as `gather agent --dir` writes it.
				raw, _ := json.Marshal(facts.AgentFile{SchemaVersion: facts.SchemaVersion, Agent: LocalAgent(folder, false)})
				assertNoSecrets(t, "agent file", raw)
			}
		})
	}

	t.Run("API", func(t *testing.T) {
		srv := wsapitest.NewServer(t, wsapitest.Agent{User: "dmaprep-test", Password: plantedPassword,
			Version: "10.4.0.0-14511", EchoPassword: true,
			DMAs: []wsapitest.DMA{{ID: 212, Name: "DMA-MAIN", PrimaryIP: "127.0.0.1"}}})
		roots := x509.NewCertPool()
		roots.AddCert(srv.Certificate())
		opts := Options{Primary: source.Parse(srv.URL), Backup: source.Parse(filepath.Join(agentsDir, "backup")), VirtualIPs: addrs(testVIP),
			User: "dmaprep-test", Password: plantedPassword, Roots: roots, SkipNetwork: true, Timeout: 5 * time.Second}
		f, err := Pair(t.Context(), opts)
		if err != nil {
			t.Fatalf("Pair: %v", err)
		}
		assertNoSecrets(t, "facts", validDocument(t, f))

		// A refused login whose message echoes the password sent.
		opts.User = "someone-else"
		f, err = Pair(t.Context(), opts)
		if err != nil {
			t.Fatalf("Pair: %v", err)
		}
		assertNoSecrets(t, "facts after a refused login", validDocument(t, f))
		if why := f.Agents.Primary.Errors["version"]; !strings.Contains(why, "login failed") {
			t.Errorf("primary version error = %q, want a login failure", why)
		}
	})
}

// mkfifo makes a named pipe at path with the mkfifo command (no syscall differs by OS).
func mkfifo(path string) error {
	out, err := exec.Command("mkfifo", path).CombinedOutput()
	if err != nil {
		return fmt.Errorf("mkfifo: %v: %s", err, bytes.TrimSpace(out))
	}
	return nil
}

// releaseFIFO opens the FIFO at path for writing and closes it, so that a reader blocked
// opening it sees the end of the file.
func releaseFIFO(path string) {
	if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
		w.Close()
	}
}

// agentPorts leaves out the database probes (the fixtures' loopback database hosts; those
// probes are tested in network_database_test.go).
func agentPorts(ports []facts.PortProbe) []facts.PortProbe {
	var out []facts.PortProbe
	for _, p := range ports {
		if p.Agent != "database" {
			out = append(out, p)
		}
	}
	return out
}
