package inventory

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dmaprep/dmaprep/gatherer/source"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func write(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "pairs.yaml")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoad(t *testing.T) {
	t.Parallel()
	p := write(t, `pairs:
  - name: site-a
    primary: agents/a1
    backup: https://dma-b.example
    virtual_ips: [10.0.0.44]
    primary_ips: [10.0.0.1]
    backup_ips: [10.0.0.2]
    https_port: 8443
  - name: site-b
    primary: /abs/p.json
    backup: b.json
    hostname: fo.example.local
    dns_server: 10.0.0.53
`)
	got, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(p)
	want := []Pair{
		{Name: "site-a", Primary: source.Parse(filepath.Join(dir, "agents/a1")), Backup: source.Parse("https://dma-b.example"),
			VirtualIPs: []netip.Addr{netip.MustParseAddr("10.0.0.44")}, PrimaryIPs: []netip.Addr{netip.MustParseAddr("10.0.0.1")},
			BackupIPs: []netip.Addr{netip.MustParseAddr("10.0.0.2")}, HTTPSPort: 8443},
		{Name: "site-b", Primary: source.Parse("/abs/p.json"), Backup: source.Parse(filepath.Join(dir, "b.json")), Hostname: "fo.example.local",
			DNSServer: "10.0.0.53:53"},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateComparable(netip.Addr{}, source.Source{})); diff != "" {
		t.Errorf("pairs (-want +got):\n%s", diff)
	}
}

func TestLoadErrorsNameTheFileAndTheField(t *testing.T) {
	t.Parallel()
	for content, want := range map[string]string{
		"pairs: []\n": "/pairs: minimum 1 items required",
		"pairs:\n  - {name: a, primary: p, backup: b, virtual_ips: [10.0.0.300]}\n":                                      "/pairs/0/virtual_ips/0: '10.0.0.300' is not valid 'ip'",
		"pairs:\n  - {name: a, primary: p, backup: b}\n":                                                                 "exactly one of them",
		"pairs:\n  - {name: a, primary: p, backup: b, hostname: h, virtual_ips: [10.0.0.1]}\n":                           "exactly one of them",
		"pairs:\n  - {name: a, primary: p, hostname: h}\n":                                                               "missing properties: 'backup'",
		"pairs:\n  - {name: a, primary: p, backup: b, hostname: h, https_port: 70000}\n":                                 "/pairs/0/https_port: must be <= 65535",
		"pairs:\n  - {name: a, primary: p, backup: b, hostname: h, colour: red}\n":                                       "additionalProperties 'colour' not allowed",
		"pairs:\n  - {name: ../x, primary: p, backup: b, hostname: h}\n":                                                 "/pairs/0/name: does not match pattern",
		"pairs:\n  - {name: a, primary: p, backup: b, hostname: h}\n  - {name: a, primary: p, backup: b, hostname: h}\n": `/pairs/1/name: "a" is already the name of /pairs/0`,
		"pairs: [": "invalid YAML",
		"pairs:\n  - {name: a, primary: p, backup: b, hostname: h, dns_server: '10.0.0.53:0'}\n": `/pairs/0/dns_server: "10.0.0.53:0": "0" is not a port`,
		"pairs:\n  - {name: a, primary: p, backup: b, virtual_ips: ['fe80::1%eth0']}\n":          "/pairs/0/virtual_ips/0: \"fe80::1%eth0\" has a zone",
		"pairs:\n  - {name: a, primary: p, backup: b, virtual_ips: ['::ffff:10.0.0.1']}\n":       "write it as 10.0.0.1",
		"pairs:\n  - {name: a, primary: p, backup: b, hostname: h}\n---\npairs: []\n":            "a second YAML document",
	} {
		p := write(t, content)
		_, err := Load(p)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), p) {
			t.Errorf("%q: got %v, want an error naming %s and containing %q", content, err, p, want)
		}
	}
}
