//go:build !linux

package probe

import (
	"context"
	"net/netip"
)

func readNeighbour(context.Context, string, netip.Addr) (neighbour, error) {
	return neighbour{}, errNeighbourUnsupported
}
