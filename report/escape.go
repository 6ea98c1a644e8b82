package report

import (
	"fmt"
	"strings"
	"unicode"
)

// EscapeControl returns a copy of the set whose text holds no control characters: each
// is spelt as a Go-style escape (\x1b, \u200e), so that a fact value carrying a terminal
// escape sequence cannot erase lines or recolour a report on a terminal, in a pull
// request comment or in a CI log. Tabs and newlines stay. The set itself is not changed.
func EscapeControl(set Set) Set {
	out := Set{Reports: make([]Report, len(set.Reports))}
	for i, r := range set.Reports {
		out.Reports[i] = MapText(r, escape)
	}
	return out
}

// EscapeReport is EscapeControl for one report.
func EscapeReport(r Report) Report { return MapText(r, escape) }

// MapText returns a copy of the report with f applied to every piece of text in it
// (source, pair, results, findings, waivers). The report itself is not changed.
func MapText(r Report, f func(string) string) Report {
	all := func(list []string) []string {
		if list == nil {
			return nil
		}
		out := make([]string, len(list))
		for i, s := range list {
			out[i] = f(s)
		}
		return out
	}
	agent := func(a AgentSummary) AgentSummary {
		return AgentSummary{Hostname: f(a.Hostname), Address: f(a.Address), Version: f(a.Version)}
	}
	waiver := func(w Waiver) Waiver {
		w.Requirement, w.Agent, w.Justification = f(w.Requirement), f(w.Agent), f(w.Justification)
		w.Owner, w.Expires = f(w.Owner), f(w.Expires)
		return w
	}
	r.Source = f(r.Source)
	if r.Pair != nil {
		p := *r.Pair
		p.Primary, p.Backup = agent(p.Primary), agent(p.Backup)
		p.Mode, p.SharedHostname, p.VirtualIPs = f(p.Mode), f(p.SharedHostname), all(p.VirtualIPs)
		r.Pair = &p
	}
	r.Results = append([]Result(nil), r.Results...)
	for j, res := range r.Results {
		res.ID, res.Name, res.Title, res.Area = f(res.ID), f(res.Name), f(res.Title), f(res.Area)
		res.Remediation = f(res.Remediation)
		res.Messages = all(res.Messages)
		res.Docs = all(res.Docs)
		if res.Findings != nil {
			findings := make([]Finding, len(res.Findings))
			for k, fd := range res.Findings {
				findings[k] = Finding{Message: f(fd.Message), Agents: all(fd.Agents)}
			}
			res.Findings = findings
		}
		if res.Waiver != nil {
			w := waiver(*res.Waiver)
			res.Waiver = &w
		}
		r.Results[j] = res
	}
	if r.Waivers != nil {
		r.Waivers = append([]WaiverUse(nil), r.Waivers...)
		for j, u := range r.Waivers {
			u.Waiver = waiver(u.Waiver)
			r.Waivers[j] = u
		}
	}
	return r
}

// escape spells control and format characters (C0, DEL, C1, bidirectional overrides)
// as escapes.
func escape(s string) string {
	if strings.IndexFunc(s, needsEscape) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !needsEscape(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func needsEscape(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) && r != '\u200d'
}
