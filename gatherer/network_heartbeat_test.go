package gatherer

import (
	"context"
	"encoding/json"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/gatherer/probe"
	"github.com/dmaprep/dmaprep/gatherer/source"
)

func TestReachOf(t *testing.T) {
	t.Parallel()
	noPing := "nothing answered, which does not prove the address free: ICMP echo was not possible; ARP was not tried"
	noHost := "nothing answered, which does not prove the address free: ICMP was not tried; " +
		"10.11.0.1 is not on a directly attached subnet, so ARP cannot tell"
	icmpNotPermitted := "icmp not permitted (ping socket: permission denied; raw socket: operation not permitted)"
	tests := []struct {
		name        string
		icmp, other facts.VIPProbe
		want        facts.ReachProbe
	}{
		{
			name:  "echo reply",
			icmp:  facts.VIPProbe{State: "in_use", Method: "icmp", Evidence: []string{"icmp: echo reply from 10.11.0.1"}},
			other: facts.VIPProbe{State: "in_use", Method: "tcp", Evidence: []string{"tcp/445: connected to 10.11.0.1"}},
			want: facts.ReachProbe{State: "answers", Method: "icmp",
				Evidence: []string{"icmp: echo reply from 10.11.0.1", "tcp/445: connected to 10.11.0.1"}},
		},
		{
			name: "this host's own address, said once",
			icmp: facts.VIPProbe{State: "in_use", Method: "local", Evidence: []string{"10.11.0.1 is assigned to this host (eth0)"}},
			other: facts.VIPProbe{State: "in_use", Method: "local",
				Evidence: []string{"10.11.0.1 is assigned to this host (eth0)", "tcp/445: connected to 10.11.0.1"}},
			want: facts.ReachProbe{State: "answers", Method: "local",
				Evidence: []string{"10.11.0.1 is assigned to this host (eth0)", "tcp/445: connected to 10.11.0.1"}},
		},
		{
			// The host is there but drops ping: the inverted heartbeat would see nothing.
			name:  "no echo reply from a host that answers TCP",
			icmp:  facts.VIPProbe{State: "free", Method: "icmp", Evidence: []string{"icmp: no echo reply within 2s"}},
			other: facts.VIPProbe{State: "in_use", Method: "tcp", Evidence: []string{"tcp/22: connection refused by 10.11.0.1"}},
			want: facts.ReachProbe{State: "silent", Method: "icmp",
				Evidence: []string{"icmp: no echo reply within 2s", "tcp/22: connection refused by 10.11.0.1"}},
		},
		{
			name:  "no ICMP here, a host on TCP",
			icmp:  facts.VIPProbe{State: "undetermined", Method: "icmp", Evidence: []string{icmpNotPermitted}, Error: &noPing},
			other: facts.VIPProbe{State: "in_use", Method: "tcp", Evidence: []string{"tcp/445: connected to 10.11.0.1"}},
			want: facts.ReachProbe{State: "answers", Method: "tcp",
				Evidence: []string{icmpNotPermitted, "tcp/445: connected to 10.11.0.1"}},
		},
		{
			name:  "no ICMP here, ARP finds no host",
			icmp:  facts.VIPProbe{State: "undetermined", Method: "icmp", Evidence: []string{icmpNotPermitted}, Error: &noPing},
			other: facts.VIPProbe{State: "free", Method: "arp", Evidence: []string{"arp: no reply for 10.11.0.1 on eth0 (FAILED)"}},
			want: facts.ReachProbe{State: "silent", Method: "arp",
				Evidence: []string{icmpNotPermitted, "arp: no reply for 10.11.0.1 on eth0 (FAILED)"}},
		},
		{
			name:  "nothing tells",
			icmp:  facts.VIPProbe{State: "undetermined", Method: "icmp", Evidence: []string{icmpNotPermitted}, Error: &noPing},
			other: facts.VIPProbe{State: "undetermined", Method: "tcp", Evidence: []string{"tcp/80: no answer within 2s"}, Error: &noHost},
			want: facts.ReachProbe{State: "undetermined", Method: "icmp+tcp",
				Evidence: []string{icmpNotPermitted, "tcp/80: no answer within 2s"},
				Error:    opString("no echo reply and no host seen (icmp probe: " + noPing + "; tcp/arp probe: " + noHost + ")")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, reachOf(tt.icmp, tt.other)); diff != "" {
				t.Errorf("reachOf (-want +got):\n%s", diff)
			}
		})
	}
}

