package main

import "testing"

func TestSecretList(t *testing.T) {
	env := map[string]string{"DMAPREP_PASSWORD": "pw-from-env"}
	s := newSecretList(func(k string) string { return env[k] }, func() []string {
		return []string{"DMAPREP_TOKEN=tok-123456", "DMAPREP_USER=admin-user", "DMAPREP_SHORT=abc", "OTHER=other-value"}
	})
	s.add("from-password-file")
	got := s.scrub("pw-from-env tok-123456 admin-user abc other-value from-password-file")
	if want := "[redacted] [redacted] admin-user abc other-value [redacted]"; got != want {
		t.Errorf("scrub = %q, want %q", got, want)
	}
	var none *secretList
	if none.scrub("x") != "x" || string(none.scrubBytes([]byte("x"))) != "x" {
		t.Error("a nil list changed text")
	}
}
