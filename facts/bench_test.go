package facts

import (
	"os"
	"testing"

	"github.com/dmaprep/dmaprep/internal/testkit"
)

// BenchmarkDecodeAndValidate is what every fact document costs before the policies run,
// phase by phase: decoding (strict: encoding, syntax, duplicate keys) and validation
// against the schema.
func BenchmarkDecodeAndValidate(b *testing.B) {
	data, err := os.ReadFile("../testdata/facts/valid/ready-vip.json")
	if err != nil {
		b.Fatal(err)
	}
	doc, err := DecodeBytes(data, "ready-vip.json")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("decode", func(b *testing.B) {
		testkit.Loop(b, func() {
			if _, err := DecodeBytes(data, "ready-vip.json"); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("validate", func(b *testing.B) {
		testkit.Loop(b, func() {
			if v, err := Validate(doc); err != nil || len(v) > 0 {
				b.Fatal(err, v)
			}
		})
	})
}
