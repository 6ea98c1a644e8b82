package wsapi_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/dmaprep/dmaprep/gatherer/wsapi"
)

// answers is a transport that gives each Web Services API method a fixed answer, so that
// the fuzzer drives the whole client without a network.
type answers map[string][]byte

func (a answers) RoundTrip(req *http.Request) (*http.Response, error) {
	body, ok := a[path.Base(req.URL.Path)]
	status := http.StatusOK
	if !ok {
		status, body = http.StatusInternalServerError, []byte(`{"Message": "no such method"}`)
	}
	return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(string(body))), Request: req}, nil
}

// FuzzAgentAnswers: whatever the agent answers, Agent returns facts (with errors where
// answers do not make sense), never panics, and never puts the password in them.
//
//	go test -run '^$' -fuzz FuzzAgentAnswers -fuzztime 60s ./gatherer/wsapi/
func FuzzAgentAnswers(f *testing.F) {
	f.Add([]byte(`{"d": {"Connection": "tok", "DMAVersion": "10.4.0.0-14511-CU4"}}`),
		[]byte(`{"d": [{"ID": 212, "Name": "dma", "ConnectionState": "Normal", "PrimaryIP": "127.0.0.1", "DMSName": "Skyline DMS"}]}`),
		[]byte(`{"d": []}`))
	f.Add([]byte(`{"Connection": 5}`), []byte(`{"d": {"d": null}}`), []byte(`[1, "x", null]`))
	f.Add([]byte(`{"d": {"Connection": "`+testPassword+`", "DMAVersion": "x"}}`), []byte(`{"d": [{"ID": -1}]}`), []byte(`{"d": [{}]}`))
	const password = "fuzz-password-5531"
	f.Fuzz(func(t *testing.T, connect, agents, licenses []byte) {
		tr := answers{"ConnectAppAndInfo": connect, "ConnectApp": connect, "GetDataMinerAgentsInfo": agents,
			"GetDataMinerAgentsLicenseInfo": licenses, "LogOut": []byte(`{"d": null}`)}
		c, err := wsapi.New("https://127.0.0.1", wsapi.Options{User: "u", Password: password, Timeout: time.Second,
			HTTPClient: &http.Client{Transport: tr}})
		if err != nil {
			t.Fatal(err)
		}
		a, err := c.Agent(context.Background())
		out, _ := json.Marshal(a)
		if strings.Contains(string(out), password) || (err != nil && strings.Contains(err.Error(), password)) {
			t.Errorf("the password reached the facts or the error: %s %v", out, err)
		}
		// The agent's text is printed on terminals: no control character may come through.
		msgs := []string{}
		for _, m := range a.Errors {
			msgs = append(msgs, m)
		}
		if err != nil {
			msgs = append(msgs, err.Error())
		}
		for _, m := range msgs {
			if i := strings.IndexFunc(m, unicode.IsControl); i >= 0 {
				t.Errorf("a control character in %q", m)
			}
		}
	})
}