// hbListen listens on a loopback address and returns its port.
func hbListen(t *testing.T, host string) int {
	t.Helper()
	ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		t.Fatal(err)
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

// TestProbeHeartbeatTargetLoopback probes 127.0.0.x only: the kernel answers there (echo
// reply where this process may ping, a listener otherwise).
func TestProbeHeartbeatTargetLoopback(t *testing.T) {
	t.Parallel()
	port := hbListen(t, "127.0.0.7")
	got := probeHeartbeatTarget(t.Context(), "127.0.0.7", []int{port}, time.Second)
	if got.State != facts.ReachAnswers || got.Error != nil {
		t.Fatalf("127.0.0.7: %+v", got)
	}
	if got.Method != "icmp" && got.Method != "tcp" {
		t.Errorf("method %q, want icmp (ping permitted) or tcp", got.Method)
	}
	evidence := strings.Join(got.Evidence, "\n")
	if !strings.Contains(evidence, "connected to 127.0.0.7") {
		t.Errorf("evidence lacks the TCP connect:\n%s", evidence)
	}

	local := probeHeartbeatTarget(t.Context(), "127.0.0.1", []int{port}, time.Second)
	if local.State != facts.ReachAnswers || !strings.HasPrefix(local.Method, "local") {
		t.Errorf("127.0.0.1: %+v", local)
	}
}

// TestHeartbeatProbesInNetwork runs the probes as probeNetwork assembles them: one per
// distinct target, none (and no map) without targets.
func TestHeartbeatProbesInNetwork(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var tasks []probe.Task
	add := func(name string, timeout time.Duration, do func(ctx context.Context)) {
		tasks = append(tasks, probe.Task{Name: name, Timeout: timeout, Do: do})
	}
	network := &facts.Network{}
	addHeartbeatProbes(nil, network, &mu, add)
	if len(tasks) != 0 || network.HeartbeatTargets != nil {
		t.Fatalf("no targets: %d tasks, %v", len(tasks), network.HeartbeatTargets)
	}
	addHeartbeatProbes([]string{"127.0.0.8", "127.0.0.1", "127.0.0.8"}, network, &mu, add)
	var names []string
	for _, task := range tasks {
		names = append(names, task.Name)
	}
	if diff := cmp.Diff([]string{"heartbeat target 127.0.0.8", "heartbeat target 127.0.0.1"}, names); diff != "" {
		t.Errorf("tasks (-want +got):\n%s", diff)
	}
	probe.Run(t.Context(), tasks, nil)
	for _, ip := range []string{"127.0.0.8", "127.0.0.1"} {
		if p := network.HeartbeatTargets[ip]; p.State != facts.ReachAnswers {
			t.Errorf("%s: %+v", ip, p)
		}
	}
}

// TestPairHeartbeatPlan gathers a pair of folder copies with every address on loopback
// (agents, virtual IP, DNS server, heartbeat target) and checks that the plan lands in
// the intent and the probe in the network facts, in a document the schema accepts.
func TestPairHeartbeatPlan(t *testing.T) {
	t.Parallel()
	// A DNS server address where nothing listens: lookups are refused at once.
	dnsConn, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dnsConn.Close()
	join := true
	f, err := Pair(t.Context(), Options{
		Primary: source.Parse("../testdata/agents/primary"), Backup: source.Parse("../testdata/agents/backup"),
		VirtualIPs: addrs("127.0.0.4"), PrimaryIPs: addrs("127.0.0.2"), BackupIPs: addrs("127.0.0.3"),
		DNSServer: dnsConn.LocalAddr().String(), HTTPSPort: hbListen(t, "127.0.0.2"),
		InvertedHeartbeatTargets: addrs("127.0.0.5"), JoinsExistingCluster: &join,
		Timeout: 6 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"127.0.0.5"}, f.Intent.InvertedHeartbeatTargets); diff != "" {
		t.Errorf("intent targets (-want +got):\n%s", diff)
	}
	if f.Intent.JoinsExistingCluster == nil || !*f.Intent.JoinsExistingCluster {
		t.Errorf("joins_existing_cluster = %v", f.Intent.JoinsExistingCluster)
	}
	if p := f.Network.HeartbeatTargets["127.0.0.5"]; p.State != facts.ReachAnswers {
		t.Errorf("heartbeat target 127.0.0.5: %+v", p)
	}
	raw, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := facts.DecodeBytes(raw, "pair")
	if err != nil {
		t.Fatal(err)
	}
	if v, err := facts.Validate(doc); err != nil || len(v) > 0 {
		t.Errorf("invalid facts: %v %v", v, err)
	}
}

// Without a plan or a decision, the intent leaves both out (absent, not collected).
func TestPairWithoutHeartbeatPlan(t *testing.T) {
	t.Parallel()
	f, err := Pair(t.Context(), Options{Primary: source.Parse("../testdata/agents/primary"), Backup: source.Parse("../testdata/agents/backup"),
		VirtualIPs: addrs("127.0.0.4"), SkipNetwork: true})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(f.Intent)
	if strings.Contains(string(raw), "inverted_heartbeat_targets") || strings.Contains(string(raw), "joins_existing_cluster") {
		t.Errorf("intent %s", raw)
	}
}
