package testkit

import (
	"testing"

	"github.com/dmaprep/dmaprep/dmversion"
)

// VersionExamples are the real shapes of the version strings DataMiner writes
// (VersionHistory.txt, Cube's Upgrade History, the Web Services API, download names,
// hotfixes, the docs' notation) and what dmversion.Parse reads from each (Raw left empty).
// dmversion's TestParse checks the Go parser against them, and the policies' version test
// checks the Rego library against the Go parser on the same strings. They live here, not
// in dmversion's tests, so that dmversion's test binary need not link OPA.
var VersionExamples = []struct {
	Raw  string
	Want dmversion.Version
}{
	{"10.4.0.0-14772-20240821-release", dmversion.Version{Major: 10, Minor: 4, Build: ptr(14772), Track: dmversion.TrackMain}},
	{"10.5.4.0-15588-20250319-release", dmversion.Version{Major: 10, Minor: 5, Patch: 4, Build: ptr(15588), Track: dmversion.TrackFeature}},
	{"2025-03-27 11:16:35;10.5.4.0-15588-20250319-release", dmversion.Version{Major: 10, Minor: 5, Patch: 4, Build: ptr(15588), Track: dmversion.TrackFeature}},
	{"2025-03-27 11:16:35 => 10.5.4.0-15588-20250319-release", dmversion.Version{Major: 10, Minor: 5, Patch: 4, Build: ptr(15588), Track: dmversion.TrackFeature}},
	// Timestamps in a machine's locale: the dotted date is no version 8.1.2024.
	{"08.01.2024 14:02:11;10.4.0.0-14400-CU10", dmversion.Version{Major: 10, Minor: 4, Build: ptr(14400), CU: ptr(10), Track: dmversion.TrackMain}},
	{"27.03.2025 11:16:35 => 10.5.4.0-15588-20250319-release", dmversion.Version{Major: 10, Minor: 5, Patch: 4, Build: ptr(15588), Track: dmversion.TrackFeature}},
	{"3/27/2025 11:16:35 AM;10.3.0.0-12850-CU9", dmversion.Version{Major: 10, Minor: 3, Build: ptr(12850), CU: ptr(9), Track: dmversion.TrackMain}},
	{"10.2.0.0-11897-CU4", dmversion.Version{Major: 10, Minor: 2, Build: ptr(11897), CU: ptr(4), Track: dmversion.TrackMain}},
	{"dataminer-main-release-10-4-0-0-14511-cu4", dmversion.Version{Major: 10, Minor: 4, Build: ptr(14511), CU: ptr(4), Track: dmversion.TrackMain}},
	{"dataminer-main-release-10-0-0-0-11025-cu19", dmversion.Version{Major: 10, Build: ptr(11025), CU: ptr(19), Track: dmversion.TrackMain}},
	{"dataminer-feature-release-10-1-7-0-10523", dmversion.Version{Major: 10, Minor: 1, Patch: 7, Build: ptr(10523), Track: dmversion.TrackFeature}},
	{"10.2.7.0-11922", dmversion.Version{Major: 10, Minor: 2, Patch: 7, Build: ptr(11922), Track: dmversion.TrackFeature}},
	{"10.4.2.0-13691", dmversion.Version{Major: 10, Minor: 4, Patch: 2, Build: ptr(13691), Track: dmversion.TrackFeature}},
	{"DataMiner 10.0.12.0-9536 Full Upgrade (rc)", dmversion.Version{Major: 10, Patch: 12, Build: ptr(9536), Track: dmversion.TrackFeature}},
	{"10.3.3.7-5687", dmversion.Version{Major: 10, Minor: 3, Patch: 3, Revision: 7, Build: ptr(5687), Track: dmversion.TrackFeature}},
	{"9.0.3.7-5687", dmversion.Version{Major: 9, Patch: 3, Revision: 7, Build: ptr(5687), Track: dmversion.TrackNone}},
	{"7.5.4.3", dmversion.Version{Major: 7, Minor: 5, Patch: 4, Revision: 3, Track: dmversion.TrackNone}},
	{"8.5.8.5", dmversion.Version{Major: 8, Minor: 5, Patch: 8, Revision: 5, Track: dmversion.TrackNone}},
	{"9.6.0.0-8877-CU13", dmversion.Version{Major: 9, Minor: 6, Build: ptr(8877), CU: ptr(13), Track: dmversion.TrackNone}},
	{"10.2.5.6-1234", dmversion.Version{Major: 10, Minor: 2, Patch: 5, Revision: 6, Build: ptr(1234), Track: dmversion.TrackFeature}},
	{"HF_10.0.7.0(CU0)_20200520-135714", dmversion.Version{Major: 10, Patch: 7, CU: ptr(0), Track: dmversion.TrackFeature, Hotfix: true}},
	{"2025-06-02 09:10:11;HF_10.5.4.0(CU0)_20250601-101500", dmversion.Version{Major: 10, Minor: 5, Patch: 4, CU: ptr(0), Track: dmversion.TrackFeature, Hotfix: true}},
	{"10.0.3.0-CU0", dmversion.Version{Major: 10, Patch: 3, CU: ptr(0), Track: dmversion.TrackFeature}},
	{"10.4.0-CU4", dmversion.Version{Major: 10, Minor: 4, CU: ptr(4), Track: dmversion.TrackMain}},
	{"10.6.2 (CU0)", dmversion.Version{Major: 10, Minor: 6, Patch: 2, CU: ptr(0), Track: dmversion.TrackFeature}},
	{"10.3.0 [CU9]", dmversion.Version{Major: 10, Minor: 3, CU: ptr(9), Track: dmversion.TrackMain}},
	{"7.5.0", dmversion.Version{Major: 7, Minor: 5, Track: dmversion.TrackNone}},
	// A CU after a space, and a Feature Release's CU: both parsers must read them alike,
	// since a version given by its raw string alone is judged on the Rego parse.
	{"10.4.0.0-14271 CU5", dmversion.Version{Major: 10, Minor: 4, Build: ptr(14271), CU: ptr(5), Track: dmversion.TrackMain}},
	{"10.5.12.0-16500-CU2", dmversion.Version{Major: 10, Minor: 5, Patch: 12, Build: ptr(16500), CU: ptr(2), Track: dmversion.TrackFeature}},
}

