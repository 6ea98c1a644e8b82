package source_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/dmaprep/dmaprep/gatherer/source"
	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	t.Parallel()
	type kind struct{ URL, PlainHTTP, Zero bool }
	tests := []struct {
		in   string
		want kind
	}{
		{"https://dma.example.net", kind{URL: true}},
		{"HTTPS://dma.example.net", kind{URL: true}},
		{"Http://10.11.5.52:8080/", kind{URL: true, PlainHTTP: true}},
		{"http://10.11.5.52", kind{URL: true, PlainHTTP: true}},
		{"  https://dma.example.net", kind{URL: true}},
		{"https:/dma", kind{}},
		{"ftp://dma.example.net", kind{}},
		{`C:\Skyline DataMiner`, kind{}},
		{"copies/site-a/main", kind{}},
		{"https", kind{}},
		{"", kind{Zero: true}},
	}
	for _, tt := range tests {
		s := source.Parse(tt.in)
		got := kind{URL: s.IsURL(), PlainHTTP: s.PlainHTTP(), Zero: s.IsZero()}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Parse(%q) (-want +got):\n%s", tt.in, diff)
		}
		if s.String() != tt.in {
			t.Errorf("Parse(%q).String() = %q, want it as given", tt.in, s.String())
		}
	}
}

func TestRelativeTo(t *testing.T) {
	t.Parallel()
	abs, err := filepath.Abs("folder")
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"main":                filepath.Join("inv", "main"),
		"HTTPS://dma.example": "HTTPS://dma.example",
		abs:                   abs,
		"":                    "",
	} {
		if got := source.Parse(in).RelativeTo("inv").String(); got != want {
			t.Errorf("Parse(%q).RelativeTo(inv) = %q, want %q", in, got, want)
		}
	}
}

func TestText(t *testing.T) {
	t.Parallel()
	var got struct{ Primary, Backup source.Source }
	if err := json.Unmarshal([]byte(`{"Primary": "http://a", "Backup": "b"}`), &got); err != nil {
		t.Fatal(err)
	}
	if !got.Primary.PlainHTTP() || got.Backup.IsURL() || got.Backup.String() != "b" {
		t.Errorf("decoded %+v", got)
	}
	raw, err := json.Marshal(got)
	if err != nil || string(raw) != `{"Primary":"http://a","Backup":"b"}` {
		t.Errorf("encoded %s, %v", raw, err)
	}
}

func TestKind(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "backup.json")
	if err := os.WriteFile(file, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]source.Kind{
		"HTTP://dma.example": source.API,
		dir:                  source.Folder,
		file:                 source.FactFile,
	} {
		if got, err := source.Parse(in).Kind(); err != nil || got != want {
			t.Errorf("Parse(%q).Kind() = %v, %v; want %v", in, got, err, want)
		}
	}
	missing := filepath.Join(dir, "missing")
	if _, err := source.Parse(missing).Kind(); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Parse(%q).Kind(): error %v, want that it does not exist", missing, err)
	}
}
