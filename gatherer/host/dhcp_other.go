//go:build !linux && !windows

package host

import "net"

// dhcpStates cannot tell DHCP on this platform: every interface's dhcp stays nil.
func dhcpStates([]net.Interface) map[int]*bool { return nil }
