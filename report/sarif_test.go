package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// sarifSchemaPath is the official OASIS SARIF 2.1.0 schema (draft-07), kept byte-exact from
// oasis-tcs/sarif-spec.
var sarifSchemaPath = filepath.Join("..", "testdata", "sarif", "sarif-schema-2.1.0.json")

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(sarifSchemaPath)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft7
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("the SARIF schema refers to %s: no loading in tests", u)
	}
	const url = "file:///sarif-schema-2.1.0.json"
	if err := c.AddResource(url, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile the SARIF schema: %v", err)
	}
	return sch
}

// TestSARIFSchemaValid validates the output for the fixture (two documents, every status)
// and for one document against the official schema.
func TestSARIFSchemaValid(t *testing.T) {
	t.Parallel()
	sch := compileSARIFSchema(t)
	for name, set := range map[string]Set{"two documents": fixtureSet(), "one document": singleSet(), "no document": {}} {
		t.Run(name, func(t *testing.T) {
			out := renderSet(t, SARIF(Options{}), set)
			var doc any
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			if err := sch.Validate(doc); err != nil {
				t.Fatalf("not valid SARIF 2.1.0: %#v\n%s", err, out)
			}
		})
	}
}

// TestSARIFSchemaRejects makes sure the validation has teeth: a log with an unknown
// suppression property and a bad level is refused.
func TestSARIFSchemaRejects(t *testing.T) {
	sch := compileSARIFSchema(t)
	bad := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"dmaprep"}},"results":[
		{"ruleId":"FO1","level":"fatal","message":{"text":"x"},"suppressions":[{"kind":"external","status":"accepted"}]}]}]}`
	var doc any
	if err := json.Unmarshal([]byte(bad), &doc); err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err == nil {
		t.Fatal("the schema accepted an invalid log")
	}
}

// TestSARIFContent checks the mapping: rules, levels, suppressions, locations.
func TestSARIFContent(t *testing.T) {
	t.Parallel()
	var log sarifLog
	dec := json.NewDecoder(bytes.NewReader(renderSet(t, SARIF(Options{ToolVersion: "v1.2.3"}), fixtureSet())))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "dmaprep" || d.Version != "v1.2.3" || d.InformationURI == "" {
		t.Errorf("driver = %s %s %s", d.Name, d.Version, d.InformationURI)
	}
	if len(run.Invocations) != 1 || !run.Invocations[0].ExecutionSuccessful {
		t.Errorf("invocations = %+v", run.Invocations)
	}

	// One rule per requirement over both documents, sorted.
	var ids []string
	for _, r := range d.Rules {
		ids = append(ids, r.ID)
	}
	wantIDs := []string{"FO101", "FO102", "FO104", "FO105", "FO201", "FO203", "FO301", "FO404", "FO803"}
	if diff := cmp.Diff(wantIDs, ids); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	fo102 := d.Rules[1]
	wantRule := sarifRule{
		ID:               "FO102",
		Name:             "backup-same-version",
		ShortDescription: sarifText{Text: "Backup runs exactly the primary's DataMiner version"},
		FullDescription:  sarifText{Text: "Backup runs exactly the primary's DataMiner version. See https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html"},
		Help: sarifText{
			Text: "Upgrade the backup to the primary's version:\nC:\\Skyline DataMiner\\Upgrades\\VersionHistory.txt | 50% done",
			Markdown: "Upgrade the backup to the primary's version:\nC:\\\\Skyline DataMiner\\\\Upgrades\\\\VersionHistory.txt \\| 50% done\n\nDocumentation:\n" +
				"\n- [Preparing the two DataMiner Agents](https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html)" +
				"\n- [Checking the upgrade history of a DataMiner Agent](https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Agents/Upgrading_a_DMA/Checking_the_upgrade_history_of_a_DataMiner_Agent.html)",
		},
		HelpURI:              "https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html",
		DefaultConfiguration: &sarifConfiguration{Level: "error"},
		Properties: map[string]any{
			"tags":              []any{"dataminer", "failover", "Identity and software"},
			"security-severity": "8.0",
			"severity":          "error",
		},
	}
	if diff := cmp.Diff(wantRule, fo102); diff != "" {
		t.Errorf("rule FO102 (-want +got):\n%s", diff)
	}
	for _, r := range d.Rules {
		want := map[string]string{"FO404": "5.5", "FO803": "2.0"}[r.ID]
		if want != "" && r.Properties["security-severity"] != want {
			t.Errorf("%s security-severity = %v, want %s", r.ID, r.Properties["security-severity"], want)
		}
	}

	// One result per requirement that did not pass or skip, all messages joined.
	type res struct {
		Rule, Level, Kind, Text, URI string
		RuleIndex                    int
		Agents                       []string
		Suppressed                   bool
	}
	var got []res
	for _, r := range run.Results {
		var agents []string
		for _, l := range r.Locations[0].LogicalLocations[1:] {
			agents = append(agents, l.Name)
		}
		got = append(got, res{r.RuleID, r.Level, r.Kind, r.Message.Text, r.Locations[0].PhysicalLocation.ArtifactLocation.URI,
			r.RuleIndex, agents, len(r.Suppressions) > 0})
	}
	want := []res{
		{"FO102", "error", "fail", "primary runs 10.4.0.0-14511 (CU4), backup runs 10.4.0.0-14772\nbackup & primary differ: <CU4> vs \"CU?\" | 100% sure", "facts/pair-a.json", 1, []string{"primary", "backup"}, false},
		{"FO104", "error", "fail", "backup's VersionHistory.txt lists 3 entries", "facts/pair-a.json", 2, []string{"backup"}, true},
		{"FO203", "error", "fail", "could not be checked: primary: probe of 10.11.4.60 failed: dial timeout\r\nafter 2s", "facts/pair-a.json", 5, []string{"primary"}, false},
		{"FO404", "warning", "fail", "primary's HTTPS name is fo-pair.example.local, the shared hostname\nbackup's HTTPS name is fo-pair.example.local, the shared hostname", "facts/pair-a.json", 7, []string{"primary", "backup"}, false},
		{"FO803", "note", "informational", "after Failover is configured, run NATSRepair on both agents", "facts/pair-a.json", 8, nil, false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}

	sup := run.Results[1].Suppressions[0]
	wantSup := sarifSuppression{Kind: "external", State: "accepted", Justification: "fresh install & two upgrades <to CU4>",
		Properties: map[string]any{"owner": "ops@example.com", "expires": "2026-12-31", "status": "fail"}}
	if diff := cmp.Diff(wantSup, sup); diff != "" {
		t.Errorf("suppression (-want +got):\n%s", diff)
	}
}

func TestSourceURI(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"facts.json":                  "facts.json",
		"facts/pair b.json":           "facts/pair%20b.json",
		"/tmp/x#1.json":               "file:///tmp/x%231.json",
		`C:\Skyline DataMiner\f.json`: "file:///C:/Skyline%20DataMiner/f.json",
		"stdin":                       "stdin",
		"ab:c.json":                   "./ab:c.json",
	} {
		if got := sourceURI(in); got != want {
			t.Errorf("sourceURI(%q) = %q, want %q", in, got, want)
		}
	}
}
