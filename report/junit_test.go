package report

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	junit "github.com/joshdk/go-junit"
)

// TestJUnitParsesBack reads the output with a JUnit parser (the one CI dashboards' Go tools
// use) and checks the status, classname and messages of every test case and the counts.
func TestJUnitParsesBack(t *testing.T) {
	t.Parallel()
	out := renderSet(t, JUnit, fixtureSet())
	suites, err := junit.Ingest(out)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, out)
	}

	type tcase struct {
		Suite, Name, Classname string
		Status                 junit.Status
		Message                string
	}
	var got []tcase
	for _, s := range suites {
		for _, tc := range s.Tests {
			got = append(got, tcase{s.Name, tc.Name, tc.Classname, tc.Status, tc.Message})
		}
	}
	a, b := "facts/pair-a.json", "facts/pair b.json"
	want := []tcase{
		{a, "FO101 backup-same-dataminer-id: Backup has the primary's DataMiner ID [" + a + "]", "Identity and software", junit.StatusPassed, ""},
		{a, "FO102 backup-same-version: Backup runs exactly the primary's DataMiner version [" + a + "]", "Identity and software", junit.StatusFailed, "primary runs 10.4.0.0-14511 (CU4), backup runs 10.4.0.0-14772"},
		{a, "FO104 backup-newly-installed: Backup is a newly installed, blank agent [" + a + "]", "Identity and software", junit.StatusPassed, ""},
		{a, "FO105 legacy-database-copied: Prior to 7.5.0, the backup's database is an exact copy of the primary's [" + a + "]", "Identity and software", junit.StatusSkipped, "both agents run 7.5.0 or later: the general database is copied automatically"},
		{a, "FO201 failover-address-defined: Exactly one addressing mode is chosen [" + a + "]", "Failover address", junit.StatusPassed, ""},
		{a, "FO203 virtual-ip-unused: Nothing answers on the virtual IPs [" + a + "]", "Virtual IP addresses", junit.StatusFailed, "primary: probe of 10.11.4.60 failed: dial timeout\r\nafter 2s"},
		{a, "FO404 https-name-per-agent: Each agent's HTTPS name is its own [" + a + "]", "HTTPS", junit.StatusPassed, ""},
		{a, "FO803 natsrepair-after-configuration: Run NATSRepair after configuring Failover [" + a + "]", "NATS", junit.StatusPassed, ""},
		{b, "FO101 backup-same-dataminer-id: Backup has the primary's DataMiner ID [" + b + "]", "Identity and software", junit.StatusPassed, ""},
		{b, "FO102 backup-same-version: Backup runs exactly the primary's DataMiner version [" + b + "]", "Identity and software", junit.StatusPassed, ""},
		{b, "FO301 hostname-supported: Both agents support shared hostname mode [" + b + "]", "Shared hostname", junit.StatusSkipped, "applies to shared hostname mode only; this pair uses virtual IP mode"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("test cases (-want +got):\n%s", diff)
	}

	// go-junit recomputes the totals from the test cases; TestJUnitAttributes checks the
	// attributes themselves.
	if diff := cmp.Diff(junit.Totals{Tests: 8, Passed: 5, Skipped: 1, Failed: 2}, suites[0].Totals); diff != "" {
		t.Errorf("totals of the first document (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(junit.Totals{Tests: 3, Passed: 2, Skipped: 1}, suites[1].Totals); diff != "" {
		t.Errorf("totals of the second document (-want +got):\n%s", diff)
	}

	// Details: the failure body, the unknown's type, the waiver and the warnings are there,
	// with special characters intact.
	byID := map[string]junit.Test{}
	for _, tc := range suites[0].Tests {
		byID[strings.Fields(tc.Name)[0]] = tc
	}
	fail := byID["FO102"].Error.(junit.Error)
	for _, want := range []string{
		`backup & primary differ: <CU4> vs "CU?" | 100% sure`,
		"C:\\Skyline DataMiner\\Upgrades\\VersionHistory.txt | 50% done",
		"Checking_the_upgrade_history_of_a_DataMiner_Agent.html",
	} {
		if !strings.Contains(fail.Body, want) {
			t.Errorf("FO102 failure body lacks %q:\n%s", want, fail.Body)
		}
	}
	if fail.Type != "fail" {
		t.Errorf("FO102 failure type = %q, want fail", fail.Type)
	}
	if typ := byID["FO203"].Error.(junit.Error).Type; typ != "unknown" {
		t.Errorf("FO203 failure type = %q, want unknown", typ)
	}
	for id, want := range map[string]string{
		"FO104": "waived until 2026-12-31 by ops@example.com: fresh install & two upgrades <to CU4>",
		"FO404": "backup's HTTPS name is fo-pair.example.local, the shared hostname",
		"FO803": "run NATSRepair on both agents",
	} {
		if !strings.Contains(byID[id].SystemOut, want) {
			t.Errorf("%s system-out lacks %q:\n%s", id, want, byID[id].SystemOut)
		}
	}
}

// TestJUnitAttributes checks the count attributes that go-junit recomputes rather than
// reads, and that one document gives names without the source suffix.
func TestJUnitAttributes(t *testing.T) {
	t.Parallel()
	out := string(renderSet(t, JUnit, fixtureSet()))
	for _, want := range []string{
		`<testsuites name="dmaprep" tests="11" failures="2" errors="0" skipped="2">`,
		`<testsuite name="facts/pair-a.json" tests="8" failures="2" errors="0" skipped="1" time="0" timestamp="2026-11-27T10:00:00Z">`,
		`<testsuite name="facts/pair b.json" tests="3" failures="0" errors="0" skipped="1" time="0" timestamp="2026-11-27T10:00:01Z">`,
		`<property name="ready" value="false"></property>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}

	one := string(renderSet(t, JUnit, singleSet()))
	if !strings.Contains(one, `name="FO102 backup-same-version: Backup runs exactly the primary&#39;s DataMiner version" classname="Identity and software"`) {
		t.Errorf("single-document names should carry no source:\n%s", one)
	}
}

// TestJUnitUniqueNames gives the same document twice: names stay unique.
func TestJUnitUniqueNames(t *testing.T) {
	t.Parallel()
	r := singleSet().Reports[0]
	suites, err := junit.Ingest(renderSet(t, JUnit, Set{Reports: []Report{r, r}}))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, s := range suites {
		for _, tc := range s.Tests {
			if seen[tc.Name] {
				t.Errorf("duplicate test case name %q", tc.Name)
			}
			seen[tc.Name] = true
		}
	}
	if len(seen) != 2*len(r.Results) {
		t.Errorf("%d names, want %d", len(seen), 2*len(r.Results))
	}
}

func TestEscapeXMLText(t *testing.T) {
	t.Parallel()
	got := escapeXMLText("a & b < c > d\r\ne\x00f\xffg")
	want := "a &amp; b &lt; c &gt; d&#xD;\ne\uFFFDf\uFFFDg"
	if got != want {
		t.Errorf("escapeXMLText = %q, want %q", got, want)
	}
}
