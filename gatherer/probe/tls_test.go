package probe

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/internal/testkit"
)

// testNow is the "now" the chains are verified at; the certificates' validity is set
// around it, so the tests do not depend on the clock.
var testNow = time.Date(2030, 6, 1, 0, 0, 0, 0, time.UTC)

type testCert struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
}

// issue makes a certificate from tmpl, signed by parent (self-signed when parent is nil).
func issue(t testing.TB, tmpl *x509.Certificate, parent *testCert) *testCert {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, signerCert := key, tmpl
	if parent != nil {
		signer, signerCert = parent.key, parent.cert
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signerCert, &key.PublicKey, signer)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &testCert{cert: cert, key: key}
}

func caTemplate(serial int64, cn string) *x509.Certificate {
	return &x509.Certificate{
		SerialNumber:          big.NewInt(serial),
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"dmaprep test"}},
		NotBefore:             time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:              time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
}

func leafTemplate(serial int64, cn string, notBefore, notAfter time.Time, dnsNames []string, ips ...string) *x509.Certificate {
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(serial),
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"dmaprep test"}},
		NotBefore:             notBefore,
		NotAfter:              notAfter,
		DNSNames:              dnsNames,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, ip := range ips {
		tmpl.IPAddresses = append(tmpl.IPAddresses, net.ParseIP(ip))
	}
	return tmpl
}

// serveTLS serves chain (leaf first) on host:0 and returns host:port; each connection gets
// a handshake and is closed.
func serveTLS(t testing.TB, host string, chain ...*testCert) string {
	t.Helper()
	ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		t.Skipf("cannot listen on %s (127.0.0.0/8 is not all local here?): %v", host, err)
	}
	t.Cleanup(func() { ln.Close() })
	cert := tls.Certificate{PrivateKey: chain[0].key, Leaf: chain[0].cert}
	for _, c := range chain {
		cert.Certificate = append(cert.Certificate, c.cert.Raw)
	}
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				conn.SetDeadline(time.Now().Add(5 * time.Second))
				tls.Server(conn, cfg).Handshake()
			}()
		}
	}()
	return ln.Addr().String()
}

// wantCert is the fact Certificate should record for c.
func wantCert(c *testCert, subject, issuer string, selfSigned bool) facts.Certificate {
	sum := sha256.Sum256(c.cert.Raw)
	ips := []string{}
	for _, ip := range c.cert.IPAddresses {
		ips = append(ips, ip.String())
	}
	return facts.Certificate{
		Subject:     subject,
		Issuer:      issuer,
		Serial:      c.cert.SerialNumber.Text(16),
		DNSNames:    append([]string{}, c.cert.DNSNames...),
		IPAddresses: ips,
		NotBefore:   c.cert.NotBefore.UTC().Format(time.RFC3339),
		NotAfter:    c.cert.NotAfter.UTC().Format(time.RFC3339),
		SelfSigned:  selfSigned,
		IsCA:        c.cert.IsCA,
		SHA256:      hex.EncodeToString(sum[:]),
	}
}

type testPKI struct {
	root, inter *testCert
	roots       *x509.CertPool
}

func newTestPKI(t testing.TB) *testPKI {
	root := issue(t, caTemplate(1, "dmaprep test root"), nil)
	inter := issue(t, caTemplate(2, "dmaprep test intermediate"), root)
	roots := x509.NewCertPool()
	roots.AddCert(root.cert)
	return &testPKI{root: root, inter: inter, roots: roots}
}

