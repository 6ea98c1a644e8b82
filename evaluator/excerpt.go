package evaluator

import (
	"errors"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// maxExcerpt is the most of a policy file's text that a parse error quotes.
const maxExcerpt = 120

// shortExcerpts cuts what OPA's parse errors quote of the file (the offending line, and
// a token in the message) to maxExcerpt characters, with control characters escaped: a
// file that is not Rego at all (a wrong file, or a link to a secret) must not be printed.
func shortExcerpts(err error) error {
	var list ast.Errors
	if !errors.As(err, &list) {
		return err
	}
	for _, e := range list {
		e.Message = sanitise(e.Message)
		if d, ok := e.Details.(*ast.ParserErrorDetail); ok {
			line := sanitise(d.Line)
			if d.Idx > len([]rune(line)) {
				d.Idx = 0
			}
			d.Line = line
		}
	}
	return list
}

func sanitise(s string) string {
	r := []rune(s)
	cut := len(r) > maxExcerpt
	if cut {
		r = r[:maxExcerpt]
	}
	q := strconv.Quote(string(r))
	out := strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`)
	if cut {
		out += "…"
	}
	return out
}
