package report

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
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
	type row struct{ id, class, status string }
	var rows []row
	var texts strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
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
					rows = append(rows, row{id, htmlAttr(n, "class"), status})
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
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)

	if verdict != "dmaprep: NOT READY" {
		t.Errorf("verdict = %q", verdict)
	}
	var want []row
	for _, r := range fixtureSet().Reports {
		for _, res := range r.Results {
			want = append(want, row{res.ID, res.Status, strings.ToUpper(res.Status)})
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
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not on PATH (Debian package chromium; CI installs it): the page is not rendered in a browser")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, renderSet(t, HTML, fixtureSet()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"),
		"--dump-dom", (&url.URL{Scheme: "file", Path: filepath.ToSlash(page)}).String())
	cmd.WaitDelay = 10 * time.Second // Chromium's helpers may hold the pipes open
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v (timeout: %v)\n%s", err, ctx.Err(), lastChars(stderr.String(), 2000))
	}
	dom := stdout.String()
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
