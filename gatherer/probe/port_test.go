package probe

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/internal/testkit"
)

// listen accepts (and closes) connections on addr until the test ends.
func listen(t testing.TB, addr string) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	testkit.Serve(t, ln, func(conn net.Conn) { conn.Close() })
	return ln
}

func splitPort(t testing.TB, addr string) (string, int) {
	t.Helper()
	host, p, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	port, err := strconv.Atoi(p)
	if err != nil {
		t.Fatal(err)
	}
	return host, port
}

// TestPort covers open, closed and error on loopback; "filtered" needs a namespace
// (TestNetns).
func TestPort(t *testing.T) {
	t.Parallel()
	_, openPort := splitPort(t, listen(t, "127.0.0.1:0").Addr().String())
	_, closed := splitPort(t, closedPort(t))
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	// A deadline that passed before the probe (a slow source used up the gather's time)
	// leaves an open port unprobed: an error, not "filtered".
	expired, cancelExpired := context.WithDeadline(t.Context(), time.Now().Add(-time.Millisecond))
	defer cancelExpired()

	tests := []struct {
		name string
		ctx  context.Context
		port int
		want facts.PortProbe
	}{
		{name: "open", port: openPort, want: facts.PortProbe{State: facts.PortOpen}},
		{name: "closed", port: closed, want: facts.PortProbe{State: facts.PortClosed, Error: ptr("connection refused")}},
		{name: "port 0", port: 0, want: facts.PortProbe{State: facts.PortError, Error: ptr("port 0 is out of range 1-65535")}},
		{name: "port too big", port: 70000, want: facts.PortProbe{State: facts.PortError, Error: ptr("port 70000 is out of range 1-65535")}},
		{name: "cancelled", ctx: cancelled, port: openPort, want: facts.PortProbe{State: facts.PortError, Error: ptr("probe cancelled")}},
		{name: "deadline passed", ctx: expired, port: openPort,
			want: facts.PortProbe{State: facts.PortError, Error: ptr("not probed: the deadline had passed")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := tt.ctx
			if ctx == nil {
				ctx = t.Context()
			}
			got := Port(ctx, "primary", "127.0.0.1", tt.port, time.Second)
			tt.want.Agent, tt.want.Address, tt.want.Port = "primary", "127.0.0.1", tt.port
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Port (-want +got):\n%s", diff)
			}
		})
	}
}
