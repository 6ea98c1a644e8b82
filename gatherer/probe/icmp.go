package probe

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"sync"
	"time"

	"golang.org/x/net/icmp"
	"golang.org/x/net/ipv4"
	"golang.org/x/net/ipv6"
)

// icmpEchoes is how many echo requests icmpEcho sends, spread over its timeout, as
// DataMiner pings a virtual IP several times before taking it.
const icmpEchoes = 3

// icmpEcho pings addr: icmpEchoes requests spread over timeout, any matching reply counts.
// It uses an unprivileged ping socket ("udp4"/"udp6") when the system permits one, else a
// raw socket when the process may open one, else records that ICMP is not permitted.
func icmpEcho(ctx context.Context, addr netip.Addr, timeout time.Duration) (out icmpOutcome) {
	out = icmpOutcome{ran: true}
	conn, raw, err := listenICMP(addr.Is4())
	if err != nil {
		out.evidence = err.Error()
		return out
	}
	out.permitted = true
	defer conn.Close()

	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < timeout {
		defer func() { // ctx ends first: silence is "before the deadline"
			if out.silent {
				out.evidence = "icmp: no echo reply before the deadline"
			}
		}()
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	stop := context.AfterFunc(ctx, func() { conn.SetReadDeadline(time.Now()) })
	defer stop()

	var dst net.Addr = &net.UDPAddr{IP: addr.AsSlice(), Zone: addr.Zone()}
	if raw {
		dst = &net.IPAddr{IP: addr.AsSlice(), Zone: addr.Zone()}
	}
	var echoType, replyType icmp.Type = ipv4.ICMPTypeEcho, ipv4.ICMPTypeEchoReply
	proto := 1 // ICMP
	if addr.Is6() {
		echoType, replyType, proto = ipv6.ICMPTypeEchoRequest, ipv6.ICMPTypeEchoReply, 58
	}
	// The token tells our replies from other processes' on a raw socket, which sees all
	// ICMP; a ping socket receives only its own (the kernel sets the identifier).
	token := make([]byte, 16)
	rand.Read(token)
	id := int(token[0])<<8 | int(token[1])

	var (
		mu      sync.Mutex
		sent    int
		sendErr error
		wg      sync.WaitGroup
	)
	wg.Go(func() {
		for seq := 1; seq <= icmpEchoes; seq++ {
			msg := icmp.Message{Type: echoType, Body: &icmp.Echo{ID: id, Seq: seq, Data: token}}
			b, err := msg.Marshal(nil)
			if err == nil {
				_, err = conn.WriteTo(b, dst)
			}
			mu.Lock()
			if err == nil {
				sent++
			} else if sendErr == nil {
				sendErr = err
			}
			mu.Unlock()
			if seq < icmpEchoes && !sleep(ctx, timeout/icmpEchoes) {
				return
			}
		}
	})
	defer func() { cancel(); wg.Wait() }()

	buf := make([]byte, 1500)
	var readErr error
	for {
		n, peer, err := conn.ReadFrom(buf)
		if err != nil {
			readErr = err // the deadline set when ctx ended, or a failure
			break
		}
		if peerAddr(peer) != addr.WithZone("") {
			continue
		}
		m, err := icmp.ParseMessage(proto, buf[:n])
		if err != nil || m.Type != replyType {
			continue
		}
		if echo, ok := m.Body.(*icmp.Echo); ok && bytes.Equal(echo.Data, token) && (!raw || echo.ID == id) {
			out.reply = true
			out.evidence = fmt.Sprintf("icmp: echo reply from %s", addr)
			return out
		}
	}
	ctxErr := ctx.Err()
	cancel()
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	switch {
	case sent == 0 && sendErr != nil:
		out.evidence = fmt.Sprintf("icmp: sending echo request failed: %s", shortError(sendErr))
	case errors.Is(ctxErr, context.Canceled):
		out.evidence = "icmp: probe cancelled"
	case ctxErr == nil:
		out.evidence = fmt.Sprintf("icmp: receiving failed: %s", shortError(readErr))
	default:
		out.silent = true
		out.evidence = fmt.Sprintf("icmp: no echo reply within %s", timeout)
	}
	return out
}

// listenICMP opens an unprivileged ping socket, or failing that a raw ICMP socket.
func listenICMP(v4 bool) (conn *icmp.PacketConn, raw bool, err error) {
	pingNet, rawNet, wildcard := "udp4", "ip4:icmp", "0.0.0.0"
	if !v4 {
		pingNet, rawNet, wildcard = "udp6", "ip6:ipv6-icmp", "::"
	}
	conn, pingErr := icmp.ListenPacket(pingNet, wildcard)
	if pingErr == nil {
		return conn, false, nil
	}
	conn, rawErr := icmp.ListenPacket(rawNet, wildcard)
	if rawErr == nil {
		return conn, true, nil
	}
	what := "icmp unavailable"
	if errors.Is(pingErr, os.ErrPermission) || errors.Is(rawErr, os.ErrPermission) {
		what = "icmp not permitted"
	}
	return nil, false, fmt.Errorf("%s (ping socket: %s; raw socket: %s)", what, syscallCause(pingErr), syscallCause(rawErr))
}

// syscallCause is err without its "socket: " wrapping, e.g. "permission denied".
func syscallCause(err error) string {
	if se, ok := errors.AsType[*os.SyscallError](err); ok {
		return se.Err.Error()
	}
	return shortError(err)
}

func peerAddr(a net.Addr) netip.Addr {
	var ip net.IP
	switch a := a.(type) {
	case *net.UDPAddr:
		ip = a.IP
	case *net.IPAddr:
		ip = a.IP
	default:
		return netip.Addr{}
	}
	p, _ := netip.AddrFromSlice(ip)
	return p.Unmap()
}
