package main

import (
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dmaprep/dmaprep/dmversion"
	"github.com/dmaprep/dmaprep/gatherer/wsapi/wsapitest"
)

// apiBoundaryRows are the boundaryCases rows served through the Web Services API: the
// shared hostname boundary (10.2.0/10.1.8), FO903 affected and fixed on both tracks
// (10.3.0 [CU9]/[CU11], 10.3.12 and 10.4.1/10.4.2), FO603's 10.4.0/10.4.2, FO902 in virtual
// IP mode on an affected CU, a version before 10, and a Main Release whose CU is not known.
// Each is served as a package name; apiSpelledRows in every spelling of dmaVersions.
var apiBoundaryRows = []string{
	"9.6.0.0-8813-20180305-release",
	"10.1.0.0-10000-CU12",
	"10.1.7.0-10523-20210531-release",
	"10.1.8.0-10640-20210628-release",
	"10.2.0.0-11517-CU0",
	"10.3.0.0-12850-CU9",
	"10.3.0.0-12950-CU11",
	"10.3.0.0-13159-20230905-release",
	"10.3.12.0-13617-20231117-release",
	"10.4.0.0-13800-CU0",
	"10.4.0.0-14300-CU8",
	"10.4.1.0-13900-20240105-release",
	"10.4.2.0-14000-20240202-release",
}

// apiSpelledRows are the rows served in every spelling: a Main Release with its CU, one
// without, and a Feature Release. Every spelling goes through the same parser, so these tell
// them apart at a fraction of the runs.
var apiSpelledRows = []string{
	"10.3.0.0-12850-CU9", "10.3.0.0-13159-20230905-release", "10.4.2.0-14000-20240202-release",
}

// apiBlind are the version-dependent requirements that also need a file the API does not
// give (ClusterEndpoints.json, DBConfiguration.xml, DB.xml, MaintenanceSettings.xml): through
// the API they are unknown, except where the version alone decides (FO603 skips from
// 10.4.0/10.4.2 whatever the files say; a known issue of apiVersionSettled passes on
// versions outside its range).
var apiBlind = []string{"FO505", "FO603", "FO904", "FO906"}

// apiVersionSettled are the known issues that need a file only to tell whether an agent
// uses what the issue is about (Cassandra, BrokerGateway): on versions outside the issue's
// range they pass without it, as they do from the folders.
var apiVersionSettled = []string{"FO904", "FO906"}

// dmaVersions are the spellings of DMAVersion a boundary row is served in. The docs give
// DMAVersion no format ("The version of the DataMiner software"); DataMiner writes an
// agent's version elsewhere as a package name ("10.2.0.0-11897-CU4"), as "x.x.x.x - build"
// (a protocol's MinimumRequiredVersion, an app package's MinDmaVersion), and with the CU
// after the build, with a hyphen or an en dash ("10.1.0.0 - 11229 CU10", "10.5.0.0 – 16782
// CU11"). A row without a CU is spelled without one; a Feature Release is spelled with CU0
// too, which it runs at least.
func dmaVersions(t *testing.T, row string) []string {
	t.Helper()
	v, err := dmversion.Parse(row)
	if err != nil || v.Build == nil {
		t.Fatalf("row %s: %v (want a version with a build)", row, err)
	}
	number := fmt.Sprintf("%d.%d.%d.%d", v.Major, v.Minor, v.Patch, v.Revision)
	build := fmt.Sprint(*v.Build)
	withCU := func(cu int) []string {
		return []string{
			fmt.Sprintf("%s-%s-CU%d", number, build, cu),
			fmt.Sprintf("%s - %s CU%d", number, build, cu),
			fmt.Sprintf("%s – %s CU%d", number, build, cu),
		}
	}
	if v.CU != nil {
		return withCU(*v.CU)
	}
	out := []string{number + "-" + build, number + " - " + build, number + " – " + build}
	if v.Track == dmversion.TrackFeature {
		out = append(out, withCU(0)...)
	}
	return out
}

// apiPair serves primary and backup from two stand-ins on loopback, over TLS, and returns
// the sources flags that read them (with the stand-ins' certificate trusted) and the
// environment with their credentials.
func apiPair(t *testing.T, primary, backup wsapitest.Agent) ([]string, map[string]string) {
	t.Helper()
	var urls []string
	var certs []byte
	for _, a := range []wsapitest.Agent{primary, backup} {
		a.User, a.Password = cliUser, cliPassword
		srv := wsapitest.NewServer(t, a)
		urls = append(urls, srv.URL)
		certs = append(certs, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})...)
	}
	ca := filepath.Join(t.TempDir(), "api-ca.pem")
	if err := os.WriteFile(ca, certs, 0o600); err != nil {
		t.Fatal(err)
	}
	return []string{"--primary", urls[0], "--backup", urls[1], "--ca-file", ca},
		map[string]string{"DMAPREP_USER": cliUser, "DMAPREP_PASSWORD": cliPassword}
}

// apiAgent is a stand-in agent running version (DMAVersion) on its own.
func apiAgent(id int, version string) wsapitest.Agent {
	return wsapitest.Agent{Version: version,
		DMAs: []wsapitest.DMA{{ID: id, Name: fmt.Sprintf("DMA-%d", id), PrimaryIP: "127.0.0.1", Elements: 40}}}
}

