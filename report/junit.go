package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// JUnit writes JUnit XML for CI test dashboards (GitLab, Jenkins, Azure DevOps):
//
//   - one <testsuite> per fact document, named after its source; one <testcase> per
//     requirement, named "FO102 backup-same-version: <title>", with the area as classname
//     so dashboards group requirements by area;
//   - fail and unknown are <failure> (message = first message, type = the status, body =
//     every message, the remediation and the doc links), so an unknown never reads as a
//     pass; skip is <skipped message="reason">;
//   - pass, warn, info and waived are passing test cases; warn and info carry their
//     messages, and waived says who waived it, until when and why, in <system-out>, so
//     the exception stays visible;
//   - test case names are unique in the whole file (GitLab keeps only one of several
//     cases with the same name, conftest #775): with several documents each name ends
//     with " [source]".
func JUnit(w io.Writer, s Set) error { return renderAll(newJUnitStream(w, Options{}), s) }

// newJUnitStream writes each document's <testsuite> as it comes and the <testsuites>
// around them, with the totals, at Close. It keeps how often each source was seen, to
// keep test case names unique when a document is given twice.
func newJUnitStream(w io.Writer, opts Options) Stream {
	s := newSummarising(w, opts, 1, true)
	suites := s.sections[0]
	doc := junitSuites{Name: "dmaprep"}
	seen := map[string]int{}
	var buf bytes.Buffer
	s.part = func(_ int, r Report, several bool) error {
		suite := junitSuite{
			Name:      r.Source,
			Timestamp: r.EvaluatedAt,
			Time:      "0",
			Properties: []junitProperty{
				{Name: "ready", Value: fmt.Sprint(r.Ready)},
				{Name: "evaluated_at", Value: r.EvaluatedAt},
				{Name: "schema_version", Value: r.SchemaVersion},
			},
		}
		again := seen[r.Source]
		seen[r.Source]++
		for _, res := range r.Results {
			name := fmt.Sprintf("%s %s: %s", res.ID, res.Name, res.Title)
			if several {
				name += " [" + r.Source + "]"
			}
			if again > 0 {
				// The same document given twice: keep names unique all the same.
				name = fmt.Sprintf("%s #%d", name, again+1)
			}
			tc := junitCase{Name: name, Classname: res.Area, Time: "0"}
			switch res.Status {
			case StatusFail, StatusUnknown:
				tc.Failure = &junitFailure{
					Message: firstOr(res.Messages, res.Title),
					Type:    res.Status,
					Body:    escapeXMLText(junitDetails(res)),
				}
				suite.Failures++
			case StatusSkip:
				tc.Skipped = &junitSkipped{Message: strings.Join(res.Messages, "; ")}
				suite.Skipped++
			case StatusWaived, StatusWarn, StatusInfo:
				tc.SystemOut = xmlText(junitDetails(res))
			}
			suite.Tests++
			suite.Cases = append(suite.Cases, tc)
		}
		doc.Tests += suite.Tests
		doc.Failures += suite.Failures
		doc.Skipped += suite.Skipped
		// Indented as a child of <testsuites>.
		buf.Reset()
		buf.WriteString("\n")
		enc := xml.NewEncoder(&buf)
		enc.Indent("  ", "  ")
		if err := enc.EncodeElement(suite, xml.StartElement{Name: xml.Name{Local: "testsuite"}}); err != nil {
			return err
		}
		_, err := suites.Write(buf.Bytes())
		return err
	}
	s.finish = func(w io.Writer, _ *Tally) error {
		var head bytes.Buffer
		head.WriteString(xml.Header)
		enc := xml.NewEncoder(&head)
		enc.Indent("", "  ")
		if err := enc.Encode(doc); err != nil {
			return err
		}
		out := head.Bytes()
		if !suites.empty() {
			const end = "</testsuites>"
			if _, err := w.Write(out[:len(out)-len(end)]); err != nil {
				return err
			}
			if err := suites.copyTo(w); err != nil {
				return err
			}
			out = []byte("\n" + end)
		}
		if _, err := w.Write(out); err != nil {
			return err
		}
		_, err := io.WriteString(w, "\n")
		return err
	}
	return s
}

// junitDetails is the text of a failure body or of <system-out>: the status, the waiver,
// every message, then what to do about it.
func junitDetails(res Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (%s): %s\n", res.ID, res.Name, strings.ToUpper(res.Status), res.Title)
	if w := res.Waiver; w != nil {
		fmt.Fprintf(&b, "waived until %s by %s: %s\n", w.Expires, orDash(w.Owner), w.Justification)
		if w.Status != "" {
			fmt.Fprintf(&b, "status without the waiver: %s\n", w.Status)
		}
	}
	if res.Status == StatusUnknown {
		b.WriteString("could not be checked:\n")
	}
	for _, m := range res.Messages {
		fmt.Fprintf(&b, "- %s\n", m)
	}
	if res.Remediation != "" && res.Status != StatusInfo && res.Waiver == nil {
		fmt.Fprintf(&b, "\nremediation:\n%s\n", res.Remediation)
	}
	if len(res.Docs) > 0 {
		b.WriteString("\ndocs:\n")
		for _, d := range res.Docs {
			fmt.Fprintf(&b, "%s\n", d)
		}
	}
	return b.String()
}

func firstOr(list []string, fallback string) string {
	if len(list) > 0 {
		return list[0]
	}
	return fallback
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure"`
	Skipped   *junitSkipped `xml:"skipped"`
	SystemOut xmlText       `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",innerxml"` // escaped by escapeXMLText
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// xmlText is character data that keeps its line breaks readable: encoding/xml would write
// every newline of a body as "&#xA;".
type xmlText string

// MarshalXML writes the text escaped by escapeXMLText.
func (t xmlText) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return e.EncodeElement(struct {
		Inner string `xml:",innerxml"`
	}{escapeXMLText(string(t))}, start)
}

// escapeXMLText escapes s for use as XML character data: &, < and > become entities, a
// carriage return a character reference (so that it survives end-of-line normalisation),
// and characters XML cannot carry (control characters, invalid UTF-8) U+FFFD.
func escapeXMLText(s string) string {
	var b strings.Builder
	for _, r := range s { // invalid UTF-8 comes out as U+FFFD
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\r':
			b.WriteString("&#xD;")
		case !xmlChar(r):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmlChar reports whether r is in the Char production of XML 1.0.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
