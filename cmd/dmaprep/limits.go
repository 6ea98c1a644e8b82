package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dmaprep/dmaprep/evaluator"
	"github.com/urfave/cli/v2"
)

// The times OPA can represent: time.now_ns() is a signed 64-bit count of nanoseconds
// since 1970, which runs from 1677-09-21 to 2262-04-11. --now outside it would wrap round
// (9999 read as 1816), so it is refused; the bounds are kept a little inside.
var (
	earliestNow = time.Date(1678, 1, 1, 0, 0, 0, 0, time.UTC)
	latestNow   = time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC)
)

// checkInputLimits refuses flag values the evaluator cannot represent.
func checkInputLimits(c *cli.Context) error {
	if t := c.Timestamp("now"); t != nil && (t.Before(earliestNow) || !t.Before(latestNow)) {
		return fmt.Errorf("--now %s: outside the times the evaluator can represent (%s to %s)",
			t.UTC().Format(time.RFC3339), earliestNow.Format(time.DateOnly), latestNow.Format(time.DateOnly))
	}
	return nil
}

// resolveSelection reads only and disable, from --only/--disable when given, else from the
// --data file, and resolves each entry (an ID or a name, in any case; "all" in only is
// every requirement) against the loaded requirements. An entry that names no requirement
// is an error, wherever it comes from: a typo must not leave a requirement silently
// running, or silently skipped. It returns the lists as IDs (for data.dmaprep.params) and
// whether a requirement is kept.
func resolveSelection(c *cli.Context, cfg evaluator.Config, all []evaluator.Requirement) (map[string]any, func(evaluator.Requirement) bool, error) {
	ix := newRequirementIndex(all)
	dm, _ := cfg.Data["dmaprep"].(map[string]any)
	params, _ := dm["params"].(map[string]any)
	selection := map[string]any{}
	sets := map[string]map[string]bool{}
	var given []string // where the selection came from, for the message below
	for _, key := range []string{"only", "disable"} {
		var names []string
		where := "--" + key
		if c.IsSet(key) {
			names = listFlag(c, key)
		} else {
			where = fmt.Sprintf("--data %s: parameter %q", c.String("data"), key)
			list, _ := params[key].([]any)
			if list == nil {
				continue
			}
			for _, x := range list {
				s, _ := x.(string)
				names = append(names, s)
			}
		}
		if names == nil {
			continue
		}
		given = append(given, where)
		ids := []string{}
		sets[key] = map[string]bool{}
		for _, x := range names {
			if key == "only" && isAll(x) {
				ids, sets[key] = nil, map[string]bool{}
				break
			}
			r, err := ix.lookup(x)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w", where, err)
			}
			ids = append(ids, r.ID)
			sets[key][r.ID] = true
		}
		selection[key] = ids
	}
	keep := func(r evaluator.Requirement) bool {
		if sets["disable"][r.ID] {
			return false
		}
		return len(sets["only"]) == 0 || sets["only"][r.ID]
	}
	if !slices.ContainsFunc(all, keep) {
		return nil, nil, fmt.Errorf("%s: no requirement is left to judge", strings.Join(given, " and "))
	}
	return selection, keep, nil
}
