package facts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dmaprep/dmaprep/internal/boundedread"
	"github.com/dmaprep/dmaprep/internal/jsonpos"
)

// MaxDocumentSize is the largest fact document dmaprep reads. A real pair's facts are a
// few kilobytes; anything near this limit is a wrong file, not a big pair.
const MaxDocumentSize = boundedread.FactDocument

// Decode reads one JSON document from r. name is how errors refer to the input (a file
// name, or "stdin"). Numbers stay exact (json.Number) so that what is validated is what
// the policies see. Syntax errors name the line and column.
func Decode(r io.Reader, name string) (any, error) {
	data, err := boundedread.Reader(r, MaxDocumentSize, name)
	if err != nil {
		return nil, err
	}
	return DecodeBytes(data, name)
}

// DecodeBytes is Decode on a document already in memory. It is strict where
// encoding/json is lenient, because two readers of one document must not see different
// facts: a duplicate key (which a stock OPA may resolve differently), invalid UTF-8 and
// a lone UTF-16 surrogate escape such as \ud800 (both would become U+FFFD, so that two
// different names compare equal), a number past what a float64 holds (1e400, which
// policies would format and compare as text) and data after the document are refused.
// A UTF-8 byte order mark is skipped; UTF-16 is named.
func DecodeBytes(data []byte, name string) (any, error) {
	data, err := text(data, name, "document")
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, jsonpos.Error(name, data, err)
	}
	if err := jsonpos.Trailing(name, data, dec); err != nil {
		return nil, err
	}
	// The token scan (scanStrict) re-reads the whole document; it runs only when a cheap
	// look finds something it refuses or locates: more keys in the text than in the decoded
	// objects (one object names a key twice), an escape that may be a lone surrogate, or a
	// number past a float64.
	if suspect(doc, data) {
		if err := scanStrict(data, name); err != nil {
			return nil, err
		}
		if objectKeys(doc) != keysInText(data) {
			return nil, fmt.Errorf("%s: an object repeats a key (each key may appear once)", name)
		}
	}
	return doc, nil
}

// suspect tells whether a decoded document may hold what scanStrict refuses: a repeated
// key, a lone surrogate escape or a number out of range.
func suspect(doc any, data []byte) bool {
	keys, bigNumber := walk(doc)
	return bigNumber || keys != keysInText(data) || mayHoldSurrogate(data)
}

// objectKeys counts the keys of every object in a decoded document.
func objectKeys(doc any) int {
	keys, _ := walk(doc)
	return keys
}

// walk counts the keys of every object in a decoded document and tells whether a number
// in it is past what a float64 holds. It keeps its own stack, so a deeply nested document
// cannot exhaust the goroutine stack.
func walk(doc any) (keys int, bigNumber bool) {
	stack := []any{doc}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch v := v.(type) {
		case map[string]any:
			keys += len(v)
			for _, x := range v {
				stack = append(stack, x)
			}
		case []any:
			stack = append(stack, v...)
		case json.Number:
			if _, err := strconv.ParseFloat(string(v), 64); err != nil {
				bigNumber = true
			}
		}
	}
	return keys, bigNumber
}

// mayHoldSurrogate tells whether the text has an escape \uD..., which may be a surrogate.
func mayHoldSurrogate(data []byte) bool {
	for i := bytes.Index(data, []byte(`\u`)); i >= 0; {
		if i+2 < len(data) && (data[i+2] == 'd' || data[i+2] == 'D') {
			return true
		}
		next := bytes.Index(data[i+2:], []byte(`\u`))
		if next < 0 {
			return false
		}
		i += 2 + next
	}
	return false
}

// keysInText counts the object keys of valid JSON text: the strings followed by a colon.
func keysInText(data []byte) int {
	n := 0
	for i := 0; i < len(data); i++ {
		if data[i] != '"' {
			continue
		}
		for i++; i < len(data) && data[i] != '"'; i++ {
			if data[i] == '\\' {
				i++
			}
		}
		j := i + 1
		for j < len(data) && (data[j] == ' ' || data[j] == '\t' || data[j] == '\n' || data[j] == '\r') {
			j++
		}
		if j < len(data) && data[j] == ':' {
			n++
		}
		i = j - 1
	}
	return n
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// text checks a file's encoding (checkEncoding) and that it holds more than white space;
// what names the input in the message ("document", "file").
func text(data []byte, name, what string) ([]byte, error) {
	data, err := checkEncoding(data, name)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: empty %s", name, what)
	}
	return data, nil
}

