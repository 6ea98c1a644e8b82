// Package policydata reads the data that users hand to the policies: waivers
// (--waivers) and parameters (--data), in YAML or JSON, and checks them before any
// policy runs, so that a typo is an error that names the entry and the field, not a
// waiver that silently never applies.
package policydata

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/internal/boundedread"
)

// Waiver is one entry of a waiver file.
type Waiver struct {
	Requirement   string `json:"requirement"`
	Agent         string `json:"agent,omitempty"`
	Justification string `json:"justification"`
	Owner         string `json:"owner,omitempty"`
	Expires       string `json:"expires"`
}

var waiverFields = map[string]bool{"requirement": true, "agent": true, "justification": true, "owner": true, "expires": true}

// LoadWaivers reads a waiver file: a list of waivers, or an object {"waivers": [...]}.
// known reports whether a requirement ID or name exists, so that a waiver for a
// requirement that does not exist is refused.
func LoadWaivers(path string, known func(string) bool) ([]Waiver, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return ParseWaivers(data, path, known)
}

// ParseWaivers is LoadWaivers on a file's content; path is how errors refer to it.
func ParseWaivers(data []byte, path string, known func(string) bool) ([]Waiver, error) {
	raw, err := facts.DecodeStructured(data, path)
	if err != nil {
		return nil, err
	}
	if obj, ok := raw.(map[string]any); ok {
		if len(obj) != 1 || obj["waivers"] == nil {
			return nil, fmt.Errorf("%s: want a list of waivers, or an object with only a \"waivers\" list", path)
		}
		raw = obj["waivers"]
	}
	list, ok := raw.([]any)
	if !ok {
		return nil, fmt.Errorf("%s: want a list of waivers", path)
	}
	if len(list) > MaxWaivers {
		return nil, fmt.Errorf("%s: %d waivers, more than the limit of %d (see SECURITY.md); waive by requirement name, not entry by entry", path, len(list), MaxWaivers)
	}
	var problems []string
	out := make([]Waiver, 0, len(list))
	for i, item := range list {
		w, errs := waiverOf(item, known)
		for _, e := range errs {
			problems = append(problems, fmt.Sprintf("%s: waiver %d%s: %s", path, i+1, label(w), e))
		}
		out = append(out, w)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("invalid waivers:\n  %s", strings.Join(firstProblems(problems), "\n  "))
	}
	return out, nil
}

// MaxWaivers is the most waivers one file may hold. Each is matched against every result,
// so evaluation time grows with their number; a real file holds a few dozen.
const MaxWaivers = 1000

// shownProblems is how many problems of a file one error lists.
const shownProblems = 20

// firstProblems keeps the first shownProblems problems and says how many more there are.
func firstProblems(problems []string) []string {
	if len(problems) <= shownProblems {
		return problems
	}
	return append(problems[:shownProblems:shownProblems], fmt.Sprintf("... and %d more", len(problems)-shownProblems))
}

