// Package report holds the result of judging one fact document (the Report that
// data.dmaprep.report computes) and renders it in the formats pipelines and people read.
// It knows nothing of OPA or of how facts are gathered.
package report

import (
	"fmt"
	"sort"
	"strings"
)

// Statuses, as docs/report.md defines them.
const (
	StatusPass    = "pass"
	StatusFail    = "fail"
	StatusWarn    = "warn"
	StatusInfo    = "info"
	StatusSkip    = "skip"
	StatusUnknown = "unknown"
	StatusWaived  = "waived"
)

// Statuses lists every status in the order summaries show them.
var Statuses = []string{StatusPass, StatusFail, StatusWarn, StatusInfo, StatusSkip, StatusUnknown, StatusWaived}

// Report is the verdict on one fact document. Field names are a contract with pipelines
// (docs/report.md): they are never renamed.
type Report struct {
	SchemaVersion string `json:"schema_version"`
	Ready         bool   `json:"ready"`
	EvaluatedAt   string `json:"evaluated_at"`
	Source        string `json:"source"`
	// File is the file the facts were read from, for formats that point into it (GitHub
	// annotations); empty for stdin and for facts gathered by the run.
	File    string         `json:"-"`
	Summary map[string]int `json:"summary"`
	// Pair names what was judged, for a reader's header.
	Pair    *Pair    `json:"pair,omitempty"`
	Results []Result `json:"results"`
	// Waivers tells which waivers were applied, expired or matched nothing (only when
	// waivers were given).
	Waivers []WaiverUse `json:"waivers,omitempty"`
}

// Result is one requirement's verdict.
type Result struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Title    string   `json:"title"`
	Area     string   `json:"area"`
	Severity string   `json:"severity"`
	Status   string   `json:"status"`
	Messages []string `json:"messages"`
	// Findings are the messages again, each with the agents it concerns (none: the pair as
	// a whole); waivers with an agent match on them.
	Findings    []Finding `json:"findings"`
	Remediation string    `json:"remediation"`
	Docs        []string  `json:"docs"`
	// Waiver is the waiver that covers this result, when its status is waived.
	Waiver *Waiver `json:"waiver,omitempty"`
	// Line is the line of the fact document (File) holding the first fact the requirement
	// reads, for formats that point into the file (GitHub annotations); 0 when not known.
	Line int `json:"-"`
}

// Pair is the pair a report is about: both agents, the addressing mode and its address.
type Pair struct {
	Primary        AgentSummary `json:"primary"`
	Backup         AgentSummary `json:"backup"`
	Mode           string       `json:"mode"` // virtual_ip, hostname or undecided
	VirtualIPs     []string     `json:"virtual_ips"`
	SharedHostname string       `json:"shared_hostname"`
}

// AgentSummary names one agent; a field is empty when it was not collected.
type AgentSummary struct {
	Hostname string `json:"hostname"`
	Address  string `json:"address"`
	Version  string `json:"version"`
}

// Finding is one message of a result and the agents ("primary", "backup") it concerns; an
// empty Agents is a finding about the pair as a whole.
type Finding struct {
	Message string   `json:"message"`
	Agents  []string `json:"agents"`
}

// Waiver is an accepted, time-limited exception to a requirement.
type Waiver struct {
	Requirement   string `json:"requirement"`
	Agent         string `json:"agent,omitempty"`
	Justification string `json:"justification"`
	Owner         string `json:"owner,omitempty"`
	Expires       string `json:"expires"`
	// Status is the status the requirement would have had without the waiver.
	Status string `json:"status,omitempty"`
}

// WaiverUse says what became of one waiver in this run: applied, expired or unused.
type WaiverUse struct {
	Waiver
	Use string `json:"use"`
}

// Validate checks the invariants every renderer relies on: at least one result, each with
// a known status, sorted by ID. A report that breaks them is a policy bug, not a verdict.
func (r Report) Validate() error {
	if len(r.Results) == 0 {
		return fmt.Errorf("the policies judged no requirement")
	}
	known := map[string]bool{}
	for _, s := range Statuses {
		known[s] = true
	}
	for i, res := range r.Results {
		if !known[res.Status] {
			return fmt.Errorf("requirement %s has status %q, which is not one of %s", res.ID, res.Status, strings.Join(Statuses, ", "))
		}
		if i > 0 && r.Results[i-1].ID >= res.ID {
			return fmt.Errorf("results are not sorted by ID at %s", res.ID)
		}
	}
	return nil
}

// Set is the outcome of one run over one or more fact documents.
type Set struct {
	Reports []Report
}

// Ready reports whether every document's pair is ready.
func (s Set) Ready() bool { return s.tally().Ready() }

// Summary adds up the statuses of every report.
func (s Set) Summary() map[string]int { return s.tally().counts() }

func (s Set) tally() *Tally {
	t := &Tally{}
	for _, r := range s.Reports {
		t.Add(r)
	}
	return t
}

// byArea groups results by area, areas in the order of their first requirement ID.
func byArea(results []Result) (areas []string, groups map[string][]Result) {
	groups = map[string][]Result{}
	first := map[string]string{}
	for _, r := range results {
		if _, ok := groups[r.Area]; !ok {
			areas = append(areas, r.Area)
			first[r.Area] = r.ID
		}
		groups[r.Area] = append(groups[r.Area], r)
	}
	sort.SliceStable(areas, func(i, j int) bool { return first[areas[i]] < first[areas[j]] })
	return areas, groups
}