func TestCertificate(t *testing.T) {
	t.Parallel()
	pki := newTestPKI(t)
	valid := func(serial int64, cn string, dnsNames []string, ips ...string) *x509.Certificate {
		return leafTemplate(serial, cn, time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC), dnsNames, ips...)
	}
	good := issue(t, valid(0x1001, "dma.failover.test", []string{"dma.failover.test", "fo.failover.test"}, "127.0.0.2", "10.11.5.50"), pki.inter)
	noSAN := issue(t, valid(0x1002, "nosan.failover.test", nil), pki.inter)
	selfSigned := issue(t, valid(0x1003, "selfsigned.failover.test", []string{"selfsigned.failover.test"}, "127.0.0.4"), nil)
	expired := issue(t, leafTemplate(0x1004, "expired.failover.test", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), []string{"expired.failover.test"}), pki.inter)
	notYet := issue(t, leafTemplate(0x1005, "notyet.failover.test", time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2032, 1, 1, 0, 0, 0, 0, time.UTC), []string{"notyet.failover.test"}), pki.inter)

	const (
		interDN = "CN=dmaprep test intermediate,O=dmaprep test"
		rootDN  = "CN=dmaprep test root,O=dmaprep test"
	)
	interFact := wantCert(pki.inter, interDN, rootDN, false)
	goodChain := []facts.Certificate{wantCert(good, "CN=dma.failover.test,O=dmaprep test", interDN, false), interFact}

	goodAddr := serveTLS(t, "127.0.0.2", good, pki.inter)
	noSANAddr := serveTLS(t, "127.0.0.3", noSAN, pki.inter)
	selfAddr := serveTLS(t, "127.0.0.4", selfSigned)
	expiredAddr := serveTLS(t, "127.0.0.5", expired, pki.inter)
	notYetAddr := serveTLS(t, "127.0.0.6", notYet, pki.inter)
	closedAddr := closedPort(t)

	tests := []struct {
		name       string
		address    string
		serverName string
		roots      *x509.CertPool
		want       facts.TLSProbe
		// verifyErr is a substring of the expected verify_error; Go's wording may change.
		verifyErr string
	}{
		{name: "good chain, name in SAN", address: goodAddr, serverName: "dma.failover.test", roots: pki.roots,
			want: facts.TLSProbe{ServerName: ptr("dma.failover.test"), Chain: goodChain, Verified: ptr(true)}},
		{name: "good chain, second SAN", address: goodAddr, serverName: "fo.failover.test", roots: pki.roots,
			want: facts.TLSProbe{ServerName: ptr("fo.failover.test"), Chain: goodChain, Verified: ptr(true)}},
		{name: "IP address: no SNI, no hostname check", address: goodAddr, roots: pki.roots,
			want: facts.TLSProbe{Chain: goodChain, Verified: ptr(true)}},
		// The name is FO401's question, judged from the SANs: a trusted chain still verifies.
		{name: "name not in SAN: the chain still verifies", address: goodAddr, serverName: "other.failover.test", roots: pki.roots,
			want: facts.TLSProbe{ServerName: ptr("other.failover.test"), Chain: goodChain, Verified: ptr(true)}},
		{name: "CA not trusted", address: goodAddr, serverName: "dma.failover.test", roots: x509.NewCertPool(),
			want:      facts.TLSProbe{ServerName: ptr("dma.failover.test"), Chain: goodChain, Verified: ptr(false)},
			verifyErr: "unknown authority"},
		{name: "missing SAN, by name: the chain still verifies", address: noSANAddr, serverName: "nosan.failover.test", roots: pki.roots,
			want: facts.TLSProbe{ServerName: ptr("nosan.failover.test"), Verified: ptr(true), Chain: []facts.Certificate{
				wantCert(noSAN, "CN=nosan.failover.test,O=dmaprep test", interDN, false), interFact}}},
		{name: "missing SAN, by IP: chain verifies, coverage is the policies' call", address: noSANAddr, roots: pki.roots,
			want: facts.TLSProbe{Verified: ptr(true), Chain: []facts.Certificate{
				wantCert(noSAN, "CN=nosan.failover.test,O=dmaprep test", interDN, false), interFact}}},
		{name: "self-signed", address: selfAddr, serverName: "selfsigned.failover.test", roots: pki.roots,
			want: facts.TLSProbe{ServerName: ptr("selfsigned.failover.test"), Verified: ptr(false), Chain: []facts.Certificate{
				wantCert(selfSigned, "CN=selfsigned.failover.test,O=dmaprep test", "CN=selfsigned.failover.test,O=dmaprep test", true)}},
			verifyErr: "unknown authority"},
		{name: "expired", address: expiredAddr, serverName: "expired.failover.test", roots: pki.roots,
			want: facts.TLSProbe{ServerName: ptr("expired.failover.test"), Verified: ptr(false), Chain: []facts.Certificate{
				wantCert(expired, "CN=expired.failover.test,O=dmaprep test", interDN, false), interFact}},
			verifyErr: "is after 2021-01-01T00:00:00Z"},
		{name: "not yet valid", address: notYetAddr, serverName: "notyet.failover.test", roots: pki.roots,
			want: facts.TLSProbe{ServerName: ptr("notyet.failover.test"), Verified: ptr(false), Chain: []facts.Certificate{
				wantCert(notYet, "CN=notyet.failover.test,O=dmaprep test", interDN, false), interFact}},
			verifyErr: "is before 2031-01-01T00:00:00Z"},
		{name: "connection refused", address: closedAddr, serverName: "dma.failover.test", roots: pki.roots,
			want: facts.TLSProbe{ServerName: ptr("dma.failover.test"), Error: ptr("connect to " + closedAddr + ": connect: connection refused")}},
		{name: "not host:port", address: "127.0.0.2", roots: pki.roots,
			want: facts.TLSProbe{Error: ptr("address 127.0.0.2: missing port in address")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
			defer cancel()
			got := Certificate(ctx, tt.address, tt.serverName, tt.roots, testNow)
			tt.want.Address = tt.address
			if diff := cmp.Diff(&tt.want, got, cmpopts.IgnoreFields(facts.TLSProbe{}, "VerifyError")); diff != "" {
				t.Errorf("Certificate (-want +got):\n%s", diff)
			}
			switch {
			case tt.verifyErr == "" && got.VerifyError != nil:
				t.Errorf("verify_error = %q, want none", *got.VerifyError)
			case tt.verifyErr != "" && (got.VerifyError == nil || !strings.Contains(*got.VerifyError, tt.verifyErr)):
				t.Errorf("verify_error = %v, want it to contain %q", deref(got.VerifyError), tt.verifyErr)
			}
		})
	}
}

