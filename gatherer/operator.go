package gatherer

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/internal/boundedread"
)

// OperatorFacts are what the operator states about each agent where dmaprep cannot
// observe it from where it runs (an operator facts file): the software on the agent's
// Windows host and its STaaS preparation, which the DataMiner docs name but give no way
// to detect remotely. The file is YAML or JSON with the fact schema's field names:
//
//	primary:
//	  host_software: {npcap: true, iis_arr: true}
//	backup:
//	  host_software: {npcap: true, iis_arr: true}
//	  staas: {cca_gateway_persisted_present: true, token_files: []}
type OperatorFacts struct {
	Primary OperatorAgent `json:"primary"`
	Backup  OperatorAgent `json:"backup"`
}

// OperatorAgent is what the operator states about one agent; nil is not stated.
type OperatorAgent struct {
	HostSoftware *facts.HostSoftware `json:"host_software"`
	STaaS        *facts.STaaS        `json:"staas"`
}

// maxOperatorFile bounds an operator fact file: a few lines per agent.
const maxOperatorFile = boundedread.OperatorFacts

var (
	operatorAgents = []string{"primary", "backup"}
	operatorFields = []string{"host_software", "staas"}
)

// ReadOperatorFacts reads and checks an operator fact file. Every value is checked
// against the fact schema, so a misspelt field or a wrong type is an error naming the
// file, the agent and the field, not a fact that silently stays null. A file that gives
// `source` must say "operator": the operator cannot state that the host was observed.
func ReadOperatorFacts(path string) (OperatorFacts, error) {
	data, err := boundedread.File(context.Background(), path, maxOperatorFile)
	if err != nil {
		return OperatorFacts{}, fmt.Errorf("operator facts: %w", err)
	}
	return parseOperatorFacts(data, path)
}

// parseOperatorFacts reads the file's content; name is how errors refer to it.
func parseOperatorFacts(data []byte, name string) (OperatorFacts, error) {
	doc, err := decodeStructured(data, name)
	if err != nil {
		return OperatorFacts{}, err
	}
	top, ok := doc.(map[string]any)
	if !ok {
		return OperatorFacts{}, fmt.Errorf("%s: want an object with primary and/or backup, e.g. `primary: {host_software: {npcap: true}}`", name)
	}
	var problems []string
	problem := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	agents := map[string]any{}
	for _, key := range sortedKeys(top) {
		if !slices.Contains(operatorAgents, key) {
			problem("unknown agent %q (want primary or backup)", key)
			continue
		}
		if top[key] == nil {
			continue
		}
		agent, ok := top[key].(map[string]any)
		if !ok {
			problem("%s: want an object with host_software and/or staas", key)
			continue
		}
		for _, field := range sortedKeys(agent) {
			obj, isObj := agent[field].(map[string]any)
			switch {
			case !slices.Contains(operatorFields, field):
				problem("%s: unknown field %q (fields: %s)", key, field, strings.Join(operatorFields, ", "))
			case agent[field] == nil:
			case !isObj:
				problem("%s: %s: want an object", key, field)
			default:
				switch src, given := obj["source"]; {
				case !given:
				case src != facts.SuppliedByOperator:
					problem("%s: %s.source: %v is not \"operator\" (dmaprep sets it; leave it out)", key, field, src)
				}
				obj["source"] = facts.SuppliedByOperator
			}
		}
		agents[key] = agent
	}
	// Check the values against the schema's agent definition, in a minimal fact document.
	if len(problems) == 0 {
		wrapped := map[string]any{"schema_version": facts.SchemaVersion, "intent": map[string]any{}, "agents": map[string]any{
			"primary": orEmpty(agents["primary"]), "backup": orEmpty(agents["backup"]),
		}}
		violations, err := facts.Validate(wrapped)
		if err != nil {
			return OperatorFacts{}, err
		}
		for _, v := range violations {
			agent, field := splitAgentPointer(v.Pointer)
			problem("%s: %s: %s", agent, field, v.Message)
		}
	}
	if len(problems) > 0 {
		return OperatorFacts{}, fmt.Errorf("invalid operator facts in %s:\n  %s", name, strings.Join(problems, "\n  "))
	}
	raw, err := json.Marshal(agents)
	if err != nil {
		return OperatorFacts{}, fmt.Errorf("%s: %w", name, err)
	}
	var of OperatorFacts
	if err := json.Unmarshal(raw, &of); err != nil {
		return OperatorFacts{}, fmt.Errorf("%s: %w", name, err)
	}
	return of, nil
}

// decodeStructured reads JSON (a .json file, with line and column on errors) or YAML into
// the plain values that facts.Decode gives: maps, slices, strings, bools, json.Number.
func decodeStructured(data []byte, name string) (any, error) {
	v, err := facts.DecodeStructured(data, name)
	if err != nil {
		return nil, err
	}
	// Through JSON, so that a YAML date is the string the schema checks.
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return facts.DecodeBytes(raw, name)
}

func sortedKeys(m map[string]any) []string {
	keys := slices.Collect(maps.Keys(m))
	sort.Strings(keys)
	return keys
}

func orEmpty(v any) any {
	if v == nil {
		return map[string]any{}
	}
	return v
}

