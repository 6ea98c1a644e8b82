package dmversion

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func ptr(n int) *int { return &n }

// examples are the real shapes of the version strings DataMiner writes (VersionHistory.txt,
// Cube's Upgrade History, the Web Services API, download names, hotfixes, the docs'
// notation). The Rego library is checked against the same table (TestRegoAgrees).
var examples = []struct {
	raw  string
	want Version
}{
	{"10.4.0.0-14772-20240821-release", Version{Major: 10, Minor: 4, Build: ptr(14772), Track: TrackMain}},
	{"10.5.4.0-15588-20250319-release", Version{Major: 10, Minor: 5, Patch: 4, Build: ptr(15588), Track: TrackFeature}},
	{"2025-03-27 11:16:35;10.5.4.0-15588-20250319-release", Version{Major: 10, Minor: 5, Patch: 4, Build: ptr(15588), Track: TrackFeature}},
	{"2025-03-27 11:16:35 => 10.5.4.0-15588-20250319-release", Version{Major: 10, Minor: 5, Patch: 4, Build: ptr(15588), Track: TrackFeature}},
	{"10.2.0.0-11897-CU4", Version{Major: 10, Minor: 2, Build: ptr(11897), CU: ptr(4), Track: TrackMain}},
	{"dataminer-main-release-10-4-0-0-14511-cu4", Version{Major: 10, Minor: 4, Build: ptr(14511), CU: ptr(4), Track: TrackMain}},
	{"dataminer-main-release-10-0-0-0-11025-cu19", Version{Major: 10, Build: ptr(11025), CU: ptr(19), Track: TrackMain}},
	{"dataminer-feature-release-10-1-7-0-10523", Version{Major: 10, Minor: 1, Patch: 7, Build: ptr(10523), Track: TrackFeature}},
	{"10.2.7.0-11922", Version{Major: 10, Minor: 2, Patch: 7, Build: ptr(11922), Track: TrackFeature}},
	{"10.4.2.0-13691", Version{Major: 10, Minor: 4, Patch: 2, Build: ptr(13691), Track: TrackFeature}},
	{"DataMiner 10.0.12.0-9536 Full Upgrade (rc)", Version{Major: 10, Patch: 12, Build: ptr(9536), Track: TrackFeature}},
	{"10.3.3.7-5687", Version{Major: 10, Minor: 3, Patch: 3, Revision: 7, Build: ptr(5687), Track: TrackFeature}},
	{"9.0.3.7-5687", Version{Major: 9, Patch: 3, Revision: 7, Build: ptr(5687), Track: TrackNone}},
	{"7.5.4.3", Version{Major: 7, Minor: 5, Patch: 4, Revision: 3, Track: TrackNone}},
	{"8.5.8.5", Version{Major: 8, Minor: 5, Patch: 8, Revision: 5, Track: TrackNone}},
	{"9.6.0.0-8877-CU13", Version{Major: 9, Minor: 6, Build: ptr(8877), CU: ptr(13), Track: TrackNone}},
	{"10.2.5.6-1234", Version{Major: 10, Minor: 2, Patch: 5, Revision: 6, Build: ptr(1234), Track: TrackFeature}},
	{"HF_10.0.7.0(CU0)_20200520-135714", Version{Major: 10, Patch: 7, CU: ptr(0), Track: TrackFeature, Hotfix: true}},
	{"2025-06-02 09:10:11;HF_10.5.4.0(CU0)_20250601-101500", Version{Major: 10, Minor: 5, Patch: 4, CU: ptr(0), Track: TrackFeature, Hotfix: true}},
	{"10.0.3.0-CU0", Version{Major: 10, Patch: 3, CU: ptr(0), Track: TrackFeature}},
	{"10.4.0-CU4", Version{Major: 10, Minor: 4, CU: ptr(4), Track: TrackMain}},
	{"10.6.2 (CU0)", Version{Major: 10, Minor: 6, Patch: 2, CU: ptr(0), Track: TrackFeature}},
	{"10.3.0 [CU9]", Version{Major: 10, Minor: 3, CU: ptr(9), Track: TrackMain}},
	{"7.5.0", Version{Major: 7, Minor: 5, Track: TrackNone}},
}

