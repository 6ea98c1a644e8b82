// Package jsonpos words encoding/json's errors, which count bytes from the start of the
// input, as file:line:column, the form every JSON file dmaprep reads (fact documents, the
// agents' JSON configuration) reports its errors in, so an editor can jump to the spot.
package jsonpos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// Position turns a byte offset into data into a 1-based line and column; columns count
// runes, as editors do. An offset outside data is clamped to it.
func Position(data []byte, offset int64) (line, col int) {
	offset = max(0, min(offset, int64(len(data))))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return line, col
}

// Error words an error of json.Decoder.Decode (or json.Unmarshal) over data, the contents
// of the file called name: a syntax error, a value of the wrong type and a document that
// ends too early get the line and column they happened at; any other error is only
// prefixed with name.
func Error(name string, data []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		// Offset counts the offending byte as read; point at it, not after it.
		line, col := Position(data, syntax.Offset-1)
		return fmt.Errorf("%s:%d:%d: invalid JSON: %s", name, line, col, syntax.Error())
	case errors.As(err, &typ):
		// encoding/json reports the offset just after the value, not its start.
		line, col := Position(data, typ.Offset)
		what := "a value"
		if typ.Field != "" {
			what = typ.Field
		}
		return fmt.Errorf("%s:%d:%d: invalid JSON: %s is a JSON %s, not the expected type", name, line, col, what, typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		line, col := Position(data, int64(len(data)))
		return fmt.Errorf("%s:%d:%d: invalid JSON: the document ends too early", name, line, col)
	}
	return fmt.Errorf("%s: invalid JSON: %w", name, err)
}

// Trailing reports data after the one JSON document dec has read from data (white space
// aside), pointing at its first byte; nil when the document is all there is. Decode alone
// would accept "{} {}" or "{} x" and ignore the rest.
func Trailing(name string, data []byte, dec *json.Decoder) error {
	end := dec.InputOffset()
	if _, err := dec.Token(); err == io.EOF {
		return nil
	}
	end = max(0, min(end, int64(len(data))))
	end += int64(len(data[end:]) - len(bytes.TrimLeft(data[end:], " \t\r\n")))
	line, col := Position(data, end)
	return fmt.Errorf("%s:%d:%d: unexpected data after the JSON document", name, line, col)
}
