package main

import (
	"fmt"
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

// checkSelection refuses an only or disable entry that names no requirement, whether it
// comes from --only/--disable or from the --data file: a typo must not leave a
// requirement silently running, or silently skipped.
func checkSelection(c *cli.Context, cfg evaluator.Config, known map[string]bool) error {
	dm, _ := cfg.Data["dmaprep"].(map[string]any)
	params, _ := dm["params"].(map[string]any)
	for _, key := range []string{"only", "disable"} {
		var names []string
		switch list := params[key].(type) {
		case []string:
			names = list
		case []any:
			for _, x := range list {
				s, _ := x.(string)
				names = append(names, s)
			}
		}
		for _, x := range names {
			if known[x] {
				continue
			}
			if c.IsSet(key) {
				return fmt.Errorf("--%s %s: no requirement has this ID or name (see dmaprep requirements)", key, x)
			}
			return fmt.Errorf("--data %s: parameter %q lists %q: no requirement has this ID or name (see dmaprep requirements)", c.String("data"), key, x)
		}
	}
	return nil
}
