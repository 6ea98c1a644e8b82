// Package testkit holds the helpers that tests of several packages share: a test CA that
// issues server certificates, loopback listeners (on one port over several addresses,
// closed, stalled, serving TLS or garbage), the search for planted secrets, and the
// DataMiner version tables that the Go and Rego version parsers are both checked against.
// Only _test.go files import it; everything it starts stays on loopback and ends with the test.
package testkit

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Key makes a P-256 key.
func Key(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// CA is a test certificate authority.
type CA struct {
	Cert  *x509.Certificate
	Key   *ecdsa.PrivateKey
	Roots *x509.CertPool // holds Cert alone
	now   time.Time
}

// NewCA makes a CA named cn, valid from a year before now to five years after; the
// certificates it issues are valid from a month before now to a year after.
func NewCA(t testing.TB, cn string, now time.Time) *CA {
	t.Helper()
	key := Key(t)
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"dmaprep test"}},
		NotBefore:             now.AddDate(-1, 0, 0),
		NotAfter:              now.AddDate(5, 0, 0),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	return &CA{Cert: cert, Key: key, Roots: roots, now: now}
}

// Issue makes a server certificate for cn with the given DNS and IP SANs.
func (ca *CA) Issue(t testing.TB, serial int64, cn string, dnsNames []string, ips ...string) tls.Certificate {
	t.Helper()
	key := Key(t)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial),
		Subject:      pkix.Name{CommonName: cn, Organization: []string{"dmaprep test"}},
		NotBefore:    ca.now.AddDate(0, -1, 0),
		NotAfter:     ca.now.AddDate(1, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     dnsNames,
	}
	for _, ip := range ips {
		tmpl.IPAddresses = append(tmpl.IPAddresses, net.ParseIP(ip))
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, &key.PublicKey, ca.Key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}
}

// WriteCertFile writes cert as PEM to a file in a temporary directory of the test (a
// --ca-file) and returns its path.
func WriteCertFile(t testing.TB, cert *x509.Certificate) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// ListenSamePort listens on one port number on every host (a pair gather probes one
// --https-port on both agents) and closes the listeners when the test ends. It skips the
// test, saying why, when the first host is not local here.
func ListenSamePort(t testing.TB, hosts ...string) []net.Listener {
	t.Helper()
	for range 20 {
		first, err := net.Listen("tcp", net.JoinHostPort(hosts[0], "0"))
		if err != nil {
			t.Skipf("cannot listen on %s (is 127.0.0.0/8 not all local here?): %v", hosts[0], err)
		}
		port := strconv.Itoa(PortOf(first))
		lns := []net.Listener{first}
		for _, h := range hosts[1:] {
			ln, err := net.Listen("tcp", net.JoinHostPort(h, port))
			if err != nil {
				break
			}
			lns = append(lns, ln)
		}
		if len(lns) == len(hosts) {
			for _, ln := range lns {
				t.Cleanup(func() { ln.Close() })
			}
			return lns
		}
		for _, ln := range lns {
			ln.Close()
		}
	}
	t.Fatalf("no port free on all of %v", hosts)
	return nil
}

// PortOf is the TCP port ln listens on.
func PortOf(ln net.Listener) int { return ln.Addr().(*net.TCPAddr).Port }

// ClosedPort is a port number on which nothing listens at any of hosts.
func ClosedPort(t testing.TB, hosts ...string) int {
	t.Helper()
	lns := ListenSamePort(t, hosts...)
	for _, ln := range lns {
		ln.Close()
	}
	return PortOf(lns[0])
}

// Serve accepts connections on ln and hands each to handle, until the test ends; the
// connections still open then are closed.
func Serve(t testing.TB, ln net.Listener, handle func(net.Conn)) {
	t.Helper()
	var mu sync.Mutex
	var conns []net.Conn
	done := make(chan struct{})
	t.Cleanup(func() {
		ln.Close()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	go func() {
		defer close(done)
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, conn)
			mu.Unlock()
			go handle(conn)
		}
	}()
}

// ServeTLS completes a TLS handshake with each connection, serving cert.
func ServeTLS(t testing.TB, ln net.Listener, cert tls.Certificate) {
	t.Helper()
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}}
	Serve(t, ln, func(conn net.Conn) {
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(5 * time.Second))
		tls.Server(conn, cfg).Handshake()
	})
}

// ServeGarbage answers every connection with something that is not TLS.
func ServeGarbage(t testing.TB, ln net.Listener) {
	t.Helper()
	Serve(t, ln, func(conn net.Conn) {
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(5 * time.Second))
		io.WriteString(conn, "SSH-2.0-OpenSSH_9.6 this is not TLS\r\n")
		io.Copy(io.Discard, conn)
	})
}

// ServeStall accepts every connection and never says a word, as a hung agent would.
func ServeStall(t testing.TB, ln net.Listener) {
	t.Helper()
	Serve(t, ln, func(net.Conn) {})
}

// StalledListener is a loopback address (HOST:PORT) that accepts connections and never
// answers, until the test ends.
func StalledListener(t testing.TB) string {
	t.Helper()
	ln := ListenSamePort(t, "127.0.0.1")[0]
	ServeStall(t, ln)
	return ln.Addr().String()
}

// AssertNoSecrets fails the test when out holds any of secrets, showing where.
func AssertNoSecrets(t testing.TB, what, out string, secrets ...string) {
	t.Helper()
	for _, secret := range secrets {
		if i := strings.Index(out, secret); i >= 0 {
			lo, hi := max(0, i-80), min(len(out), i+len(secret)+80)
			t.Errorf("%s holds the secret %q: …%s…", what, secret, out[lo:hi])
			return
		}
	}
}

// Concurrently runs f(0), ..., f(n-1) at once and returns when all have. Calls that mostly
// wait out time limits then take the longest limit, not the sum, however few parallel
// tests -parallel lets run at a time; the caller checks their results afterwards (in
// subtests, which may fail and stop as usual).
func Concurrently(n int, f func(i int)) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { f(i) })
	}
	wg.Wait()
}
