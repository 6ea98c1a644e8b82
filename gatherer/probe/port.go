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
// within timeout or the network reported no route, "error" otherwise, silence cut short by
// a deadline of ctx that comes before timeout included. Every state but "open" carries
// what happened in Error. timeout 0 leaves only ctx's deadline, and silence until it is
// "filtered".
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
	// Silence shows a filter only when it lasted the probe's own timeout. A deadline of ctx
	// that comes first (the whole gather's, after a slow source used up its time) cuts the
	// wait short, or leaves no time to try at all: that says nothing about the port.
	left, cut := time.Duration(0), false
	if dl, ok := ctx.Deadline(); ok {
		left = time.Until(dl)
		cut = timeout > 0 && left < timeout
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
	case isTimeout(err) && cut:
		return dialFailed, cutShort(left, timeout)
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

// cutShort describes a wait that ctx's deadline ended before the probe's own timeout.
func cutShort(left, timeout time.Duration) string {
	if left <= 0 {
		return "not probed: the deadline had passed"
	}
	return fmt.Sprintf("no answer in the %s left before the deadline, short of the %s a probe waits",
		left.Round(time.Millisecond), timeout)
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
