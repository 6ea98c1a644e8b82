package report

import (
	"bytes"
	"testing"
)

// fixtureSet is the Set every format test renders: two documents; the first has one
// requirement in each status (waived included), messages about both agents, and the
// characters formats must escape (<, >, &, |, %, newlines, a carriage return, quotes); the
// second is a ready pair whose source holds a space.
func fixtureSet() Set {
	docsPrep := "https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html"
	return Set{Reports: []Report{
		{
			SchemaVersion: "1",
			Ready:         false,
			EvaluatedAt:   "2026-11-27T10:00:00Z",
			Source:        "facts/pair-a.json",
			File:          "facts/pair-a.json",
			Summary:       map[string]int{"pass": 2, "fail": 1, "warn": 1, "info": 1, "skip": 1, "unknown": 1, "waived": 1},
			Results: []Result{
				{
					ID: "FO101", Name: "backup-same-dataminer-id", Title: "Backup has the primary's DataMiner ID",
					Area: "Identity and software", Severity: "error", Status: StatusPass,
					Messages: []string{}, Remediation: "Set the backup's DataMiner ID.", Docs: []string{docsPrep},
				},
				{
					ID: "FO102", Name: "backup-same-version", Title: "Backup runs exactly the primary's DataMiner version",
					Area: "Identity and software", Severity: "error", Status: StatusFail,
					Messages: []string{
						"primary runs 10.4.0.0-14511 (CU4), backup runs 10.4.0.0-14772",
						`backup & primary differ: <CU4> vs "CU?" | 100% sure`,
					},
					Remediation: "Upgrade the backup to the primary's version:\nC:\\Skyline DataMiner\\Upgrades\\VersionHistory.txt | 50% done",
					Docs: []string{
						docsPrep,
						"https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Agents/Upgrading_a_DMA/Checking_the_upgrade_history_of_a_DataMiner_Agent.html",
					},
				},
				{
					ID: "FO104", Name: "backup-newly-installed", Title: "Backup is a newly installed, blank agent",
					Area: "Identity and software", Severity: "error", Status: StatusWaived,
					Messages:    []string{"backup's VersionHistory.txt lists 3 entries"},
					Remediation: "Install DataMiner afresh on the backup.",
					Docs:        []string{docsPrep},
					Waiver: &Waiver{
						Requirement: "FO104", Justification: "fresh install & two upgrades <to CU4>",
						Owner: "ops@example.com", Expires: "2026-12-31", Status: StatusFail,
					},
				},
				{
					ID: "FO105", Name: "legacy-database-copied", Title: "Prior to 7.5.0, the backup's database is an exact copy of the primary's",
					Area: "Identity and software", Severity: "warning", Status: StatusSkip,
					Messages: []string{"both agents run 7.5.0 or later: the general database is copied automatically"},
					Docs:     []string{docsPrep},
				},
				{
					ID: "FO201", Name: "failover-address-defined", Title: "Exactly one addressing mode is chosen",
					Area: "Failover address", Severity: "error", Status: StatusPass,
					Messages: []string{}, Remediation: "Give --virtual-ip or --hostname.", Docs: []string{},
				},
				{
					ID: "FO203", Name: "virtual-ip-unused", Title: "Nothing answers on the virtual IPs",
					Area: "Virtual IP addresses", Severity: "error", Status: StatusUnknown,
					Messages:    []string{"primary: probe of 10.11.4.60 failed: dial timeout\r\nafter 2s"},
					Remediation: "Run the probe again from the primary.",
					Docs:        []string{},
				},
				{
					ID: "FO404", Name: "https-name-per-agent", Title: "Each agent's HTTPS name is its own",
					Area: "HTTPS", Severity: "warning", Status: StatusWarn,
					Messages: []string{
						"primary's HTTPS name is fo-pair.example.local, the shared hostname",
						"backup's HTTPS name is fo-pair.example.local, the shared hostname",
					},
					Remediation: "Give each agent its own name in MaintenanceSettings.xml.",
					Docs:        []string{"https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Setting_up_HTTPS_Failover.html"},
				},
				{
					ID: "FO803", Name: "natsrepair-after-configuration", Title: "Run NATSRepair after configuring Failover",
					Area: "NATS", Severity: "info", Status: StatusInfo,
					Messages:    []string{"after Failover is configured, run NATSRepair on both agents"},
					Remediation: "Run NATSRepair.",
					Docs:        []string{},
				},
			},
		},
		{
			SchemaVersion: "1",
			Ready:         true,
			EvaluatedAt:   "2026-11-27T10:00:01Z",
			Source:        "facts/pair b.json",
			File:          "facts/pair b.json",
			Summary:       map[string]int{"pass": 2, "fail": 0, "warn": 0, "info": 0, "skip": 1, "unknown": 0, "waived": 0},
			Results: []Result{
				{
					ID: "FO101", Name: "backup-same-dataminer-id", Title: "Backup has the primary's DataMiner ID",
					Area: "Identity and software", Severity: "error", Status: StatusPass,
					Messages: []string{}, Remediation: "Set the backup's DataMiner ID.", Docs: []string{docsPrep},
				},
				{
					ID: "FO102", Name: "backup-same-version", Title: "Backup runs exactly the primary's DataMiner version",
					Area: "Identity and software", Severity: "error", Status: StatusPass,
					Messages: []string{}, Remediation: "Upgrade the backup.", Docs: []string{docsPrep},
				},
				{
					ID: "FO301", Name: "hostname-supported", Title: "Both agents support shared hostname mode",
					Area: "Shared hostname", Severity: "error", Status: StatusSkip,
					Messages: []string{"applies to shared hostname mode only; this pair uses virtual IP mode"},
					Docs:     []string{},
				},
			},
		},
	}}
}

// singleSet is the first fixture document alone.
func singleSet() Set {
	return Set{Reports: fixtureSet().Reports[:1]}
}

// TestFixtureIsValid keeps the fixture honest: every report passes Validate, every status
// appears, and the summaries add up.
func TestFixtureIsValid(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, r := range fixtureSet().Reports {
		if err := r.Validate(); err != nil {
			t.Fatalf("%s: %v", r.Source, err)
		}
		count := map[string]int{}
		for _, res := range r.Results {
			seen[res.Status] = true
			count[res.Status]++
			if (res.Status == StatusWaived) != (res.Waiver != nil) {
				t.Errorf("%s %s: waiver and status disagree", r.Source, res.ID)
			}
		}
		for _, st := range Statuses {
			if count[st] != r.Summary[st] {
				t.Errorf("%s: summary says %d %s, results have %d", r.Source, r.Summary[st], st, count[st])
			}
		}
	}
	for _, st := range Statuses {
		if !seen[st] {
			t.Errorf("no result in the fixture has status %s", st)
		}
	}
}

// renderSet runs a format over a set and fails the test on error.
func renderSet(t *testing.T, f Format, s Set) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f(&buf, s); err != nil {
		t.Fatalf("render: %v", err)
	}
	return buf.Bytes()
}

// TestFormatsRegistered: every format of this file set is reachable by name and renders
// the fixture, one document, and an empty set without error.
func TestFormatsRegistered(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"junit", "sarif", "github", "markdown", "html"} {
		f, err := Get(name, Options{})
		if err != nil {
			t.Fatalf("Get(%q): %v", name, err)
		}
		for _, s := range []Set{fixtureSet(), singleSet(), {}} {
			if out := renderSet(t, f, s); len(out) == 0 {
				t.Errorf("%s wrote nothing for %d documents", name, len(s.Reports))
			}
		}
	}
}
