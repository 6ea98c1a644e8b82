package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dmaprep/dmaprep/facts"
)

// pairFromFolders are the flags of a pair gather from the folder fixtures, without probes.
var pairFromFolders = []string{"--primary", "../../testdata/agents/primary", "--backup", "../../testdata/agents/backup",
	"--virtual-ip", "10.11.250.44", "--primary-ip", "10.11.5.52", "--backup-ip", "10.11.4.52", "--skip-network"}

func TestGatherPairOperatorFactsAndPlan(t *testing.T) {
	t.Parallel()
	ops := writeTemp(t, "ops.yaml", `
primary:
  host_software: {npcap: true, winpcap: false}
backup:
  host_software: {npcap: true}
  staas: {cloudgateway_installed: false}
`)
	args := append([]string{"gather", "pair"}, pairFromFolders...)
	args = append(args, "--operator-facts", ops, "--inverted-heartbeat", "10.11.0.1", "--inverted-heartbeat", "10.12.0.1",
		"--join-cluster")
	r := dmaprep(t, "", nil, args...)
	if r.code != exitReady {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var f facts.Facts
	if err := json.Unmarshal([]byte(r.stdout), &f); err != nil {
		t.Fatal(err)
	}
	p, b := f.Agents.Primary, f.Agents.Backup
	if hs := p.HostSoftware; hs == nil || hs.Source != "operator" || hs.Npcap == nil || !*hs.Npcap || hs.WinPcap == nil || *hs.WinPcap {
		t.Errorf("primary host_software: %+v", hs)
	}
	if p.STaaS != nil {
		t.Errorf("primary staas: %+v, want absent", p.STaaS)
	}
	if st := b.STaaS; st == nil || st.Source != "operator" || st.CloudGatewayInstalled == nil || *st.CloudGatewayInstalled {
		t.Errorf("backup staas: %+v", st)
	}
	if got := strings.Join(f.Intent.InvertedHeartbeatTargets, ","); got != "10.11.0.1,10.12.0.1" {
		t.Errorf("inverted_heartbeat_targets: %s", got)
	}
	if j := f.Intent.JoinsExistingCluster; j == nil || !*j {
		t.Errorf("joins_existing_cluster: %v", j)
	}
	if r.stderr != "" {
		t.Errorf("stderr: %s", r.stderr)
	}
}

// Without --join-cluster the intent leaves joins_existing_cluster out: not said.
func TestGatherPairJoinClusterUnset(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		flags []string
		want  string
	}{
		{nil, "<absent>"},
		{[]string{"--join-cluster=false"}, "false"},
	} {
		r := dmaprep(t, "", nil, append(append([]string{"gather", "pair"}, pairFromFolders...), tc.flags...)...)
		if r.code != exitReady {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		var doc struct {
			Intent map[string]json.RawMessage `json:"intent"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatal(err)
		}
		got := "<absent>"
		if v, ok := doc.Intent["joins_existing_cluster"]; ok {
			got = string(v)
		}
		if got != tc.want {
			t.Errorf("%v: joins_existing_cluster %s, want %s", tc.flags, got, tc.want)
		}
	}
}

// A wrong operator fact file stops the gather with exit 2, naming the file, the agent and
// the field.
func TestGatherPairOperatorFactsErrors(t *testing.T) {
	t.Parallel()
	ops := writeTemp(t, "ops.yaml", "backup:\n  host_software: {npcapp: true, iis_arr: \"yes\"}\n")
	for _, cmd := range [][]string{{"gather", "pair"}, {"check"}} {
		r := dmaprep(t, "", nil, append(append(cmd, pairFromFolders...), "--operator-facts", ops)...)
		if r.code != exitError {
			t.Errorf("%s: exit %d, want %d", cmd[0], r.code, exitError)
		}
		for _, want := range []string{"invalid operator facts in " + ops, `backup: host_software: unknown field "npcapp"`,
			"backup: host_software.iis_arr: expected boolean or null, but got string"} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%s: stderr does not contain %q:\n%s", cmd[0], want, r.stderr)
			}
		}
		if r.stdout != "" {
			t.Errorf("%s: stdout: %s", cmd[0], r.stdout)
		}
	}
	r := dmaprep(t, "", nil, append(append([]string{"gather", "pair"}, pairFromFolders...), "--inverted-heartbeat", "dc01")...)
	if r.code != exitError || !strings.Contains(r.stderr, `--inverted-heartbeat "dc01" is not an IP address`) {
		t.Errorf("--inverted-heartbeat dc01: exit %d, stderr %s", r.code, r.stderr)
	}
}
