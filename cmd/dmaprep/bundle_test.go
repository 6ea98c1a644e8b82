package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dmaprep/dmaprep/report"
	"github.com/google/go-cmp/cmp"
)

func TestBundleContents(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "b.tar.gz")
	r := dmaprep(t, "", nil, "bundle", "-o", out)
	if r.code != exitReady || !strings.Contains(r.stderr, "(revision ") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	files := tarFiles(t, out)
	for _, want := range []string{"/.manifest", "/data.json", "/policies/report.rego", "/policies/lib/result.rego", "/policies/requirements/backup_same_version.rego"} {
		if _, ok := files[want]; !ok {
			t.Errorf("bundle lacks %s", want)
		}
	}
	for name := range files {
		if strings.HasSuffix(name, "_test.rego") {
			t.Errorf("bundle carries a test file: %s", name)
		}
	}
	var manifest struct {
		Revision string   `json:"revision"`
		Roots    []string `json:"roots"`
	}
	// The policies' packages only: dmaprep/waivers and dmaprep/params stay free for the data API.
	if err := json.Unmarshal(files["/.manifest"], &manifest); err != nil || !cmp.Equal(manifest.Roots, []string{"dmaprep/lib", "dmaprep/report", "dmaprep/requirements"}) || manifest.Revision == "" {
		t.Errorf("manifest %s: %v", files["/.manifest"], err)
	}
}

func tarFiles(t *testing.T, path string) map[string][]byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	files := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(tr)
		files["/"+strings.TrimPrefix(h.Name, "/")] = data
	}
}

// TestBundleOnOPAServer starts a stock OPA server (the go.mod version, through `go tool
// opa`) on 127.0.0.1 with the bundle and checks that it judges every fact document with the
// same statuses as dmaprep check; then, on the same server (starting one costs seconds of
// CPU), it runs the README's waiver flow, which changes the server's data and so comes
// after every document is judged.
func TestBundleOnOPAServer(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts an OPA server: skipped with -short")
	}
	base := startOPAServer(t)

	// The documents go one after the other: the work is the server's (this test's share is
	// the golden run's reports), and parallel subtests would each wait for a free slot
	// among the package's tests, keeping the server up for most of the package's run.
	files, _ := filepath.Glob("../../testdata/facts/valid/*.json")
	t.Run("documents", func(t *testing.T) {
		for _, f := range files {
			t.Run(filepath.Base(f), func(t *testing.T) {
				want := sampleReport(t, f)
				got := postFacts(t, base, f)
				if diff := cmp.Diff(statuses(want), statuses(got)); diff != "" {
					t.Errorf("OPA server and dmaprep check disagree (-dmaprep +opa):\n%s", diff)
				}
				if got.Ready != want.Ready {
					t.Errorf("ready: dmaprep %v, opa %v", want.Ready, got.Ready)
				}
			})
		}
	})
	t.Run("waiver flow", func(t *testing.T) { waiverFlowOnOPAServer(t, base) })
}

// waiverFlowOnOPAServer runs the README's flow against a stock OPA server serving the
// bundle: PUT a waiver and parameters through the data API (the bundle leaves
// dmaprep/waivers and dmaprep/params to it), POST facts, and see the failure waived.
func waiverFlowOnOPAServer(t *testing.T, base string) {
	doc := "../../testdata/facts/valid/fo102-version-differs.json"
	if rep := postFacts(t, base, doc); statuses(rep)["FO102"] != "fail" || rep.Ready {
		t.Fatalf("before the waiver: FO102 %s, ready %v", statuses(rep)["FO102"], rep.Ready)
	}
	put(t, base+"/v1/data/dmaprep/waivers", `[{"requirement": "FO102", "agent": "backup", "justification": "upgrade on 2 December", "expires": "2199-12-31"}]`)
	rep := postFacts(t, base, doc)
	if statuses(rep)["FO102"] != "waived" || !rep.Ready || len(rep.Waivers) != 1 || rep.Waivers[0].Use != "applied" {
		t.Fatalf("after PUT waivers: FO102 %s, ready %v, waivers %+v", statuses(rep)["FO102"], rep.Ready, rep.Waivers)
	}
	// Parameters go the same way: fail_on warn makes FO906's warning fail the pair.
	put(t, base+"/v1/data/dmaprep/params", `{"fail_on": "warn"}`)
	if rep := postFacts(t, base, doc); rep.Ready {
		t.Errorf("after PUT params fail_on=warn: still ready (summary %v)", rep.Summary)
	}
}

func put(t *testing.T, url, body string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPut, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		msg, _ := io.ReadAll(resp.Body)
		t.Fatalf("PUT %s: HTTP %d: %s", url, resp.StatusCode, msg)
	}
}

