package host

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/dmaprep/dmaprep/facts"
)

// cloudGatewayService is the CloudGateway DxM's Windows service, as the docs name it.
const cloudGatewayService = "DataMiner CloudGateway"

// Software observes the software on this host that a Failover pair depends on: the
// services, Npcap, WinPcap and ARR of ObserveWindows, and the release version of a local
// Cassandra (from `nodetool version`, when the cassandra service exists). The error names
// each field that stayed nil and why.
func Software() (*facts.HostSoftware, error) {
	w := ObserveWindows()
	hs := &facts.HostSoftware{
		Source:   facts.ObservedOnHost,
		Npcap:    w.Npcap,
		WinPcap:  w.WinPcap,
		IISARR:   w.IISARR,
		Services: w.Services,
	}
	errs := map[string]error{}
	for field, msg := range w.Errors {
		errs[field] = errors.New(msg)
	}
	switch state, known := w.Services["cassandra"]; {
	case !known:
		errs["cassandra_release_version"] = errors.New("the cassandra service state is unknown")
	case state != ServiceAbsent:
		ctx, cancel := context.WithTimeout(context.Background(), NodetoolTimeout)
		defer cancel()
		v, err := cassandraReleaseVersion(ctx)
		hs.CassandraReleaseVersion = v
		if err != nil {
			errs["cassandra_release_version"] = err
		}
	}
	return hs, fieldErrors(errs)
}

// cassandraReleaseVersion runs `nodetool version`, which asks the running node: a stopped
// Cassandra gives an error, not a version.
func cassandraReleaseVersion(ctx context.Context) (*string, error) {
	cmd := exec.CommandContext(ctx, NodetoolPath, "version")
	// nodetool.bat starts java: when the deadline kills cmd.exe, do not wait on the
	// output pipes java may still hold.
	cmd.WaitDelay = 2 * time.Second
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("%s version: no answer within %s", NodetoolPath, NodetoolTimeout)
	}
	v, perr := ParseNodetoolVersion(out)
	if perr == nil {
		return &v, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s version: %w (%s)", NodetoolPath, err, firstLine(out))
	}
	return nil, perr
}

func firstLine(out []byte) string {
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	if len(line) > 200 {
		line = line[:200] + "..."
	}
	return strings.TrimSpace(line)
}

// STaaS observes the STaaS preparation under C:\ProgramData\Skyline Communications (see
// ObserveSTaaS) and whether the CloudGateway DxM is installed: its service, or its
// program folder.
func STaaS() (*facts.STaaS, error) {
	root := SkylineProgramData
	if pd := os.Getenv("ProgramData"); pd != "" {
		root = filepath.Join(pd, "Skyline Communications")
	}
	s, err := ObserveSTaaS(os.DirFS(root))
	installed, gwErr := cloudGatewayInstalled()
	s.CloudGatewayInstalled = installed
	if gwErr != nil {
		err = errors.Join(err, fmt.Errorf("cloudgateway_installed: %w", gwErr))
	}
	return &s, err
}

// cloudGatewayInstalled: the DataMiner CloudGateway service exists, or the DxM's folder
// under Program Files does.
func cloudGatewayInstalled() (*bool, error) {
	states, svcErr := services([]string{cloudGatewayService})
	if s, ok := states[cloudGatewayService]; ok && s != ServiceAbsent {
		return ptrBool(true), nil
	}
	programFiles := os.Getenv("ProgramFiles")
	if programFiles == "" {
		programFiles = `C:\Program Files`
	}
	_, statErr := os.Stat(filepath.Join(programFiles, "Skyline Communications", "DataMiner CloudGateway"))
	switch {
	case statErr == nil:
		return ptrBool(true), nil
	case svcErr == nil && errors.Is(statErr, os.ErrNotExist):
		return ptrBool(false), nil
	case svcErr != nil:
		return nil, svcErr
	}
	return nil, statErr
}
