package dmfolder

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/dmaprep/dmaprep/dmversion"
	"github.com/dmaprep/dmaprep/facts"
)

// readMaintenanceSettings reads MaintenanceSettings.xml: <HTTPS enabled name>,
// <SLNet><BrokerGateway> and <SLNet><EnableDotNetRemoting>. The certificate is left for a
// network probe.
func (r *reader) readMaintenanceSettings() {
	root, display, err := r.parse("MaintenanceSettings.xml", "MaintenanceSettings")
	if err != nil {
		r.setErrors(err, "https", "broker_gateway", "dotnet_remoting")
		return
	}
	if e := root.path("SLNet", "EnableDotNetRemoting"); e == nil {
		r.a.DotNetRemoting = &facts.DotNetRemoting{}
	} else if b, err := parseBool(e.value()); err != nil {
		r.a.SetError("dotnet_remoting", fmt.Errorf("%s: <%s>: %w", e.where(display), e.name, err))
	} else {
		r.a.DotNetRemoting = &facts.DotNetRemoting{Enable: &b}
	}
	h := &facts.HTTPS{}
	if e := root.child("HTTPS"); e == nil {
		h.Enabled = ptr(false) // no <HTTPS>: HTTPS is not configured
	} else {
		h.Name = e.attrString("name")
		if h.Name != nil {
			// The name may be an IP address (the HTTPS page allows it), which the policies
			// compare with the certificate's IP SANs and the virtual IPs as strings.
			h.Name = ptr(hostAddress(*h.Name))
		}
		h.Enabled = r.boolAttr(e, "enabled", display, "https")
		if _, ok := e.attr("enabled"); !ok {
			r.a.SetError("https", fmt.Errorf("%s: <%s> has no enabled attribute", e.where(display), e.name))
		}
	}
	r.a.HTTPS = h

	if bg := root.path("SLNet", "BrokerGateway"); bg == nil {
		r.a.BrokerGateway = ptr(false)
		r.a.BrokerGatewayAbsent = true
	} else if b, err := parseBool(bg.value()); err != nil {
		r.a.SetError("broker_gateway", fmt.Errorf("%s: <%s>: %w", bg.where(display), bg.name, err))
	} else {
		r.a.BrokerGateway = &b
	}
}

// readVersionHistory reads Upgrades\VersionHistory.txt: every "timestamp;version" line
// (blank lines skipped), and the installed version from the newest one: the last line, or
// the first of a history listed newest first, as Cube shows it. VersionHistory.txt
// does not name the CU of a Main Release, so the CU stays unknown unless the line has it.
func (r *reader) readVersionHistory() {
	const name = "Upgrades/VersionHistory.txt"
	data, actual, err := r.f.readFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		err = notFoundError{name}
	}
	if err != nil {
		r.setErrors(err, "install_history", "version")
		return
	}
	display := windowsPath(actual)
	raw, _, err := decodeText(data)
	if err != nil {
		r.setErrors(fmt.Errorf("%s: %w", display, err), "install_history", "version")
		return
	}
	text := strings.ToValidUTF8(string(raw), "\uFFFD")
	lines := historyLines(text)
	// Cube's About box shows the same history under an "Upgrade History" title and a dashed
	// rule, newest first, with "=>" between time and version; a copy of it pasted into the
	// file is read in its own order and without its two title lines.
	newestFirst := len(lines) >= 2 && strings.EqualFold(lines[0].text, "Upgrade History") &&
		strings.Trim(lines[1].text, "-") == ""
	if newestFirst {
		lines = lines[2:]
	}
	entries := make([]facts.HistoryEntry, 0, len(lines))
	for _, l := range lines {
		entries = append(entries, historyEntry(l.text))
	}
	// Cube's rows copied without their title are newest first too, which their timestamps
	// show: the installed version is the newest entry, not the last line.
	if newestFirst || timestampsDescend(entries) {
		slices.Reverse(lines)
		slices.Reverse(entries)
	}
	r.a.InstallHistory = &facts.InstallHistory{Entries: entries}
	if len(entries) == 0 {
		r.a.SetError("version", fmt.Errorf("%s: no version entry", display))
		return
	}
	// A hotfix installation may leave only the word "Hotfix" where its version string
	// belongs (fixed in 10.0.10/10.0.0 [CU5]); the version is then the entry before it,
	// with a hotfix on top.
	current, hotfix := len(entries)-1, false
	for current > 0 && strings.EqualFold(entries[current].Version, "Hotfix") {
		current, hotfix = current-1, true
	}
	v, err := dmversion.Parse(lines[current].text)
	if err != nil {
		// The version alone, after the first separator rather than the last, and an
		// error that quotes it without the timestamp.
		v, err = dmversion.Parse(entries[current].Version)
	}
	if err != nil {
		r.a.SetError("version", fmt.Errorf("%s:%d: %w", display, lines[current].number, err))
		return
	}
	v.Source = "versionhistory"
	v.Hotfix = v.Hotfix || hotfix
	r.a.Version = &v
}

