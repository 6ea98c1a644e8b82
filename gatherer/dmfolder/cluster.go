package dmfolder

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/netip"
	"net/url"
	"regexp"
	"strings"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/internal/jsonpos"
)

// maxHostLength is the longest DNS name; a longer address is not one.
const maxHostLength = 253

// readDMSXML reads DMS.xml: the cluster name, one member per <DMA>, whether a
// <Failover> section exists, and the to and via of each <Redirect> (never user or pwd).
func (r *reader) readDMSXML() {
	root, display, err := r.parse("DMS.xml", "DMS")
	if err != nil {
		r.setErrors(err, "cluster", "redirects")
		return
	}
	r.a.Redirects = readRedirects(root)
	c := &facts.Cluster{HasFailoverConfig: ptr(root.child("Failover") != nil)}
	if cl := root.child("Cluster"); cl != nil {
		c.Name = cl.attrString("name")
	}
	members := []facts.ClusterMember{}
	for _, dma := range root.childrenNamed("DMA") {
		address := dmaAddress(dma)
		if address == "" || len(address) > maxHostLength {
			// Without every member the member count means nothing: leave it unknown.
			r.a.SetError("cluster", fmt.Errorf("%s: <%s> has no usable ip attribute", dma.where(display), dma.name))
			members = nil
			break
		}
		m := facts.ClusterMember{Address: address, AddressIsHostname: !isIP(address)}
		if v, ok := dma.attr("id"); ok && strings.TrimSpace(v) != "" {
			if id, err := parseInt(v); err == nil {
				m.ID = &id
			} else {
				r.a.SetError("cluster", fmt.Errorf("%s: id attribute of <%s>: %w", dma.where(display), dma.name, err))
			}
		}
		members = append(members, m)
	}
	c.Members = members
	r.a.Cluster = c
}

// readRedirects reads <Redirects><Redirect to via/> of DMS.xml. A password written into a
// via URL is dropped; the pwd attribute is never read.
func readRedirects(root *node) *facts.Redirects {
	out := &facts.Redirects{Entries: []facts.Redirect{}}
	for _, rs := range root.childrenNamed("Redirects") {
		for _, rd := range rs.childrenNamed("Redirect") {
			entry := facts.Redirect{}
			if v, ok := rd.attr("to"); ok {
				entry.To = hostAddress(v)
			}
			if v, ok := rd.attr("via"); ok {
				entry.Via = ptr(withoutPassword(strings.TrimSpace(v)))
			}
			out.Entries = append(out.Entries, entry)
		}
	}
	return out
}

// dmaAddress is how a <DMA> is addressed: its ip attribute, or else the host of its uri,
// spelled as hostAddress spells it.
func dmaAddress(dma *node) string {
	if v, ok := dma.attr("ip"); ok && strings.TrimSpace(v) != "" {
		return hostAddress(v)
	}
	if v, ok := dma.attr("uri"); ok {
		if u, err := url.Parse(strings.TrimSpace(v)); err == nil {
			return hostAddress(u.Hostname())
		}
	}
	return ""
}

// hostAddress spells an address read from DMS.xml or ClusterEndpoints.json the way the
// fact document spells the agents' own addresses (netip's canonical form), because the
// policies compare the two as strings: a file written by hand or by another tool may hold
// an IPv6 address in brackets, in upper case or not compressed (FE80:0:0:0:0:0:0:1 is
// fe80::1). A name, or anything else, is kept as written, only trimmed.
func hostAddress(s string) string {
	s = strings.TrimSpace(s)
	if ip, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")); err == nil {
		return ip.String()
	}
	return s
}

// dottedQuad is four dot-separated numbers: an IPv4 address even where leading zeros
// (010.011.005.052) keep netip from parsing it. No DNS name is all digits in its last
// label, so it is never a hostname.
var dottedQuad = regexp.MustCompile(`^\d{1,3}(\.\d{1,3}){3}$`)

func isIP(s string) bool {
	if dottedQuad.MatchString(s) {
		return true
	}
	_, err := netip.ParseAddr(strings.Trim(s, "[]"))
	return err == nil
}

// readClusterEndpoints reads Configurations\ClusterEndpoints.json, which NATS uses:
// {"Endpoints":[{"IP":...,"AdditionalEndpoints":[...]}]}. Field names match in any letter
// case. A missing file leaves the fact nil without an error: older agents have none.
func (r *reader) readClusterEndpoints() {
	const name = "Configurations/ClusterEndpoints.json"
	data, actual, err := r.f.readFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		r.a.SetError("cluster_endpoints", err)
		return
	}
	display := windowsPath(actual)
	text, _, err := decodeText(data)
	if err != nil {
		r.a.SetError("cluster_endpoints", fmt.Errorf("%s: %w", display, err))
		return
	}
	var doc struct {
		Endpoints []struct {
			IP                  *string
			AdditionalEndpoints []json.RawMessage
		}
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	if err := dec.Decode(&doc); err != nil {
		r.a.SetError("cluster_endpoints", jsonpos.Error(display, text, err))
		return
	}
	if err := jsonpos.Trailing(display, text, dec); err != nil {
		r.a.SetError("cluster_endpoints", err)
		return
	}
	out := &facts.ClusterEndpoints{}
	if doc.Endpoints != nil {
		out.Endpoints = []facts.ClusterEndpoint{}
	}
	for i, e := range doc.Endpoints {
		if e.IP == nil {
			r.a.SetError("cluster_endpoints", fmt.Errorf("%s: endpoint %d has no IP", display, i+1))
			return
		}
		entry := facts.ClusterEndpoint{IP: hostAddress(*e.IP)}
		if e.AdditionalEndpoints != nil {
			entry.AdditionalEndpoints = []string{}
		}
		for _, raw := range e.AdditionalEndpoints {
			address, ok := endpointAddress(raw)
			if !ok {
				r.a.SetError("cluster_endpoints", fmt.Errorf("%s: an additional endpoint of endpoint %d is neither an address nor an object with an IP", display, i+1))
				return
			}
			entry.AdditionalEndpoints = append(entry.AdditionalEndpoints, address)
		}
		out.Endpoints = append(out.Endpoints, entry)
	}
	r.a.ClusterEndpoints = out
}

// endpointAddress reads one AdditionalEndpoints entry: an address, or an object with one.
func endpointAddress(raw json.RawMessage) (string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return hostAddress(s), true
	}
	var obj struct{ IP, Address *string }
	if json.Unmarshal(raw, &obj) == nil {
		switch {
		case obj.IP != nil:
			return hostAddress(*obj.IP), true
		case obj.Address != nil:
			return hostAddress(*obj.Address), true
		}
	}
	return "", false
}
