package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"
)

const (
	sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifInfoURI   = "https://github.com/dmaprep/dmaprep"
)

// securitySeverity is the score GitHub code scanning reads from a rule's
// properties["security-severity"] (the scale Trivy uses: 8.0 high, 5.5 medium, 2.0 low).
var securitySeverity = map[string]string{"error": "8.0", "warning": "5.5", "info": "2.0"}

// SARIF writes a SARIF 2.1.0 log for code-scanning dashboards (GitHub code scanning,
// Azure DevOps, IDE viewers):
//
//   - one run; tool.driver "dmaprep" with one rule per requirement (id = FO id, name,
//     title, remediation as help, doc links as helpUri and in help.markdown, tags
//     ["dataminer", "failover", area], security-severity by severity);
//   - one result per requirement and fact document whose status is fail, warn, info,
//     unknown or waived, carrying all of that requirement's messages joined by newlines
//     (pass and skip give no result). Levels: fail and unknown "error" (an unknown says
//     it could not be checked), warn "warning", info "note"; a waived result keeps the
//     level of the status it would have had and carries an accepted external suppression
//     with the waiver's justification, owner and expiry;
//   - each result is located in its fact document (the artifact) with logical locations
//     naming the document and the agents its messages name.
//
// tool.driver.version is o.ToolVersion, else the main module's version, else "devel".
func SARIF(o Options) Format {
	return func(w io.Writer, s Set) error { return renderAll(newSARIFStream(w, o), s) }
}

// newSARIFStream writes each result as it comes, with a placeholder rule index (the rules
// are known only at the end), and at Close the log around them with every placeholder
// replaced. It keeps the first result of each requirement, for its rule.
func newSARIFStream(w io.Writer, opts Options) Stream {
	s := newSummarising(w, opts, 1, false)
	results := s.sections[0]
	byID := map[string]Result{}
	var buf bytes.Buffer
	s.part = func(_ int, r Report, _ bool) error {
		buf.Reset()
		for _, res := range r.Results {
			if _, ok := byID[res.ID]; !ok {
				byID[res.ID] = res
			}
			if res.Status == StatusPass || res.Status == StatusSkip {
				continue
			}
			if buf.Len() > 0 || !results.empty() {
				buf.WriteString(",\n")
			}
			buf.WriteString(elementIndent(4))
			if err := encodeJSON(&buf, elementIndent(4), sarifResultFor(r, res, ruleIndexPending)); err != nil {
				return err
			}
			buf.Truncate(buf.Len() - 1)
		}
		_, err := results.Write(buf.Bytes())
		return err
	}
	s.finish = func(w io.Writer, t *Tally) error {
		rules, index := sarifRules(byID)
		log := sarifLog{
			Schema:  sarifSchemaURI,
			Version: "2.1.0",
			Runs: []sarifRun{{
				Tool: sarifTool{Driver: sarifDriver{
					Name:           "dmaprep",
					InformationURI: sarifInfoURI,
					Version:        toolVersion(opts.ToolVersion),
					Rules:          rules,
				}},
				Invocations: []sarifInvocation{{ExecutionSuccessful: true}},
				Results:     []sarifResult{},
				Properties:  map[string]any{"ready": t.Ready(), "summary": t.counts()},
			}},
		}
		return spliceJSON(w, log, `"results": []`, elementIndent(3), !results.empty(), func(w io.Writer) error {
			r, err := results.reader()
			if err != nil {
				return err
			}
			return fillRuleIndexes(w, r, index)
		})
	}
	return s
}

// ruleIndexPending is the rule index of a result written before the rules are known.
const ruleIndexPending = -1

