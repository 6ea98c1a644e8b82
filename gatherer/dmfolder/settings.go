package dmfolder

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/dmaprep/dmaprep/dmversion"
	"github.com/dmaprep/dmaprep/facts"
)

// readMaintenanceSettings reads MaintenanceSettings.xml: <HTTPS enabled name> and
// <SLNet><BrokerGateway>. The certificate is left for a network probe.
func (r *reader) readMaintenanceSettings() {
	root, display, err := r.parse("MaintenanceSettings.xml", "MaintenanceSettings")
	if err != nil {
		r.setErrors(err, "https", "broker_gateway")
		return
	}
	h := &facts.HTTPS{}
	if e := root.child("HTTPS"); e == nil {
		h.Enabled = ptr(false) // no <HTTPS>: HTTPS is not configured
	} else {
		h.Name = e.attrString("name")
		h.Enabled = r.boolAttr(e, "enabled", display, "https")
		if _, ok := e.attr("enabled"); !ok {
			r.a.SetError("https", fmt.Errorf("%s: <%s> has no enabled attribute", e.where(display), e.name))
		}
	}
	r.a.HTTPS = h

	if bg := root.path("SLNet", "BrokerGateway"); bg == nil {
		r.a.BrokerGateway = ptr(false)
	} else if b, err := parseBool(bg.value()); err != nil {
		r.a.SetError("broker_gateway", fmt.Errorf("%s: <%s>: %w", bg.where(display), bg.name, err))
	} else {
		r.a.BrokerGateway = &b
	}
}

// readVersionHistory reads Upgrades\VersionHistory.txt: every "timestamp;version" line
// (blank lines skipped), and the installed version from the last one. VersionHistory.txt
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
	entries := []facts.HistoryEntry{}
	lastLine, last := 0, ""
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		entries = append(entries, historyEntry(line))
		lastLine, last = i+1, line
	}
	r.a.InstallHistory = &facts.InstallHistory{Entries: entries}
	if len(entries) == 0 {
		r.a.SetError("version", fmt.Errorf("%s: no version entry", display))
		return
	}
	v, err := dmversion.Parse(last)
	if err != nil {
		// A timestamp in a shape dmversion does not know: parse the version alone.
		v, err = dmversion.Parse(entries[len(entries)-1].Version)
	}
	if err != nil {
		r.a.SetError("version", fmt.Errorf("%s:%d: %w", display, lastLine, err))
		return
	}
	v.Source = "versionhistory"
	r.a.Version = &v
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

// readSwarming reads whether Swarming.xml exists (Swarming is enabled) and the Swarming
// soft-launch option of SoftLaunchOptions.xml (<SLNet><Swarming>true</Swarming></SLNet>).
// A missing SoftLaunchOptions.xml, or one without the option, means the option is off.
func (r *reader) readSwarming() {
	s := &facts.Swarming{SwarmingXMLPresent: r.f.exists("Swarming.xml")}
	r.a.Swarming = s
	root, display, err := r.parse("SoftLaunchOptions.xml", "")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		s.SoftLaunchEnabled = ptr(false)
		return
	case err != nil:
		r.a.SetError("swarming", err)
		return
	}
	slnet := root
	if !strings.EqualFold(root.name, "SLNet") {
		slnet = root.child("SLNet")
	}
	if slnet == nil || slnet.child("Swarming") == nil {
		s.SoftLaunchEnabled = ptr(false)
		return
	}
	s.SoftLaunchEnabled = r.boolChild(slnet, "Swarming", display, "swarming")
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
	r.a.Licenses = &facts.Licenses{
		DataMinerLic: r.f.exists("dataminer.lic"),
		ResponseLic:  r.f.exists("response.lic"),
		RequestLic:   r.f.exists("Request.lic"),
	}
}
