package facts

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// Lines maps the JSON pointer of every value of a JSON document to the line it is on
// (for an object member, the line of its key; the root is line 1), for reports that point
// at the line of a fact. A document that does not parse gives what was indexed before the
// problem; callers index documents that DecodeBytes accepted.
func Lines(raw []byte) map[string]int {
	var newlines []int
	for i, b := range raw {
		if b == '\n' {
			newlines = append(newlines, i)
		}
	}
	// The line of the byte before offset: a token's last byte, so the line it is on.
	lineAt := func(offset int64) int {
		n, _ := slices.BinarySearch(newlines, int(offset)-1)
		return n + 1
	}
	lines := map[string]int{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var value func(ptr string, line int) error
	value = func(ptr string, line int) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if line == 0 {
			line = lineAt(dec.InputOffset())
		}
		lines[ptr] = line
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				key, err := dec.Token()
				if err != nil {
					return err
				}
				k, _ := key.(string)
				if err := value(ptr+"/"+escapePointer(k), lineAt(dec.InputOffset())); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if err := value(ptr+"/"+strconv.Itoa(i), 0); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		}
		return err
	}
	_ = value("", 1)
	return lines
}

// Pointer is the JSON pointer (RFC 6901) of the value at the given keys from the root.
func Pointer(keys ...string) string {
	p := ""
	for _, k := range keys {
		p += "/" + escapePointer(k)
	}
	return p
}

// PointerKeys is Pointer's inverse: the keys (array indexes as decimal text) of a JSON
// pointer, unescaped. ok is false when pointer is neither empty (the root, no keys) nor
// starts with "/".
func PointerKeys(pointer string) (keys []string, ok bool) {
	if pointer == "" {
		return nil, true
	}
	if !strings.HasPrefix(pointer, "/") {
		return nil, false
	}
	keys = strings.Split(pointer[1:], "/")
	for i, k := range keys {
		// "~1" first: "~01" is the key "~1", not "/".
		keys[i] = strings.ReplaceAll(strings.ReplaceAll(k, "~1", "/"), "~0", "~")
	}
	return keys, true
}
