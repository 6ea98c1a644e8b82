package probe

import (
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseIPNeigh(t *testing.T) {
	t.Parallel()
	addr := netip.MustParseAddr("10.0.0.9")
	tests := []struct {
		name, out string
		want      neighbour
	}{
		{"reachable", "10.0.0.9 lladdr 00:15:5d:4a:01:07 REACHABLE\n", neighbour{found: true, state: "REACHABLE", mac: "00-15-5D-4A-01-07"}},
		{"stale router", "10.0.0.9 lladdr 00:15:5d:4a:01:07 router STALE\n", neighbour{found: true, state: "STALE", mac: "00-15-5D-4A-01-07"}},
		{"with dev", "10.0.0.9 dev eth0 lladdr 00:15:5d:4a:01:07 DELAY\n", neighbour{found: true, state: "DELAY", mac: "00-15-5D-4A-01-07"}},
		{"failed", "10.0.0.9 FAILED\n", neighbour{found: true, state: "FAILED"}},
		{"incomplete", "10.0.0.9  INCOMPLETE\n", neighbour{found: true, state: "INCOMPLETE"}},
		{"other address only", "10.0.0.90 lladdr 00:15:5d:4a:01:07 REACHABLE\n", neighbour{}},
		{"none", "", neighbour{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, parseIPNeigh(tt.out, addr), cmp.AllowUnexported(neighbour{})); diff != "" {
				t.Errorf("parseIPNeigh (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadProcARP(t *testing.T) {
	path := filepath.Join(t.TempDir(), "arp")
	table := `IP address       HW type     Flags       HW address            Mask     Device
10.0.0.9         0x1         0x2         00:15:5d:4a:01:07     *        eth0
10.0.0.10        0x1         0x0         00:00:00:00:00:00     *        eth0
10.0.0.11        0x1         0x6         00:15:5d:4a:01:08     *        eth0
10.0.0.9         0x1         0x2         00:15:5d:4a:01:09     *        eth1
`
	if err := os.WriteFile(path, []byte(table), 0o600); err != nil {
		t.Fatal(err)
	}
	old := procARP
	procARP = path
	t.Cleanup(func() { procARP = old })
	tests := []struct {
		ip, dev string
		want    neighbour
	}{
		{"10.0.0.9", "eth0", neighbour{found: true, state: "COMPLETE", mac: "00-15-5D-4A-01-07"}},
		{"10.0.0.9", "eth1", neighbour{found: true, state: "COMPLETE", mac: "00-15-5D-4A-01-09"}},
		{"10.0.0.10", "eth0", neighbour{found: true, state: "INCOMPLETE"}},
		{"10.0.0.11", "eth0", neighbour{found: true, state: "PERMANENT", mac: "00-15-5D-4A-01-08"}},
		{"10.0.0.12", "eth0", neighbour{}},
	}
	for _, tt := range tests {
		got, err := readProcARP(tt.dev, netip.MustParseAddr(tt.ip))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(neighbour{})); diff != "" {
			t.Errorf("readProcARP(%s, %s) (-want +got):\n%s", tt.dev, tt.ip, diff)
		}
	}
}
