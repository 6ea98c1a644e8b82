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
		r.Source = escape(r.Source)
		if r.Pair != nil {
			p := *r.Pair
			p.Primary, p.Backup = escapeAgent(p.Primary), escapeAgent(p.Backup)
			p.Mode, p.SharedHostname, p.VirtualIPs = escape(p.Mode), escape(p.SharedHostname), escapeAll(p.VirtualIPs)
			r.Pair = &p
		}
		r.Results = append([]Result(nil), r.Results...)
		for j, res := range r.Results {
			res.ID, res.Name, res.Title, res.Area = escape(res.ID), escape(res.Name), escape(res.Title), escape(res.Area)
			res.Remediation = escape(res.Remediation)
			res.Messages = escapeAll(res.Messages)
			res.Docs = escapeAll(res.Docs)
			if res.Findings != nil {
				findings := make([]Finding, len(res.Findings))
				for k, f := range res.Findings {
					findings[k] = Finding{Message: escape(f.Message), Agents: escapeAll(f.Agents)}
				}
				res.Findings = findings
			}
			if res.Waiver != nil {
				w := escapeWaiver(*res.Waiver)
				res.Waiver = &w
			}
			r.Results[j] = res
		}
		r.Waivers = append([]WaiverUse(nil), r.Waivers...)
		for j, u := range r.Waivers {
			u.Waiver = escapeWaiver(u.Waiver)
			r.Waivers[j] = u
		}
		out.Reports[i] = r
	}
	return out
}

func escapeAgent(a AgentSummary) AgentSummary {
	return AgentSummary{Hostname: escape(a.Hostname), Address: escape(a.Address), Version: escape(a.Version)}
}

func escapeWaiver(w Waiver) Waiver {
	w.Requirement, w.Agent, w.Justification = escape(w.Requirement), escape(w.Agent), escape(w.Justification)
	w.Owner, w.Expires = escape(w.Owner), escape(w.Expires)
	return w
}

func escapeAll(list []string) []string {
	if list == nil {
		return nil
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = escape(s)
	}
	return out
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
