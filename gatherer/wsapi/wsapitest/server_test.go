package wsapitest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dmaprep/dmaprep/gatherer/wsapi/wsapitest"
)

// post calls method with body on srv and returns the HTTP status and the decoded answer.
func post(t *testing.T, c *http.Client, url, method, body string) (int, map[string]any) {
	t.Helper()
	resp, err := c.Post(url+"/API/v1/Json.asmx/"+method, "application/json; charset=utf-8", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, out
}

const login = `{"host":"","login":"u","password":"p","clientAppName":"t","clientAppVersion":"","clientComputerName":""}`

// TestStandIn checks the stand-in keeps to what the docs say a real agent does, so that
// client tests against it mean something.
func TestStandIn(t *testing.T) {
	srv := wsapitest.NewServer(t, wsapitest.Agent{User: "u", Password: "p", Version: "10.4.0.0-14511",
		DMAs: []wsapitest.DMA{{ID: 7, Name: "DMA-SEVEN", PrimaryIP: "10.0.0.7"}}})
	c := srv.Client()

	t.Run("a refused login is answered in band", func(t *testing.T) {
		status, out := post(t, c, srv.URL, "ConnectAppAndInfo", strings.Replace(login, `"p"`, `"wrong"`, 1))
		d, _ := out["d"].(map[string]any)
		if status != http.StatusOK || d["Connection"] != "" || d["MessageType"] != "Error" || d["Message"] != wsapitest.LoginFailedMessage {
			t.Errorf("refused login: HTTP %d %v", status, out)
		}
	})
	t.Run("parameter names are case-sensitive and required", func(t *testing.T) {
		_, out := post(t, c, srv.URL, "ConnectAppAndInfo", login)
		conn := out["d"].(map[string]any)["Connection"].(string)
		status, out := post(t, c, srv.URL, "GetDataMinerAgentsInfo", `{"Connection":"`+conn+`"}`)
		if status != http.StatusInternalServerError || out["Message"] != "Invalid web service call, missing value for parameter: 'connection'." {
			t.Errorf("wrong-case parameter: HTTP %d %v", status, out)
		}
		status, out = post(t, c, srv.URL, "ConnectAppAndInfo", `{"login":"u","password":"p"}`)
		if status != http.StatusInternalServerError || !strings.Contains(out["Message"].(string), "missing value for parameter: 'host'") {
			t.Errorf("missing parameters: HTTP %d %v", status, out)
		}
		_, out = post(t, c, srv.URL, "GetDataMinerAgentsInfo", `{"connection":"`+conn+`"}`)
		agents, _ := out["d"].([]any)
		if len(agents) != 1 || agents[0].(map[string]any)["Cluster"] != wsapitest.DefaultCluster {
			t.Errorf("standalone agent: %v, want one agent in cluster %q", out, wsapitest.DefaultCluster)
		}
	})
	t.Run("a challenge comes with a connection that serves nothing yet", func(t *testing.T) {
		srv := wsapitest.NewServer(t, wsapitest.Agent{User: "u", Password: "p", Challenge: true})
		_, out := post(t, srv.Client(), srv.URL, "ConnectAppAndInfo", login)
		d := out["d"].(map[string]any)
		conn, _ := d["Connection"].(string)
		if conn == "" || d["MessageType"] != "Challenge" || d["Message"] != wsapitest.ChallengeMessage {
			t.Fatalf("challenge: %v", out)
		}
		status, out := post(t, srv.Client(), srv.URL, "GetDataMinerAgentsInfo", `{"connection":"`+conn+`"}`)
		if diff := cmp.Diff([]any{http.StatusInternalServerError, "No connection available"}, []any{status, out["Message"]}); diff != "" {
			t.Errorf("half-open connection used (-want +got):\n%s", diff)
		}
	})
}