// checkEncoding drops a UTF-8 byte order mark and refuses what is not UTF-8, naming
// UTF-16 (which Windows tools write) and the position of the first invalid byte.
func checkEncoding(data []byte, name string) ([]byte, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF ||
		data[0] == 0 && data[1] != 0 || data[0] != 0 && data[1] == 0) {
		return nil, fmt.Errorf("%s: the file is UTF-16; save it as UTF-8", name)
	}
	if utf8.Valid(data) {
		return data, nil
	}
	offset := 0
	for offset < len(data) {
		r, size := utf8.DecodeRune(data[offset:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		offset += size
	}
	line, col := jsonpos.Position(data, int64(offset))
	return nil, fmt.Errorf("%s:%d:%d: invalid UTF-8 (byte 0x%02X); save the file as UTF-8", name, line, col, data[offset])
}

// scanStrict scans a syntactically valid document for what encoding/json accepts but
// reads differently from what is written: an object that repeats a key, a number out of
// float64's range and a lone surrogate escape. Each is named by line, column and JSON
// pointer. The scan keeps its own stack (no recursion), so a deeply nested document
// cannot exhaust the goroutine stack.
func scanStrict(data []byte, name string) error {
	type frame struct {
		object  bool
		keys    map[string]bool
		pointer string
		index   int
		key     string // the key whose value comes next, in an object
		wantKey bool
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var stack []*frame
	// Escaped surrogates are rare: only a document that has one is checked for them.
	surrogates := bytes.Contains(bytes.ToLower(data), []byte(`\ud`))
	var before int64 // offset where the current token's raw text may start
	// childPointer is the pointer of the value about to be read in the innermost frame.
	childPointer := func() string {
		if len(stack) == 0 {
			return ""
		}
		f := stack[len(stack)-1]
		if f.object {
			return f.pointer + "/" + escapePointer(f.key)
		}
		return f.pointer + "/" + strconv.Itoa(f.index)
	}
	// valueDone moves the innermost frame on after one of its values.
	valueDone := func() {
		if len(stack) == 0 {
			return
		}
		f := stack[len(stack)-1]
		if f.object {
			f.wantKey = true
		} else {
			f.index++
		}
	}
	for {
		start := before
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return jsonpos.Error(name, data, err)
		}
		before = dec.InputOffset()
		if _, ok := tok.(string); ok && surrogates {
			if off := loneSurrogate(data[start:before]); off >= 0 {
				where := childPointer()
				if len(stack) > 0 && stack[len(stack)-1].object && stack[len(stack)-1].wantKey {
					where = "a key of " + pointerOrRoot(stack[len(stack)-1].pointer)
				}
				line, col := jsonpos.Position(data, start+int64(off))
				if where == "" {
					where = "the top level"
				}
				return fmt.Errorf("%s:%d:%d: a lone UTF-16 surrogate escape (%s) at %s: not a character; write the character itself",
					name, line, col, data[start+int64(off):start+int64(off)+6], where)
			}
		}
		if n, ok := tok.(json.Number); ok {
			if _, err := strconv.ParseFloat(string(n), 64); err != nil {
				line, col := jsonpos.Position(data, before-int64(len(n)))
				return fmt.Errorf("%s:%d:%d: the number %s at %s is out of range (past ±1.8e308)",
					name, line, col, cutNumber(string(n)), pointerOrRoot(childPointer()))
			}
		}
		if len(stack) > 0 {
			if f := stack[len(stack)-1]; f.object && f.wantKey {
				if key, ok := tok.(string); ok {
					if f.keys[key] {
						// Point at the key's opening quote.
						at := start + int64(len(data[start:before])-len(bytes.TrimLeft(data[start:before], " \t\r\n,")))
						line, col := jsonpos.Position(data, at)
						return fmt.Errorf("%s:%d:%d: duplicate key %s at %s (each key may appear once)",
							name, line, col, strconv.Quote(key), pointerOrRoot(f.pointer+"/"+escapePointer(key)))
					}
					f.keys[key], f.key, f.wantKey = true, key, false
					continue
				}
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{object: true, keys: map[string]bool{}, pointer: childPointer(), wantKey: true})
		case json.Delim('['):
			stack = append(stack, &frame{pointer: childPointer()})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			valueDone()
		default:
			valueDone()
		}
	}
}

// loneSurrogate returns the offset in raw (the text of one JSON string token, with what
// precedes it) of a \uD800-\uDFFF escape that is not a high surrogate followed by a low
// one, or -1.
func loneSurrogate(raw []byte) int {
	i := bytes.IndexByte(raw, '"')
	if i < 0 {
		return -1
	}
	hex4 := func(at int) (rune, bool) {
		if at+6 > len(raw) || raw[at] != '\\' || raw[at+1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(string(raw[at+2:at+6]), 16, 32)
		return rune(v), err == nil
	}
	for i++; i < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		r, ok := hex4(i)
		if !ok {
			i++ // a two-character escape such as \\ or \"
			continue
		}
		switch {
		case r >= 0xD800 && r < 0xDC00:
			if low, ok := hex4(i + 6); ok && low >= 0xDC00 && low < 0xE000 {
				i += 11
				continue
			}
			return i
		case r >= 0xDC00 && r < 0xE000:
			return i
		}
		i += 5
	}
	return -1
}

// cutNumber shortens a number's text for a message.
func cutNumber(n string) string {
	if len(n) > 40 {
		return n[:40] + "…"
	}
	return n
}

func escapePointer(key string) string {
	return strings.ReplaceAll(strings.ReplaceAll(key, "~", "~0"), "/", "~1")
}

func pointerOrRoot(p string) string {
	if p == "" {
		return "the top level"
	}
	return p
}

// lookup follows a JSON pointer (RFC 6901) into a decoded document.
func lookup(doc any, pointer string) (any, bool) {
	keys, ok := PointerKeys(pointer)
	if !ok {
		return nil, false
	}
	cur := doc
	for _, tok := range keys {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[tok]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// quote renders a document value for a message: strings in double quotes, the rest as JSON.
func quote(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