// TestCheckAPIVersions: check --primary https://... --backup https://... on agents whose
// Web Services API reports a version on the documented boundaries, in every spelling of
// dmaVersions, gives each version-dependent requirement the verdict TestCheckFolderVersions
// expects from the agents' folders for that version (unknown for apiBlind's, which the API
// cannot feed, unless the folders' verdict is a skip the version alone decides); an answer
// without a usable version makes them all unknown, never a pass.
func TestCheckAPIVersions(t *testing.T) {
	t.Parallel()
	t.Run("boundaries", func(t *testing.T) {
		for _, row := range apiBoundaryRows {
			i := slices.IndexFunc(boundaryCases, func(c boundaryCase) bool { return c.version == row })
			if i < 0 {
				t.Fatalf("%s is not a row of boundaryCases", row)
			}
			want := strings.Fields(boundaryCases[i].want)
			for j, id := range boundaryColumns {
				settled := want[j] == "skip" || want[j] == "-" || (want[j] == "pass" && slices.Contains(apiVersionSettled, id))
				if slices.Contains(apiBlind, id) && !settled {
					want[j] = "unknown"
				}
			}
			vip := want[slices.Index(boundaryColumns, "FO902")] != "-"
			spellings := dmaVersions(t, row)
			if !slices.Contains(apiSpelledRows, row) {
				spellings = spellings[:1]
			}
			for _, spelling := range spellings {
				sources, environ := apiPair(t, apiAgent(212, spelling), apiAgent(213, spelling))
				got := boundaryVerdicts(t, environ, sources, vip)
				for j, id := range boundaryColumns {
					if want[j] != "-" && got[id] != want[j] {
						t.Errorf("DMAVersion %q (%s): %s is %s, want %s", spelling, row, id, got[id], want[j])
					}
				}
				if got["FO102"] != "pass" {
					t.Errorf("DMAVersion %q: FO102 is %s, want pass (both agents run it)", spelling, got["FO102"])
				}
			}
		}
	})
	t.Run("no version", func(t *testing.T) {
		for name, agent := range unusableVersions {
			// Virtual IP mode (FO902) once: the version's error is the same whatever the mode.
			vip := agent.NoConnectAppAndInfo
			sources, environ := apiPair(t, withDMA(agent, 212), withDMA(agent, 213))
			for id, status := range boundaryVerdicts(t, environ, sources, vip) {
				if status != "unknown" {
					t.Errorf("%s: %s is %s, want unknown", name, id, status)
				}
			}
		}
		// One agent's missing version alone makes them unknown, beside a version on which
		// every version-dependent requirement the API feeds passes or skips.
		sources, environ := apiPair(t, apiAgent(212, "10.6.0.0-16100-CU5"), withDMA(wsapitest.Agent{}, 213))
		for id, status := range boundaryVerdicts(t, environ, sources, true) {
			if status != "unknown" {
				t.Errorf("the backup without DMAVersion: %s is %s, want unknown", id, status)
			}
		}
	})
}

// withDMA is agent listing itself alone as ID id.
func withDMA(agent wsapitest.Agent, id int) wsapitest.Agent {
	agent.DMAs = apiAgent(id, "").DMAs
	return agent
}

// unusableVersions are agents whose API answer gives no usable version.
var unusableVersions = map[string]wsapitest.Agent{
	"no ConnectAppAndInfo (ConnectApp gives no version)": {Version: "10.4.0.0-14400-CU10", NoConnectAppAndInfo: true},
	"empty DMAVersion":               {Version: ""},
	"blank DMAVersion":               {Version: " \t "},
	"not a version":                  {Version: "unknown"},
	"no third number":                {Version: "10.4"},
	"five numbers":                   {Version: "10.4.0.0.1-14400"},
	"build past 32 bits":             {Version: "10.4.0.0-99999999999-CU10"},
	"a version followed by a flood":  {Version: "10.4.0.0-14400-CU10 " + strings.Repeat("x", 100)},
	"DMAVersion null":                {Answers: connectAnswer(`null`)},
	"DMAVersion a number":            {Answers: connectAnswer(`10.4`)},
	"no DMAVersion in the answer":    {Answers: connectAnswer("")},
	"DMAVersion a list of a version": {Answers: connectAnswer(`["10.4.0.0-14400-CU10"]`)},
	"DMAVersion a version's numbers": {Answers: connectAnswer(`{"Major":10,"Minor":4,"Build":14400}`)},
}

// connectAnswer answers ConnectAppAndInfo with a session and DMAVersion the JSON value
// dmaVersion (none when empty).
func connectAnswer(dmaVersion string) map[string]wsapitest.Answer {
	body := `{"d":{"__type":"Skyline.DataMiner.Web.Common.v1.DMAConnectAndInfo",` +
		`"Connection":"` + wsapitest.DefaultConnectionID + `","Message":"","MessageType":""`
	if dmaVersion != "" {
		body += `,"DMAVersion":` + dmaVersion
	}
	return map[string]wsapitest.Answer{"ConnectAppAndInfo": {
		Header: map[string]string{"Content-Type": "application/json; charset=utf-8"}, Body: body + "}}"}}
}
