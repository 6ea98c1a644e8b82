package probe

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// neighbourStates are the states `ip neigh` prints.
var neighbourStates = map[string]bool{
	"PERMANENT": true, "NOARP": true, "REACHABLE": true, "STALE": true, "NONE": true,
	"INCOMPLETE": true, "DELAY": true, "PROBE": true, "FAILED": true,
}

// procARP is the kernel's IPv4 neighbour table; tests point it elsewhere.
var procARP = "/proc/net/arp"

// readNeighbour reads addr's entry on dev with `ip neigh`, or from /proc/net/arp (IPv4,
// no FAILED state) when ip is missing.
func readNeighbour(ctx context.Context, dev string, addr netip.Addr) (neighbour, error) {
	family := "-4"
	if addr.Is6() {
		family = "-6"
	}
	out, err := exec.CommandContext(ctx, "ip", family, "neigh", "show", "to", addr.String(), "dev", dev).Output()
	if errors.Is(err, exec.ErrNotFound) && addr.Is4() {
		return readProcARP(dev, addr)
	}
	if err != nil {
		if ee, ok := errors.AsType[*exec.ExitError](err); ok && len(ee.Stderr) > 0 {
			err = fmt.Errorf("%w: %s", err, strings.TrimSpace(string(ee.Stderr)))
		}
		return neighbour{}, fmt.Errorf("ip neigh: %w", err)
	}
	return parseIPNeigh(string(out), addr), nil
}

// parseIPNeigh reads the line for addr in the output of `ip neigh show to ADDR dev DEV`,
// e.g. "10.0.0.5 lladdr 00:15:5d:4a:01:07 REACHABLE" or "10.0.0.6 FAILED".
func parseIPNeigh(out string, addr netip.Addr) neighbour {
	for line := range strings.Lines(out) {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		if a, err := netip.ParseAddr(fields[0]); err != nil || a.Unmap() != addr {
			continue
		}
		n := neighbour{found: true}
		for i, f := range fields {
			switch {
			case f == "lladdr" && i+1 < len(fields):
				n.mac = formatMAC(fields[i+1])
			case neighbourStates[f]:
				n.state = f
			}
		}
		return n
	}
	return neighbour{}
}

// readProcARP reads addr's entry on dev from /proc/net/arp, where an entry is complete
// (flag ATF_COM, 0x2) with its MAC or not yet; it does not tell INCOMPLETE from FAILED.
func readProcARP(dev string, addr netip.Addr) (neighbour, error) {
	f, err := os.Open(procARP)
	if err != nil {
		return neighbour{}, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		// IP address  HW type  Flags  HW address  Mask  Device
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || fields[5] != dev {
			continue
		}
		if a, err := netip.ParseAddr(fields[0]); err != nil || a != addr {
			continue
		}
		flags, _ := strconv.ParseUint(strings.TrimPrefix(fields[2], "0x"), 16, 32)
		n := neighbour{found: true, state: "INCOMPLETE"}
		if flags&0x2 != 0 && fields[3] != "00:00:00:00:00:00" {
			n.state, n.mac = "COMPLETE", formatMAC(fields[3])
			if flags&0x4 != 0 {
				n.state = "PERMANENT"
			}
		}
		return n, nil
	}
	return neighbour{}, sc.Err()
}