func ptr(n int) *int { return &n }

// NotVersions are strings that hold no DataMiner version: too short, other shapes, and
// numbers past 32 bits, which would read as another version once cut. dmaprep's
// TestParseRejects checks that the Go parser refuses each, and the policies' version test
// that the Rego library's parse is undefined for each (a fact document may give a version
// by its raw string alone).
var NotVersions = []string{
	"", "10.4", "abc", "release-10.4", "10.4.0.0.1", "10.4.0x", "10.4.0a-12345", "v10.4.0",
	"10.4.0.0-99999999999999999999", "10.4.0.0-2147483648", "10.99999999999.0.0-12345",
	"10.4.0.0-12345-CU99999999999", "2147483648.0.0",
}

// UntrackedOrder is the one table of orders involving versions before 10: does Agent run
// Token or later? dmversion's TestCompareUntracked checks it in Go, and the policies'
// version test checks the Rego library's condition decisions on the same rows.
var UntrackedOrder = []struct {
	Agent, Token string
	AtLeast      bool
}{
	{"7.5.4.3", "7.5.0", true}, // month 4, week 3 of 7.5: after 7.5.0, no track to place
	{"7.5.0", "7.5.0", true},
	{"7.5.0.1", "7.5.0", true},
	{"7.0.9.1", "7.5.0", false},
	{"7.4.12.4", "7.5.0", false},
	{"8.5.8.5", "7.5.0", true},
	{"9.0.3.7-5687", "7.5.0", true},
	{"9.6.0.0-8877-CU13", "10.0.0", false}, // every version before 10 is before every 10.x
	{"9.6.13.0", "10.1.1", false},
	{"10.0.0.0-9000-CU0", "7.5.0", true}, // and every 10.x version after every one before 10
	{"10.5.4.0-15588", "9.6.0", true},
}

// UntrackedOrderOf parses a row of UntrackedOrder and orders it with
// dmversion.CompareUntracked, which must decide it.
func UntrackedOrderOf(t testing.TB, agent, token string) (a, b dmversion.Version, order int) {
	t.Helper()
	a, errA := dmversion.Parse(agent)
	b, errB := dmversion.Parse(token)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	order, ok := dmversion.CompareUntracked(a, b)
	if !ok {
		t.Fatalf("CompareUntracked(%s, %s): not decided", agent, token)
	}
	return a, b, order
}
