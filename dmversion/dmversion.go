// Package dmversion parses DataMiner version strings into the normalised model of the
// fact document (major, minor, patch, revision, build, CU, track), and orders versions
// before 10, which have no release tracks.
//
// DataMiner writes versions in several shapes: VersionHistory.txt lines
// ("2025-03-27 11:16:35;10.5.4.0-15588-20250319-release"), package names
// ("10.2.0.0-11897-CU4"), download slugs ("dataminer-main-release-10-4-0-0-14511-cu4"),
// hotfix names ("HF_10.0.7.0(CU0)_20200520-135714") and the docs' own notation
// ("10.3.0 [CU9]"). The Rego library policies/lib/version.rego parses the same shapes;
// a test of the policies checks that both agree on every example of this package's tests.
package dmversion

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Version is one parsed DataMiner version. Nil pointers are facts the string did not
// carry: a VersionHistory.txt entry of a Main Release never names its CU.
type Version struct {
	Raw      string `json:"raw"`
	Source   string `json:"source,omitempty"`
	Major    int    `json:"major"`
	Minor    int    `json:"minor"`
	Patch    int    `json:"patch"`
	Revision int    `json:"revision"`
	Build    *int   `json:"build"`
	CU       *int   `json:"cu"`
	Track    Track  `json:"track"`
	// Hotfix says a hotfix is installed on top of this version: the string is a hotfix's
	// ("HF_10.0.7.0(CU0)_20200520-135714"), or the reader learnt it elsewhere.
	Hotfix bool `json:"hotfix,omitempty"`
}

// Track is a DataMiner release track. From DataMiner 10 on the third number decides: 0 is
// a Main Release, anything else a Feature Release. Versions before 10 (7.x, 8.x, 9.x) are
// numbered major.minor.month.week and have no track: TrackNone, null in JSON.
type Track string

// The release tracks.
const (
	TrackNone    Track = ""
	TrackMain    Track = "MR"
	TrackFeature Track = "FR"
)

// MarshalJSON writes TrackNone as null, as the fact document's schema wants.
func (t Track) MarshalJSON() ([]byte, error) {
	if t == TrackNone {
		return []byte("null"), nil
	}
	return json.Marshal(string(t))
}

// UnmarshalJSON reads null as TrackNone.
func (t *Track) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*t = TrackNone
	if s != nil {
		*t = Track(*s)
	}
	return nil
}

var (
	// A download slug spells the dotted part with dashes.
	slugRE   = regexp.MustCompile(`(?i)^dataminer-(?:main|feature)-release-(\d+)-(\d+)-(\d+)-(\d+)(.*)$`)
	dottedRE = regexp.MustCompile(`^(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?`)
	cuRE     = regexp.MustCompile(`(?i)CU\s*(\d+)`)
	numberRE = regexp.MustCompile(`[-_ ](\d+)`)
	dateRE   = regexp.MustCompile(`^\d{8}$`)
)

// Parse reads one version string. It fails on anything without at least
// major.minor.patch, such as "10.4".
func Parse(raw string) (Version, error) {
	s := strings.TrimSpace(afterTimestamp(raw))
	s = strings.TrimPrefix(s, "DataMiner ")
	hotfix := strings.HasPrefix(strings.ToUpper(s), "HF_")
	if hotfix {
		s = s[len("HF_"):]
	}
	if m := slugRE.FindStringSubmatch(s); m != nil {
		s = m[1] + "." + m[2] + "." + m[3] + "." + m[4] + m[5]
	}
	m := dottedRE.FindStringSubmatch(s)
	if m == nil {
		return Version{}, fmt.Errorf("%q is not a DataMiner version", raw)
	}
	v := Version{Raw: raw, Hotfix: hotfix}
	// A number past int32 is no DataMiner version, and would read as a different one
	// once saturated or wrapped.
	for i, p := range []*int{&v.Major, &v.Minor, &v.Patch, &v.Revision} {
		if m[i+1] == "" {
			continue
		}
		n, err := strconv.ParseInt(m[i+1], 10, 32)
		if err != nil {
			return Version{}, fmt.Errorf("%q is not a DataMiner version (the number %s is too large)", raw, cutDigits(m[i+1]))
		}
		*p = int(n)
	}
	rest := s[len(m[0]):]
	if rest != "" && !strings.ContainsAny(rest[:1], "-_ ([\\") {
		// "10.4.0.0.1" or "10.4.0x": not a shape DataMiner writes.
		return Version{}, fmt.Errorf("%q is not a DataMiner version", raw)
	}
	cuNumber := ""
	if c := cuRE.FindStringSubmatch(rest); c != nil {
		n64, err := strconv.ParseInt(c[1], 10, 32)
		if err != nil {
			return Version{}, fmt.Errorf("%q is not a DataMiner version (the CU number %s is too large)", raw, cutDigits(c[1]))
		}
		n := int(n64)
		v.CU = &n
		cuNumber = c[1]
	}
	build, tooLarge := findBuild(rest, cuNumber)
	if tooLarge != "" {
		return Version{}, fmt.Errorf("%q is not a DataMiner version (the build number %s is too large)", raw, cutDigits(tooLarge))
	}
	v.Build = build
	switch {
	case v.Major < 10:
		v.Track = TrackNone
	case v.Patch == 0:
		v.Track = TrackMain
	default:
		v.Track = TrackFeature
	}
	return v, nil
}