// fillRuleIndexes copies results written with ruleIndexPending, replacing it with the
// index of the rule named on the line before ("ruleId"). Every line is one JSON member,
// so a member name at the start of a line is never inside a string.
func fillRuleIndexes(w io.Writer, r io.Reader, index map[string]int) error {
	br := bufio.NewReaderSize(r, 64<<10)
	bw := bufio.NewWriterSize(w, 64<<10)
	pending := []byte(fmt.Sprintf(`"ruleIndex": %d,`, ruleIndexPending))
	var id string
	for {
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A long line (a message) is no member we look for: copy it through.
			bw.Write(line)
			for err == bufio.ErrBufferFull {
				line, err = br.ReadSlice('\n')
				bw.Write(line)
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			continue
		}
		member := bytes.TrimLeft(line, " ")
		switch {
		case bytes.HasPrefix(member, []byte(`"ruleId": `)):
			value := bytes.TrimSuffix(bytes.TrimSpace(member[len(`"ruleId": `):]), []byte(","))
			if jerr := json.Unmarshal(value, &id); jerr != nil {
				return fmt.Errorf("render sarif: rule id %s: %w", value, jerr)
			}
			bw.Write(line)
		case bytes.Equal(bytes.TrimRight(member, "\n"), pending):
			bw.Write(line[:len(line)-len(member)])
			fmt.Fprintf(bw, `"ruleIndex": %d,`, index[id])
			if bytes.HasSuffix(member, []byte("\n")) {
				bw.WriteByte('\n')
			}
		default:
			bw.Write(line)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	return bw.Flush()
}

// toolVersion is version, else the main module's version, else "devel".
func toolVersion(version string) string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// sarifRules gives one rule per requirement (byID: its first result in any report),
// sorted by ID, and each requirement's index among them.
func sarifRules(byID map[string]Result) ([]sarifRule, map[string]int) {
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	rules := make([]sarifRule, 0, len(ids))
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		res := byID[id]
		index[id] = i
		tags := []string{"dataminer", "failover"}
		if res.Area != "" && res.Area != "dataminer" && res.Area != "failover" {
			tags = append(tags, res.Area)
		}
		rule := sarifRule{
			ID:               res.ID,
			Name:             res.Name,
			ShortDescription: sarifText{Text: res.Title},
			FullDescription:  sarifText{Text: res.Title},
			Help:             sarifText{Text: orText(res.Remediation, res.Title), Markdown: sarifHelpMarkdown(res)},
			DefaultConfiguration: &sarifConfiguration{
				Level: sarifLevel(severityStatus(res.Severity), res.Severity),
			},
			Properties: map[string]any{"tags": tags, "severity": res.Severity},
		}
		if len(res.Docs) > 0 {
			rule.FullDescription.Text = res.Title + ". See " + res.Docs[0]
			rule.HelpURI = res.Docs[0]
		}
		if score, ok := securitySeverity[res.Severity]; ok {
			rule.Properties["security-severity"] = score
		}
		rules = append(rules, rule)
	}
	return rules, index
}

// sarifHelpMarkdown is the remediation followed by the doc links.
func sarifHelpMarkdown(res Result) string {
	var b strings.Builder
	b.WriteString(mdEscape(orText(res.Remediation, res.Title)))
	if len(res.Docs) > 0 {
		b.WriteString("\n\nDocumentation:\n")
		for _, d := range res.Docs {
			fmt.Fprintf(&b, "\n- %s", mdLink(d))
		}
	}
	return b.String()
}

// severityStatus is the status a requirement of this severity has when it does not hold.
func severityStatus(severity string) string {
	switch severity {
	case "warning":
		return StatusWarn
	case "info":
		return StatusInfo
	}
	return StatusFail
}

// sarifLevel maps a status (for waived: the status without the waiver) to a SARIF level.
func sarifLevel(status, severity string) string {
	switch status {
	case StatusFail, StatusUnknown:
		return "error"
	case StatusWarn:
		return "warning"
	case StatusInfo:
		return "note"
	}
	// A waiver that does not say what it covered: judge by severity.
	if severity == "error" {
		return "error"
	}
	return "warning"
}

func sarifResultFor(r Report, res Result, ruleIndex int) sarifResult {
	text := strings.Join(res.Messages, "\n")
	if text == "" {
		text = res.Title
	}
	status := res.Status
	if status == StatusUnknown {
		text = "could not be checked: " + text
	}
	kind := "fail"
	if status == StatusInfo {
		kind = "informational"
	}
	out := sarifResult{
		RuleID:    res.ID,
		RuleIndex: ruleIndex,
		Kind:      kind,
		Message:   sarifText{Text: text},
		Locations: []sarifLocation{{
			PhysicalLocation: &sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: sourceURI(r.Source)}},
			LogicalLocations: sarifLogicalLocations(r.Source, res.Messages),
		}},
		Properties: map[string]any{"status": res.Status, "severity": res.Severity, "document": r.Source},
	}
	if w := res.Waiver; w != nil {
		status = w.Status
		sup := sarifSuppression{Kind: "external", State: "accepted", Justification: w.Justification,
			Properties: map[string]any{"expires": w.Expires}}
		if w.Owner != "" {
			sup.Properties["owner"] = w.Owner
		}
		if w.Agent != "" {
			sup.Properties["agent"] = w.Agent
		}
		if w.Status != "" {
			sup.Properties["status"] = w.Status
		}
		out.Suppressions = []sarifSuppression{sup}
	}
	out.Level = sarifLevel(status, res.Severity)
	return out
}

