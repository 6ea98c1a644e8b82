package gatherer

import (
	"testing"
)

// FuzzOperatorFacts: any operator fact file is facts or an error naming the file, never
// a panic; accepted facts say they come from the operator.
//
//	go test -run '^$' -fuzz FuzzOperatorFacts -fuzztime 60s ./gatherer/
func FuzzOperatorFacts(f *testing.F) {
	for _, s := range []string{"primary:\n  host_software: {npcap: true}\n", `{"backup": {"staas": {"token_files": []}}}`,
		"primary: {host_software: {7: true}}\n", "primary: {}\n---\nbackup: {}\n", "primary: {host_software: {source: host}}\n"} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, isJSON bool) {
		name := "ops.yaml"
		if isJSON {
			name = "ops.json"
		}
		op, err := parseOperatorFacts(data, name)
		if err != nil {
			if len(err.Error()) == 0 {
				t.Error("an empty error")
			}
			return
		}
		for _, a := range []OperatorAgent{op.Primary, op.Backup} {
			if a.HostSoftware != nil && a.HostSoftware.Source != "operator" || a.STaaS != nil && a.STaaS.Source != "operator" {
				t.Errorf("accepted facts not marked as the operator's: %+v", a)
			}
		}
	})
}
