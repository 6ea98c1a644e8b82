package report

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGitHub compares the workflow commands with the exact expected text: per document a
// group, in it one annotation per requirement that needs attention, on the fact document's
// file, its finding on the first line and the fix and docs in its body; the summary last;
// %, CR and LF escaped in the data, ":" and "," in properties.
func TestGitHub(t *testing.T) {
	t.Parallel()
	const pairA = `::error file=facts/pair-a.json,line=1,title=FO102 backup-same-version::primary runs 10.4.0.0-14511 (CU4), backup runs 10.4.0.0-14772; backup & primary differ: <CU4> vs "CU?" | 100%25 sure%0Afix: Upgrade the backup to the primary's version:%0AC:\Skyline DataMiner\Upgrades\VersionHistory.txt | 50%25 done%0Adocs: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html%0Adocs: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Agents/Upgrading_a_DMA/Checking_the_upgrade_history_of_a_DataMiner_Agent.html
::notice file=facts/pair-a.json,line=1,title=FO104 backup-newly-installed::waived until 2026-12-31 by ops@example.com: fresh install & two upgrades <to CU4> (otherwise fail); backup's VersionHistory.txt lists 3 entries
::error file=facts/pair-a.json,line=1,title=FO203 virtual-ip-unused::could not be checked: primary: probe of 10.11.4.60 failed: dial timeout after 2s%0Afix: Run the probe again from the primary.
::warning file=facts/pair-a.json,line=1,title=FO404 https-name-per-agent::primary's HTTPS name is fo-pair.example.local, the shared hostname; backup's HTTPS name is fo-pair.example.local, the shared hostname%0Afix: Give each agent its own name in MaintenanceSettings.xml.%0Adocs: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Setting_up_HTTPS_Failover.html
::notice file=facts/pair-a.json,line=1,title=FO803 natsrepair-after-configuration::after Failover is configured, run NATSRepair on both agents
`
	stdin := singleSet()
	stdin.Reports[0].Source, stdin.Reports[0].File = "stdin", ""
	for _, tc := range []struct {
		name string
		set  Set
		want string
	}{
		{"one document", singleSet(), "::group::dmaprep: facts/pair-a.json: NOT READY\n" + pairA + `::endgroup::
::notice::dmaprep: NOT READY: 2 pass, 1 fail, 1 warn, 1 info, 1 skip, 1 unknown, 1 waived
`},
		{"two documents", fixtureSet(), "::group::dmaprep: facts/pair-a.json: NOT READY\n" + pairA + `::endgroup::
::group::dmaprep: facts/pair b.json: READY
::endgroup::
::notice::dmaprep: NOT READY (2 documents): 4 pass, 1 fail, 1 warn, 1 info, 2 skip, 1 unknown, 1 waived
`},
		{"stdin: no file", stdin, "::group::dmaprep: stdin: NOT READY\n" + strings.ReplaceAll(pairA, "file=facts/pair-a.json,line=1,", "") + `::endgroup::
::notice::dmaprep: NOT READY: 2 pass, 1 fail, 1 warn, 1 info, 1 skip, 1 unknown, 1 waived
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(renderSet(t, GitHub, tc.set))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("workflow commands (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGitHubReady: a ready pair with nothing to say gives the summary alone.
func TestGitHubReady(t *testing.T) {
	t.Parallel()
	r := fixtureSet().Reports[1]
	r.Results = r.Results[:2]
	r.Summary = map[string]int{"pass": 2}
	got := string(renderSet(t, GitHub, Set{Reports: []Report{r}}))
	want := "::group::dmaprep: facts/pair b.json: READY\n::endgroup::\n::notice::dmaprep: READY: 2 pass, 0 fail, 0 warn, 0 info, 0 skip, 0 unknown, 0 waived\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestGitHubEscaping follows actions/toolkit: data escapes %, CR and LF; properties also
// ":" and ",".
func TestGitHubEscaping(t *testing.T) {
	t.Parallel()
	if got, want := githubData("100% a:b, c\r\nd"), "100%25 a:b, c%0D%0Ad"; got != want {
		t.Errorf("githubData = %q, want %q", got, want)
	}
	if got, want := githubProperty("100% a:b, c\r\nd"), "100%25 a%3Ab%2C c%0D%0Ad"; got != want {
		t.Errorf("githubProperty = %q, want %q", got, want)
	}
	res := Result{ID: "FO999", Name: "odd:name,here", Title: "t", Status: StatusWarn, Messages: []string{"m"}}
	got := string(renderSet(t, GitHub, Set{Reports: []Report{{Ready: true, Source: "x", Summary: map[string]int{"warn": 1}, Results: []Result{res}}}}))
	want := "::group::dmaprep: x: READY\n::warning title=FO999 odd%3Aname%2Chere::m\n::endgroup::\n::notice::dmaprep: READY: 0 pass, 0 fail, 1 warn, 0 info, 0 skip, 0 unknown, 0 waived\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