func TestParse(t *testing.T) {
	for _, tc := range examples {
		t.Run(tc.raw, func(t *testing.T) {
			got, err := Parse(tc.raw)
			if err != nil {
				t.Fatal(err)
			}
			tc.want.Raw = tc.raw
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tc.raw, diff)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	for _, raw := range []string{"", "10.4", "abc", "release-10.4", "10.4.0.0.1", "10.4.0x"} {
		if v, err := Parse(raw); err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", raw, v)
		}
	}
}

func TestLabel(t *testing.T) {
	for raw, want := range map[string]string{
		"10.4.0.0-14511-CU4":              "10.4.0.0-14511 (MR 10.4.0 CU4)",
		"10.5.4.0-15588-20250319-release": "10.5.4.0-15588 (FR 10.5.4)",
		"10.4.0.0-14772-20240821-release": "10.4.0.0-14772 (MR 10.4.0, CU unknown)",
		"7.5.4.3":                         "7.5.4.3",
		"9.6.0.0-8877-CU13":               "9.6.0.0-8877 (CU13)",
	} {
		v, err := Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := v.Label(); got != want {
			t.Errorf("Label(%q) = %q, want %q", raw, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, tc := range examples {
		f.Add(tc.raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := Parse(raw)
		if err != nil {
			return
		}
		if v.Major < 10 {
			if v.Track != TrackNone {
				t.Errorf("Parse(%q): track %s before 10", raw, v.Track)
			}
		} else if (v.Patch == 0) != (v.Track == TrackMain) {
			t.Errorf("Parse(%q): track %s with patch %d", raw, v.Track, v.Patch)
		}
	})
}

// untrackedOrder is the one table of orders involving versions before 10: does agent run
// token or later? TestCompareUntracked checks it in Go, and TestRegoAgrees checks the Rego
// library's condition decisions on the same rows.
var untrackedOrder = []struct {
	agent, token string
	atLeast      bool
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

// untrackedOrderOf parses a row of untrackedOrder and orders it with CompareUntracked, which
// must decide it.
func untrackedOrderOf(t *testing.T, agent, token string) (a, b Version, order int) {
	t.Helper()
	a, errA := Parse(agent)
	b, errB := Parse(token)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	order, ok := CompareUntracked(a, b)
	if !ok {
		t.Fatalf("CompareUntracked(%s, %s): not decided", agent, token)
	}
	return a, b, order
}

func TestCompareUntracked(t *testing.T) {
	for _, tc := range untrackedOrder {
		a, b, order := untrackedOrderOf(t, tc.agent, tc.token)
		if got := order >= 0; got != tc.atLeast {
			t.Errorf("%s at least %s = %v (order %d), want %v", tc.agent, tc.token, got, order, tc.atLeast)
		}
		if back, _ := CompareUntracked(b, a); back != -order {
			t.Errorf("CompareUntracked is not antisymmetric for %s and %s: %d, %d", tc.agent, tc.token, order, back)
		}
	}
}

// Two 10.x versions are ordered by their tracks and CUs, which CompareUntracked leaves alone.
func TestCompareUntrackedLeaves10xAlone(t *testing.T) {
	a, _ := Parse("10.4.0.0-14511-CU4")
	b, _ := Parse("10.5.4.0-15588")
	if order, ok := CompareUntracked(a, b); ok {
		t.Errorf("CompareUntracked(10.4.0 CU4, 10.5.4) = %d, want undecided", order)
	}
}

func TestTrackJSON(t *testing.T) {
	for _, tc := range []struct {
		track Track
		json  string
	}{{TrackNone, "null"}, {TrackMain, `"MR"`}, {TrackFeature, `"FR"`}} {
		b, err := json.Marshal(tc.track)
		if err != nil || string(b) != tc.json {
			t.Errorf("Marshal(%q) = %s, %v; want %s", tc.track, b, err, tc.json)
		}
		var back Track = "x"
		if err := json.Unmarshal(b, &back); err != nil || back != tc.track {
			t.Errorf("Unmarshal(%s) = %q, %v; want %q", b, back, err, tc.track)
		}
	}
}
