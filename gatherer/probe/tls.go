package probe

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"time"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/internal/boundedread"
)

// DefaultTLSTimeout bounds Certificate when ctx has no deadline.
const DefaultTLSTimeout = 10 * time.Second

// LoadRoots is the system root pool plus the PEM certificates of caFile ("" adds none).
func LoadRoots(caFile string) (*x509.CertPool, error) {
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if caFile == "" {
		return pool, nil
	}
	pem, err := boundedread.File(context.Background(), caFile, boundedread.CAFile)
	if err != nil {
		return nil, fmt.Errorf("CA file: %w", err)
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("CA file %s: no PEM certificate in it", caFile)
	}
	return pool, nil
}

// Certificate connects to address (host:port), completes a TLS handshake without
// verifying, records the chain served (leaf first), then verifies it against roots (nil =
// the system roots) at time now. serverName is sent as SNI when it is a name, in lower case
// and without a trailing dot ("" means address's host; an IP address sends none). The
// verification is of the chain alone (trusted issuer, validity period), never of the name:
// whether the certificate covers the Failover address is a separate judgement (FO401, from
// the recorded SANs), and a certificate that fails it must not also fail the chain
// requirement (FO402).
//
// A failed verification is a fact (verified false with verify_error, chain still
// recorded); a failed connection or handshake sets error and leaves chain and verified
// null. ctx bounds the probe; without a deadline, DefaultTLSTimeout does.
func Certificate(ctx context.Context, address, serverName string, roots *x509.CertPool, now time.Time) *facts.TLSProbe {
	p := &facts.TLSProbe{Address: address}
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		p.Error = ptr(err.Error())
		return p
	}
	if serverName == "" {
		serverName = host
	}
	_, ipErr := netip.ParseAddr(serverName)
	isName := ipErr != nil
	if isName {
		// As a client that was given the name in a URL sends it: lower case, without the
		// root's dot. A server that picks its certificate by SNI may compare names exactly.
		serverName = strings.ToLower(strings.TrimSuffix(serverName, "."))
		p.ServerName = ptr(serverName)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTLSTimeout)
		defer cancel()
	}

	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", address)
	if err != nil {
		p.Error = ptr(fmt.Sprintf("connect to %s: %s", address, shortError(err)))
		return p
	}
	defer conn.Close()
	cfg := &tls.Config{
		InsecureSkipVerify: true, // verified below, so that a failure is recorded with the chain
		MinVersion:         tls.VersionTLS10,
		CipherSuites:       allCipherSuites(),
	}
	if isName {
		cfg.ServerName = serverName
	}
	tc := tls.Client(conn, cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		if isTimeout(err) || errors.Is(err, context.Canceled) {
			err = fmt.Errorf("no handshake completed before the deadline (%w)", err)
		}
		p.Error = ptr(fmt.Sprintf("TLS handshake with %s: %v", address, err))
		return p
	}
	certs := tc.ConnectionState().PeerCertificates
	if len(certs) == 0 {
		p.Error = ptr(fmt.Sprintf("TLS handshake with %s: no certificate served", address))
		return p
	}
	p.Chain = make([]facts.Certificate, 0, len(certs))
	for _, c := range certs {
		p.Chain = append(p.Chain, describeCertificate(c))
	}

	opts := x509.VerifyOptions{Roots: roots, Intermediates: x509.NewCertPool(), CurrentTime: now}
	for _, c := range certs[1:] {
		opts.Intermediates.AddCert(c)
	}
	_, verr := certs[0].Verify(opts)
	p.Verified = ptr(verr == nil)
	if verr != nil {
		p.VerifyError = ptr(verr.Error())
	}
	return p
}

// allCipherSuites offers every suite Go implements, the insecure ones included: the probe
// only reads the certificate, and an agent with an old configuration should still show it.
func allCipherSuites() []uint16 {
	var ids []uint16
	for _, s := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		ids = append(ids, s.ID)
	}
	return ids
}

func describeCertificate(c *x509.Certificate) facts.Certificate {
	sum := sha256.Sum256(c.Raw)
	ips := make([]string, 0, len(c.IPAddresses))
	for _, ip := range c.IPAddresses {
		ips = append(ips, ip.String())
	}
	serial := ""
	if c.SerialNumber != nil {
		serial = c.SerialNumber.Text(16)
	}
	return facts.Certificate{
		Subject:     c.Subject.String(),
		Issuer:      c.Issuer.String(),
		Serial:      serial,
		DNSNames:    append([]string{}, c.DNSNames...),
		IPAddresses: ips,
		NotBefore:   c.NotBefore.UTC().Format(time.RFC3339),
		NotAfter:    c.NotAfter.UTC().Format(time.RFC3339),
		SelfSigned:  selfSigned(c),
		IsCA:        c.IsCA,
		SHA256:      hex.EncodeToString(sum[:]),
	}
}

// selfSigned reports whether c names itself as issuer and its signature verifies with its
// own key. The signature is checked directly, not with CheckSignatureFrom, which would also
// demand that c be a CA: a self-signed leaf is still self-signed.
func selfSigned(c *x509.Certificate) bool {
	if !bytes.Equal(c.RawIssuer, c.RawSubject) {
		return false
	}
	err := c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature)
	if _, insecure := errors.AsType[x509.InsecureAlgorithmError](err); insecure {
		return sha1SignatureValid(c)
	}
	return err == nil
}

// sha1SignatureValid checks a SHA-1 signature, which crypto/x509 refuses to check, so
// that an old self-signed certificate is still recognised as one.
func sha1SignatureValid(c *x509.Certificate) bool {
	h := sha1.Sum(c.RawTBSCertificate)
	switch c.SignatureAlgorithm {
	case x509.SHA1WithRSA:
		pub, ok := c.PublicKey.(*rsa.PublicKey)
		return ok && rsa.VerifyPKCS1v15(pub, crypto.SHA1, h[:], c.Signature) == nil
	case x509.ECDSAWithSHA1:
		pub, ok := c.PublicKey.(*ecdsa.PublicKey)
		return ok && ecdsa.VerifyASN1(pub, h[:], c.Signature)
	}
	return false
}
