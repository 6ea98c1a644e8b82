package report

import (
	"fmt"
	"slices"
	"strings"
)

// What every human-readable format says the same way: the pair, the next step and a
// waiver, so text, markdown and HTML never disagree.

// PairLine names the pair: both agents (hostname, address, version) and the addressing
// mode with its virtual IPs or shared hostname; "" when the report has no pair.
func PairLine(p *Pair) string {
	if p == nil {
		return ""
	}
	mode := "addressing mode undecided"
	switch p.Mode {
	case "virtual_ip":
		mode = "virtual IP mode, " + strings.Join(p.VirtualIPs, ", ")
	case "hostname":
		mode = "shared hostname mode, " + p.SharedHostname
	}
	return fmt.Sprintf("pair: primary %s; backup %s; %s", agentText(p.Primary), agentText(p.Backup), mode)
}

func agentText(a AgentSummary) string {
	var parts []string
	for _, s := range []string{a.Hostname, a.Address} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "(name not collected)")
	}
	if a.Version == "" {
		return strings.Join(parts, " ") + " (version not collected)"
	}
	return strings.Join(parts, " ") + " running " + a.Version
}

// NextStep is the one line that closes a report and says what to do, as kubeadm's
// preflight names --ignore-preflight-errors: fix what fails and run again, or accept a
// finding with a waiver, or leave a requirement out.
func NextStep(r Report) string {
	var blocking, warned []string
	for _, res := range r.Results {
		switch res.Status {
		case StatusFail, StatusUnknown:
			blocking = append(blocking, res.ID)
		case StatusWarn:
			warned = append(warned, res.ID)
		}
	}
	switch {
	case len(blocking) > 0:
		return fmt.Sprintf("Next: fix %s (a fail needs a change, an unknown a fact that was not collected) and check again; "+
			"to accept one for a while, add it to a waiver file and pass --waivers FILE (see examples/waivers.yaml), "+
			"or leave a requirement out with --disable ID.", strings.Join(blocking, ", "))
	case !r.Ready:
		return fmt.Sprintf("Next: the run fails on warnings (fail_on warn): fix %s or waive them with --waivers FILE.", strings.Join(warned, ", "))
	case len(warned) > 0:
		return fmt.Sprintf("Next: the pair is ready; read the warnings (%s) before configuring Failover.", strings.Join(warned, ", "))
	}
	return "Next: the pair is ready; configure Failover in DataMiner Cube (System Center > Agents > Failover)."
}

// waiverTarget is the requirement a waiver names, with its agent.
func waiverTarget(w Waiver) string {
	if w.Agent != "" {
		return w.Requirement + " (" + w.Agent + ")"
	}
	return w.Requirement
}

// waiverText says until when, by whom and why.
func waiverText(w Waiver) string {
	return fmt.Sprintf("until %s by %s: %s", w.Expires, orDash(w.Owner), w.Justification)
}

// needsAttention splits results into what a reader must look at (fail, unknown, warn,
// waived, info, in the order of problemOrder, by ID within a status) and the rest (pass,
// skip, by ID): every human-readable format lists the first before the second.
func needsAttention(results []Result) (problems, rest []Result) {
	for _, st := range problemOrder {
		for _, r := range results {
			if r.Status == st {
				problems = append(problems, r)
			}
		}
	}
	for _, r := range results {
		if !slices.Contains(problemOrder, r.Status) {
			rest = append(rest, r)
		}
	}
	return problems, rest
}

// statusCount is how many results of a set have one status.
type statusCount struct {
	Status string
	N      int
}

// areaCounts counts results per status, the statuses that need attention first, leaving
// out those with none: "1 fail, 1 waived, 6 pass, 2 skip".
func areaCounts(results []Result) []statusCount {
	n := map[string]int{}
	for _, r := range results {
		n[r.Status]++
	}
	var out []statusCount
	for _, st := range append(slices.Clone(problemOrder), StatusPass, StatusSkip) {
		if n[st] > 0 {
			out = append(out, statusCount{st, n[st]})
		}
	}
	return out
}

func countsText(counts []statusCount) string {
	parts := make([]string, len(counts))
	for i, c := range counts {
		parts[i] = fmt.Sprintf("%d %s", c.N, c.Status)
	}
	return strings.Join(parts, ", ")
}
