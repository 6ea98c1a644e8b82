//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestModes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes")
	}
	dir := t.TempDir()
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	fresh := filepath.Join(dir, "new.json")
	if err := Write(fresh, []byte("x"), 0o666); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(fresh); info.Mode().Perm() != 0o640 {
		t.Errorf("new file mode %v, want 0640 (0666 under umask 027)", info.Mode().Perm())
	}
	existing := filepath.Join(dir, "kept.json")
	os.WriteFile(existing, []byte("old"), 0o600)
	os.Chmod(existing, 0o604)
	if err := Write(existing, []byte("new"), 0o666); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(existing); info.Mode().Perm() != 0o604 {
		t.Errorf("replaced file mode %v, want its old 0604", info.Mode().Perm())
	}
}

// A FIFO target is written in place (with a reader) or refused at once (without one).
func TestFIFOTarget(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs on Windows")
	}
	fifo := filepath.Join(t.TempDir(), "out.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := Write(fifo, []byte("x"), 0o644); err == nil || !strings.Contains(err.Error(), "no process reads this FIFO") || time.Since(start) > time.Second {
		t.Errorf("FIFO without a reader: %v", err)
	}
	r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := Write(fifo, []byte("report"), 0o644); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 16)
	n, _ := r.Read(buf)
	if string(buf[:n]) != "report" {
		t.Errorf("read %q from the FIFO", buf[:n])
	}
	if info, _ := os.Lstat(fifo); info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", info.Mode())
	}
}

// A character device is written in place, never renamed over. The device is made in the
// test's own directory (the null device's numbers), so nothing outside it is touched.
func TestDeviceTarget(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("mknod of the null device's numbers is Linux-specific")
	}
	if os.Geteuid() != 0 {
		t.Skip("making a device node needs root (CI runs this as root)")
	}
	dev := filepath.Join(t.TempDir(), "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skipf("mknod: %v (a container without the capability)", err)
	}
	if err := Write(dev, []byte("report"), 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(dev)
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("the device was replaced: %v %v", info.Mode(), err)
	}
	onlyEntry(t, filepath.Dir(dev), "null")
}
