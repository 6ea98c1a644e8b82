package probe

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"
)

// neighbour is the kernel's neighbour (ARP or NDP) entry for an address on an interface.
type neighbour struct {
	found bool
	state string // REACHABLE, STALE, DELAY, PROBE, FAILED, INCOMPLETE, PERMANENT, ...
	mac   string // AA-BB-CC-DD-EE-FF, "" when unresolved
}

// errNeighbourUnsupported: this platform's neighbour table is not read.
var errNeighbourUnsupported = errors.New("reading the neighbour table is not supported on this platform")

// neighbourPoll is how often watchNeighbour rereads the entry.
const neighbourPoll = 100 * time.Millisecond

// watchNeighbour reads addr's neighbour entry on dev until it shows a host (REACHABLE or
// PERMANENT with a MAC) or a failure (FAILED), or until window has passed; with settle,
// it reads once. Run it after traffic to addr, which makes the kernel resolve it.
func watchNeighbour(ctx context.Context, dev string, addr netip.Addr, window time.Duration, settle bool) neighOutcome {
	proto := "arp"
	if addr.Is6() {
		proto = "ndp"
	}
	deadline := time.Now().Add(window)
	var n neighbour
	for {
		var err error
		n, err = readNeighbour(ctx, dev, addr)
		if err != nil {
			if ctx.Err() != nil {
				return neighOutcome{ran: true, err: fmt.Sprintf("probing was cut short (%v)", ctx.Err())}
			}
			return neighOutcome{ran: true, err: err.Error()}
		}
		if settle || decisive(n) || !time.Now().Before(deadline) || !sleep(ctx, neighbourPoll) {
			break
		}
	}
	out := neighOutcome{ran: true}
	switch {
	case n.mac != "":
		out.host = true
		out.evidence = fmt.Sprintf("%s: %s is at %s on %s (%s)", proto, addr, n.mac, dev, n.state)
	case n.state == "FAILED":
		out.noHost = true
		out.evidence = fmt.Sprintf("%s: no reply for %s on %s (FAILED)", proto, addr, dev)
	case n.state == "INCOMPLETE":
		// Still unresolved after the probes and the wait: a host on the link answers ARP
		// in milliseconds. Not evidence when the wait was cut short.
		out.noHost = ctx.Err() == nil && !settle
		out.evidence = fmt.Sprintf("%s: no reply for %s on %s (INCOMPLETE)", proto, addr, dev)
	case n.found:
		out.evidence = fmt.Sprintf("%s: %s on %s is %s without a link-layer address", proto, addr, dev, strings.ToUpper(n.state))
	default:
		out.evidence = fmt.Sprintf("%s: no neighbour entry for %s on %s", proto, addr, dev)
	}
	return out
}

// decisive reports whether n settles the question: a confirmed link-layer address, or a
// resolution that failed.
func decisive(n neighbour) bool {
	switch n.state {
	case "FAILED":
		return true
	case "REACHABLE", "PERMANENT", "COMPLETE":
		return n.mac != ""
	}
	return false
}

// sleep waits d, or less when ctx ends first; it reports whether ctx is still alive.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// formatMAC writes a link-layer address as AA-BB-CC-DD-EE-FF, the form of the fact document.
func formatMAC(s string) string {
	return strings.ToUpper(strings.ReplaceAll(s, ":", "-"))
}
