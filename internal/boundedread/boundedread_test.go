package boundedread

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestFileLimits(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	os.WriteFile(small, []byte("0123456789"), 0o600)
	if got, err := File(context.Background(), small, 10); err != nil || string(got) != "0123456789" {
		t.Errorf("at the limit: %q, %v", got, err)
	}
	_, err := File(context.Background(), small, 9)
	var tl *TooLargeError
	if !errors.As(err, &tl) || !strings.Contains(err.Error(), small+": larger than the limit of 9 bytes") {
		t.Errorf("past the limit: %v", err)
	}
	if _, err := File(context.Background(), dir, 10); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
}

// /dev/zero is only read: it is a character device that never ends, so the limit stops it.
func TestFileDeviceIsBounded(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /dev/zero, a Linux device")
	}
	_, err := File(context.Background(), "/dev/zero", 1<<20)
	var tl *TooLargeError
	if !errors.As(err, &tl) {
		t.Errorf("/dev/zero: %v, want the limit", err)
	}
}

func mkfifo(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs in the Windows file system")
	}
	p := filepath.Join(t.TempDir(), "fifo")
	if err := makeFIFO(p); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	return p
}

func TestFileFIFO(t *testing.T) {
	t.Run("no writer reads as empty, at once", func(t *testing.T) {
		p := mkfifo(t)
		start := time.Now()
		data, err := File(context.Background(), p, 100)
		if err != nil || len(data) != 0 || time.Since(start) > 2*time.Second {
			t.Errorf("%q, %v after %v", data, err, time.Since(start))
		}
	})
	t.Run("a stalled writer meets the deadline", func(t *testing.T) {
		p := mkfifo(t)
		w, err := os.OpenFile(p, os.O_RDWR, 0) // holds the FIFO open without writing
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		w.WriteString("partial")
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err = File(ctx, p, 100)
		if err == nil || !strings.Contains(err.Error(), "no end of input within") || time.Since(start) > 3*time.Second {
			t.Errorf("%v after %v", err, time.Since(start))
		}
	})
}

func TestFSRefusesSpecialFilesAndEscapes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("FIFOs and symbolic links need Unix here")
	}
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(outside, []byte("SECRET"), 0o600)
	os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("fine"), 0o600)
	os.Symlink(outside, filepath.Join(dir, "leak.txt"))
	os.Symlink("ok.txt", filepath.Join(dir, "inside.txt"))
	if err := makeFIFO(filepath.Join(dir, "fifo.txt")); err != nil {
		t.Fatal(err)
	}
	fsys, err := DirFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := FS(fsys, "inside.txt", 100); err != nil || string(got) != "fine" {
		t.Errorf("link inside the folder: %q %v", got, err)
	}
	if got, err := FS(fsys, "leak.txt", 100); err == nil || strings.Contains(string(got), "SECRET") || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("link out of the folder: %q %v", got, err)
	}
	start := time.Now()
	var nr *NotRegularError
	if _, err := FS(fsys, "fifo.txt", 100); !errors.As(err, &nr) || !strings.Contains(err.Error(), "FIFO") || time.Since(start) > time.Second {
		t.Errorf("FIFO: %v", err)
	}
	if _, err := FS(fsys, "ok.txt", 3); err == nil || !strings.Contains(err.Error(), "larger than the limit of 3 bytes") {
		t.Errorf("limit: %v", err)
	}
}
