package facts

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dmaprep/dmaprep/internal/boundedread"
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
// facts: a duplicate key (which a stock OPA may resolve differently), invalid UTF-8 (which
// would become U+FFFD, so that two different names compare equal) and data after the
// document are refused. A UTF-8 byte order mark is skipped; UTF-16 is named.
func DecodeBytes(data []byte, name string) (any, error) {
	data, err := text(data, name, "document")
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, positioned(name, data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		line, col := position(data, dec.InputOffset())
		return nil, fmt.Errorf("%s:%d:%d: unexpected data after the JSON document", name, line, col)
	}
	// A document's objects hold as many keys as its text names only when no object names
	// one twice: counting both is cheap, and the scan that says where a duplicate is runs
	// only when there is one.
	if objectKeys(doc) != keysInText(data) {
		if err := refuseDuplicateKeys(data, name); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%s: an object repeats a key (each key may appear once)", name)
	}
	return doc, nil
}

// objectKeys counts the keys of every object in a decoded document. The walk keeps its own
// stack, so a deeply nested document cannot exhaust the goroutine stack.
func objectKeys(doc any) int {
	n := 0
	stack := []any{doc}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch v := v.(type) {
		case map[string]any:
			n += len(v)
			for _, x := range v {
				stack = append(stack, x)
			}
		case []any:
			stack = append(stack, v...)
		}
	}
	return n
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
	line, col := position(data, int64(offset))
	return nil, fmt.Errorf("%s:%d:%d: invalid UTF-8 (byte 0x%02X); save the file as UTF-8", name, line, col, data[offset])
}

// refuseDuplicateKeys scans a syntactically valid document for an object that repeats a
// key, and names it by JSON pointer. The scan keeps its own stack (no recursion), so a
// deeply nested document cannot exhaust the goroutine stack.
func refuseDuplicateKeys(data []byte, name string) error {
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
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return positioned(name, data, err)
		}
		if len(stack) > 0 {
			if f := stack[len(stack)-1]; f.object && f.wantKey {
				if key, ok := tok.(string); ok {
					if f.keys[key] {
						line, col := position(data, dec.InputOffset())
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

func escapePointer(key string) string {
	return strings.ReplaceAll(strings.ReplaceAll(key, "~", "~0"), "/", "~1")
}

func pointerOrRoot(p string) string {
	if p == "" {
		return "the top level"
	}
	return p
}

// positioned rewrites encoding/json's errors, which count bytes, into file:line:column.
func positioned(name string, data []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		// Offset counts the offending byte as read; point at it, not after it.
		line, col := position(data, max(syntax.Offset-1, 0))
		return fmt.Errorf("%s:%d:%d: invalid JSON: %s", name, line, col, syntax.Error())
	case errors.As(err, &typ):
		line, col := position(data, typ.Offset)
		return fmt.Errorf("%s:%d:%d: invalid JSON: %v", name, line, col, err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := position(data, int64(len(data)))
		return fmt.Errorf("%s:%d:%d: invalid JSON: the document ends too early", name, line, col)
	}
	return fmt.Errorf("%s: invalid JSON: %w", name, err)
}

// position converts a byte offset into a 1-based line and column (columns count runes).
func position(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	col = len([]rune(string(before[lineStart:]))) + 1
	return line, col
}

// lookup follows a JSON pointer (RFC 6901) into a decoded document.
func lookup(doc any, pointer string) (any, bool) {
	if pointer == "" {
		return doc, true
	}
	if !strings.HasPrefix(pointer, "/") {
		return nil, false
	}
	cur := doc
	for _, tok := range strings.Split(pointer[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
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
