package spill

import (
	"io"
	"os"
	"runtime"
	"testing"
)

func TestScratchFileLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("part one, part two"); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if unlinkOpen && len(entries) != 0 {
		t.Errorf("on %s an open scratch file should have no name; %s holds %v", runtime.GOOS, dir, entries)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(f)
	if err != nil || string(got) != "part one, part two" {
		t.Errorf("read back %q, %v", got, err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("closed scratch file left behind: %v", entries)
	}
}

func TestRemoveAll(t *testing.T) {
	dir := t.TempDir()
	for range 3 {
		if _, err := Create(dir); err != nil {
			t.Fatal(err)
		}
	}
	RemoveAll()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("RemoveAll left %v", entries)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(open) != 0 {
		t.Errorf("%d scratch files still tracked", len(open))
	}
}

func TestCreateInMissingDirectory(t *testing.T) {
	if _, err := Create(t.TempDir() + "/no/such/dir"); err == nil {
		t.Error("Create in a missing directory succeeded")
	}
}
