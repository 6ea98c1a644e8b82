package dmfolder

import (
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/gatherer/source"
)

// readDataMinerXML reads DataMiner.xml: the DataMiner ID and the dataminer_xml facts. It
// returns the <ExternalAuthentication> element, which the SAML facts start from, or nil.
func (r *reader) readDataMinerXML() *node {
	root, display, err := r.parse("DataMiner.xml", "DataMiner")
	if err != nil {
		r.setErrors(err, "dataminer_id", "dataminer_xml", "saml")
		return nil
	}

	if v, ok := root.attr("id"); !ok {
		r.a.SetError("dataminer_id", fmt.Errorf("%s: <%s> has no id attribute", root.where(display), root.name))
	} else if id, err := parseInt(v); err != nil || id < 1 {
		r.a.SetError("dataminer_id", fmt.Errorf("%s: id %q of <%s> is not a DataMiner ID", root.where(display), v, root.name))
	} else {
		r.a.DataMinerID = &id
	}

	x := &facts.DataMinerXML{}
	if daas := root.child("DaaS"); daas == nil {
		x.DaaSEnabled = ptr(false)
	} else {
		x.DaaSEnabled = r.boolAttr(daas, "enabled", display, "dataminer_xml")
	}
	if adapters := root.child("NetworkAdapters"); adapters != nil {
		x.NetworkAdapterMACs = []string{}
		for _, m := range adapters.childrenNamed("MAC") {
			if v := m.value(); v != "" {
				x.NetworkAdapterMACs = append(x.NetworkAdapterMACs, normalizeMAC(v))
			}
		}
	}
	if ip := root.child("IP"); ip != nil {
		if v, ok := ip.attr("skipMAC"); ok {
			x.SkipMACs = []string{}
			for _, m := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' }) {
				if m = strings.TrimSpace(m); m != "" {
					x.SkipMACs = append(x.SkipMACs, normalizeMAC(m))
				}
			}
		}
	}
	if v, ok := root.attr("elementid"); ok && strings.TrimSpace(v) != "" {
		if n, err := parseInt(v); err != nil || n < 0 {
			r.a.SetError("dataminer_xml", fmt.Errorf("%s: elementid %q of <%s> is not an element ID", root.where(display), v, root.name))
		} else {
			x.ElementIDHint = &n
		}
	}
	ea := externalAuthentication(root)
	if ea != nil {
		ipMetadata := ea.attrString("ipMetadata")
		if ipMetadata != nil {
			ipMetadata = ptr(withoutPassword(*ipMetadata))
		}
		x.ExternalAuthentication = &facts.ExternalAuthentication{
			Type:            ea.attrString("type"),
			IPMetadata:      ipMetadata,
			SPMetadata:      ea.attrString("spMetadata"),
			IPMetadataIsURL: ipMetadata != nil && isURL(*ipMetadata),
			Fingerprint:     fingerprint(ea),
		}
	}
	if az := root.child("AzureAD"); az != nil {
		x.AzureAD = &facts.AzureAD{
			TenantID:    az.attrString("tenantId"),
			ClientID:    az.attrString("clientId"),
			Fingerprint: fingerprint(az),
		}
	}
	r.a.DataMinerXML = x
	return ea
}

// externalAuthentication returns <ExternalAuthentication>, or <ExternalAuth> as the
// preparation page spells it.
func externalAuthentication(root *node) *node {
	if ea := root.child("ExternalAuthentication"); ea != nil {
		return ea
	}
	return root.child("ExternalAuth")
}

var bareMAC = regexp.MustCompile(`^[0-9A-Fa-f]{12}$`)

// normalizeMAC writes a MAC address as DataMiner.xml does, AA-BB-CC-DD-EE-FF in upper
// case, whether it was written with dashes, colons, dots or nothing in between. A value
// that is not a MAC address is returned as written (trimmed), so that a policy can still
// report it.
func normalizeMAC(s string) string {
	s = strings.TrimSpace(s)
	var hw []byte
	if bareMAC.MatchString(s) {
		hw, _ = hex.DecodeString(s)
	} else if m, err := net.ParseMAC(s); err == nil && len(m) == 6 {
		hw = m
	}
	if hw == nil {
		return s
	}
	parts := make([]string, len(hw))
	for i, b := range hw {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, "-")
}

// isURL tells whether an attribute holds an http:// or https:// URL.
func isURL(s string) bool {
	return source.Parse(s).IsURL()
}

// withoutPassword drops a password written into a URL (https://user:password@host/) and
// the value of a query parameter that carries a credential (?token=..., ?sig=...).
func withoutPassword(s string) string {
	if !isURL(s) {
		return s
	}
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	changed := false
	if u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.User(u.User.Username())
			changed = true
		}
	}
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			if secretParam.MatchString(k) {
				q[k] = []string{"[redacted]"}
				changed = true
			}
		}
		if changed {
			u.RawQuery = q.Encode()
		}
	}
	if !changed {
		return s
	}
	return u.String()
}

