package main

import (
	"bytes"
	"strings"
	"sync"

	"github.com/dmaprep/dmaprep/report"
	"github.com/urfave/cli/v2"
)

// minSecret is the shortest value scrubbed: shorter ones would blank ordinary words.
const minSecret = 4

// secretList holds the secret values this run knows (the API password, the values of
// DMAPREP_* variables other than the user name). Every message and output is scrubbed of
// them as a last line of defence: no code path is meant to print one.
type secretList struct {
	mu     sync.Mutex
	values []string
}

// newSecretList collects the secrets of the environment; environ may be nil (tests).
func newSecretList(getenv func(string) string, environ func() []string) *secretList {
	s := &secretList{}
	s.add(getenv("DMAPREP_PASSWORD"))
	if environ != nil {
		for _, kv := range environ() {
			k, v, _ := strings.Cut(kv, "=")
			if strings.HasPrefix(k, "DMAPREP_") && k != "DMAPREP_USER" {
				s.add(v)
			}
		}
	}
	return s
}

func (s *secretList) add(v string) {
	if s == nil || len(v) < minSecret {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values = append(s.values, v)
}

const redacted = "[redacted]"

func (s *secretList) scrub(text string) string {
	if s == nil {
		return text
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range s.values {
		text = strings.ReplaceAll(text, v, redacted)
	}
	return text
}

// scrubReport scrubs every piece of text in a report; with no secret known (the usual run)
// it returns the report as it is, without copying it.
func (s *secretList) scrubReport(r report.Report) report.Report {
	if s == nil {
		return r
	}
	s.mu.Lock()
	none := len(s.values) == 0
	s.mu.Unlock()
	if none {
		return r
	}
	return report.MapText(r, s.scrub)
}

func (s *secretList) scrubBytes(b []byte) []byte {
	if s == nil {
		return b
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range s.values {
		b = bytes.ReplaceAll(b, []byte(v), []byte(redacted))
	}
	return b
}

// secretsKey is where the app's Metadata holds the run's secretList, for commands that
// are not handed the env.
const secretsKey = "secrets"

// secretsOf returns the run's secretList (nil, which scrubs nothing, outside run).
func secretsOf(c *cli.Context) *secretList {
	s, _ := c.App.Metadata[secretsKey].(*secretList)
	return s
}
