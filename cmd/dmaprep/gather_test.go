package main

import (
	"bytes"
	"encoding/json"
	"encoding/pem"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/gatherer/wsapi/wsapitest"
	"github.com/dmaprep/dmaprep/internal/testkit"
	"github.com/dmaprep/dmaprep/report"
)

// The gather tests send traffic to loopback only: agents 127.0.0.31 and 127.0.0.32, the
// virtual IP 127.0.0.33 (nothing listens there; on loopback it is this host's own address,
// so it is seen in use), an in-process DNS server on 127.0.0.1. Every run that probes the
// network passes --dns-server: the system resolver may be anywhere.

const (
	agentsDir     = "../../testdata/agents"
	cliPrimaryIP  = "127.0.0.31"
	cliBackupIP   = "127.0.0.32"
	cliVIP        = "127.0.0.33"
	cliSharedName = "fo.dmaprep.test"
	cliHalfName   = "fo-half.dmaprep.test"
	// cliPassword is the API stand-in's password: no output may hold it.
	cliPassword = "PLANTED-CLI-API-PASSWORD-61d0"
	cliUser     = "dmaprep-test"
)

var (
	primaryDir = filepath.Join(agentsDir, "primary")
	backupDir  = filepath.Join(agentsDir, "backup")
)

// folderPair is the flags of a folder pair in virtual IP mode, without the network.
func folderPair(primary, backup string) []string {
	return []string{"--primary", primary, "--backup", backup, "--virtual-ip", cliVIP,
		"--primary-ip", cliPrimaryIP, "--backup-ip", cliBackupIP, "--skip-network"}
}

