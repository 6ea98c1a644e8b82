package dmversion_test

import (
	"encoding/json"
	"testing"

	"github.com/dmaprep/dmaprep/dmversion"
	"github.com/dmaprep/dmaprep/internal/testkit"
	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	t.Parallel()
	for _, tc := range testkit.VersionExamples {
		t.Run(tc.Raw, func(t *testing.T) {
			got, err := dmversion.Parse(tc.Raw)
			if err != nil {
				t.Fatal(err)
			}
			tc.Want.Raw = tc.Raw
			if diff := cmp.Diff(tc.Want, got); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tc.Raw, diff)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	t.Parallel()
	for _, raw := range testkit.NotVersions {
		if v, err := dmversion.Parse(raw); err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", raw, v)
		}
	}
}

func TestLabel(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		"10.4.0.0-14511-CU4":              "10.4.0.0-14511 (MR 10.4.0 CU4)",
		"10.5.4.0-15588-20250319-release": "10.5.4.0-15588 (FR 10.5.4)",
		"10.4.0.0-14772-20240821-release": "10.4.0.0-14772 (MR 10.4.0, CU unknown)",
		"7.5.4.3":                         "7.5.4.3",
		"9.6.0.0-8877-CU13":               "9.6.0.0-8877 (CU13)",
	} {
		v, err := dmversion.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := v.Label(); got != want {
			t.Errorf("Label(%q) = %q, want %q", raw, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, tc := range testkit.VersionExamples {
		f.Add(tc.Raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := dmversion.Parse(raw)
		if err != nil {
			return
		}
		if v.Major < 10 {
			if v.Track != dmversion.TrackNone {
				t.Errorf("Parse(%q): track %s before 10", raw, v.Track)
			}
		} else if (v.Patch == 0) != (v.Track == dmversion.TrackMain) {
			t.Errorf("Parse(%q): track %s with patch %d", raw, v.Track, v.Patch)
		}
	})
}

func TestCompareUntracked(t *testing.T) {
	t.Parallel()
	for _, tc := range testkit.UntrackedOrder {
		a, b, order := testkit.UntrackedOrderOf(t, tc.Agent, tc.Token)
		if got := order >= 0; got != tc.AtLeast {
			t.Errorf("%s at least %s = %v (order %d), want %v", tc.Agent, tc.Token, got, order, tc.AtLeast)
		}
		if back, _ := dmversion.CompareUntracked(b, a); back != -order {
			t.Errorf("CompareUntracked is not antisymmetric for %s and %s: %d, %d", tc.Agent, tc.Token, order, back)
		}
	}
}

// Two 10.x versions are ordered by their tracks and CUs, which CompareUntracked leaves alone.
func TestCompareUntrackedLeaves10xAlone(t *testing.T) {
	t.Parallel()
	a, _ := dmversion.Parse("10.4.0.0-14511-CU4")
	b, _ := dmversion.Parse("10.5.4.0-15588")
	if order, ok := dmversion.CompareUntracked(a, b); ok {
		t.Errorf("CompareUntracked(10.4.0 CU4, 10.5.4) = %d, want undecided", order)
	}
}

func TestTrackJSON(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		track dmversion.Track
		json  string
	}{{dmversion.TrackNone, "null"}, {dmversion.TrackMain, `"MR"`}, {dmversion.TrackFeature, `"FR"`}} {
		b, err := json.Marshal(tc.track)
		if err != nil || string(b) != tc.json {
			t.Errorf("Marshal(%q) = %s, %v; want %s", tc.track, b, err, tc.json)
		}
		var back dmversion.Track = "x"
		if err := json.Unmarshal(b, &back); err != nil || back != tc.track {
			t.Errorf("Unmarshal(%s) = %q, %v; want %q", b, back, err, tc.track)
		}
	}
}
