package gatherer

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/dmaprep/dmaprep/gatherer/source"
)

// BenchmarkGatherFolders is a pair gather from the folder fixtures without the network:
// both folders read (at the same time), the facts assembled. Expected: about a millisecond.
func BenchmarkGatherFolders(b *testing.B) {
	opts := Options{
		Primary:     source.Parse(filepath.Join(agentsDir, "primary")),
		Backup:      source.Parse(filepath.Join(agentsDir, "backup")),
		VirtualIPs:  addrs(testVIP),
		PrimaryIPs:  addrs(primaryIP),
		BackupIPs:   addrs(backupIP),
		SkipNetwork: true,
		Timeout:     10 * time.Second,
		Now:         fixedNow,
	}
	b.ReportAllocs()
	for b.Loop() {
		f, err := Pair(b.Context(), opts)
		if err != nil {
			b.Fatal(err)
		}
		if f.Agents.Primary.DataMinerID == nil || f.Agents.Backup.DataMinerID == nil {
			b.Fatal("the folders gave no DataMiner ID")
		}
	}
}

// BenchmarkReadFolder is one folder read, the part of BenchmarkGatherFolders that grows
// with the folder.
func BenchmarkReadFolder(b *testing.B) {
	dir := filepath.Join(agentsDir, "primary")
	b.ReportAllocs()
	for b.Loop() {
		if a := LocalAgent(dir, false); a.DataMinerID == nil {
			b.Fatal("no DataMiner ID")
		}
	}
}
