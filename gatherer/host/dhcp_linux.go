package host

import (
	"bufio"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// dhcpStates tells, per interface index, whether a DHCP client holds a lease for it. Linux
// has no single switch to read, so this looks for lease files of the usual clients:
//
//   - systemd-networkd: /run/systemd/netif/leases/<ifindex> (under /run, so this boot's);
//   - NetworkManager: /var/lib/NetworkManager/{internal,dhclient,dhclient6}-<uuid>-<ifname>.lease;
//   - dhclient (ifupdown, initscripts): /var/lib/dhcp/dhclient.<ifname>.leases,
//     /var/lib/dhclient/dhclient-<ifname>.leases, /var/lib/dhclient/dhclient--<ifname>.lease.
//
// Files under /var/lib outlive a switch to a static address, so they count only when
// written since boot. A lease found gives true; none found gives nil, never false: an
// interface can be static, or run by a client this does not know.
func dhcpStates(ifaces []net.Interface) map[int]*bool {
	return leaseStates("/", ifaces, bootTime("/"))
}

func leaseStates(root string, ifaces []net.Interface, boot time.Time) map[int]*bool {
	nm := nmLeases(filepath.Join(root, "var/lib/NetworkManager"), boot)
	out := map[int]*bool{}
	for _, ifc := range ifaces {
		if exists(filepath.Join(root, "run/systemd/netif/leases", strconv.Itoa(ifc.Index))) ||
			nm[ifc.Name] ||
			freshFile(filepath.Join(root, "var/lib/dhcp", "dhclient."+ifc.Name+".leases"), boot) ||
			freshFile(filepath.Join(root, "var/lib/dhclient", "dhclient-"+ifc.Name+".leases"), boot) ||
			freshFile(filepath.Join(root, "var/lib/dhclient", "dhclient--"+ifc.Name+".lease"), boot) {
			yes := true
			out[ifc.Index] = &yes
		}
	}
	return out
}

// nmLeases returns the interface names NetworkManager wrote a lease for since boot. Its
// file names are <client>-<connection uuid>-<ifname>.lease; the UUID has a fixed length, so
// the interface name is read exactly (br-eth0 is not eth0).
func nmLeases(dir string, boot time.Time) map[string]bool {
	const uuidLen = 36
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	names := map[string]bool{}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".lease") {
			continue
		}
		var rest string
		for _, p := range []string{"internal-", "dhclient-", "dhclient6-"} {
			if r, ok := strings.CutPrefix(n, p); ok {
				rest = r
				break
			}
		}
		if len(rest) < uuidLen+2 || rest[uuidLen] != '-' {
			continue
		}
		ifname := strings.TrimSuffix(rest[uuidLen+1:], ".lease")
		if ifname != "" && freshFile(filepath.Join(dir, n), boot) {
			names[ifname] = true
		}
	}
	return names
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// freshFile tells whether path is a file modified since boot; with boot unknown, never.
func freshFile(path string, boot time.Time) bool {
	if boot.IsZero() {
		return false
	}
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular() && !st.ModTime().Before(boot)
}

// bootTime reads btime from /proc/stat; zero when it cannot.
func bootTime(root string) time.Time {
	f, err := os.Open(filepath.Join(root, "proc/stat"))
	if err != nil {
		return time.Time{}
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "btime "); ok {
			if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
				return time.Unix(n, 0)
			}
		}
	}
	return time.Time{}
}