var agentWord = regexp.MustCompile(`(?i)\b(primary|backup)\b`)

// sarifLogicalLocations names the fact document and, under it, each agent the messages
// name ("primary", "backup").
func sarifLogicalLocations(source string, messages []string) []sarifLogicalLocation {
	locs := []sarifLogicalLocation{{Name: source, FullyQualifiedName: source, Kind: "resource"}}
	seen := map[string]bool{}
	for _, m := range messages {
		for _, a := range agentWord.FindAllString(m, -1) {
			seen[strings.ToLower(a)] = true
		}
	}
	for _, agent := range []string{"primary", "backup"} {
		if seen[agent] {
			locs = append(locs, sarifLogicalLocation{
				Name: agent, FullyQualifiedName: source + "/" + agent, Kind: "object",
			})
		}
	}
	return locs
}

// sourceURI turns a fact document's source (a path, or "stdin") into a URI reference:
// forward slashes, percent-encoded, absolute Windows paths as file URIs.
func sourceURI(source string) string {
	p := strings.ReplaceAll(source, `\`, "/")
	if len(p) >= 2 && p[1] == ':' && (p[0]|0x20) >= 'a' && (p[0]|0x20) <= 'z' {
		return (&url.URL{Scheme: "file", Path: "/" + p}).String()
	}
	if filepath.IsAbs(p) || strings.HasPrefix(p, "/") {
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: p}).String()
}

func orText(s, fallback string) string {
	if s != "" {
		return s
	}
	return fallback
}

// The SARIF 2.1.0 objects dmaprep writes (a subset of the schema).
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool        sarifTool         `json:"tool"`
		Invocations []sarifInvocation `json:"invocations"`
		Results     []sarifResult     `json:"results"`
		Properties  map[string]any    `json:"properties,omitempty"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Version        string      `json:"version"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string              `json:"id"`
		Name                 string              `json:"name"`
		ShortDescription     sarifText           `json:"shortDescription"`
		FullDescription      sarifText           `json:"fullDescription"`
		Help                 sarifText           `json:"help"`
		HelpURI              string              `json:"helpUri,omitempty"`
		DefaultConfiguration *sarifConfiguration `json:"defaultConfiguration,omitempty"`
		Properties           map[string]any      `json:"properties"`
	}
	sarifConfiguration struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool `json:"executionSuccessful"`
	}
	sarifResult struct {
		RuleID       string             `json:"ruleId"`
		RuleIndex    int                `json:"ruleIndex"`
		Kind         string             `json:"kind"`
		Level        string             `json:"level"`
		Message      sarifText          `json:"message"`
		Locations    []sarifLocation    `json:"locations"`
		Suppressions []sarifSuppression `json:"suppressions,omitempty"`
		Properties   map[string]any     `json:"properties,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
		LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	}
	sarifArtifactLocation struct {
		URI string `json:"uri"`
	}
	sarifLogicalLocation struct {
		Name               string `json:"name"`
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
	sarifSuppression struct {
		Kind          string         `json:"kind"`
		State         string         `json:"state"`
		Justification string         `json:"justification"`
		Properties    map[string]any `json:"properties,omitempty"`
	}
)
