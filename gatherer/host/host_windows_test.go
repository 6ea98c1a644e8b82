package host

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// These run only on Windows; elsewhere `GOOS=windows go vet` compiles them.

var serviceStates = map[string]bool{
	ServiceRunning: true, ServiceStopped: true, ServiceStarting: true, ServicePaused: true, ServiceAbsent: true,
}

func TestServices(t *testing.T) {
	got := Services()
	if got == nil {
		t.Skip("the service manager cannot be reached")
	}
	keys := make([]string, 0, len(got))
	for name, state := range got {
		keys = append(keys, name)
		if !serviceStates[state] {
			t.Errorf("service %s: state %q", name, state)
		}
	}
	if diff := cmp.Diff(ServiceNames, keys, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("services (-want +got):\n%s", diff)
	}
}

func TestObserveWindows(t *testing.T) {
	w := ObserveWindows()
	for field, v := range map[string]*bool{"npcap": w.Npcap, "winpcap": w.WinPcap, "iis_arr": w.IISARR} {
		if v == nil && w.Errors[field] == "" {
			t.Errorf("%s is null without an error", field)
		}
	}
	if w.Services == nil && w.Errors["services"] == "" {
		t.Error("services is null without an error")
	}
}

func TestDHCPStates(t *testing.T) {
	// Every adapter the net package lists should have a DHCP flag.
	ifaces, err := Interfaces()
	if err != nil {
		t.Fatal(err)
	}
	for _, ni := range ifaces {
		if ni.DHCP == nil {
			t.Errorf("%s: dhcp is null", ni.Name)
		}
	}
}