func args(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// validFacts checks that raw is a fact document that passes the schema and decodes it.
func validFacts(t *testing.T, what, raw string) facts.Facts {
	t.Helper()
	doc, err := facts.DecodeBytes([]byte(raw), what)
	if err != nil {
		t.Fatalf("%s: %v\n%s", what, err, raw)
	}
	violations, err := facts.Validate(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		t.Errorf("%s: schema violation: %s", what, v)
	}
	var f facts.Facts
	if err := json.Unmarshal([]byte(raw), &f); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return f
}

// onlyFiles fails unless dir holds exactly names (no temporary file left behind).
func onlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

func TestGatherAgent(t *testing.T) {
	t.Parallel()
	r := dmaprep(t, "", nil, "gather", "agent", "--dir", primaryDir)
	if r.code != exitReady || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	doc, err := facts.DecodeBytes([]byte(r.stdout), "agent file")
	if err != nil {
		t.Fatal(err)
	}
	if v, err := facts.ValidateAgentFile(doc); err != nil || len(v) > 0 {
		t.Errorf("agent file does not validate: %v %v", err, v)
	}
	var af struct {
		SchemaVersion string      `json:"schema_version"`
		CollectedAt   string      `json:"collected_at"`
		Agent         facts.Agent `json:"agent"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &af); err != nil {
		t.Fatal(err)
	}
	if af.SchemaVersion != facts.SchemaVersion || af.CollectedAt == "" || af.Agent.Source == nil ||
		af.Agent.Source.Kind != facts.SourceFolder || af.Agent.Source.Location != primaryDir ||
		af.Agent.DataMinerID == nil || *af.Agent.DataMinerID != 212 {
		t.Errorf("agent file = %+v", af)
	}
	if af.Agent.NetworkInterfaces != nil {
		t.Error("--dir without --host recorded this machine's interfaces")
	}

	t.Run("-o", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		out := filepath.Join(dir, "primary.json")
		r := dmaprep(t, "", nil, "gather", "agent", "--dir", primaryDir, "-o", out)
		if r.code != exitReady || r.stdout != "" || r.stderr != "" {
			t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
		}
		info, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
			t.Errorf("agent file mode %v, want 0600", info.Mode().Perm())
		}
		onlyFiles(t, dir, "primary.json")

		// The file is a source for gather pair.
		r = dmaprep(t, "", nil, args([]string{"gather", "pair"}, folderPair(out, backupDir))...)
		if r.code != exitReady {
			t.Fatalf("gather pair from the agent file: exit %d, %s", r.code, r.stderr)
		}
		f := validFacts(t, "pair", r.stdout)
		if s := f.Agents.Primary.Source; s == nil || s.Kind != facts.SourceAgentFile || s.Location != out {
			t.Errorf("primary source = %+v, want the agent file", s)
		}
	})

	t.Run("no --dir", func(t *testing.T) {
		t.Parallel()
		if runtime.GOOS == "windows" {
			t.Skip("on Windows gather agent reads C:\\Skyline DataMiner")
		}
		r := dmaprep(t, "", nil, "gather", "agent")
		if r.code != exitError || !strings.Contains(r.stderr, "dmaprep: gather agent: give the DataMiner folder with --dir") || r.stdout != "" {
			t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
		}
	})
}

func TestGatherPair(t *testing.T) {
	t.Parallel()
	r := dmaprep(t, "", nil, args([]string{"gather", "pair"}, folderPair(primaryDir, backupDir), []string{"--timeout", "7s"})...)
	if r.code != exitReady || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	f := validFacts(t, "stdout", r.stdout)
	if strings.Join(f.Intent.VirtualIPs, ",") != cliVIP || f.Intent.SharedHostname != nil {
		t.Errorf("intent = %+v", f.Intent)
	}
	if strings.Join(f.Agents.Primary.Addresses, ",") != cliPrimaryIP || strings.Join(f.Agents.Backup.Addresses, ",") != cliBackupIP {
		t.Errorf("addresses = %v / %v", f.Agents.Primary.Addresses, f.Agents.Backup.Addresses)
	}
	if g := f.Gatherer; g == nil || !g.SkipNetwork || g.TimeoutSeconds == nil || *g.TimeoutSeconds != 7 || g.Name != "dmaprep" {
		t.Errorf("gatherer = %+v", g)
	}
	if f.Network != nil {
		t.Errorf("network probed with --skip-network: %+v", f.Network)
	}

	t.Run("several addresses per agent", func(t *testing.T) {
		t.Parallel()
		r := dmaprep(t, "", nil, "gather", "pair", "--primary", primaryDir, "--backup", backupDir, "--skip-network",
			"--virtual-ip", cliVIP, "--virtual-ip", "127.0.1.33", "--primary-ip", cliPrimaryIP, "--primary-ip", "127.0.1.31",
			"--backup-ip", cliBackupIP, "--backup-ip", "127.0.1.32")
		if r.code != exitReady {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		f := validFacts(t, "stdout", r.stdout)
		if got := strings.Join(f.Agents.Primary.Addresses, ","); got != cliPrimaryIP+",127.0.1.31" {
			t.Errorf("primary addresses %s", got)
		}
		if got := strings.Join(f.Intent.VirtualIPs, ","); got != cliVIP+",127.0.1.33" {
			t.Errorf("virtual IPs %s", got)
		}
	})

	t.Run("-o writes atomically", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		out := filepath.Join(dir, "facts.json")
		if err := os.WriteFile(out, []byte("old content\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		// A failed gather leaves the old file alone.
		r := dmaprep(t, "", nil, args([]string{"gather", "pair", "-o", out}, folderPair(primaryDir, filepath.Join(dir, "missing")))...)
		if r.code != exitError || r.stdout != "" {
			t.Fatalf("gather with a missing backup: exit %d, stdout %q", r.code, r.stdout)
		}
		if got := readFile(t, out); got != "old content\n" {
			t.Errorf("a failed gather changed the output file: %q", got)
		}
		onlyFiles(t, dir, "facts.json")
		// A good one replaces it whole.
		r = dmaprep(t, "", nil, args([]string{"gather", "pair", "-o", out}, folderPair(primaryDir, backupDir))...)
		if r.code != exitReady || r.stdout != "" || r.stderr != "" {
			t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
		}
		validFacts(t, out, readFile(t, out))
		onlyFiles(t, dir, "facts.json")
		// An output directory that does not exist is an error naming the file.
		missing := filepath.Join(dir, "no-dir", "facts.json")
		r = dmaprep(t, "", nil, args([]string{"gather", "pair", "-o", missing}, folderPair(primaryDir, backupDir))...)
		if r.code != exitError || !strings.Contains(r.stderr, "write "+missing) {
			t.Errorf("unwritable -o: exit %d, stderr %q", r.code, r.stderr)
		}
	})
}

// TestGatherPairErrors: what cannot be gathered exits 2 with one line on stderr naming the
// problem, and prints nothing on stdout.
func TestGatherPairErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "not.pem")
	os.WriteFile(notPEM, []byte("not a certificate\n"), 0o600)
	emptyPassword := filepath.Join(dir, "empty-password")
	os.WriteFile(emptyPassword, []byte("\n"), 0o600)
	both := []string{"--primary", primaryDir, "--backup", backupDir}
	vip := []string{"--virtual-ip", cliVIP, "--skip-network"}
	withUser := map[string]string{"DMAPREP_USER": cliUser}

	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		wantErr string
	}{
		{"no --primary", nil, args([]string{"--backup", backupDir}, vip), "give both --primary and --backup"},
		{"no --backup", nil, args([]string{"--primary", primaryDir}, vip), "give both --primary and --backup"},
		{"no address mode", nil, args(both, []string{"--skip-network"}), "give the pair's address: --virtual-ip IP (one per network interface) or --hostname NAME"},
		{"bad --primary-ip", nil, args(both, vip, []string{"--primary-ip", "127.0.0.300"}), `--primary-ip "127.0.0.300" is not an IP address`},
		{"bad --backup-ip", nil, args(both, vip, []string{"--backup-ip", "dma-b"}), `--backup-ip "dma-b" is not an IP address`},
		{"bad --virtual-ip", nil, args(both, []string{"--virtual-ip", "10.11.250.300", "--skip-network"}), `--virtual-ip "10.11.250.300" is not an IP address`},
		{"--https-port 0", nil, args(both, vip, []string{"--https-port", "0"}), "--https-port 0 is not a TCP port"},
		{"--https-port 70000", nil, args(both, vip, []string{"--https-port", "70000"}), "--https-port 70000 is not a TCP port"},
		{"--https-port not a number", nil, args(both, vip, []string{"--https-port", "https"}), `invalid value "https" for flag -https-port`},
		{"--timeout 0", nil, args(both, vip, []string{"--timeout", "0s"}), "--timeout must be positive"},
		{"missing --ca-file", nil, args(both, vip, []string{"--ca-file", filepath.Join(dir, "missing.pem")}), "CA file: open " + filepath.Join(dir, "missing.pem") + ": no such file or directory"},
		{"--ca-file without a certificate", nil, args(both, vip, []string{"--ca-file", notPEM}), "CA file " + notPEM + ": no PEM certificate in it"},
		{"missing folder", nil, args([]string{"--primary", primaryDir, "--backup", filepath.Join(dir, "nope")}, vip), "backup: source " + filepath.Join(dir, "nope") + ": stat"},
		{"http:// source", nil, args([]string{"--primary", "http://127.0.0.1:1", "--backup", backupDir}, vip), "primary: wsapi: http://127.0.0.1:1: plain HTTP to the agent API is not allowed: the password would cross the network in the clear; use https://; --allow-http reads it over http:// anyway (recorded in the facts)"},
		{"http:// source, upper-case scheme", nil, args([]string{"--primary", primaryDir, "--backup", "HTTP://127.0.0.1:1"}, vip), "backup: wsapi: http://127.0.0.1:1: plain HTTP to the agent API is not allowed"},
		{"credentials in the URL", map[string]string{"DMAPREP_USER": cliUser, "DMAPREP_PASSWORD": cliPassword}, args([]string{"--primary", "https://u:p@127.0.0.1:1", "--backup", backupDir}, vip),
			"primary: wsapi: the agent URL holds credentials; give them through the environment or a password file instead; use DMAPREP_USER and DMAPREP_PASSWORD, or --password-file"},
		{"bad --inverted-heartbeat", nil, args(both, vip, []string{"--inverted-heartbeat", "dc01.example.local"}), `--inverted-heartbeat "dc01.example.local" is not an IP address`},
		{"https:// source without a password", withUser, args([]string{"--primary", "https://127.0.0.1:1", "--backup", backupDir}, vip), "no API password: set DMAPREP_PASSWORD or give a password file; --password-file FILE gives one"},
		{"https:// source without a user", map[string]string{"DMAPREP_PASSWORD": cliPassword}, args([]string{"--primary", primaryDir, "--backup", "https://127.0.0.1:1"}, vip), "no API user: set DMAPREP_USER"},
		{"empty password file", withUser, args([]string{"--primary", "https://127.0.0.1:1", "--backup", backupDir, "--password-file", emptyPassword}, vip), "password file " + emptyPassword + ": the first line is empty"},
	}
	// check --primary/--backup shares the flags and their checks; a few show it.
	checkToo := map[string]bool{"no --primary": true, "no address mode": true, "bad --primary-ip": true, "bad --virtual-ip": true,
		"http:// source": true, "https:// source without a password": true}
	for _, tt := range tests {
		for _, cmd := range [][]string{{"gather", "pair"}, {"check"}} {
			if cmd[0] == "check" && !checkToo[tt.name] {
				continue
			}
			t.Run(strings.Join(cmd, " ")+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				r := dmaprep(t, "", tt.env, args(cmd, tt.args)...)
				if r.code != exitError {
					t.Errorf("exit %d, want %d", r.code, exitError)
				}
				if !strings.HasPrefix(r.stderr, "dmaprep: ") || !strings.Contains(r.stderr, tt.wantErr) {
					t.Errorf("stderr %q, want %q", r.stderr, tt.wantErr)
				}
				if r.stdout != "" {
					t.Errorf("stdout %q, want nothing", r.stdout)
				}
			})
		}
	}

	t.Run("check with documents and --primary", func(t *testing.T) {
		t.Parallel()
		r := dmaprep(t, "", nil, args([]string{"check"}, folderPair(primaryDir, backupDir), []string{readyVIP})...)
		if r.code != exitError || !strings.Contains(r.stderr, "give fact documents or --primary/--backup, not both") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
}

// --- a loopback pair: DNS, HTTPS with a test CA ---

type loopbackPair struct {
	dnsServer string
	port      int
	caFile    string
}

func (p loopbackPair) flags() []string {
	return []string{"--dns-server", p.dnsServer, "--https-port", strconv.Itoa(p.port), "--ca-file", p.caFile,
		"--primary-ip", cliPrimaryIP, "--backup-ip", cliBackupIP, "--timeout", "5s"}
}

// startLoopbackPair serves both agents' HTTPS on 127.0.0.31 and .32 (same port) with
// certificates from a test CA covering the shared name, issued at the given time (valid
// from a month before it to a year after), and a DNS server on 127.0.0.1 where the shared
// name resolves to both agents and each agent's address back to it.
func startLoopbackPair(t *testing.T, issued time.Time) loopbackPair {
	t.Helper()
	ca := testkit.NewCA(t, "dmaprep CLI test CA", issued)
	caFile := testkit.WriteCertFile(t, ca.Cert)
	lns := testkit.ListenSamePort(t, cliPrimaryIP, cliBackupIP)
	for i, ln := range lns {
		name := []string{"dma-a.dmaprep.test", "dma-b.dmaprep.test"}[i]
		testkit.ServeTLS(t, ln, ca.Issue(t, int64(10+i), name, []string{name, cliSharedName}))
	}

	zone := map[string][]dns.RR{}
	for _, s := range []string{
		cliSharedName + ". 60 IN A " + cliPrimaryIP,
		cliSharedName + ". 60 IN A " + cliBackupIP,
		"31.0.0.127.in-addr.arpa. 60 IN PTR " + cliSharedName + ".",
		"32.0.0.127.in-addr.arpa. 60 IN PTR " + cliSharedName + ".",
	} {
		rr, err := dns.NewRR(s)
		if err != nil {
			t.Fatal(err)
		}
		zone[rr.Header().Name] = append(zone[rr.Header().Name], rr)
	}
	// cliHalfName has a record for the primary only; its answer also carries a record of
	// another name for the backup's address, which does not make it resolve there.
	for _, s := range []string{cliHalfName + ". 60 IN A " + cliPrimaryIP, "dma-b.dmaprep.test. 60 IN A " + cliBackupIP} {
		rr, err := dns.NewRR(s)
		if err != nil {
			t.Fatal(err)
		}
		zone[cliHalfName+"."] = append(zone[cliHalfName+"."], rr)
	}
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &dns.Server{PacketConn: pc, Handler: dns.HandlerFunc(func(w dns.ResponseWriter, req *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(req)
		rrs, ok := zone[strings.ToLower(req.Question[0].Name)]
		if !ok {
			m.Rcode = dns.RcodeNameError
		}
		for _, rr := range rrs {
			if rr.Header().Rrtype == req.Question[0].Qtype {
				m.Answer = append(m.Answer, rr)
			}
		}
		w.WriteMsg(m)
	})}
	started := make(chan struct{})
	srv.NotifyStartedFunc = func() { close(started) }
	go srv.ActivateAndServe()
	<-started
	t.Cleanup(func() { srv.Shutdown() })
	return loopbackPair{dnsServer: pc.LocalAddr().String(), port: lns[0].Addr().(*net.TCPAddr).Port, caFile: caFile}
}

// TestGatherPairNetwork gathers a pair with every probe against loopback servers.
func TestGatherPairNetwork(t *testing.T) {
	t.Parallel()
	p := startLoopbackPair(t, time.Now())
	start := time.Now()
	r := dmaprep(t, "", nil, args([]string{"gather", "pair", "--primary", primaryDir, "--backup", backupDir,
		"--hostname", cliSharedName}, p.flags())...)
	if r.code != exitReady || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	t.Logf("gather pair took %s", time.Since(start).Round(time.Millisecond))
	f := validFacts(t, "stdout", r.stdout)
	n := f.Network
	if n == nil || n.DNS == nil || n.DNS.Server == nil || *n.DNS.Server != p.dnsServer {
		t.Fatalf("network = %+v", n)
	}
	if l := n.DNS.Forward[cliSharedName]; l.Status != facts.LookupAnswer || strings.Join(l.Records, ",") != cliPrimaryIP+","+cliBackupIP {
		t.Errorf("forward %s = %+v", cliSharedName, l)
	}
	for _, ip := range []string{cliPrimaryIP, cliBackupIP} {
		if l := n.DNS.Reverse[ip]; l.Status != facts.LookupAnswer || strings.Join(l.Records, ",") != cliSharedName {
			t.Errorf("reverse %s = %+v", ip, l)
		}
	}
	for role, a := range map[string]facts.Agent{"primary": f.Agents.Primary, "backup": f.Agents.Backup} {
		c := a.HTTPS.Certificate
		if c == nil || c.Verified == nil || !*c.Verified || len(c.Chain) != 1 || c.ServerName == nil || *c.ServerName != cliSharedName {
			t.Errorf("%s certificate = %+v, want verified against --ca-file with SNI %s", role, c, cliSharedName)
		}
	}
	if len(n.Ports) == 0 {
		t.Error("no inter-agent port probed")
	}
}

// TestCheckNowPinsCertificateValidity: check --primary/--backup --now verifies the served
// certificates at that time too, as the policies judge their validity dates at it; a pair
// whose certificates expired two years ago is judged as it stood three years ago.
func TestCheckNowPinsCertificateValidity(t *testing.T) {
	t.Parallel()
	issued := time.Now().AddDate(-3, 0, 0).UTC().Truncate(time.Second)
	p := startLoopbackPair(t, issued)
	fo402 := func(extra ...string) (string, string) {
		r := dmaprep(t, "", nil, args([]string{"check", "--format", "json", "--only", "FO402", "--primary", primaryDir,
			"--backup", backupDir, "--hostname", cliSharedName}, p.flags(), extra)...)
		rep, err := reportOfOne(r.stdout)
		if err != nil {
			t.Fatalf("exit %d: %v\n%s", r.code, err, r.stderr)
		}
		return statuses(rep)["FO402"], strings.Join(rep.Results[0].Messages, "; ")
	}
	if status, msgs := fo402("--now", issued.Format(time.RFC3339)); status != "pass" {
		t.Errorf("--now when the certificates were valid: FO402 %s (%s), want pass", status, msgs)
	}
	if status, msgs := fo402(); status != "fail" || !strings.Contains(msgs, "expired") {
		t.Errorf("today: FO402 %s (%s), want fail for the expired certificates", status, msgs)
	}
}

// TestCheckOneShot: check --primary/--backup gathers and judges in one run, with the
// check exit codes.
func TestCheckOneShot(t *testing.T) {
	t.Parallel()
	p := startLoopbackPair(t, time.Now())
	hostnamePair := func(primary, backup string) []string {
		return args([]string{"check", "--format", "json", "--primary", primary, "--backup", backup, "--hostname", cliSharedName}, p.flags())
	}
	indexingPair := func(backup string) []string {
		return []string{"check", "--format", "json", "--only", "FO602", "--hostname", cliSharedName, "--skip-network",
			"--primary", filepath.Join(agentsDir, "primary-indexing-clusters"), "--backup", filepath.Join(agentsDir, backup)}
	}
	tests := []struct {
		name    string
		args    []string
		code    int
		passing []string // requirements that must pass
		failing []string // requirements that must fail
		unknown []string // requirements that must be unknown
	}{
		// The folder fixtures are not a ready pair as a whole (their SAML metadata points at
		// another address); the requirements the probes feed pass.
		{name: "probed requirements pass", code: exitReady, passing: []string{"FO301", "FO302", "FO303", "FO401", "FO402"},
			args: args(hostnamePair(primaryDir, backupDir), []string{"--only", "FO301", "--only", "FO302", "--only", "FO303", "--only", "FO401", "--only", "FO402"})},
		{name: "backup runs another version", args: hostnamePair(primaryDir, filepath.Join(agentsDir, "backup-other-version")),
			code: exitNotReady, failing: []string{"FO102"}},
		{name: "backup has another ID", args: hostnamePair(primaryDir, filepath.Join(agentsDir, "backup-other-id")),
			code: exitNotReady, failing: []string{"FO101"}},
		{name: "shared name answered with another name's record for the backup", code: exitNotReady, failing: []string{"FO302"},
			args: args([]string{"check", "--format", "json", "--only", "FO302", "--primary", primaryDir, "--backup", backupDir,
				"--hostname", cliHalfName}, p.flags())},
		{name: "virtual IP on loopback answers", code: exitNotReady, failing: []string{"FO203"},
			args: args([]string{"check", "--format", "json", "--primary", primaryDir, "--backup", backupDir, "--virtual-ip", cliVIP}, p.flags())},
		{name: "without the network, the probed requirements are unknown", code: exitNotReady, unknown: []string{"FO302", "FO303", "FO401", "FO402"},
			args: args([]string{"check", "--format", "json", "--primary", primaryDir, "--backup", backupDir, "--hostname", cliSharedName, "--skip-network"})},
		// FO602 from two real DB.xml files with two indexing clusters: a different priorityOrder
		// is allowed (the preparation page says so), a different host is not.
		{name: "indexing clusters in another priority order are a copy", code: exitReady, passing: []string{"FO602"},
			args: indexingPair("backup-indexing-priority")},
		{name: "an indexing cluster with another host is not a copy", code: exitNotReady, failing: []string{"FO602"},
			args: indexingPair("backup-indexing-other-host")},
		{name: "missing backup folder", args: hostnamePair(primaryDir, filepath.Join(t.TempDir(), "nope")), code: exitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := dmaprep(t, "", nil, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q\n%s", r.code, tt.code, r.stderr, r.stdout)
			}
			if tt.code == exitError {
				if r.stdout != "" || !strings.HasPrefix(r.stderr, "dmaprep: ") {
					t.Errorf("stdout %q, stderr %q", r.stdout, r.stderr)
				}
				return
			}
			if r.stderr != "" {
				t.Errorf("stderr %q", r.stderr)
			}
			rep, err := reportOfOne(r.stdout)
			if err != nil {
				t.Fatalf("report: %v\n%s", err, r.stdout)
			}
			if rep.Source != "gathered facts" {
				t.Errorf("report source %q", rep.Source)
			}
			status := statuses(rep)
			for _, id := range tt.passing {
				if status[id] != "pass" {
					t.Errorf("%s is %s, want pass", id, status[id])
				}
			}
			for _, id := range tt.failing {
				if status[id] != "fail" {
					t.Errorf("%s is %s, want fail", id, status[id])
				}
			}
			for _, id := range tt.unknown {
				if status[id] != "unknown" {
					t.Errorf("%s is %s, want unknown", id, status[id])
				}
			}
			if ready := tt.code == exitReady; rep.Ready != ready {
				t.Errorf("report ready = %v, want %v", rep.Ready, ready)
			}
		})
	}
}

// TestNoProgressOffTerminal: with stderr a file or a pipe, not a terminal, a gather that
// probes the network prints nothing there.
func TestNoProgressOffTerminal(t *testing.T) {
	t.Parallel()
	p := startLoopbackPair(t, time.Now())
	stderr, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer stderr.Close()
	var stdout bytes.Buffer
	e := env{stdin: strings.NewReader(""), stdout: &stdout, stderr: stderr,
		getenv: func(string) string { return "" }}
	code := run(args([]string{"dmaprep", "gather", "pair", "--primary", primaryDir, "--backup", backupDir,
		"--hostname", cliSharedName, "--virtual-ip", cliVIP}, p.flags()), e)
	if code != exitReady {
		t.Fatalf("exit %d", code)
	}
	validFacts(t, "stdout", stdout.String())
	if got := readFile(t, stderr.Name()); got != "" {
		t.Errorf("stderr (a file) got %q", got)
	}
	// And through the test helper, whose stderr is a buffer.
	r := dmaprep(t, "", nil, args([]string{"check", "--primary", primaryDir, "--backup", backupDir,
		"--hostname", cliSharedName}, p.flags())...)
	if r.stderr != "" {
		t.Errorf("check --primary/--backup wrote to stderr: %q", r.stderr)
	}
}

// --- secrets ---

func assertNoPlanted(t *testing.T, what, out string) {
	t.Helper()
	testkit.AssertNoSecrets(t, what, out, "PLANTED", cliPassword)
}

// TestGatherNoSecrets runs gather and check over every folder fixture and the API
// stand-in, and searches stdout, stderr and every file written for the planted secrets.
func TestGatherNoSecrets(t *testing.T) {
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
		t.Fatalf("only %d folder fixtures", len(folders))
	}
	formats := report.Names()

	// runAndSearch runs the CLI and searches its output and the files it wrote to dir.
	runAndSearch := func(t *testing.T, env map[string]string, dir string, cmd ...string) result {
		t.Helper()
		r := dmaprep(t, "", env, cmd...)
		assertNoPlanted(t, "stdout", r.stdout)
		assertNoPlanted(t, "stderr", r.stderr)
		files, _ := os.ReadDir(dir)
		for _, f := range files {
			assertNoPlanted(t, f.Name(), readFile(t, filepath.Join(dir, f.Name())))
		}
		return r
	}
	checkArgs := func(dir, format string, pair []string) []string {
		a := args([]string{"check", "--format", format}, pair)
		for _, f := range formats {
			a = append(a, "--output", f+"="+filepath.Join(dir, "report."+f))
		}
		return a
	}

	for _, folder := range folders {
		t.Run(filepath.Base(folder), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			r := runAndSearch(t, nil, dir, "gather", "agent", "--dir", folder)
			if r.code != exitReady {
				t.Errorf("gather agent: exit %d, %s", r.code, r.stderr)
			}
			runAndSearch(t, nil, dir, "gather", "agent", "--dir", folder, "-o", filepath.Join(dir, "agent.json"))
			for i, pair := range [][]string{folderPair(primaryDir, folder), folderPair(folder, backupDir)} {
				if other := []string{primaryDir, backupDir}[i]; filepath.Clean(other) == filepath.Clean(folder) {
					continue // one agent twice is refused
				}
				r := runAndSearch(t, nil, dir, args([]string{"gather", "pair"}, pair)...)
				if r.code != exitReady {
					t.Errorf("gather pair: exit %d, %s", r.code, r.stderr)
				}
				runAndSearch(t, nil, dir, args([]string{"gather", "pair", "-o", filepath.Join(dir, "facts.json")}, pair)...)
				// The text report on stdout, the json one (and every other format) in files.
				if r := runAndSearch(t, nil, dir, checkArgs(dir, "text", pair)...); r.code == exitError {
					t.Errorf("check: exit 2, %s", r.stderr)
				}
				if _, err := os.Stat(filepath.Join(dir, "report.json")); err != nil {
					t.Errorf("no json report: %v", err)
				}
			}
		})
	}

	t.Run("API", func(t *testing.T) {
		t.Parallel()
		for _, echo := range []bool{false, true} {
			srv := wsapitest.NewServer(t, wsapitest.Agent{User: cliUser, Password: cliPassword, Version: "10.4.0.0-14511",
				EchoPassword: echo, DMAs: []wsapitest.DMA{{ID: 212, Name: "DMA-MAIN", PrimaryIP: "127.0.0.1"}}})
			dir := t.TempDir()
			caFile := filepath.Join(t.TempDir(), "api-ca.pem")
			os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600)
			passwordFile := filepath.Join(t.TempDir(), "password")
			os.WriteFile(passwordFile, []byte(cliPassword+"\n"), 0o600)
			pair := args([]string{"--ca-file", caFile}, folderPair(srv.URL, backupDir))
			good := map[string]string{"DMAPREP_USER": cliUser, "DMAPREP_PASSWORD": cliPassword}
			wrongUser := map[string]string{"DMAPREP_USER": "someone-else", "DMAPREP_PASSWORD": cliPassword}

			r := runAndSearch(t, good, dir, args([]string{"gather", "pair", "-o", filepath.Join(dir, "facts.json")}, pair)...)
			if r.code != exitReady {
				t.Fatalf("gather pair from the API: exit %d, %s", r.code, r.stderr)
			}
			if f := validFacts(t, "facts.json", readFile(t, filepath.Join(dir, "facts.json"))); f.Agents.Primary.Source.Kind != facts.SourceAPI {
				t.Errorf("primary source %+v", f.Agents.Primary.Source)
			}
			runAndSearch(t, map[string]string{"DMAPREP_USER": cliUser}, dir, args([]string{"gather", "pair", "--password-file", passwordFile}, pair)...)
			if r := runAndSearch(t, good, dir, checkArgs(dir, "json", pair)...); r.code == exitError {
				t.Errorf("check: exit 2, %s", r.stderr)
			}
			// A refused login is recorded in the facts (the stand-in may make the message
			// echo the password: it must not be repeated anywhere), and check says unknown.
			r = runAndSearch(t, wrongUser, dir, args([]string{"gather", "pair"}, pair)...)
			if r.code != exitReady || !strings.Contains(r.stdout, "login failed") {
				t.Errorf("refused login: exit %d, stderr %q", r.code, r.stderr)
			}
			if r := runAndSearch(t, wrongUser, dir, checkArgs(dir, "text", pair)...); r.code != exitNotReady || !strings.Contains(r.stdout, "UNKNOWN") {
				t.Errorf("check with a refused login: exit %d", r.code)
			}
		}
	})
}

// TestGatherPlainHTTP reads an agent without HTTPS: refused unless --allow-http, which
// warns on stderr and records plain_http in the facts.
func TestGatherPlainHTTP(t *testing.T) {
	t.Parallel()
	srv := wsapitest.NewServer(t, wsapitest.Agent{User: cliUser, Password: cliPassword, Version: "10.4.0.0-14511",
		PlainHTTP: true, DMAs: []wsapitest.DMA{{ID: 212, Name: "DMA-MAIN", PrimaryIP: cliPrimaryIP}}})
	creds := map[string]string{"DMAPREP_USER": cliUser, "DMAPREP_PASSWORD": cliPassword}
	out := filepath.Join(t.TempDir(), "facts.json")

	r := dmaprep(t, "", creds, args([]string{"gather", "pair", "-o", out}, folderPair(srv.URL, backupDir))...)
	if r.code != exitError || !strings.Contains(r.stderr, "not allowed") || !strings.Contains(r.stderr, "--allow-http reads it") {
		t.Errorf("http:// without --allow-http: exit %d, stderr %q", r.code, r.stderr)
	}
	r = dmaprep(t, "", creds, args([]string{"gather", "pair", "--allow-http", "-o", out}, folderPair(srv.URL, backupDir))...)
	if r.code != exitReady {
		t.Fatalf("--allow-http: exit %d, %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, srv.URL+" is read over plain HTTP: the API credentials cross the network unencrypted") {
		t.Errorf("no warning on stderr: %q", r.stderr)
	}
	f := validFacts(t, out, readFile(t, out))
	if src := f.Agents.Primary.Source; src == nil || !src.PlainHTTP || src.Kind != facts.SourceAPI {
		t.Errorf("primary source %+v, want api with plain_http", src)
	}
	if id := f.Agents.Primary.DataMinerID; id == nil || *id != 212 {
		t.Errorf("dataminer_id %v, want 212", id)
	}
	if strings.Contains(readFile(t, out)+r.stderr+r.stdout, cliPassword) {
		t.Error("the password is in the output")
	}
}

// closedLoopbackURL is https://127.0.0.1:PORT where nothing listens: a port that was just
// listened on and closed.
func closedLoopbackURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "https://" + addr
}

// TestGatherWarnsOfUnreachableSources: an agent URL nothing answers at still gives a fact
// document (exit 0, the error recorded in its facts), and stderr says so at once, one
// warning per source that could not be read.
func TestGatherWarnsOfUnreachableSources(t *testing.T) {
	dead := closedLoopbackURL(t)
	creds := map[string]string{"DMAPREP_USER": cliUser, "DMAPREP_PASSWORD": cliPassword}
	r := dmaprep(t, "", creds, "gather", "pair", "--primary", primaryDir, "--backup", dead,
		"--hostname", cliSharedName, "--skip-network", "--timeout", "5s")
	wantCode(t, r, exitReady)
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "dmaprep: warning: "+dead+" could not be read: ") {
		t.Errorf("stderr should hold one warning naming %s:\n%s", dead, r.stderr)
	}
	f := validFacts(t, "gather", r.stdout)
	if why := f.Agents.Backup.Errors["version"]; why == "" {
		t.Errorf("the fact document does not record why the backup's version is missing: %+v", f.Agents.Backup.Errors)
	}

	// Both mistyped: two warnings; the one-shot check says it too.
	r = dmaprep(t, "", creds, "check", "--format", "text", "--primary", dead, "--backup", dead+"/",
		"--hostname", cliSharedName, "--skip-network", "--timeout", "5s")
	wantCode(t, r, exitNotReady)
	if n := strings.Count(r.stderr, "dmaprep: warning: "); n != 2 {
		t.Errorf("%d warnings, want 2:\n%s", n, r.stderr)
	}
}