// secretParam matches the name of a URL query parameter that carries a credential (an
// access token, a shared access signature, an API key).
var secretParam = regexp.MustCompile(`(?i)token|sig|secret|passw|pwd|key|auth|code|credential`)

// windowsAbsolute matches an absolute Windows path: a drive (C:\ or C:/) or a UNC share.
var windowsAbsolute = regexp.MustCompile(`^(?:[A-Za-z]:[\\/]|\\\\[^\\/]+[\\/][^\\/]+)`)

// absoluteWindowsPath says whether a metadata path names a file on its own: DataMiner
// cannot resolve a relative path or a placeholder such as "[Path/URL of ...]".
func absoluteWindowsPath(s string) bool {
	return windowsAbsolute.MatchString(strings.Trim(strings.TrimSpace(s), `"`))
}

// driveFolder matches a path inside the DataMiner folder on any drive.
var driveFolder = regexp.MustCompile(`(?i)^[a-z]:\\+skyline dataminer\\+(.+)$`)

// insideFolder maps a Windows path under C:\Skyline DataMiner\ to a path inside the
// folder being read. ok is false for any other path (another folder, a share, a
// relative path), whose file this reader cannot see.
func insideFolder(winPath string) (string, bool) {
	p := strings.Trim(strings.TrimSpace(winPath), `"`)
	p = strings.ReplaceAll(p, "/", `\`)
	m := driveFolder.FindStringSubmatch(p)
	if m == nil {
		return "", false
	}
	var elems []string
	for _, e := range strings.Split(m[1], `\`) {
		switch e {
		case "", ".":
		case "..":
			return "", false
		default:
			elems = append(elems, e)
		}
	}
	if len(elems) == 0 {
		return "", false
	}
	return strings.Join(elems, "/"), true
}

// readSAML reads the SAML metadata files that <ExternalAuthentication> names, when they
// are inside the DataMiner folder. ea is nil when DataMiner.xml has none (or could not be
// read, which readDataMinerXML has recorded): the saml facts are then nil.
func (r *reader) readSAML(ea *node) {
	if ea == nil {
		return
	}
	s := &facts.SAML{}
	var unusable []string
	for _, name := range []string{"spMetadata", "ipMetadata"} {
		if v := ea.attrString(name); v != nil && !isURL(*v) && !absoluteWindowsPath(*v) {
			unusable = append(unusable, fmt.Sprintf("%s %q is neither an absolute Windows path nor a URL (a placeholder such as the docs' example value?)", name, *v))
		}
	}
	if len(unusable) > 0 {
		r.a.SetError("saml", fmt.Errorf("DataMiner.xml: <%s> %s", ea.name, strings.Join(unusable, "; ")))
	}
	if sp := ea.attrString("spMetadata"); sp != nil {
		if p, ok := insideFolder(*sp); ok {
			present, err := r.f.exists(p)
			if err != nil {
				r.a.SetError("saml", err)
			} else {
				s.SPMetadataPresent = &present
			}
			if present {
				s.AssertionConsumerServices = r.readAssertionConsumerServices(p)
			}
		}
	}
	if ip := ea.attrString("ipMetadata"); ip != nil && !isURL(*ip) {
		if p, ok := insideFolder(*ip); ok {
			if present, err := r.f.exists(p); err != nil {
				r.a.SetError("saml", err)
			} else {
				s.IPMetadataPresent = &present
			}
		}
	}
	r.a.SAML = s
}

// readAssertionConsumerServices reads md:SPSSODescriptor/md:AssertionConsumerService of
// the SP metadata file.
func (r *reader) readAssertionConsumerServices(name string) []facts.AssertionConsumerService {
	root, display, err := r.parse(name, "")
	if err != nil {
		r.a.SetError("saml", err)
		return nil
	}
	descriptors := root.descendants("SPSSODescriptor")
	if strings.EqualFold(root.name, "SPSSODescriptor") {
		descriptors = append([]*node{root}, descriptors...)
	}
	out := []facts.AssertionConsumerService{}
	for _, d := range descriptors {
		for _, acs := range d.childrenNamed("AssertionConsumerService") {
			entry := facts.AssertionConsumerService{IsDefault: r.boolAttr(acs, "isDefault", display, "saml")}
			if v, ok := acs.attr("Location"); ok {
				entry.Location = strings.TrimSpace(v)
			}
			if v, ok := acs.attr("index"); ok {
				if n, err := parseInt(v); err == nil {
					entry.Index = &n
				} else {
					r.a.SetError("saml", fmt.Errorf("%s: index attribute of <%s>: %w", acs.where(display), acs.name, err))
				}
			}
			out = append(out, entry)
		}
	}
	return out
}
