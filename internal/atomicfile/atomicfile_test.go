package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplacesWholeFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	if err := os.WriteFile(path, []byte("old content, longer than the new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "new" {
		t.Errorf("content %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestWriteFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	// The target is a directory, so the final rename fails after the data was written.
	target := filepath.Join(dir, "taken")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(target, []byte("data"), 0o644); err == nil {
		t.Fatal("Write over a non-empty directory succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary file left after a failed write: %v", entries)
	}
	if err := Write(filepath.Join(dir, "no", "such", "dir", "f"), []byte("x"), 0o644); err == nil {
		t.Error("Write into a missing directory succeeded")
	}
}

func TestAbortAndRemoveTemporaries(t *testing.T) {
	dir := t.TempDir()
	a, err := Create(filepath.Join(dir, "a.json"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Create(filepath.Join(dir, "b.json"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	a.Write([]byte("a"))
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("want two temporaries, have %v", entries)
	}
	a.Abort()
	onlyEntry(t, dir, filepath.Base(b.tmp))
	RemoveTemporaries()
	onlyEntry(t, dir)
	b.Abort() // after the signal handler: nothing left to do, no panic
}

func onlyEntry(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}
