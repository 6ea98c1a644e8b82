package probe

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/dmaprep/dmaprep/facts"
)

// Port tries one TCP connection to host:port and records its state: "open" when it
// connected, "closed" when the connection was refused, "filtered" when nothing answered
// within timeout or the network reported no route, "error" otherwise. Every state but
// "open" carries what happened in Error. timeout 0 leaves only ctx's deadline.
func Port(ctx context.Context, agent, host string, port int, timeout time.Duration) facts.PortProbe {
	p := facts.PortProbe{Agent: agent, Address: host, Port: port}
	if port < 1 || port > 65535 {
		p.State = facts.PortError
		p.Error = ptr(fmt.Sprintf("port %d is out of range 1-65535", port))
		return p
	}
	res, detail := dialTCP(ctx, net.JoinHostPort(host, strconv.Itoa(port)), timeout)
	switch res {
	case dialConnected:
		p.State = facts.PortOpen
		return p
	case dialRefused:
		p.State = facts.PortClosed
	case dialSilent, dialUnreachable:
		p.State = facts.PortFiltered
	default:
		p.State = facts.PortError
	}
	p.Error = ptr(detail)
	return p
}

// dialResult is what a TCP connection attempt showed.
type dialResult int

const (
	dialConnected   dialResult = iota
	dialRefused                // a host answered with RST (ECONNREFUSED)
	dialSilent                 // no answer in time
	dialUnreachable            // the network reported no route
	dialFailed                 // anything else, including a cancelled context
)

// dialTCP connects to address, bounded by timeout (when > 0) and ctx, and says what
// happened with a short description, e.g. "connection refused" or "no answer within 2s".
func dialTCP(ctx context.Context, address string, timeout time.Duration) (dialResult, string) {
	dctx, cancel := ctx, context.CancelFunc(func() {})
	if timeout > 0 {
		dctx, cancel = context.WithTimeout(ctx, timeout)
	}
	defer cancel()
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < timeout {
		timeout = 0 // ctx ends first: silence is "before the deadline", not "within timeout"
	}
	var d net.Dialer
	conn, err := d.DialContext(dctx, "tcp", address)
	if err == nil {
		conn.Close()
		return dialConnected, "connected"
	}
	switch {
	case isRefused(err):
		return dialRefused, "connection refused"
	case errors.Is(ctx.Err(), context.Canceled):
		return dialFailed, "probe cancelled"
	case isTimeout(err):
		return dialSilent, noAnswer(timeout)
	}
	if u := unreachable(err); u != "" {
		return dialUnreachable, u
	}
	return dialFailed, shortError(err)
}

// noAnswer describes silence for timeout, e.g. "no answer within 2s".
func noAnswer(timeout time.Duration) string {
	if timeout > 0 {
		return "no answer within " + timeout.String()
	}
	return "no answer before the deadline"
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	ne, ok := errors.AsType[net.Error](err)
	return ok && ne.Timeout()
}

// shortError drops the "dial tcp ADDR:" prefix of a net.OpError: the caller names the
// address already.
func shortError(err error) string {
	if oe, ok := errors.AsType[*net.OpError](err); ok && oe.Err != nil {
		return oe.Err.Error()
	}
	return err.Error()
}

func ptr[T any](v T) *T { return &v }
