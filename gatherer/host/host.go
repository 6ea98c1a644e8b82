// Package host observes the machine dmaprep runs on, for `dmaprep gather agent` run on the
// agent itself: its network interfaces and, on Windows, the services and add-ons a Failover
// pair depends on. What a platform cannot observe stays nil (null in the fact document).
//
// Platform code lives in files split by suffix: dhcp_linux.go, host_windows.go, and the
// *_other.go files for everything else.
package host

import (
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/dmaprep/dmaprep/facts"
)

// Interfaces returns the machine's network interfaces that are up, loopback excluded, in the
// order the operating system lists them: name, MAC (AA-BB-CC-DD-EE-FF), addresses with their
// prefix length, and whether DHCP configures them where the platform tells (else nil). When
// the addresses of some interface cannot be read, that interface has nil addresses and the
// error names it; the other interfaces are still returned.
func Interfaces() ([]facts.NetworkInterface, error) {
	all, err := net.Interfaces()
	if err != nil {
		return nil, fmt.Errorf("listing network interfaces: %w", err)
	}
	var up []net.Interface
	for _, ifc := range all {
		if ifc.Flags&net.FlagLoopback != 0 || ifc.Flags&net.FlagUp == 0 {
			continue
		}
		up = append(up, ifc)
	}
	dhcp := dhcpStates(up)

	out := make([]facts.NetworkInterface, 0, len(up))
	var errs []error
	for _, ifc := range up {
		addrs, err := ifc.Addrs()
		ni := toInterface(ifc, addrs, dhcp[ifc.Index])
		if err != nil {
			errs = append(errs, fmt.Errorf("addresses of %s: %w", ifc.Name, err))
			ni.Addresses = nil // not collected, rather than none
		}
		out = append(out, ni)
	}
	return out, errors.Join(errs...)
}

// toInterface converts one interface and its addresses.
func toInterface(ifc net.Interface, addrs []net.Addr, dhcp *bool) facts.NetworkInterface {
	ni := facts.NetworkInterface{
		Name:      ifc.Name,
		MAC:       formatMAC(ifc.HardwareAddr),
		Addresses: []facts.InterfaceAddress{},
		DHCP:      dhcp,
	}
	for _, a := range addrs {
		if ia, ok := toAddress(a); ok {
			ni.Addresses = append(ni.Addresses, ia)
		}
	}
	return ni
}

// toAddress converts an interface address; the prefix length is nil when the address comes
// without a mask.
func toAddress(a net.Addr) (facts.InterfaceAddress, bool) {
	switch v := a.(type) {
	case *net.IPNet:
		if v.IP == nil {
			return facts.InterfaceAddress{}, false
		}
		ia := facts.InterfaceAddress{IP: v.IP.String()}
		if ones, bits := v.Mask.Size(); bits != 0 {
			// An IPv4 address may come with a 16-byte mask; count its prefix in IPv4 terms.
			if v.IP.To4() != nil && bits == 128 && ones >= 96 {
				ones -= 96
			}
			ia.PrefixLength = &ones
		}
		return ia, true
	case *net.IPAddr:
		if v.IP == nil {
			return facts.InterfaceAddress{}, false
		}
		return facts.InterfaceAddress{IP: v.IP.String()}, true
	}
	return facts.InterfaceAddress{}, false
}

// formatMAC writes a 48-bit MAC the way DataMiner.xml does (B0-83-FE-B3-F8-0B). Other
// hardware addresses (none, EUI-64, InfiniBand) give nil: the fact document has no place
// for them.
func formatMAC(hw net.HardwareAddr) *string {
	if len(hw) != 6 {
		return nil
	}
	s := strings.ToUpper(strings.ReplaceAll(hw.String(), ":", "-"))
	return &s
}

// Windows holds what dmaprep can see only on Windows. Every field is nil elsewhere, so it
// encodes as null: not observed, rather than absent.
type Windows struct {
	// Services maps each service DataMiner's docs name (cassandra, nats-server, NAS, NATS)
	// to its state: one of the Service* constants.
	Services map[string]string `json:"services"`
	// Npcap is whether Npcap is installed: its driver service npcap or its folder
	// C:\Windows\System32\Npcap. Virtual IP Failover needs Npcap or WinPcap.
	Npcap *bool `json:"npcap"`
	// WinPcap is whether the npf driver service exists: WinPcap, or Npcap installed in
	// WinPcap-compatible mode, which registers the same service.
	WinPcap *bool `json:"winpcap"`
	// IISARR is whether IIS Application Request Routing is installed, which shared-hostname
	// Failover needs.
	IISARR *bool `json:"iis_arr"`
	// Errors maps a field (its JSON key) to why it is nil or incomplete.
	Errors map[string]string `json:"errors"`
}

// States of a Windows service. A service stopping or pausing is reported as stopped or
// paused, one resuming as running.
const (
	ServiceRunning  = "running"
	ServiceStopped  = "stopped"
	ServiceStarting = "starting"
	ServicePaused   = "paused"
	ServiceAbsent   = "absent"
)

// ServiceNames are the Windows services Services reports, as the DataMiner docs name them.
var ServiceNames = []string{"cassandra", "nats-server", "NAS", "NATS"}

func (w *Windows) setError(field string, err error) {
	if err == nil {
		return
	}
	if w.Errors == nil {
		w.Errors = map[string]string{}
	}
	w.Errors[field] = err.Error()
}
