package main

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dmaprep/dmaprep/internal/testkit"
)

// boundaryColumns are the version-dependent requirements judged end to end from agent
// folders, in the order of boundaryCases' verdicts. FO902 is judged in virtual IP mode, the
// others in shared hostname mode (FO301 and FO901 apply only there; FO505 finds the DMS's
// virtual IP pair only there).
var boundaryColumns = []string{"FO301", "FO505", "FO603", "FO901", "FO902", "FO903", "FO904", "FO905", "FO906", "FO907"}

// boundaryCases are versions on the documentation's boundaries, each written into both
// agents' Upgrades\VersionHistory.txt as DataMiner writes a line ("timestamp;version"), and
// the verdicts of boundaryColumns derived from each requirement's documented condition:
//
//	FO301  supports a shared hostname from 10.2.0/10.1.8 (pass; fail before; warn when undecided)
//	FO505  the DMS has a virtual IP pair and the new pair uses a shared hostname: blocked (fail)
//	       when both agents run 10.2.0 [CU21]/10.3.0 [CU9]/10.3.12 or later, advised (warn) otherwise
//	FO603  the backup lacks the primary's DBConfiguration.xml (two indexing clusters): fail
//	       prior to 10.4.0/10.4.2, skip from there, warn when undecided
//	FO901  from 10.2.0/10.1.8, fixed in 10.3.0 [CU11]/10.4.2
//	FO902  from 10.3.0 [CU20]/10.4.0 [CU8]/10.4.11, fixed in 10.4.0 [CU12]/10.5.0 [CU0]/10.5.3
//	FO903  from 10.3.0 [CU9]/10.3.12, fixed in 10.3.0 [CU11]/10.4.0/10.4.2
//	FO904  FR 10.4.2 up to 10.4.8, fixed in 10.3.0 [CU18]/10.4.0 [CU6]/10.4.9; an MR below the
//	       fix on a branch the fix names is possibly affected, an older branch not named
//	FO905  all versions before 10.5.0 [CU10]/10.6.1
//	FO906  from 10.5.0 [CU4]/10.5.7, fixed in 10.6.0 [CU5]/10.6.8 (the fixtures use BrokerGateway)
//	FO907  MR 10.3.0 [CU11] to 10.4.0 [CU9], FR 10.4.2 to 10.4.12; fixed in 10.4.0 [CU10]/10.5.1
//
// A known issue's warning is "affected" (in the range), "possibly" (FO904's unstated MR CUs)
// or "undetermined" (a CU that matters is unknown). VersionHistory.txt names no CU for a Main
// Release unless the line carries one: the lines without "-CUn" leave it unknown, and a Feature
// Release without one runs at least CU0. FO902 is judged only on the rows near its own
// boundaries ("-" elsewhere): its virtual IP mode costs a second run.
var boundaryCases = []boundaryCase{
	// FO301 FO505 FO603 FO901 FO902 FO903 FO904 FO905 FO906 FO907
	{"9.6.0.0-8813-20180305-release", "fail warn fail pass - pass pass affected pass pass"},
	{"10.1.0.0-10000-CU12", "fail warn fail pass - pass pass affected pass pass"},
	{"10.1.7.0-10523-20210531-release", "fail warn fail pass pass pass pass affected pass pass"},
	{"10.1.8.0-10640-20210628-release", "pass warn fail affected - pass pass affected pass pass"},
	{"10.2.0.0-11517-CU0", "pass warn fail affected pass pass pass affected pass pass"},
	{"10.2.0.0-12010-CU20", "pass warn fail affected - pass pass affected pass pass"},
	{"10.2.0.0-12090-CU21", "pass fail fail affected - pass pass affected pass pass"},
	{"10.2.0.0-12000-20220404-release", "pass warn fail affected - pass pass affected pass pass"},
	{"10.3.0.0-12752-CU8", "pass warn fail affected - pass possibly affected pass pass"},
	{"10.3.0.0-12850-CU9", "pass fail fail affected - affected possibly affected pass pass"},
	{"10.3.0.0-12950-CU11", "pass fail fail pass - pass possibly affected pass affected"},
	{"10.3.0.0-13300-CU17", "pass fail fail pass - pass possibly affected pass affected"},
	{"10.3.0.0-13350-CU18", "pass fail fail pass - pass pass affected pass affected"},
	{"10.3.0.0-13400-CU19", "pass fail fail pass pass pass pass affected pass affected"},
	{"10.3.0.0-13450-CU20", "pass fail fail pass affected pass pass affected pass affected"},
	{"10.3.0.0-13159-20230905-release",
		"pass warn fail undetermined undetermined undetermined possibly affected pass undetermined"},
	{"10.3.11.0-13540-20231020-release", "pass warn fail affected - pass pass affected pass pass"},
	{"10.3.12.0-13617-20231117-release", "pass fail fail affected - affected pass affected pass pass"},
	{"10.4.0.0-13800-CU0", "pass fail skip pass - pass possibly affected pass affected"},
	{"10.4.0.0-14100-CU5", "pass fail skip pass - pass possibly affected pass affected"},
	{"10.4.0.0-14150-CU6", "pass fail skip pass - pass pass affected pass affected"},
	{"10.4.0.0-14250-CU7", "pass fail skip pass pass pass pass affected pass affected"},
	{"10.4.0.0-14300-CU8", "pass fail skip pass affected pass pass affected pass affected"},
	{"10.4.0.0-14350-CU9", "pass fail skip pass - pass pass affected pass affected"},
	{"10.4.0.0-14400-CU10", "pass fail skip pass - pass pass affected pass pass"},
	{"10.4.0.0-14450-CU11", "pass fail skip pass affected pass pass affected pass pass"},
	{"10.4.0.0-14500-CU12", "pass fail skip pass pass pass pass affected pass pass"},
	{"10.4.0.0-14511-20240222-release",
		"pass fail skip pass undetermined pass possibly affected pass undetermined"},
	{"10.4.1.0-13900-20240105-release", "pass fail fail affected - affected pass affected pass pass"},
	{"10.4.2.0-14000-20240202-release", "pass fail skip pass - pass affected affected pass affected"},
	{"10.4.8.0-14400-20240802-release", "pass fail skip pass - pass affected affected pass affected"},
	{"10.4.9.0-14450-20240830-release", "pass fail skip pass - pass pass affected pass affected"},
	{"10.4.10.0-14500-20240927-release", "pass fail skip pass pass pass pass affected pass affected"},
	{"10.4.11.0-14550-20241025-release", "pass fail skip pass affected pass pass affected pass affected"},
	{"10.4.12.0-14600-20241122-release", "pass fail skip pass - pass pass affected pass affected"},
	{"10.5.1.0-14700-20241220-release", "pass fail skip pass - pass pass affected pass pass"},
	{"10.5.2.0-14800-20250124-release", "pass fail skip pass affected pass pass affected pass pass"},
	{"10.5.3.0-14900-20250221-release", "pass fail skip pass pass pass pass affected pass pass"},
	{"10.5.0.0-14650-CU0", "pass fail skip pass pass pass pass affected pass pass"},
	{"10.5.0.0-15000-CU3", "pass fail skip pass - pass pass affected pass pass"},
	{"10.5.0.0-15050-CU4", "pass fail skip pass - pass pass affected affected pass"},
	{"10.5.0.0-15400-CU9", "pass fail skip pass - pass pass affected affected pass"},
	{"10.5.0.0-15450-CU10", "pass fail skip pass - pass pass pass affected pass"},
	{"10.5.0.0-15230-20250110-release",
		"pass fail skip pass pass pass pass undetermined undetermined pass"},
	{"10.5.6.0-15200-20250530-release", "pass fail skip pass - pass pass affected pass pass"},
	{"10.5.7.0-15300-20250627-release", "pass fail skip pass - pass pass affected affected pass"},
	{"10.6.0.0-15900-CU4", "pass fail skip pass - pass pass pass affected pass"},
	{"10.6.0.0-16100-CU5", "pass fail skip pass pass pass pass pass pass pass"},
	{"10.6.1.0-15950-20260109-release", "pass fail skip pass - pass pass pass affected pass"},
	{"10.6.7.0-16250-20260703-release", "pass fail skip pass - pass pass pass affected pass"},
	{"10.6.8.0-16300-20260731-release", "pass fail skip pass - pass pass pass pass pass"},
}

