package facts

import (
	"os"
	"testing"
)

// BenchmarkDecodeAndValidate is what every fact document costs before the policies run.
func BenchmarkDecodeAndValidate(b *testing.B) {
	data, err := os.ReadFile("../testdata/facts/valid/ready-vip.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		doc, err := DecodeBytes(data, "ready-vip.json")
		if err != nil {
			b.Fatal(err)
		}
		if v, err := Validate(doc); err != nil || len(v) > 0 {
			b.Fatal(err, v)
		}
	}
}
