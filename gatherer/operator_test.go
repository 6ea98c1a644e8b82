package gatherer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dmaprep/dmaprep/facts"
)

func opBool(b bool) *bool       { return &b }
func opString(s string) *string { return &s }

const nodeIDFingerprint = "sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"

func writeOperatorFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadOperatorFacts(t *testing.T) {
	t.Parallel()
	yamlFile := `# what the Windows admins told us
primary:
  host_software:
    npcap: true
    winpcap: false
    iis_arr: null
    services: {cassandra: running}
    cassandra_release_version: "4.1.3"
backup:
  host_software: {npcap: true, source: operator}
  staas:
    cloudgateway_installed: true
    cca_gateway_persisted_present: true
    token_files: []
    node_id_fingerprint: ` + nodeIDFingerprint + "\n"
	want := OperatorFacts{
		Primary: OperatorAgent{HostSoftware: &facts.HostSoftware{Source: "operator", Npcap: opBool(true), WinPcap: opBool(false),
			Services: map[string]string{"cassandra": "running"}, CassandraReleaseVersion: opString("4.1.3")}},
		Backup: OperatorAgent{
			HostSoftware: &facts.HostSoftware{Source: "operator", Npcap: opBool(true)},
			STaaS: &facts.STaaS{Source: "operator", CloudGatewayInstalled: opBool(true), CCAGatewayPersistedPresent: opBool(true),
				TokenFiles: []string{}, NodeIDFingerprint: opString(nodeIDFingerprint)},
		},
	}
	for name, content := range map[string]string{
		"ops.yaml": yamlFile,
		"ops.json": `{"primary": {"host_software": {"npcap": true, "winpcap": false, "iis_arr": null,
			"services": {"cassandra": "running"}, "cassandra_release_version": "4.1.3"}},
		"backup": {"host_software": {"npcap": true, "source": "operator"}, "staas": {"cloudgateway_installed": true,
			"cca_gateway_persisted_present": true, "token_files": [], "node_id_fingerprint": "` + nodeIDFingerprint + `"}}}`,
	} {
		t.Run(name, func(t *testing.T) {
			got, err := ReadOperatorFacts(writeOperatorFile(t, name, content))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ReadOperatorFacts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadOperatorFactsOneAgent(t *testing.T) {
	t.Parallel()
	got, err := ReadOperatorFacts(writeOperatorFile(t, "ops.yml", "backup:\n  host_software: {iis_arr: true}\nprimary:\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := OperatorFacts{Backup: OperatorAgent{HostSoftware: &facts.HostSoftware{Source: "operator", IISARR: opBool(true)}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadOperatorFacts (-want +got):\n%s", diff)
	}
}

// Every problem names the file, the agent and the field, so a typo never becomes a fact
// that silently stays null.
func TestReadOperatorFactsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, content string
		want                []string
	}{
		{"unknown agent and field", "ops.yaml", "primry: {}\nbackup: {hostsoftware: {npcap: true}}\n", []string{
			"invalid operator facts in ", "ops.yaml:\n",
			`  backup: unknown field "hostsoftware" (fields: host_software, staas)`,
			`  unknown agent "primry" (want primary or backup)`,
		}},
		{"unknown and mistyped facts", "ops.yaml", "primary:\n  host_software: {npcapp: true, npcap: \"yes\", services: {cassandra: up}}\n" +
			"  staas: {token_files: [1], node_id_fingerprint: abc}\nbackup:\n  host_software: {cassandra_release_version: 4.1}\n", []string{
			`  backup: host_software.cassandra_release_version: expected string or null, but got number`,
			`  primary: host_software: unknown field "npcapp"`,
			`  primary: host_software.npcap: expected boolean or null, but got string`,
			`  primary: host_software.services.cassandra: value must be one of "running", "stopped", "starting", "paused", "absent"`,
			`  primary: staas.node_id_fingerprint: does not match pattern`,
			`  primary: staas.token_files[0]: expected string, but got number`,
		}},
		{"a source other than operator", "ops.json", `{"primary": {"host_software": {"source": "host", "npcap": true}}}`, []string{
			`  primary: host_software.source: host is not "operator" (dmaprep sets it; leave it out)`,
		}},
		{"an agent that is not an object", "ops.yaml", "primary: [npcap]\n", []string{
			"  primary: want an object with host_software and/or staas",
		}},
		{"a fact group that is not an object", "ops.yaml", "primary: {host_software: true}\n", []string{
			"  primary: host_software: want an object",
		}},
		{"not an object", "ops.yaml", "- primary\n", []string{"ops.yaml: want an object with primary and/or backup"}},
		{"empty", "ops.yaml", "\n \n", []string{"ops.yaml: empty file"}},
		{"invalid YAML", "ops.yaml", "primary: {host_software: [\n", []string{"ops.yaml: invalid YAML: "}},
		{"invalid JSON names line and column", "ops.json", "{\n  \"primary\": {,\n}", []string{"ops.json:2:15: invalid JSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadOperatorFacts(writeOperatorFile(t, tt.file, tt.content))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not contain %q:\n%s", w, err)
				}
			}
		})
	}
	if _, err := ReadOperatorFacts(filepath.Join(t.TempDir(), "missing.yaml")); err == nil ||
		!strings.Contains(err.Error(), "operator facts: open ") {
		t.Errorf("missing file: %v", err)
	}
}

