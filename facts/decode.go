package facts

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

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

// DecodeBytes is Decode on a document already in memory.
func DecodeBytes(data []byte, name string) (any, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: empty document", name)
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
	return doc, nil
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
