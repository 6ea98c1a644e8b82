package testkit

import (
	"encoding/binary"
	"unicode/utf16"
)

// UTF16 is s encoded as UTF-16 in the given byte order, after a byte order mark when bom
// is set: how Windows tools save the text files that the folder reader must take.
func UTF16(s string, order binary.AppendByteOrder, bom bool) []byte {
	var out []byte
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	for _, u := range units {
		out = order.AppendUint16(out, u)
	}
	return out
}