func label(w Waiver) string {
	if w.Requirement == "" {
		return ""
	}
	return " (" + w.Requirement + ")"
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func waiverOf(item any, known func(string) bool) (Waiver, []string) {
	obj, ok := item.(map[string]any)
	if !ok {
		return Waiver{}, []string{"is not an object with requirement, justification and expires"}
	}
	var errs []string
	str := func(key string) string {
		v, present := obj[key]
		if !present {
			return ""
		}
		s, ok := v.(string)
		if !ok {
			// YAML reads an unquoted 2026-12-31 as a date.
			if t, isTime := v.(time.Time); isTime && key == "expires" {
				return t.Format(time.DateOnly)
			}
			errs = append(errs, fmt.Sprintf("field %q must be a string", key))
		}
		return strings.TrimSpace(s)
	}
	w := Waiver{
		Requirement:   str("requirement"),
		Agent:         str("agent"),
		Justification: str("justification"),
		Owner:         str("owner"),
		Expires:       str("expires"),
	}
	var unknown []string
	for k := range obj {
		if !waiverFields[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		errs = append(errs, fmt.Sprintf("unknown field %q (fields: requirement, agent, justification, owner, expires)", k))
	}
	switch {
	case w.Requirement == "":
		errs = append(errs, `field "requirement" is required (a requirement ID such as FO203, or its name)`)
	case known != nil && !known(w.Requirement):
		errs = append(errs, fmt.Sprintf("field \"requirement\": no requirement has the ID or name %q", w.Requirement))
	}
	if w.Agent != "" && w.Agent != "primary" && w.Agent != "backup" {
		errs = append(errs, fmt.Sprintf("field \"agent\": %q is not primary or backup", w.Agent))
	}
	if w.Justification == "" {
		errs = append(errs, `field "justification" is required: say why the finding is accepted`)
	}
	switch t, err := time.Parse(time.DateOnly, w.Expires); {
	case w.Expires == "":
		errs = append(errs, `field "expires" is required (YYYY-MM-DD): every waiver ends`)
	case !dateRE.MatchString(w.Expires) || err != nil:
		errs = append(errs, fmt.Sprintf("field \"expires\": %q is not a date (YYYY-MM-DD)", w.Expires))
	case t.Year() > 2200:
		errs = append(errs, fmt.Sprintf("field \"expires\": %s is too far away to be a real expiry", w.Expires))
	case t.Year() < 1970:
		// Before 1970 is no real waiver, and dates before 1678 are beyond what the
		// evaluator's clock can represent: it would fail judging the fact document.
		errs = append(errs, fmt.Sprintf("field \"expires\": %s is too far in the past to be a real expiry", w.Expires))
	}
	return w, errs
}

// Param types of the built-in parameters (see policies/lib/params.rego); other keys are
// passed through for custom policies.
var paramKinds = map[string]string{
	"fail_on":               "string",
	"only":                  "list",
	"disable":               "list",
	"require_hostname_mode": "bool",
	"trusted_issuers":       "list",
}

// LoadParams reads a parameter file: an object whose keys become data.dmaprep.params.
func LoadParams(path string) (map[string]any, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return ParseParams(data, path)
}

// ParseParams is LoadParams on a file's content; path is how errors refer to it.
func ParseParams(data []byte, path string) (map[string]any, error) {
	raw, err := facts.DecodeStructured(data, path)
	if err != nil {
		return nil, err
	}
	obj, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: want an object of parameters, e.g. {\"trusted_issuers\": [\"CN=Our CA\"]}", path)
	}
	var problems []string
	for key, v := range obj {
		kind, builtin := paramKinds[key]
		if !builtin {
			continue
		}
		if ok := checkKind(kind, v); !ok {
			problems = append(problems, fmt.Sprintf("%s: parameter %q must be a %s", path, key, kind))
		}
	}
	if fo, ok := obj["fail_on"].(string); ok && fo != "fail" && fo != "warn" {
		problems = append(problems, fmt.Sprintf("%s: parameter \"fail_on\": %q is not fail or warn", path, fo))
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, fmt.Errorf("invalid parameters:\n  %s", strings.Join(firstProblems(problems), "\n  "))
	}
	return obj, nil
}

func checkKind(kind string, v any) bool {
	switch kind {
	case "string":
		_, ok := v.(string)
		return ok
	case "bool":
		_, ok := v.(bool)
		return ok
	case "list":
		list, ok := v.([]any)
		if !ok {
			return false
		}
		for _, item := range list {
			if _, ok := item.(string); !ok {
				return false
			}
		}
		return true
	}
	return false
}

// readFile reads a waiver or parameter file within its size limit.
func readFile(path string) ([]byte, error) {
	return boundedread.File(context.Background(), path, boundedread.PolicyData)
}

// AsData converts waivers to the plain values the policies read at data.dmaprep.waivers.
func AsData(ws []Waiver) []any {
	out := make([]any, len(ws))
	for i, w := range ws {
		m := map[string]any{"requirement": w.Requirement, "justification": w.Justification, "expires": w.Expires}
		if w.Agent != "" {
			m["agent"] = w.Agent
		}
		if w.Owner != "" {
			m["owner"] = w.Owner
		}
		out[i] = m
	}
	return out
}