// afterTimestamp is what follows the last ";" or "=>" of s: the version of a VersionHistory.txt
// line or of Cube's Upgrade History, whatever the shape of the timestamp before it. A
// timestamp in the machine's locale, such as "08.01.2024 14:02:11", would otherwise read as
// version 8.1.2024. No version holds either separator; the Rego library cuts the same way.
func afterTimestamp(s string) string {
	cut := -1
	if i := strings.LastIndex(s, ";"); i >= 0 {
		cut = i + 1
	}
	if i := strings.LastIndex(s, "=>"); i >= 0 && i+2 > cut {
		cut = i + 2
	}
	if cut < 0 {
		return s
	}
	return s[cut:]
}

// cutDigits shortens a run of digits for a message.
func cutDigits(d string) string {
	if len(d) > 20 {
		return d[:20] + "…"
	}
	return d
}

// findBuild returns the first number after the dotted part that is a build number: not a
// YYYYMMDD date, not the HHMMSS time that follows such a date in hotfix names, and not
// the number of the CU. A build number past int32 is returned as tooLarge instead: left
// out, the version would read as one without a build and compare equal to every build.
func findBuild(rest, cuNumber string) (build *int, tooLarge string) {
	afterDate := false
	for _, loc := range numberRE.FindAllStringSubmatchIndex(rest, -1) {
		digits := rest[loc[2]:loc[3]]
		end := loc[3]
		if end < len(rest) && !strings.ContainsAny(rest[end:end+1], "-_ )") {
			continue // part of a word such as "CU4" or "x64"
		}
		if isCUNumber(rest, loc[2], digits, cuNumber) {
			continue
		}
		if dateRE.MatchString(digits) {
			afterDate = true
			continue
		}
		if afterDate && len(digits) == 6 {
			continue
		}
		n64, err := strconv.ParseInt(digits, 10, 32)
		if err != nil {
			return nil, digits
		}
		n := int(n64)
		return &n, ""
	}
	return nil, ""
}

// isCUNumber tells whether the digits at start are the number of a "CU" just before them.
func isCUNumber(rest string, start int, digits, cuNumber string) bool {
	if cuNumber == "" || digits != cuNumber {
		return false
	}
	before := strings.ToUpper(strings.TrimRight(rest[:start], " "))
	return strings.HasSuffix(before, "CU")
}

// Label is a short form for messages, such as "10.4.0.0-14511 (MR 10.4.0 CU4)", or
// "7.5.4.3-1234" for a version before 10, which has no track.
func (v Version) Label() string {
	full := fmt.Sprintf("%d.%d.%d.%d", v.Major, v.Minor, v.Patch, v.Revision)
	if v.Build != nil {
		full += fmt.Sprintf("-%d", *v.Build)
	}
	if v.Track == TrackNone {
		if v.CU != nil {
			full += fmt.Sprintf(" (CU%d)", *v.CU)
		}
		return full
	}
	short := fmt.Sprintf("%s %d.%d.%d", v.Track, v.Major, v.Minor, v.Patch)
	switch {
	case v.CU != nil:
		short += fmt.Sprintf(" CU%d", *v.CU)
	case v.Track == TrackMain:
		short += ", CU unknown"
	}
	return full + " (" + short + ")"
}

// CompareUntracked orders two versions by the rules for versions before 10 (which have no
// Main/Feature Release tracks): plain tuple order of major, minor, patch (month) and
// revision (week), so 7.5.4.3 is after 7.5.0; every version before 10 is before every 10.x
// version. It answers -1, 0 or 1, and ok is false when both are 10.x, whose order depends on
// their tracks and CUs (the Rego version library decides those).
func CompareUntracked(a, b Version) (order int, ok bool) {
	if a.Major >= 10 && b.Major >= 10 {
		return 0, false
	}
	if a.Major >= 10 || b.Major >= 10 {
		if a.Major >= 10 {
			return 1, true
		}
		return -1, true
	}
	x := [4]int{a.Major, a.Minor, a.Patch, a.Revision}
	y := [4]int{b.Major, b.Minor, b.Patch, b.Revision}
	for i := range x {
		if x[i] != y[i] {
			if x[i] < y[i] {
				return -1, true
			}
			return 1, true
		}
	}
	return 0, true
}
