package main

import (
	"fmt"
	"strings"

	"github.com/dmaprep/dmaprep/evaluator"
)

// requirementIndex finds a requirement by its ID or its name, in any case, as people type
// them (fo102, FO102, Backup-Same-Version), and says which one was meant when none matches.
type requirementIndex struct {
	byKey map[string]evaluator.Requirement
	keys  []string // every ID and name, for suggestions
}

func newRequirementIndex(reqs []evaluator.Requirement) requirementIndex {
	ix := requirementIndex{byKey: map[string]evaluator.Requirement{}}
	for _, r := range reqs {
		for _, k := range []string{r.ID, r.Name} {
			ix.byKey[strings.ToLower(k)] = r
			ix.keys = append(ix.keys, k)
		}
	}
	return ix
}

// lookup returns the requirement with this ID or name, or an error that suggests the
// nearest one.
func (ix requirementIndex) lookup(s string) (evaluator.Requirement, error) {
	if r, ok := ix.byKey[strings.ToLower(strings.TrimSpace(s))]; ok {
		return r, nil
	}
	msg := fmt.Sprintf("no requirement has the ID or name %q", s)
	if near := closest(s, ix.keys); near != "" {
		msg += fmt.Sprintf("; did you mean %s?", near)
	}
	return evaluator.Requirement{}, fmt.Errorf("%s (see dmaprep requirements)", msg)
}

func (ix requirementIndex) known(s string) bool {
	_, ok := ix.byKey[strings.ToLower(strings.TrimSpace(s))]
	return ok
}

// isAll: "all" stands for every requirement where a list of them is asked for.
func isAll(s string) bool { return strings.EqualFold(s, "all") }
