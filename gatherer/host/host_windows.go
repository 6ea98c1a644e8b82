package host

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
	"golang.org/x/sys/windows/svc"
	"golang.org/x/sys/windows/svc/mgr"
)

// ipAdapterDHCPEnabled is IP_ADAPTER_DHCP_ENABLED of IP_ADAPTER_ADDRESSES.Flags (iptypes.h);
// golang.org/x/sys/windows does not define it.
const ipAdapterDHCPEnabled = 0x00000004

// dhcpStates reads the DHCP flag of every adapter from GetAdaptersAddresses, keyed by the
// index the net package gives the interface (IfIndex, or Ipv6IfIndex when that is 0). The
// flag is about IPv4: DHCPv6 is not reported there.
func dhcpStates([]net.Interface) map[int]*bool {
	aas, err := adapterAddresses()
	if err != nil {
		return nil
	}
	out := map[int]*bool{}
	for _, aa := range aas {
		index := aa.IfIndex
		if index == 0 {
			index = aa.Ipv6IfIndex
		}
		on := aa.Flags&ipAdapterDHCPEnabled != 0
		out[int(index)] = &on
	}
	return out
}

// adapterAddresses calls GetAdaptersAddresses with a buffer that grows until it fits, as
// the net package does.
func adapterAddresses() ([]*windows.IpAdapterAddresses, error) {
	size := uint32(15000)
	for {
		b := make([]byte, size)
		const flags = windows.GAA_FLAG_SKIP_ANYCAST | windows.GAA_FLAG_SKIP_MULTICAST | windows.GAA_FLAG_SKIP_DNS_SERVER
		err := windows.GetAdaptersAddresses(syscall.AF_UNSPEC, flags, 0, (*windows.IpAdapterAddresses)(unsafe.Pointer(&b[0])), &size)
		if err == nil {
			if size == 0 {
				return nil, nil
			}
			var out []*windows.IpAdapterAddresses
			for aa := (*windows.IpAdapterAddresses)(unsafe.Pointer(&b[0])); aa != nil; aa = aa.Next {
				out = append(out, aa)
			}
			return out, nil
		}
		if !errors.Is(err, windows.ERROR_BUFFER_OVERFLOW) || size <= uint32(len(b)) {
			return nil, os.NewSyscallError("GetAdaptersAddresses", err)
		}
	}
}

// Services returns the state of each of ServiceNames; a service whose state cannot be read
// is left out. Nil when the service manager cannot be reached.
func Services() map[string]string {
	states, _ := services(ServiceNames)
	return states
}

// ObserveWindows collects the Windows-only facts.
func ObserveWindows() Windows {
	var w Windows
	states, err := services(append(append([]string{}, ServiceNames...), "npcap", "npf"))
	if err != nil {
		w.setError("services", err)
	}
	if states != nil {
		w.Services = map[string]string{}
		for _, n := range ServiceNames {
			if s, ok := states[n]; ok {
				w.Services[n] = s
			}
		}
	}

	// Npcap: its driver service, or its folder (outside DataMiner's docs, which name Npcap
	// but not how to detect it).
	sysDir, sysErr := windows.GetSystemDirectory()
	npcapDir := sysErr == nil && isDir(filepath.Join(sysDir, "Npcap"))
	switch s, ok := states["npcap"]; {
	case npcapDir || (ok && s != ServiceAbsent):
		w.Npcap = ptrBool(true)
	case ok && sysErr == nil:
		w.Npcap = ptrBool(false)
	default:
		w.setError("npcap", firstErr(err, sysErr, errors.New("npcap service state unknown")))
	}
	// WinPcap: its npf driver service.
	if s, ok := states["npf"]; ok {
		w.WinPcap = ptrBool(s != ServiceAbsent)
	} else {
		w.setError("winpcap", firstErr(err, errors.New("npf service state unknown")))
	}

	arr, arrErr := iisARR()
	w.IISARR = arr
	w.setError("iis_arr", arrErr)
	return w
}

// services opens the service manager and each service with query rights only: mgr.Connect
// and Mgr.OpenService ask for full access, which needs an elevated prompt.
func services(names []string) (map[string]string, error) {
	scm, err := windows.OpenSCManager(nil, nil, windows.SC_MANAGER_CONNECT)
	if err != nil {
		return nil, fmt.Errorf("opening the service manager: %w", err)
	}
	defer windows.CloseServiceHandle(scm)
	out := map[string]string{}
	var errs []error
	for _, name := range names {
		state, err := serviceState(scm, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("service %s: %w", name, err))
			continue
		}
		out[name] = state
	}
	return out, errors.Join(errs...)
}

func serviceState(scm windows.Handle, name string) (string, error) {
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return "", err
	}
	h, err := windows.OpenService(scm, p, windows.SERVICE_QUERY_STATUS)
	if errors.Is(err, windows.ERROR_SERVICE_DOES_NOT_EXIST) {
		return ServiceAbsent, nil
	}
	if err != nil {
		return "", err
	}
	s := &mgr.Service{Name: name, Handle: h}
	defer s.Close()
	st, err := s.Query()
	if err != nil {
		return "", err
	}
	switch st.State {
	case svc.Running, svc.ContinuePending:
		return ServiceRunning, nil
	case svc.StartPending:
		return ServiceStarting, nil
	case svc.Paused, svc.PausePending:
		return ServicePaused, nil
	default: // Stopped, StopPending
		return ServiceStopped, nil
	}
}

// iisARR tells whether IIS Application Request Routing is installed. Its markers are not in
// the DataMiner docs (they only say ARR must be installed): the installer's registry key
// HKLM\SOFTWARE\Microsoft\IIS Extensions\Application Request Routing, or the module
// %windir%\System32\inetsrv\requestRouter.dll.
func iisARR() (*bool, error) {
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, `SOFTWARE\Microsoft\IIS Extensions\Application Request Routing`, registry.QUERY_VALUE|registry.WOW64_64KEY)
	if err == nil {
		k.Close()
		return ptrBool(true), nil
	}
	regMissing := errors.Is(err, registry.ErrNotExist)
	sysDir, sysErr := windows.GetSystemDirectory()
	if sysErr == nil {
		if _, statErr := os.Stat(filepath.Join(sysDir, "inetsrv", "requestRouter.dll")); statErr == nil {
			return ptrBool(true), nil
		} else if regMissing && errors.Is(statErr, os.ErrNotExist) {
			return ptrBool(false), nil
		}
	}
	if !regMissing {
		return nil, fmt.Errorf("reading the ARR registry key: %w", err)
	}
	return nil, firstErr(sysErr, errors.New("requestRouter.dll could not be checked"))
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

func ptrBool(b bool) *bool { return &b }

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
