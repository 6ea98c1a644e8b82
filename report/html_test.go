package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// TestHTMLStructure parses the page and checks what a reader relies on: the verdict, one
// row per requirement and document with its status, the special characters shown as text,
// and a page that needs nothing from elsewhere.
func TestHTMLStructure(t *testing.T) {
	t.Parallel()
	out := renderSet(t, HTML, fixtureSet())
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}

	var verdict string
	type row struct {
		id, class, status string
		folded            bool // inside a <details>
	}
	var rows []row
	var texts strings.Builder
	var walk func(n *html.Node, folded bool)
	walk = func(n *html.Node, folded bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "link", "iframe", "object", "embed", "img":
				t.Errorf("the page has a <%s> element", n.Data)
			case "h1":
				if htmlAttr(n, "id") == "verdict" {
					verdict = htmlText(n)
				}
			case "tr":
				if id := htmlAttr(n, "data-requirement"); id != "" {
					status := ""
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						if c.Type == html.ElementNode && htmlAttr(c, "class") == "status" {
							status = htmlText(c)
						}
					}
					rows = append(rows, row{id, htmlAttr(n, "class"), status, folded})
				}
			}
			for _, a := range n.Attr {
				if a.Key == "src" || strings.HasPrefix(a.Key, "on") {
					t.Errorf("<%s> has a %s attribute", n.Data, a.Key)
				}
				if a.Key == "href" && n.Data != "a" {
					t.Errorf("<%s> has an href", n.Data)
				}
			}
		}
		if n.Type == html.TextNode {
			texts.WriteString(n.Data)
		}
		folded = folded || (n.Type == html.ElementNode && n.Data == "details")
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, folded)
		}
	}
	walk(doc, false)

	if verdict != "dmaprep: NOT READY" {
		t.Errorf("verdict = %q", verdict)
	}
	// Per document: what needs attention first, in the order fail, unknown, warn, waived,
	// info; then the passes and skips, folded away, in ID order.
	var want []row
	for _, r := range fixtureSet().Reports {
		for _, st := range []string{StatusFail, StatusUnknown, StatusWarn, StatusWaived, StatusInfo} {
			for _, res := range r.Results {
				if res.Status == st {
					want = append(want, row{res.ID, res.Status, strings.ToUpper(res.Status), false})
				}
			}
		}
		for _, res := range r.Results {
			if res.Status == StatusPass || res.Status == StatusSkip {
				want = append(want, row{res.ID, res.Status, strings.ToUpper(res.Status), true})
			}
		}
	}
	if len(rows) != len(want) {
		t.Fatalf("%d requirement rows, want %d: %v", len(rows), len(want), rows)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, rows[i], want[i])
		}
	}
	for _, s := range []string{
		`backup & primary differ: <CU4> vs "CU?" | 100% sure`,
		"Waived until 2026-12-31 by ops@example.com: fresh install & two upgrades <to CU4> (otherwise fail)",
		"C:\\Skyline DataMiner\\Upgrades\\VersionHistory.txt | 50% done",
		"could not be checked:",
		"facts/pair b.json: READY",
	} {
		if !strings.Contains(texts.String(), s) {
			t.Errorf("the page does not show %q", s)
		}
	}
	page := string(out)
	for _, bad := range []string{"<script", `src="http`, `<link`, "<CU4>", "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
}

// TestHTMLReadyAndUnsafeLink: a ready set says READY; a doc link that is not http(s) is
// neutralised by html/template.
func TestHTMLReadyAndUnsafeLink(t *testing.T) {
	t.Parallel()
	r := fixtureSet().Reports[1]
	r.Results[2].Status = StatusWarn
	r.Results[2].Docs = []string{"javascript:alert(1)"}
	out := string(renderSet(t, HTML, Set{Reports: []Report{r}}))
	if !strings.Contains(out, `<h1 class="ready" id="verdict">dmaprep: READY</h1>`) {
		t.Errorf("no READY verdict:\n%s", out)
	}
	if strings.Contains(out, `href="javascript:`) {
		t.Errorf("an unsafe link got through:\n%s", out)
	}
}

// TestHTMLInChromium renders the page in headless Chromium and checks that the DOM it
// builds holds the verdict and every requirement row, with special characters as text.
func TestHTMLInChromium(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, renderSet(t, HTML, fixtureSet()), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := chromium(t, dir, "--dump-dom", fileURL(page))
	for _, want := range []string{
		`<h1 class="not-ready" id="verdict">dmaprep: NOT READY</h1>`,
		"backup &amp; primary differ: &lt;CU4&gt; vs \"CU?\" | 100% sure",
		"facts/pair b.json: READY",
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("the DOM lacks %q:\n%s", want, lastChars(dom, 3000))
		}
	}
	if n := strings.Count(dom, "data-requirement="); n != 11 {
		t.Errorf("the DOM has %d requirement rows, want 11", n)
	}
}

