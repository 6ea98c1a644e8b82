//go:build !windows

package host

import "testing"

func TestSoftwareIsAbsentElsewhere(t *testing.T) {
	if hs, err := Software(); hs != nil || err != nil {
		t.Errorf("Software = %+v, %v; want nil, nil", hs, err)
	}
	if s, err := STaaS(); s != nil || err != nil {
		t.Errorf("STaaS = %+v, %v; want nil, nil", s, err)
	}
}