func postFacts(t *testing.T, base, path string) report.Report {
	t.Helper()
	body := `{"input": ` + readFile(t, path) + `}`
	resp, err := http.Post(base+"/v1/data/dmaprep/report", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Result report.Report `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("HTTP %d: %v", resp.StatusCode, err)
	}
	return got.Result
}

// startOPAServer starts a stock OPA server (the go.mod version) on a free 127.0.0.1 port
// with dmaprep's bundle, and returns its base URL; it stops with the test.
func startOPAServer(t *testing.T) string {
	t.Helper()
	opa := opaBinary(t)
	bundlePath := filepath.Join(t.TempDir(), "dmaprep.tar.gz")
	if r := dmaprep(t, "", nil, "bundle", "-o", bundlePath); r.code != exitReady {
		t.Fatalf("bundle: %s", r.stderr)
	}
	addr := freeLoopbackAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, opa, "run", "--server", "--skip-version-check",
		"--disable-telemetry", "--addr", addr, "--bundle", bundlePath)
	cmd.WaitDelay = 5 * time.Second
	var serverLog bytes.Buffer
	cmd.Stdout, cmd.Stderr = &serverLog, &serverLog
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		cmd.Wait()
	})
	base := "http://" + addr
	waitHealthy(t, base+"/health?bundles", &serverLog)
	return base
}

// opaBinary is the path of the stock opa of the go.mod version. `go tool -n opa` builds it
// if needed and prints its path, so that opa runs directly and stops with its process (go
// tool would leave a server running as a child). The go command costs about a second of
// CPU, so it runs once per test binary.
func opaBinary(t *testing.T) string {
	t.Helper()
	path, err := opaPath()
	if errors.Is(err, exec.ErrNotFound) {
		t.Skipf("the go command is not on PATH, so `go tool opa` cannot run: %v", err)
	}
	if err != nil {
		t.Fatalf("go tool -n opa: %v", err)
	}
	return path
}

var opaPath = sync.OnceValues(func() (string, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", err
	}
	path, err := exec.Command(goBin, "tool", "-n", "opa").Output()
	return strings.TrimSpace(string(path)), err
})

// TestJSONReportIsOPAsReport: each element of --format json's reports is the object stock
// `opa eval data.dmaprep.report` computes from the same document with the exported
// policies, member for member, but source (which dmaprep adds) and evaluated_at (the
// clock of each run; both run on the real clock, since opa eval cannot pin it). One opa
// eval judges every document (each loading and compiling of the policies costs about a
// second of CPU): its input holds the documents, and one expression per document
// evaluates the report `with input as` that document, which is what -i gives the policies.
func TestJSONReportIsOPAsReport(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs opa eval: skipped with -short")
	}
	opa := opaBinary(t)
	policies := filepath.Join(t.TempDir(), "policies")
	if r := dmaprep(t, "", nil, "policies", "export", policies); r.code != exitReady {
		t.Fatalf("policies export: exit %d: %s", r.code, r.stderr)
	}
	docs := []string{readyVIP, failing, "../../testdata/facts/valid/fo203-vip-in-use.json"}
	inputs := map[string]json.RawMessage{}
	var query []string
	for i, doc := range docs {
		key := fmt.Sprintf("doc%d", i)
		inputs[key] = json.RawMessage(readFile(t, doc))
		query = append(query, "data.dmaprep.report with input as input."+key)
	}
	input, err := json.Marshal(inputs)
	if err != nil {
		t.Fatal(err)
	}
	inputPath := writeTemp(t, "input.json", string(input))
	out, err := exec.Command(opa, "eval", "--format", "json", "-d", policies, "-i", inputPath, strings.Join(query, "; ")).Output()
	if err != nil {
		t.Fatalf("opa eval: %v", err)
	}
	var eval struct {
		Result []struct {
			Expressions []struct{ Value map[string]any }
		}
	}
	if err := json.Unmarshal(out, &eval); err != nil || len(eval.Result) != 1 || len(eval.Result[0].Expressions) != len(docs) {
		t.Fatalf("opa eval: %v\n%s", err, out)
	}
	for i, doc := range docs {
		t.Run(filepath.Base(doc), func(t *testing.T) {
			t.Parallel()
			r := dmaprep(t, "", nil, "check", "--format", "json", doc)
			var agg struct{ Reports []map[string]any }
			if err := json.Unmarshal([]byte(r.stdout), &agg); err != nil || len(agg.Reports) != 1 {
				t.Fatalf("exit %d, %d reports, %v: %s", r.code, len(agg.Reports), err, r.stderr)
			}
			ours := agg.Reports[0]
			theirs := eval.Result[0].Expressions[i].Value
			if ours["source"] != doc || ours["evaluated_at"] == "" || theirs["evaluated_at"] == "" {
				t.Errorf("source %v, evaluated_at %v (opa: %v)", ours["source"], ours["evaluated_at"], theirs["evaluated_at"])
			}
			delete(ours, "source")
			delete(ours, "evaluated_at")
			delete(theirs, "evaluated_at")
			if diff := cmp.Diff(theirs, ours); diff != "" {
				t.Errorf("dmaprep's report differs from opa eval's (-opa +dmaprep):\n%s", diff)
			}
		})
	}
}

func statuses(r report.Report) map[string]string {
	out := map[string]string{}
	for _, res := range r.Results {
		out[res.ID] = res.Status
	}
	return out
}

func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func waitHealthy(t *testing.T, url string, log *bytes.Buffer) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatal(fmt.Sprintf("OPA server did not become healthy at %s:\n%s", url, log.String()))
}
