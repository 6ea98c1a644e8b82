package host

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/dmaprep/dmaprep/facts"
)

func TestParseNodetoolVersion(t *testing.T) {
	tests := []struct {
		name, out, want, err string
	}{
		{name: "plain", out: "ReleaseVersion: 4.1.3\n", want: "4.1.3"},
		{name: "CRLF and JVM warnings", out: "WARNING: An illegal reflective access operation has occurred\r\n" +
			"ReleaseVersion: 3.11.10\r\n", want: "3.11.10"},
		{name: "spacing", out: "  ReleaseVersion :   4.0.11  \n", want: "4.0.11"},
		{name: "suffix kept", out: "ReleaseVersion: 4.1-beta1\n", want: "4.1-beta1"},
		{name: "connection error", out: "nodetool: Failed to connect to '127.0.0.1:7199' - ConnectException: 'Connection refused'.\n",
			err: `nodetool version printed no ReleaseVersion line (first line: "nodetool: Failed to connect to '127.0.0.1:7199' - ConnectException: 'Connection refused'.")`},
		{name: "nothing", out: " \n", err: "nodetool version printed nothing"},
		{name: "long first line cut", out: strings.Repeat("x", 300), err: `(first line: "` + strings.Repeat("x", 200) + `...")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseNodetoolVersion([]byte(tt.out))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one containing %s", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseNodetoolVersion = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func fingerprint(s string) *string {
	sum := sha256.Sum256([]byte(s))
	fp := "sha256:" + hex.EncodeToString(sum[:])
	return &fp
}

func TestObserveSTaaS(t *testing.T) {
	const persisted = "DataMiner CloudGateway/Data/CcaGatewayPersisted/"
	const nodeID = "DxMs Shared/Data/NodeId.txt"
	// Files whose content must never reach the facts; the token files' content only as a
	// fingerprint.
	secret := &fstest.MapFile{Data: []byte("secret configuration, never read")}
	accessToken := &fstest.MapFile{Data: []byte("PLANTED-access-token-51ab")}
	expiration := &fstest.MapFile{Data: []byte("2026-12-01T00:00:00Z")}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want facts.STaaS
		err  string
	}{
		{
			name: "copied from the primary, tokens left behind",
			fsys: fstest.MapFS{
				persisted + "DmsAccessToken.data":            accessToken,
				persisted + "DmsRefreshTokenExpiration.data": expiration,
				persisted + "CcaGatewayConfig.json":          secret,
				persisted + "DmsTokens.data/inner":           secret, // a folder, not a token file
				nodeID:                                       {Data: []byte("\xef\xbb\xbf 0b7c1e2a-node \r\n")},
			},
			want: facts.STaaS{Source: "host", CCAGatewayPersistedPresent: ptr(true),
				TokenFiles:        []string{"DmsAccessToken.data", "DmsRefreshTokenExpiration.data"},
				NodeIDFingerprint: fingerprint("0b7c1e2a-node"),
				TokenFingerprints: map[string]string{
					"DmsAccessToken.data":            *fingerprint("PLANTED-access-token-51ab"),
					"DmsRefreshTokenExpiration.data": *fingerprint("2026-12-01T00:00:00Z"),
				}},
		},
		{
			name: "prepared backup",
			fsys: fstest.MapFS{persisted + "CcaGatewayConfig.json": secret},
			want: facts.STaaS{Source: "host", CCAGatewayPersistedPresent: ptr(true), TokenFiles: []string{}, TokenFingerprints: map[string]string{}},
		},
		{
			name: "nothing there",
			fsys: fstest.MapFS{},
			want: facts.STaaS{Source: "host", CCAGatewayPersistedPresent: ptr(false), TokenFiles: []string{}},
		},
		{
			name: "unreadable",
			fsys: fstest.MapFS{
				"DataMiner CloudGateway/Data/CcaGatewayPersisted": {Data: []byte("a file")},
				nodeID: {Data: make([]byte, maxNodeIDSize+1)},
			},
			want: facts.STaaS{Source: "host"},
			err: "cca_gateway_persisted_present: readdir DataMiner CloudGateway/Data/CcaGatewayPersisted: not implemented; " +
				"node_id_fingerprint: DxMs Shared/Data/NodeId.txt: larger than 64 KiB, not a node ID",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ObserveSTaaS(tt.fsys)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ObserveSTaaS (-want +got):\n%s", diff)
			}
			if msg := errString(err); msg != tt.err {
				t.Errorf("error %q, want %q", msg, tt.err)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