// historyLine is one non-blank line of VersionHistory.txt and its line number.
type historyLine struct {
	number int
	text   string
}

func historyLines(text string) []historyLine {
	var out []historyLine
	for i, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, historyLine{i + 1, line})
		}
	}
	return out
}

// historyTimestamp is the shape of DataMiner's own timestamps, which sort as text.
var historyTimestamp = regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$`)

// timestampsDescend tells whether there are at least two entries and their timestamps, all
// in DataMiner's shape, go back in time from each entry to the next.
func timestampsDescend(entries []facts.HistoryEntry) bool {
	previous := ""
	for i, e := range entries {
		ts := e.Timestamp
		if ts == nil || !historyTimestamp.MatchString(*ts) || (i > 0 && *ts >= previous) {
			return false
		}
		previous = *ts
	}
	return len(entries) >= 2
}

// historyEntry splits a VersionHistory.txt line into its timestamp and version at the
// first ";" (or "=>", as Cube shows the history). A line without either is a version
// without timestamp.
func historyEntry(line string) facts.HistoryEntry {
	for _, sep := range []string{";", "=>"} {
		if ts, version, ok := strings.Cut(line, sep); ok {
			e := facts.HistoryEntry{Version: strings.TrimSpace(version)}
			if ts = strings.TrimSpace(ts); ts != "" {
				e.Timestamp = &ts
			}
			return e
		}
	}
	return facts.HistoryEntry{Version: line}
}

// readSoftLaunchOptions reads SoftLaunchOptions.xml, whose options are children of
// <SLNet> (the root element, or a child of it): Swarming (with whether Swarming.xml
// exists, the swarming fact) and BrokerGateway. A missing file, or one without an
// option, means the option is off.
func (r *reader) readSoftLaunchOptions() {
	present, err := r.f.exists("Swarming.xml")
	if err != nil {
		r.setErrors(err, "swarming", "broker_gateway_soft_launch")
		return
	}
	s := &facts.Swarming{SwarmingXMLPresent: present}
	r.a.Swarming = s
	root, display, err := r.parse("SoftLaunchOptions.xml", "")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		s.SoftLaunchEnabled = ptr(false)
		r.a.BrokerGatewaySoftLaunch = ptr(false)
		return
	case err != nil:
		r.setErrors(err, "swarming", "broker_gateway_soft_launch")
		return
	}
	slnet := root
	if !strings.EqualFold(root.name, "SLNet") {
		slnet = root.child("SLNet")
	}
	option := func(name, fact string) *bool {
		if slnet == nil || slnet.child(name) == nil {
			return ptr(false)
		}
		return r.boolChild(slnet, name, display, fact)
	}
	s.SoftLaunchEnabled = option("Swarming", "swarming")
	r.a.BrokerGatewaySoftLaunch = option("BrokerGateway", "broker_gateway_soft_launch")
}

// readElements counts the sub-folders of Elements\, one per element (when Swarming is
// off). An empty folder is 0; a missing one leaves the count unknown.
func (r *reader) readElements() {
	const name = "Elements"
	actual, entry, err := r.f.find(name)
	if err == nil && !entry.IsDir() {
		err = fmt.Errorf("%s is a file, not a folder", name)
	}
	if errors.Is(err, fs.ErrNotExist) {
		err = notFoundError{name + `\`}
	}
	var entries []fs.DirEntry
	if err == nil {
		entries, err = r.f.list(actual)
		if err != nil {
			err = fmt.Errorf("%s: %w", windowsPath(actual), cause(err))
		}
	}
	if err != nil {
		r.a.SetError("element_count", err)
		return
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() {
			n++
		}
	}
	r.a.ElementCount = &n
}

// readLicenses tells which licence files are in the root of the folder.
func (r *reader) readLicenses() {
	var present [3]bool
	for i, name := range []string{"dataminer.lic", "response.lic", "Request.lic"} {
		var err error
		if present[i], err = r.f.exists(name); err != nil {
			r.a.SetError("licenses", err)
			return
		}
	}
	r.a.Licenses = &facts.Licenses{DataMinerLic: present[0], ResponseLic: present[1], RequestLic: present[2]}
}
