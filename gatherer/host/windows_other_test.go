//go:build !windows

package host

import (
	"encoding/json"
	"testing"
)

func TestWindowsFactsAreNullElsewhere(t *testing.T) {
	if s := Services(); s != nil {
		t.Errorf("Services = %v, want nil", s)
	}
	b, err := json.Marshal(ObserveWindows())
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"services":null,"npcap":null,"winpcap":null,"iis_arr":null,"errors":null}`
	if string(b) != want {
		t.Errorf("ObserveWindows = %s, want %s", b, want)
	}
}
