package host

import (
	"regexp"
	"testing"
)

// These run only on Windows; elsewhere `GOOS=windows go vet` compiles them.

func TestSoftware(t *testing.T) {
	hs, err := Software()
	if hs == nil || hs.Source != "host" {
		t.Fatalf("Software = %+v, %v", hs, err)
	}
	for field, v := range map[string]*bool{"npcap": hs.Npcap, "winpcap": hs.WinPcap, "iis_arr": hs.IISARR} {
		if v == nil && (err == nil || !regexp.MustCompile(`(^|; )`+field+`: `).MatchString(err.Error())) {
			t.Errorf("%s is null without an error (%v)", field, err)
		}
	}
	if s := hs.Services["cassandra"]; s != "" && s != ServiceAbsent && hs.CassandraReleaseVersion == nil && err == nil {
		t.Errorf("cassandra is %s but its release version is null without an error", s)
	}
}

func TestSTaaS(t *testing.T) {
	s, err := STaaS()
	if s == nil || s.Source != "host" {
		t.Fatalf("STaaS = %+v, %v", s, err)
	}
	if s.CloudGatewayInstalled == nil && err == nil {
		t.Error("cloudgateway_installed is null without an error")
	}
}
