package host

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/dmaprep/dmaprep/facts"
)

// Where a DataMiner Agent's Windows host keeps what `gather agent` observes beyond the
// DataMiner folder (dataminer-failover.md §3.5).
const (
	// NodetoolPath is Cassandra's nodetool on an agent with a local Cassandra; `nodetool
	// version` prints the ReleaseVersion the preparation page asks to compare.
	NodetoolPath = `C:\Program Files\Cassandra\bin\nodetool.bat`
	// NodetoolTimeout bounds one nodetool run: it starts a JVM and asks the node over JMX.
	NodetoolTimeout = 30 * time.Second
	// SkylineProgramData holds the DxMs' data: the CloudGateway's CcaGatewayPersisted
	// folder and DxMs Shared\Data\NodeId.txt, which the STaaS procedure handles.
	SkylineProgramData = `C:\ProgramData\Skyline Communications`
)

// Paths inside SkylineProgramData, as fs.FS paths.
const (
	ccaGatewayPersistedDir = "DataMiner CloudGateway/Data/CcaGatewayPersisted"
	nodeIDFile             = "DxMs Shared/Data/NodeId.txt"
)

// maxNodeIDSize bounds what is read of NodeId.txt, which holds one identifier.
const maxNodeIDSize = 64 << 10

var releaseVersionRE = regexp.MustCompile(`^\s*ReleaseVersion\s*:\s*(\S+)\s*$`)

// ParseNodetoolVersion returns the version of the `ReleaseVersion: 4.1.3` line that
// `nodetool version` prints. Anything else nodetool says (JVM warnings, a connection
// error) is ignored, or quoted in the error when no such line is there.
func ParseNodetoolVersion(out []byte) (string, error) {
	scan := bufio.NewScanner(bytes.NewReader(out))
	var first string
	for scan.Scan() {
		line := scan.Text()
		if m := releaseVersionRE.FindStringSubmatch(line); m != nil {
			return m[1], nil
		}
		if first == "" {
			first = strings.TrimSpace(line)
		}
	}
	if first == "" {
		return "", errors.New("nodetool version printed nothing")
	}
	if len(first) > 200 {
		first = first[:200] + "..."
	}
	return "", fmt.Errorf("nodetool version printed no ReleaseVersion line (first line: %q)", first)
}

// ObserveSTaaS reads the STaaS preparation from fsys, the host's
// C:\ProgramData\Skyline Communications folder: whether CcaGatewayPersisted exists, the
// names of the Dms*Token*.data files in it and a fingerprint of each (never their
// contents: a token cannot be recovered from its sha256), and a fingerprint of
// DxMs Shared\Data\NodeId.txt that tells a copy of another agent's file without showing
// it. CloudGatewayInstalled is left nil: the caller knows how to tell. What could not be
// read stays nil, and the error names the field.
func ObserveSTaaS(fsys fs.FS) (facts.STaaS, error) {
	s := facts.STaaS{Source: facts.ObservedOnHost}
	errs := map[string]error{}

	entries, err := fs.ReadDir(fsys, ccaGatewayPersistedDir)
	switch {
	case err == nil:
		present := true
		s.CCAGatewayPersistedPresent = &present
		s.TokenFiles = tokenFiles(entries)
		s.TokenFingerprints = map[string]string{}
		for _, name := range s.TokenFiles {
			fp, err := fingerprintFile(fsys, path.Join(ccaGatewayPersistedDir, name))
			if err != nil {
				errs["token_fingerprints"] = err
				s.TokenFingerprints = nil
				break
			}
			s.TokenFingerprints[name] = *fp
		}
	case errors.Is(err, fs.ErrNotExist):
		present := false
		s.CCAGatewayPersistedPresent = &present
		s.TokenFiles = []string{} // no folder, so no token file in it
	default:
		errs["cca_gateway_persisted_present"] = err
	}

	fp, err := fingerprintFile(fsys, nodeIDFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs["node_id_fingerprint"] = err
	}
	s.NodeIDFingerprint = fp
	return s, fieldErrors(errs)
}

// tokenFiles are the names of the Dms*Token*.data files among entries, sorted.
func tokenFiles(entries []fs.DirEntry) []string {
	names := []string{}
	for _, e := range entries {
		lower := strings.ToLower(e.Name())
		if !e.IsDir() && strings.HasPrefix(lower, "dms") && strings.Contains(lower[3:], "token") &&
			strings.HasSuffix(lower, ".data") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// fingerprintFile is "sha256:<hex>" of a small text file's content, with a byte-order mark
// and surrounding white space left out so that an editor's re-save keeps it equal.
func fingerprintFile(fsys fs.FS, name string) (*string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxNodeIDSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxNodeIDSize {
		return nil, fmt.Errorf("%s: larger than %d KiB, not a node ID", name, maxNodeIDSize>>10)
	}
	data = bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	sum := sha256.Sum256(data)
	fp := "sha256:" + hex.EncodeToString(sum[:])
	return &fp, nil
}

// fieldErrors joins errors per fact field into one error, "field: error; ...", sorted by
// field; nil when there is none.
func fieldErrors(errs map[string]error) error {
	var parts []string
	for field, err := range errs {
		if err != nil {
			parts = append(parts, field+": "+err.Error())
		}
	}
	if len(parts) == 0 {
		return nil
	}
	sort.Strings(parts)
	return errors.New(strings.Join(parts, "; "))
}
