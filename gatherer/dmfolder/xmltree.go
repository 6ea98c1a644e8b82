package dmfolder

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// maxDepth bounds element nesting. DataMiner's files nest a handful of levels deep.
const maxDepth = 128

// node is one XML element, reduced to what the reader needs: local names (namespaces and
// prefixes dropped), attributes, child elements, the element's own text, and where it
// starts in the file.
type node struct {
	name      string
	attrs     []xml.Attr // Name.Local only; namespace declarations dropped
	children  []*node
	text      strings.Builder
	line, col int
}

// parseXML reads an XML file (any Unicode encoding, see decodeText) into a tree. display
// is the file's name in error messages, which carry line:column. Messages never quote
// the document's text, which may be a secret.
func parseXML(display string, data []byte) (*node, error) {
	text, transcoded, err := decodeText(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", display, err)
	}
	d := xml.NewDecoder(bytes.NewReader(text))
	d.CharsetReader = charsetReader(transcoded)
	var root *node
	var stack []*node
	var open []xml.Name // raw (prefix:local) names of the open elements
	for {
		line, col := d.InputPos()
		// RawToken: names keep their prefix untranslated, which is all this reader needs
		// (it matches local names); it leaves checking start and end tags to us.
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, col := d.InputPos()
			return nil, fmt.Errorf("%s:%d:%d: %s", display, line, col, xmlMessage(err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 && root != nil {
				return nil, fmt.Errorf("%s:%d:%d: XML syntax error: a second root element <%s>", display, line, col, t.Name.Local)
			}
			if len(stack) >= maxDepth {
				return nil, fmt.Errorf("%s:%d:%d: elements nested more than %d deep", display, line, col, maxDepth)
			}
			n := &node{name: t.Name.Local, line: line, col: col}
			// encoding/xml takes a repeated attribute; XML does not, and which of the
			// two a reader takes would decide the fact.
			for i, a := range t.Attr {
				for _, b := range t.Attr[:i] {
					if a.Name == b.Name {
						return nil, fmt.Errorf("%s:%d:%d: XML syntax error: attribute %s repeated in <%s>", display, line, col, rawName(a.Name), rawName(t.Name))
					}
				}
			}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue
				}
				n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Local: a.Name.Local}, Value: a.Value})
			}
			if len(stack) == 0 {
				root = n
			} else {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, n)
			}
			stack = append(stack, n)
			open = append(open, t.Name)
		case xml.EndElement:
			if len(open) == 0 {
				return nil, fmt.Errorf("%s:%d:%d: XML syntax error: unexpected end element </%s>", display, line, col, rawName(t.Name))
			}
			if start := open[len(open)-1]; start != t.Name {
				line, col := d.InputPos()
				return nil, fmt.Errorf("%s:%d:%d: XML syntax error: element <%s> closed by </%s>", display, line, col, rawName(start), rawName(t.Name))
			}
			stack, open = stack[:len(stack)-1], open[:len(open)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
	if len(open) > 0 {
		line, col := d.InputPos()
		return nil, fmt.Errorf("%s:%d:%d: XML syntax error: unexpected EOF", display, line, col)
	}
	if root == nil {
		line, col := d.InputPos()
		return nil, fmt.Errorf("%s:%d:%d: no XML element found", display, line, col)
	}
	return root, nil
}

// rawName spells a name as written: prefix:local.
func rawName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// entityRE matches the part of encoding/xml's messages that quotes the document: an
// entity reference, which inside a <PWD> would be part of a password.
var entityRE = regexp.MustCompile(`(invalid character entity) .*`)

func xmlMessage(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return "XML syntax error: " + entityRE.ReplaceAllString(se.Msg, "$1 (text withheld)")
	}
	return err.Error()
}

// rootNamed checks the root element's name.
func rootNamed(display string, root *node, want string) error {
	if !strings.EqualFold(root.name, want) {
		return fmt.Errorf("%s:%d:%d: root element is <%s>, not <%s>", display, root.line, root.col, root.name, want)
	}
	return nil
}

// attr returns an attribute's value, matching the name without regard to letter case.
func (n *node) attr(name string) (string, bool) {
	for _, a := range n.attrs {
		if strings.EqualFold(a.Name.Local, name) {
			return a.Value, true
		}
	}
	return "", false
}

// attrString is attr as a trimmed string pointer: nil when absent or blank.
func (n *node) attrString(name string) *string {
	v, ok := n.attr(name)
	v = strings.TrimSpace(v)
	if !ok || v == "" {
		return nil
	}
	return &v
}

// child returns the first child element with the given local name (any letter case).
func (n *node) child(name string) *node {
	for _, c := range n.children {
		if strings.EqualFold(c.name, name) {
			return c
		}
	}
	return nil
}

// childrenNamed returns every child element with the given local name.
func (n *node) childrenNamed(name string) []*node {
	var out []*node
	for _, c := range n.children {
		if strings.EqualFold(c.name, name) {
			out = append(out, c)
		}
	}
	return out
}