func TestApplyOperatorFacts(t *testing.T) {
	t.Parallel()
	observed := func() *facts.HostSoftware {
		return &facts.HostSoftware{Source: "host", Npcap: opBool(false), WinPcap: nil, IISARR: opBool(true),
			Services: map[string]string{"cassandra": "absent"}}
	}
	op := OperatorFacts{
		Primary: OperatorAgent{
			HostSoftware: &facts.HostSoftware{Source: "operator", Npcap: opBool(true), WinPcap: opBool(true),
				Services: map[string]string{"cassandra": "running", "NAS": "absent"}},
			STaaS: &facts.STaaS{Source: "operator", TokenFiles: []string{}, CloudGatewayInstalled: opBool(true)},
		},
		Backup: OperatorAgent{HostSoftware: &facts.HostSoftware{Source: "operator", IISARR: opBool(true)}},
	}
	tests := []struct {
		name        string
		primary     facts.Agent
		backup      facts.Agent
		wantPrimary facts.Agent
		wantBackup  facts.Agent
		wantNotes   []string
	}{
		{
			name: "nothing observed: the operator's objects",
			wantPrimary: facts.Agent{
				HostSoftware: op.Primary.HostSoftware,
				STaaS:        op.Primary.STaaS,
			},
			wantBackup: facts.Agent{HostSoftware: op.Backup.HostSoftware},
		},
		{
			name:    "observed values win; the operator fills what is null",
			primary: facts.Agent{HostSoftware: observed(), STaaS: &facts.STaaS{Source: "host", TokenFiles: []string{"DmsAccessToken.data"}}},
			backup:  facts.Agent{HostSoftware: &facts.HostSoftware{Source: "host", IISARR: opBool(true)}},
			wantPrimary: facts.Agent{
				HostSoftware: &facts.HostSoftware{Source: "operator", Npcap: opBool(false), WinPcap: opBool(true), IISARR: opBool(true),
					Services: map[string]string{"cassandra": "absent", "NAS": "absent"}},
				STaaS: &facts.STaaS{Source: "operator", TokenFiles: []string{"DmsAccessToken.data"}, CloudGatewayInstalled: opBool(true)},
			},
			// Nothing filled: still what the host showed.
			wantBackup: facts.Agent{HostSoftware: &facts.HostSoftware{Source: "host", IISARR: opBool(true)}},
			wantNotes: []string{
				"primary host_software.npcap: the agent's facts say false; the operator's true is not used",
				"primary host_software.services.cassandra: the agent's facts say absent; the operator's running is not used",
				`primary staas.token_files: the agent's facts say ["DmsAccessToken.data"]; the operator's [] is not used`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := facts.Facts{Agents: facts.Agents{Primary: tt.primary, Backup: tt.backup}}
			notes := op.Apply(&f)
			if diff := cmp.Diff(tt.wantPrimary, f.Agents.Primary); diff != "" {
				t.Errorf("primary (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantBackup, f.Agents.Backup); diff != "" {
				t.Errorf("backup (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantNotes, notes); diff != "" {
				t.Errorf("notes (-want +got):\n%s", diff)
			}
		})
	}
	// The operator's objects are copied, never shared with the facts.
	f := facts.Facts{}
	op.Apply(&f)
	if f.Agents.Primary.HostSoftware == op.Primary.HostSoftware {
		t.Error("Apply shares the operator's object")
	}
}

// What Apply writes passes the fact schema.
func TestApplyOperatorFactsValidates(t *testing.T) {
	t.Parallel()
	op, err := ReadOperatorFacts(writeOperatorFile(t, "ops.yaml",
		"primary: {host_software: {npcap: true}, staas: {token_files: [], node_id_fingerprint: "+nodeIDFingerprint+"}}\n"+
			"backup: {host_software: {npcap: false, winpcap: true, services: {nats-server: running}}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	f := facts.Facts{SchemaVersion: facts.SchemaVersion}
	op.Apply(&f)
	raw, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := facts.DecodeBytes(raw, "applied")
	if err != nil {
		t.Fatal(err)
	}
	if v, err := facts.Validate(doc); err != nil || len(v) > 0 {
		t.Errorf("invalid facts: %v %v\n%s", v, err, raw)
	}
}
