package host

import (
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestLeaseStates(t *testing.T) {
	root := t.TempDir()
	boot := time.Now().Add(-time.Hour)
	before := boot.Add(-24 * time.Hour)
	write := func(rel string, mtime time.Time) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("lease\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	const uuid = "5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03"
	write("run/systemd/netif/leases/2", before) // /run is this boot's whatever its mtime
	write("var/lib/NetworkManager/internal-"+uuid+"-ens4.lease", time.Now())
	write("var/lib/NetworkManager/dhclient-"+uuid+"-br-ens5.lease", time.Now()) // br-ens5, not ens5
	write("var/lib/NetworkManager/internal-"+uuid+"-ens6.lease", before)        // stale
	write("var/lib/dhcp/dhclient.ens7.leases", time.Now())
	write("var/lib/dhclient/dhclient--ens8.lease", time.Now())
	write("var/lib/dhcp/dhclient.ens9.leases", before) // stale: switched to static since

	ifaces := []net.Interface{
		{Index: 2, Name: "ens3"},
		{Index: 4, Name: "ens4"},
		{Index: 5, Name: "ens5"},
		{Index: 6, Name: "ens6"},
		{Index: 7, Name: "ens7"},
		{Index: 8, Name: "ens8"},
		{Index: 9, Name: "ens9"},
		{Index: 10, Name: "br-ens5"},
	}
	yes := true
	want := map[int]*bool{2: &yes, 4: &yes, 7: &yes, 8: &yes, 10: &yes}
	if diff := cmp.Diff(want, leaseStates(root, ifaces, boot)); diff != "" {
		t.Errorf("leaseStates (-want +got):\n%s", diff)
	}
	// With the boot time unknown, only /run counts.
	if diff := cmp.Diff(map[int]*bool{2: &yes}, leaseStates(root, ifaces, time.Time{})); diff != "" {
		t.Errorf("leaseStates without boot time (-want +got):\n%s", diff)
	}
}

func TestBootTime(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "proc"), 0o755); err != nil {
		t.Fatal(err)
	}
	stat := "cpu  1 2 3 4\nintr 5\nctxt 6\nbtime 1767268800\nprocesses 7\n"
	if err := os.WriteFile(filepath.Join(root, "proc/stat"), []byte(stat), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, want := bootTime(root), time.Unix(1767268800, 0); !got.Equal(want) {
		t.Errorf("bootTime = %v, want %v", got, want)
	}
	if got := bootTime(filepath.Join(root, "absent")); !got.IsZero() {
		t.Errorf("bootTime without /proc/stat = %v, want zero", got)
	}
	if got := bootTime("/"); got.IsZero() || got.After(time.Now()) {
		t.Errorf("bootTime of this machine = %v", got)
	}
}