// splitAgentPointer turns "/agents/primary/staas/token_files/0" into "primary" and
// "staas.token_files[0]".
func splitAgentPointer(pointer string) (agent, field string) {
	parts, _ := facts.PointerKeys(strings.TrimPrefix(pointer, "/agents"))
	if len(parts) == 0 {
		return "", "(the whole agent)"
	}
	agent = parts[0]
	for _, p := range parts[1:] {
		if _, err := strconv.Atoi(p); err == nil {
			field += "[" + p + "]"
			continue
		}
		if field != "" {
			field += "."
		}
		field += p
	}
	if field == "" {
		field = "(the whole agent)"
	}
	return agent, field
}

// Apply adds the operator's facts to f's agents. Facts in f win: an agent whose host
// was observed (`gather agent` on the host) keeps every value it has, and the operator's
// values only fill the fields that are null there (services name by name). An object that
// takes any value from the operator gets source "operator", since the schema records one
// source per object. Apply returns a note for each operator value that was not used
// because f already had a different one.
func (o OperatorFacts) Apply(f *facts.Facts) []string {
	var notes []string
	for _, x := range []struct {
		name  string
		agent *facts.Agent
		op    OperatorAgent
	}{{"primary", &f.Agents.Primary, o.Primary}, {"backup", &f.Agents.Backup, o.Backup}} {
		var n []string
		x.agent.HostSoftware, n = mergeHostSoftware(x.agent.HostSoftware, x.op.HostSoftware)
		notes = append(notes, prefixNotes(x.name+" host_software", n)...)
		x.agent.STaaS, n = mergeSTaaS(x.agent.STaaS, x.op.STaaS)
		notes = append(notes, prefixNotes(x.name+" staas", n)...)
	}
	return notes
}

// mergeHostSoftware fills the host software facts nobody observed with the operator's.
func mergeHostSoftware(have, op *facts.HostSoftware) (*facts.HostSoftware, []string) {
	return mergeStated(have, op, func(h *facts.HostSoftware) { h.Source = facts.SuppliedByOperator },
		func(m *merger, out, op *facts.HostSoftware) {
			fill(m, "npcap", &out.Npcap, op.Npcap)
			fill(m, "winpcap", &out.WinPcap, op.WinPcap)
			fill(m, "iis_arr", &out.IISARR, op.IISARR)
			fill(m, "cassandra_release_version", &out.CassandraReleaseVersion, op.CassandraReleaseVersion)
			if op.Services == nil {
				return
			}
			services := maps.Clone(out.Services)
			if services == nil {
				services = map[string]string{}
			}
			for _, name := range slices.Sorted(maps.Keys(op.Services)) {
				state := op.Services[name]
				if v, ok := services[name]; !ok {
					services[name] = state
					m.filled = true
				} else if v != state {
					m.ignore("services."+name, v, state)
				}
			}
			out.Services = services
		})
}

// mergeSTaaS fills the STaaS facts nobody observed with the operator's.
func mergeSTaaS(have, op *facts.STaaS) (*facts.STaaS, []string) {
	return mergeStated(have, op, func(s *facts.STaaS) { s.Source = facts.SuppliedByOperator },
		func(m *merger, out, op *facts.STaaS) {
			fill(m, "cloudgateway_installed", &out.CloudGatewayInstalled, op.CloudGatewayInstalled)
			fill(m, "cca_gateway_persisted_present", &out.CCAGatewayPersistedPresent, op.CCAGatewayPersistedPresent)
			fill(m, "node_id_fingerprint", &out.NodeIDFingerprint, op.NodeIDFingerprint)
			switch {
			case out.TokenFiles == nil && op.TokenFiles != nil:
				out.TokenFiles, m.filled = op.TokenFiles, true
			case op.TokenFiles != nil && !slices.Equal(out.TokenFiles, op.TokenFiles):
				m.ignore("token_files", fmt.Sprintf("%q", out.TokenFiles), fmt.Sprintf("%q", op.TokenFiles))
			}
		})
}

// mergeStated merges what the operator stated (op) into what was observed (have): with
// nothing observed the statement is taken whole; otherwise mergeFields fills only the
// fields nobody observed. Either way an object the operator added to is marked as
// supplied by the operator, and the statements not used are returned as notes.
func mergeStated[T any](have, op *T, markStated func(*T), mergeFields func(m *merger, out, op *T)) (*T, []string) {
	if op == nil {
		return have, nil
	}
	if have == nil {
		out := *op
		markStated(&out)
		return &out, nil
	}
	out := *have
	var m merger
	mergeFields(&m, &out, op)
	if m.filled {
		markStated(&out)
	}
	return &out, m.ignored
}

// merger tracks one object's merge: whether the operator filled a field, and which of
// the operator's values were not used, as "field: the agent's facts say X; ...".
type merger struct {
	filled  bool
	ignored []string
}

func (m *merger) ignore(field string, have, op any) {
	m.ignored = append(m.ignored, fmt.Sprintf("%s: the agent's facts say %v; the operator's %v is not used", field, have, op))
}

// fill sets *dst to src when *dst is nil; a different value already there stays.
func fill[T comparable](m *merger, field string, dst **T, src *T) {
	switch {
	case src == nil:
	case *dst == nil:
		*dst, m.filled = src, true
	case **dst != *src:
		m.ignore(field, **dst, *src)
	}
}

func prefixNotes(prefix string, notes []string) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = prefix + "." + n
	}
	return out
}
