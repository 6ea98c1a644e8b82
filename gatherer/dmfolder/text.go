package dmfolder

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// decodeText returns a file's text as UTF-8, whichever Unicode encoding it was saved in:
// UTF-8 with or without a byte order mark, or UTF-16 little or big endian (with a byte
// order mark, or recognised by the zero bytes of an ASCII first character, as Notepad and
// PowerShell write it). transcoded says whether the bytes were UTF-16, so that an XML
// declaration of encoding="utf-16" can be taken as already dealt with.
func decodeText(data []byte) (text []byte, transcoded bool, err error) {
	var order unicode.Endianness
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], false, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		order = unicode.LittleEndian
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		order = unicode.BigEndian
	case len(data) >= 2 && data[0] != 0 && data[0] < utf8.RuneSelf && data[1] == 0:
		order = unicode.LittleEndian
	case len(data) >= 2 && data[0] == 0 && data[1] != 0 && data[1] < utf8.RuneSelf:
		order = unicode.BigEndian
	default:
		return data, false, nil
	}
	// UseBOM: a byte order mark, when there is one, decides and is dropped.
	text, err = unicode.UTF16(order, unicode.UseBOM).NewDecoder().Bytes(data)
	if err != nil {
		return nil, false, fmt.Errorf("not valid UTF-16: %w", err)
	}
	return text, true, nil
}

// charsetReader serves encoding/xml when an XML declaration names an encoding other than
// UTF-8. Text that decodeText transcoded from UTF-16 is UTF-8 by now, whatever the
// declaration says; the single-byte Western encodings that Windows tools write are
// decoded; anything else is reported.
func charsetReader(transcoded bool) func(string, io.Reader) (io.Reader, error) {
	return func(charset string, input io.Reader) (io.Reader, error) {
		name := strings.ToLower(strings.TrimSpace(charset))
		switch {
		case transcoded, strings.HasPrefix(name, "utf-16"), strings.HasPrefix(name, "utf16"),
			name == "unicode", name == "ucs-2", name == "us-ascii", name == "ascii", name == "utf8":
			// UTF-16 named but UTF-8 found: the file was re-saved without its
			// declaration being updated, which Windows tools do.
			return input, nil
		case name == "iso-8859-1", name == "iso8859-1", name == "latin1", name == "l1", name == "iso_8859-1":
			return charmap.ISO8859_1.NewDecoder().Reader(input), nil
		case name == "windows-1252", name == "cp1252":
			return charmap.Windows1252.NewDecoder().Reader(input), nil
		}
		return nil, fmt.Errorf("unsupported encoding %q", charset)
	}
}
