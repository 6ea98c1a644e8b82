package gatherer

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/gatherer/probe"
)

// heartbeatTimeout bounds each method of a heartbeat target probe.
const heartbeatTimeout = 2 * time.Second

// addHeartbeatProbes adds one probe per inverted-heartbeat target to the tasks that add
// assembles; each records whether the target answers in network.HeartbeatTargets, under
// mu. No target, no probe and no map: heartbeat_targets stays out of the document.
func addHeartbeatProbes(targets []string, network *facts.Network, mu *sync.Mutex,
	add func(name string, timeout time.Duration, do func(ctx context.Context))) {
	targets = unique(targets)
	if len(targets) == 0 {
		return
	}
	network.HeartbeatTargets = map[string]facts.ReachProbe{}
	for _, ip := range targets {
		add("heartbeat target "+ip, 2*heartbeatTimeout+time.Second, func(ctx context.Context) {
			p := probeHeartbeatTarget(ctx, ip, nil, heartbeatTimeout)
			mu.Lock()
			network.HeartbeatTargets[ip] = p
			mu.Unlock()
		})
	}
}

// probeHeartbeatTarget tells whether ip answers as an inverted-heartbeat target must. An
// inverted heartbeat is a ping, so ICMP decides: an echo reply (or ip being this host's
// own address) is "answers", and no reply while ICMP was possible is "silent", even when
// a host shows itself on TCP, since it would not answer the heartbeat. Only where this
// host cannot send ICMP (no ping socket, no raw socket privilege) do TCP connects to
// ports (nil: probe.DefaultVIPPorts) and ARP stand in: a host seen there "answers", ARP
// finding no host is "silent", anything else "undetermined". Both run at once, each
// bounded by timeout, as probe.VIPInUse runs them.
func probeHeartbeatTarget(ctx context.Context, ip string, ports []int, timeout time.Duration) facts.ReachProbe {
	var icmp, other facts.VIPProbe
	var wg sync.WaitGroup
	wg.Go(func() {
		icmp = probe.VIPInUse(ctx, ip, probe.VIPOptions{Timeout: timeout, SkipTCP: true, SkipARP: true})
	})
	wg.Go(func() {
		other = probe.VIPInUse(ctx, ip, probe.VIPOptions{Timeout: timeout, Ports: ports, SkipICMP: true})
	})
	wg.Wait()
	return reachOf(icmp, other)
}

// reachOf judges a target from an ICMP-only probe and a TCP+ARP probe of it.
func reachOf(icmp, other facts.VIPProbe) facts.ReachProbe {
	p := facts.ReachProbe{Evidence: unique(append(append([]string(nil), icmp.Evidence...), other.Evidence...))}
	switch {
	case icmp.State == facts.VIPInUse:
		p.State, p.Method = facts.ReachAnswers, icmp.Method
	case icmp.State == facts.VIPFree:
		p.State, p.Method = facts.ReachSilent, icmp.Method
	case other.State == facts.VIPInUse:
		p.State, p.Method = facts.ReachAnswers, other.Method
	case other.State == facts.VIPFree:
		p.State, p.Method = facts.ReachSilent, other.Method
	default:
		p.State = facts.ReachUndetermined
		p.Method = strings.Join(unique([]string{icmp.Method, other.Method}), "+")
		var why []string
		if icmp.Error != nil {
			why = append(why, "icmp probe: "+*icmp.Error)
		}
		if other.Error != nil {
			why = append(why, "tcp/arp probe: "+*other.Error)
		}
		msg := "no echo reply and no host seen"
		if len(why) > 0 {
			msg += " (" + strings.Join(why, "; ") + ")"
		}
		p.Error = &msg
	}
	return p
}