// boundaryCase is a row of boundaryCases.
type boundaryCase struct {
	version string
	want    string // one verdict per boundaryColumns entry
}

// boundaryPair is a primary and a backup folder set up so that every version-dependent
// requirement has something to judge, whose Upgrades\VersionHistory.txt each run rewrites.
type boundaryPair struct{ primary, backup string }

func newBoundaryPair(t *testing.T) boundaryPair {
	t.Helper()
	// The primary's DMS has a Failover pair with a virtual IP (FO505 in shared hostname mode)
	// and two indexing clusters, whose DBConfiguration.xml the backup lacks (FO603).
	primary := agentCopy(t, "primary-indexing-clusters", map[string]string{
		"Configurations/ClusterEndpoints.json": `{"Endpoints":[` +
			`{"IP":"10.11.5.52","IgnitionValue":1,"AdditionalEndpoints":[]},` +
			`{"IP":"10.11.7.20","IgnitionValue":2,"AdditionalEndpoints":["10.11.250.60"]}]}` + "\r\n",
	})
	backup := agentCopy(t, "backup", nil)
	if err := os.Remove(filepath.Join(backup, "Database", "DBConfiguration.xml")); err != nil {
		t.Fatal(err)
	}
	return boundaryPair{primary, backup}
}

// write gives both agents the same Upgrades\VersionHistory.txt; nil removes it.
func (p boundaryPair) write(t *testing.T, history []byte) {
	t.Helper()
	for _, dir := range []string{p.primary, p.backup} {
		path := filepath.Join(dir, "Upgrades", "VersionHistory.txt")
		if history == nil {
			if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(path, history, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// verdicts runs check on the pair's folders; see boundaryVerdicts.
func (p boundaryPair) verdicts(t *testing.T, vip bool) map[string]string {
	t.Helper()
	return boundaryVerdicts(t, nil, []string{"--primary", p.primary, "--backup", p.backup}, vip)
}

// boundaryVerdicts runs check on the pair that sources names (--primary, --backup and what
// reading them takes, with the environment environ) in shared hostname mode, and in virtual
// IP mode too when vip is set, and returns each version-dependent requirement's verdict,
// FO102's too: its status, or for a known issue's warning whether the agents are affected,
// possibly affected or undetermined. The folder and the API tests share it so that both
// paths are judged by the same runs.
func boundaryVerdicts(t *testing.T, environ map[string]string, sources []string, vip bool) map[string]string {
	t.Helper()
	out := map[string]string{}
	only := func(ids ...string) []string {
		var flags []string
		for _, id := range ids {
			flags = append(flags, "--only", id)
		}
		return flags
	}
	common := args([]string{"check", "--format", "json"}, sources,
		[]string{"--primary-ip", cliPrimaryIP, "--backup-ip", cliBackupIP, "--skip-network"})
	runs := [][]string{
		args(common, []string{"--hostname", cliSharedName},
			only(slices.DeleteFunc(append([]string{"FO102"}, boundaryColumns...), func(id string) bool { return id == "FO902" })...)),
	}
	if vip {
		runs = append(runs, args(common, []string{"--virtual-ip", cliVIP}, only("FO902")))
	}
	for _, a := range runs {
		r := dmaprep(t, "", environ, a...)
		if r.code != exitReady && r.code != exitNotReady {
			t.Fatalf("exit %d; stderr %q", r.code, r.stderr)
		}
		rep, err := reportOfOne(r.stdout)
		if err != nil {
			t.Fatalf("report: %v\n%s", err, r.stdout)
		}
		for _, res := range rep.Results {
			out[res.ID] = res.Status
			if res.Status == "warn" && strings.HasPrefix(res.ID, "FO9") {
				out[res.ID] = knownIssueWarning(res.Messages)
			}
		}
	}
	return out
}

// knownIssueWarning names the kind of a known issue's warning from its messages (lib
// known_issues' wording), "warn (mixed)" when the agents' differ.
func knownIssueWarning(messages []string) string {
	kinds := map[string]bool{}
	for _, m := range messages {
		switch {
		case strings.Contains(m, "which is possibly affected by a known issue"):
			kinds["possibly"] = true
		case strings.Contains(m, "which has a known issue"):
			kinds["affected"] = true
		case strings.HasPrefix(m, "cannot tell whether"):
			kinds["undetermined"] = true
		default:
			kinds["warn"] = true
		}
	}
	if len(kinds) != 1 {
		return "warn (mixed)"
	}
	for k := range kinds {
		return k
	}
	return "warn"
}

// historyLine is a VersionHistory.txt line as DataMiner writes it.
func historyLine(version string) string {
	return "2023-02-14 09:00:00;9.6.0.0-8813-20180305-release\r\n2026-11-20 08:30:00;" + version + "\r\n"
}

// TestCheckFolderVersions: versions on the documented boundaries, written into the agents'
// folders as DataMiner writes them, get the verdicts the requirements' conditions give,
// requirement by requirement; the same version in each spelling the folder reader takes
// gets the verdicts of its canonical line; a VersionHistory.txt that is missing, empty or
// names no version leaves every version-dependent requirement unknown. The folders are
// copied once; the runs take turns on them, rewriting only the version file (in parallel
// they cost more CPU, for no less time on two cores).
func TestCheckFolderVersions(t *testing.T) {
	t.Parallel()
	pair := newBoundaryPair(t)
	t.Run("boundaries", func(t *testing.T) {
		for _, tc := range boundaryCases {
			pair.write(t, []byte(historyLine(tc.version)))
			want := strings.Fields(tc.want)
			if len(want) != len(boundaryColumns) {
				t.Fatalf("%s: %d verdicts for %d requirements", tc.version, len(want), len(boundaryColumns))
			}
			got := pair.verdicts(t, want[slices.Index(boundaryColumns, "FO902")] != "-")
			for i, id := range boundaryColumns {
				if want[i] != "-" && got[id] != want[i] {
					t.Errorf("%s: %s is %s, want %s", tc.version, id, got[id], want[i])
				}
			}
			if got["FO102"] != "pass" {
				t.Errorf("%s: FO102 is %s, want pass (both agents run it)", tc.version, got["FO102"])
			}
		}
	})
	t.Run("spellings", func(t *testing.T) { versionSpellings(t, pair) })
	t.Run("no version", func(t *testing.T) {
		for name, file := range unreadableHistories {
			pair.write(t, file)
			// Virtual IP mode (FO902) once: the reader's error is the same whatever the mode.
			for id, status := range pair.verdicts(t, name == "missing") {
				if status != "unknown" {
					t.Errorf("VersionHistory.txt %s: %s is %s, want unknown", name, id, status)
				}
			}
		}
	})
}

// unreadableHistories are VersionHistory.txt files from which no version can be read (nil:
// no file).
var unreadableHistories = map[string][]byte{
	"missing":                 nil,
	"empty":                   {},
	"blank lines":             []byte("\r\n\r\n"),
	"no version":              []byte("2024-01-08 14:02:11;\r\n"),
	"not a version":           []byte(historyLine("release")),
	"no third number":         []byte(historyLine("10.4")),
	"only the word Hotfix":    []byte("2024-01-09 07:45:00;Hotfix\r\n"),
	"build past 32 bits":      []byte(historyLine("10.4.0.0-99999999999-CU10")),
	"UTF-16 cut mid-unit":     append(testkit.UTF16(historyLine("10.4.0.0-14400-CU10"), binary.LittleEndian, true), 0x0A),
	"five numbers":            []byte(historyLine("10.4.0.0.1-14400")),
	"title without a history": []byte("Upgrade History\r\n---------------\r\n"),
}

// versionSpellings: each spelling of a version gives the verdicts of its canonical line.
func versionSpellings(t *testing.T, pair boundaryPair) {
	utf16 := func(s string) []byte { return testkit.UTF16(s, binary.LittleEndian, true) }
	// Two versions whose verdicts differ on many requirements: an MR whose CU the line names
	// and an FR.
	spellings := []struct {
		canonical string
		files     map[string][]byte
	}{
		{"10.3.0.0-12850-CU9", map[string][]byte{
			"no timestamp":          []byte("10.3.0.0-12850-CU9\n"),
			"LF, no earlier entry":  []byte("2024-01-08 14:02:11;10.3.0.0-12850-CU9\n"),
			"spaces around ;":       []byte("2024-01-08 14:02:11 ; 10.3.0.0-12850-CU9 \n\n"),
			"timestamp of a locale": []byte("08/01/2024 14:02:11;10.3.0.0-12850-CU9\r\n"),
			"dotted date":           []byte("14.02.2023 09:00:00;9.6.0.0-8813\r\n08.01.2024 14:02:11;10.3.0.0-12850-CU9\r\n"),
			"UTF-8 BOM":             []byte("\uFEFF" + historyLine("10.3.0.0-12850-CU9")),
			"UTF-16":                utf16(historyLine("10.3.0.0-12850-CU9")),
			"Cube's upgrade history": []byte("Upgrade History\r\n---------------\r\n" +
				"2024-01-08 14:02:11 => 10.3.0.0-12850-CU9\r\n2023-02-14 09:00:00 => 10.2.0.0-11517-CU0\r\n"),
			"Cube's rows without the title": []byte("2024-01-08 14:02:11 => 10.3.0.0-12850-CU9\r\n" +
				"2023-02-14 09:00:00 => 10.2.0.0-11517-CU0\r\n"),
			"hotfix name":       []byte(historyLine("HF_10.3.0.0(CU9)_20240105-101500")),
			"hotfix word":       []byte(historyLine("10.3.0.0-12850-CU9") + "2024-01-09 07:45:00;Hotfix\r\n"),
			"lower-case cu":     []byte(historyLine("10.3.0.0-12850-cu9")),
			"download slug":     []byte(historyLine("dataminer-main-release-10-3-0-0-12850-cu9")),
			"docs notation":     []byte(historyLine("DataMiner 10.3.0 [CU9]")),
			"CU in parentheses": []byte(historyLine("10.3.0.0-12850 (CU9)")),
		}},
		{"10.4.2.0-14000-20240202-release", map[string][]byte{
			"no timestamp":  []byte("10.4.2.0-14000-20240202-release\n"),
			"UTF-16":        utf16(historyLine("10.4.2.0-14000-20240202-release")),
			"hotfix name":   []byte(historyLine("HF_10.4.2.0(CU0)_20240212-101500")),
			"download slug": []byte(historyLine("dataminer-feature-release-10-4-2-0-14000")),
			"docs notation": []byte(historyLine("DataMiner 10.4.2")),
		}},
	}
	for _, s := range spellings {
		pair.write(t, []byte(historyLine(s.canonical)))
		// Every spelling goes through the same reader and version model, so the shared
		// hostname run, which judges all but FO902, tells them apart.
		want := pair.verdicts(t, false)
		for name, file := range s.files {
			pair.write(t, file)
			// FO102 is left out: a spelling without a build number cannot show that both
			// agents run the same build.
			if got := pair.verdicts(t, false); !sameVerdicts(got, want, boundaryColumns) {
				t.Errorf("%s written as %s: %v, want %v as for %s", s.canonical, name, got, want, s.canonical)
			}
		}
	}
}

// sameVerdicts tells whether a and b agree on the requirements ids.
func sameVerdicts(a, b map[string]string, ids []string) bool {
	for _, id := range ids {
		if a[id] != b[id] {
			return false
		}
	}
	return true
}