// TestCertificateStalledPeer: a peer that accepts but never speaks TLS makes Certificate
// give up at ctx's deadline with an error and no chain.
func TestCertificateStalledPeer(t *testing.T) {
	t.Parallel()
	addr := testkit.StalledListener(t)
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	got := Certificate(ctx, addr, "dma.failover.test", nil, testNow)
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("Certificate returned after %s, want about 300ms", el)
	}
	if got.Error == nil || !strings.Contains(*got.Error, "no handshake completed before the deadline") {
		t.Errorf("error = %v, want a handshake deadline error", deref(got.Error))
	}
	if got.Chain != nil || got.Verified != nil {
		t.Errorf("chain = %v, verified = %v; want both null", got.Chain, got.Verified)
	}
}

// TestCertificateSHA1SelfSigned: crypto/x509 refuses SHA-1 signatures, yet an old
// self-signed certificate must still be recognised as self-signed.
func TestCertificateSHA1SelfSigned(t *testing.T) {
	t.Parallel()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := leafTemplate(7, "old.failover.test", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC), []string{"old.failover.test"})
	tmpl.SignatureAlgorithm = x509.ECDSAWithSHA1
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Skipf("cannot create a SHA-1 certificate here: %v", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	if !selfSigned(cert) {
		t.Error("SHA-1 self-signed certificate not recognised as self-signed")
	}
	other := issue(t, caTemplate(8, "old.failover.test"), nil) // same name, other key
	cert.Signature = other.cert.Signature
	if selfSigned(cert) {
		t.Error("certificate with a foreign signature taken for self-signed")
	}
}

func TestLoadRoots(t *testing.T) {
	t.Parallel()
	pki := newTestPKI(t)
	dir := t.TempDir()
	caFile := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: pki.root.cert.Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	notPEM := filepath.Join(dir, "not.pem")
	if err := os.WriteFile(notPEM, []byte("not a certificate\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	pool, err := LoadRoots(caFile)
	if err != nil {
		t.Fatalf("LoadRoots(%s): %v", caFile, err)
	}
	if _, err := pki.inter.cert.Verify(x509.VerifyOptions{Roots: pool, CurrentTime: testNow}); err != nil {
		t.Errorf("certificate issued by the CA file's root does not verify against the pool: %v", err)
	}
	if pool, err := LoadRoots(""); err != nil || pool == nil {
		t.Errorf(`LoadRoots("") = %v, %v; want the system pool`, pool, err)
	}
	for _, tt := range []struct{ file, wantErr string }{
		{notPEM, "CA file " + notPEM + ": no PEM certificate in it"},
		{filepath.Join(dir, "missing.pem"), "CA file: open " + filepath.Join(dir, "missing.pem") + ": no such file or directory"},
	} {
		_, err := LoadRoots(tt.file)
		if err == nil || err.Error() != tt.wantErr {
			t.Errorf("LoadRoots(%s) error = %v, want %q", tt.file, err, tt.wantErr)
		}
		if tt.file != notPEM && !errors.Is(err, os.ErrNotExist) {
			t.Errorf("LoadRoots(%s) error does not wrap os.ErrNotExist", tt.file)
		}
	}
}

// closedPort is a loopback address:port with nothing listening.
func closedPort(t testing.TB) string {
	t.Helper()
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(testkit.ClosedPort(t, "127.0.0.1")))
}

func deref(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

// TestCertificateSNI: a name is sent as SNI, an IP address is not.
func TestCertificateSNI(t *testing.T) {
	t.Parallel()
	pki := newTestPKI(t)
	leaf := issue(t, leafTemplate(0x2001, "sni.failover.test", time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC), []string{"sni.failover.test"}), pki.inter)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	sni := make(chan string, 1)
	cfg := &tls.Config{GetCertificate: func(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
		sni <- hello.ServerName
		return &tls.Certificate{Certificate: [][]byte{leaf.cert.Raw, pki.inter.cert.Raw}, PrivateKey: leaf.key}, nil
	}}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			tls.Server(conn, cfg).Handshake()
			conn.Close()
		}
	}()
	for _, tt := range []struct{ serverName, wantSNI string }{
		{"sni.failover.test", "sni.failover.test"},
		// Clients send a host name in lower case, without the root's dot (a browser
		// canonicalises the URL's host); a server that picks its certificate by SNI may
		// compare names exactly.
		{"SNI.Failover.TEST.", "sni.failover.test"},
		{"127.0.0.1", ""},
		{"", ""},
	} {
		got := Certificate(t.Context(), ln.Addr().String(), tt.serverName, pki.roots, testNow)
		if got.Error != nil {
			t.Fatalf("Certificate(%q): %s", tt.serverName, *got.Error)
		}
		if s := <-sni; s != tt.wantSNI {
			t.Errorf("Certificate(%q) sent SNI %q, want %q", tt.serverName, s, tt.wantSNI)
		}
	}
}