// TestHTMLFirstScreen lays out a real report (the ready sample's, 51 requirements in nine
// areas) with three failures, in the last areas, with long messages, in Chromium at
// a 1280x800 window (a viewport of 1280 by some 660 pixels, below the browser's own bars),
// and checks that the first screen shows every failing requirement (its line in the
// overview whole, and the top of the first one's row) and no passed row. A script added to a copy of the page (the report itself has
// none) records each row's position; --dump-dom returns it. With DMAPREP_SCREENSHOT=FILE
// it also writes a screenshot there, to look at.
func TestHTMLFirstScreen(t *testing.T) {
	var agg Aggregate
	if err := json.Unmarshal(readTestFile(t, "../testdata/golden/ready-vip.json.golden"), &agg); err != nil || len(agg.Reports) != 1 {
		t.Fatalf("the golden JSON: %v, %d reports", err, len(agg.Reports))
	}
	r := agg.Reports[0]
	failing := []string{"FO702", "FO801", "FO906"}
	for i := range r.Results {
		res := &r.Results[i]
		if !slices.Contains(failing, res.ID) {
			continue
		}
		if res.Status != StatusPass {
			t.Fatalf("the sample's %s is %s: pick requirements that pass", res.ID, res.Status)
		}
		r.Summary[StatusPass]--
		r.Summary[StatusFail]++
		res.Status = StatusFail
		res.Messages = []string{
			"backup: " + strings.Repeat("a finding long enough to wrap in its cell, as real ones do; ", 3),
			"primary: a second finding about the other agent",
		}
		res.Findings = nil
	}
	r.Ready = false
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	var buf bytes.Buffer
	if err := HTML(&buf, Set{Reports: []Report{r}}); err != nil {
		t.Fatal(err)
	}
	const probe = `<script>
var rows = [];
function where(el, whole) {
  var b = el.getBoundingClientRect();
  return b.height > 0 && (whole ? b.bottom : b.top + 20) <= window.innerHeight ? "shown" : "hidden";
}
document.querySelectorAll("li[data-overview]").forEach(function (li) {
  rows.push("overview-" + li.dataset.overview + "=" + li.className + ":" + where(li, true));
});
document.querySelectorAll("tr[data-requirement]").forEach(function (tr) {
  rows.push(tr.dataset.requirement + "=" + tr.className + ":" + where(tr, false));
});
var p = document.createElement("pre");
p.id = "layout";
p.textContent = "viewport " + window.innerWidth + "x" + window.innerHeight + " " + rows.join(" ");
document.body.appendChild(p);
</script>`
	html := strings.Replace(buf.String(), "</body>", probe+"</body>", 1)
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := chromium(t, dir, "--dump-dom", fileURL(page))
	start, end := strings.Index(dom, `<pre id="layout">`), strings.LastIndex(dom, "</pre>")
	if start < 0 || end < start {
		t.Fatalf("the probe wrote nothing:\n%s", lastChars(dom, 2000))
	}
	layout := strings.Fields(dom[start+len(`<pre id="layout">`) : end])
	var width, height int
	if _, err := fmt.Sscanf(layout[1], "%dx%d", &width, &height); err != nil || width != 1280 || height < 600 || height > 800 {
		t.Errorf("viewport %s, want 1280 wide and 600 to 800 high", layout[1])
	}
	shown := map[string]bool{}
	for _, row := range layout[2:] {
		id, rest, _ := strings.Cut(row, "=")
		class, where, _ := strings.Cut(rest, ":")
		shown[id] = where == "shown"
		if class == StatusPass && where == "shown" {
			t.Errorf("the first screen shows passed %s", id)
		}
	}
	for _, id := range failing {
		if !shown["overview-"+id] {
			t.Errorf("failing %s is not on the first screen: %v", id, layout)
		}
	}
	if !shown[failing[0]] {
		t.Errorf("the first failing row (%s) does not start on the first screen: %v", failing[0], layout)
	}
	if shot := os.Getenv("DMAPREP_SCREENSHOT"); shot != "" {
		if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		chromium(t, dir, "--screenshot="+shot, fileURL(page))
	}
}

// chromium runs headless Chromium at 1280x800 with a profile in dir and returns its
// stdout; the test is skipped, saying why, when Chromium is not installed.
func chromium(t *testing.T, dir string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not on PATH (Debian package chromium; CI installs it): the page is not rendered in a browser")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--window-size=1280,800", "--user-data-dir=" + filepath.Join(dir, "profile"),
	}, args...)...)
	cmd.WaitDelay = 10 * time.Second // Chromium's helpers may hold the pipes open
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v (timeout: %v)\n%s", err, ctx.Err(), lastChars(stderr.String(), 2000))
	}
	return stdout.String()
}

func fileURL(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

func readTestFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func htmlAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func htmlText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

func lastChars(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
