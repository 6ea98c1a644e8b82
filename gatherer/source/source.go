// Package source names where one agent's facts come from: a DataMiner folder (or a copy
// of it), an agent fact file written by `dmaprep gather agent`, or the agent's Web Services
// API at an http:// or https:// URL. Parse is the one place that tells a URL from a path,
// and Source.Kind the one that tells the three kinds apart.
package source

import (
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
)

// Kind is what a source names.
type Kind int

// The kinds of source.
const (
	API      Kind = iota + 1 // an http:// or https:// URL: the agent's Web Services API
	Folder                   // a DataMiner folder, or a copy of it
	FactFile                 // an agent fact file, written by `dmaprep gather agent`
)

// Source is an agent's source as given. The zero Source names nothing.
type Source struct {
	s      string
	scheme string // "https" or "http" for the Web Services API; "" for a local path
}

// Parse tells what s names. s is a URL, the agent's Web Services API, when it starts with
// https:// or http:// (the scheme in any case, after leading blanks); anything else is a
// local path: a DataMiner folder or an agent fact file, told apart when it is read. This is
// the only test in dmaprep of whether a string is a URL.
func Parse(s string) Source {
	lower := strings.ToLower(strings.TrimLeft(s, " \t\r\n"))
	for _, scheme := range []string{"https", "http"} {
		if strings.HasPrefix(lower, scheme+"://") {
			return Source{s: s, scheme: scheme}
		}
	}
	return Source{s: s}
}

// Kind tells what s names: API for a URL; for a local path, Folder or FactFile by what is
// there. That takes a look at the file system, which may hang on a share that stopped
// answering: a caller with a deadline calls it in the background. The error is that of
// a path that cannot be looked at (it does not exist, say).
func (s Source) Kind() (Kind, error) {
	if s.IsURL() {
		return API, nil
	}
	info, err := os.Stat(s.s)
	switch {
	case err != nil:
		return 0, err
	case info.IsDir():
		return Folder, nil
	}
	return FactFile, nil
}

// Same tells whether a and b name the same agent: the same URL (the scheme and host in any
// case), or the same file or folder (through links), as a pair whose primary is its own
// backup would read as one agent twice.
func Same(a, b Source) bool {
	if a.IsURL() || b.IsURL() {
		return a.IsURL() && b.IsURL() && strings.EqualFold(strings.TrimSpace(a.s), strings.TrimSpace(b.s))
	}
	ia, errA := os.Stat(a.s)
	ib, errB := os.Stat(b.s)
	if errA == nil && errB == nil {
		return os.SameFile(ia, ib)
	}
	absA, errA := filepath.Abs(a.s)
	absB, errB := filepath.Abs(b.s)
	return errA == nil && errB == nil && absA == absB
}

// String is the source as given.
func (s Source) String() string { return s.s }

// IsZero tells whether s names nothing.
func (s Source) IsZero() bool { return s.s == "" }

// IsURL tells whether s is an http:// or https:// URL: an agent's Web Services API.
func (s Source) IsURL() bool { return s.scheme != "" }

// PlainHTTP tells whether s is an http:// URL, which sends the API password in the clear.
func (s Source) PlainHTTP() bool { return s.scheme == "http" }

// RelativeTo makes a relative local path relative to dir; a URL or an absolute path is
// returned as it is.
func (s Source) RelativeTo(dir string) Source {
	if s.IsURL() || s.IsZero() || filepath.IsAbs(s.s) {
		return s
	}
	return Parse(filepath.Join(dir, s.s))
}

// UnmarshalText parses a source written in a file (an inventory).
func (s *Source) UnmarshalText(text []byte) error {
	*s = Parse(string(text))
	return nil
}

// MarshalText writes the source as given.
func (s Source) MarshalText() ([]byte, error) { return []byte(s.s), nil }

// ParseAddr parses an address the operator gives for a pair (a virtual IP, an agent's
// address, an inverted-heartbeat target), as a flag or in an inventory. Besides what is no
// IP address, it refuses what netip accepts but an agent cannot use as given: a zone
// ("fe80::1%eth0": the zone names this machine's interface, not the agent's) and an
// IPv4-mapped IPv6 address ("::ffff:10.0.0.1", which names the IPv4 address in a form the
// agents' certificates and DMS.xml never spell). The error quotes s and says what to write.
func ParseAddr(s string) (netip.Addr, error) {
	ip, err := netip.ParseAddr(s)
	switch {
	case err != nil:
		return netip.Addr{}, fmt.Errorf("%q is not an IP address", s)
	case ip.Zone() != "":
		return netip.Addr{}, fmt.Errorf("%q has a zone (%%%s); give the address without it", s, ip.Zone())
	case ip.Is4In6():
		return netip.Addr{}, fmt.Errorf("%q is an IPv4-mapped IPv6 address; write it as %s", s, ip.Unmap())
	}
	return ip, nil
}