// path follows child elements by name; nil when one is missing.
func (n *node) path(names ...string) *node {
	for _, name := range names {
		if n == nil {
			return nil
		}
		n = n.child(name)
	}
	return n
}

// descendants returns every element below n (n excluded) with the given local name, in
// document order.
func (n *node) descendants(name string) []*node {
	var out []*node
	for _, c := range n.children {
		if strings.EqualFold(c.name, name) {
			out = append(out, c)
		}
		out = append(out, c.descendants(name)...)
	}
	return out
}

// value is the element's own text, trimmed.
func (n *node) value() string {
	return strings.TrimSpace(n.text.String())
}

// where is "file:line:column" of the element, for errors about its content.
func (n *node) where(display string) string {
	return fmt.Sprintf("%s:%d:%d", display, n.line, n.col)
}

// parseBool reads a boolean the way DataMiner's files write it: true or false in any
// letter case (the docs show true, TRUE and True).
func parseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("%q is not true or false", s)
}

// parseInt reads a whole number.
func parseInt(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number", s)
	}
	return n, nil
}

// secretWords are parts of names of attributes and elements that hold secrets: password,
// sharedSecret, clientSecret, PWD, pwd on a DMS.xml redirect, API keys and tokens.
var secretWords = []string{"secret", "password", "passwd", "pwd", "token", "apikey", "api_key", "privatekey", "private_key"}

// isSecret tells whether an attribute or element of this name holds a secret.
func isSecret(name string) bool {
	lower := strings.ToLower(name)
	for _, w := range secretWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// fingerprint is "sha256:" and the hex SHA-256 of n's canonical form, leaving out every
// secret attribute and element and whatever else drop names (lower-case names).
func fingerprint(n *node, drop ...string) string {
	sum := sha256.Sum256(canonical(nil, n, drop))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// canonical appends an element's canonical form to b, so that equal settings give equal
// bytes however they were written: local names in lower case, namespaces dropped,
// attributes sorted by name, child elements sorted (their order never carries meaning in
// the parts fingerprinted), text trimmed, and true/false in lower case. Secrets are left
// out entirely. Every string is length-prefixed, so no value can pass for structure.
func canonical(b []byte, n *node, drop []string) []byte {
	b = appendField(b, 'E', strings.ToLower(n.name))
	type kv struct{ k, v string }
	attrs := make([]kv, 0, len(n.attrs))
	for _, a := range n.attrs {
		name := strings.ToLower(a.Name.Local)
		if isSecret(name) || slices.Contains(drop, name) {
			continue
		}
		attrs = append(attrs, kv{name, canonicalValue(a.Value)})
	}
	slices.SortFunc(attrs, func(x, y kv) int {
		if c := strings.Compare(x.k, y.k); c != 0 {
			return c
		}
		return strings.Compare(x.v, y.v)
	})
	for _, a := range attrs {
		b = appendField(b, 'A', a.k)
		b = appendField(b, '=', a.v)
	}
	if t := canonicalValue(n.text.String()); t != "" {
		b = appendField(b, 'T', t)
	}
	var kids [][]byte
	for _, c := range n.children {
		name := strings.ToLower(c.name)
		if isSecret(name) || slices.Contains(drop, name) {
			continue
		}
		kids = append(kids, canonical(nil, c, drop))
	}
	slices.SortFunc(kids, bytes.Compare)
	for _, k := range kids {
		b = appendField(b, 'C', string(k))
	}
	return append(b, ')')
}

// appendField appends a tag byte, the length of s and s.
func appendField(b []byte, tag byte, s string) []byte {
	b = append(b, tag)
	b = strconv.AppendInt(b, int64(len(s)), 10)
	b = append(b, ':')
	return append(b, s...)
}

func canonicalValue(s string) string {
	s = strings.TrimSpace(s)
	if v, err := parseBool(s); err == nil {
		return strconv.FormatBool(v)
	}
	return credentialInValue.ReplaceAllStringFunc(s, func(part string) string {
		key, _, _ := strings.Cut(part, "=")
		return strings.ToLower(strings.TrimSpace(key)) + "="
	})
}

// credentialInValue finds a credential inside a value whose name gives no hint of it: a
// connection string (DB.xml's <ConnectString>: "Server=db;User Id=sa;Password=...")
// carries its password as a key=value part. A fingerprint keeps the key and drops what
// follows it (up to the next ';', or the closing quote of a quoted value), so it never
// depends on the secret: a hash of a known structure around a short password could be
// reversed by trying passwords. The key is kept in lower case, as connection strings
// compare keys.
var credentialInValue = regexp.MustCompile(`(?i)(?:^|;)\s*[a-z_ ]*(?:` + strings.Join(secretWords, "|") +
	`)[a-z_ ]*=\s*(?:'[^']*'|"[^"]*"|[^;]*)`)
