package evaluator

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// forbiddenBuiltins reach the network or give a different answer on every run. A
// requirement must judge the fact document and nothing else, so that dmaprep check, opa
// eval and an OPA server agree, and so that a policy from a shared repository cannot send
// facts anywhere.
var forbiddenBuiltins = map[string]bool{
	"http.send":          true,
	"net.lookup_ip_addr": true,
	"opa.runtime":        true,
	"rand.intn":          true,
	"uuid.rfc4122":       true,
}

// Capabilities are OPA's capabilities for this version minus forbiddenBuiltins, with no
// network access at all (no remote schema or $ref fetches).
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !forbiddenBuiltins[b.Name] {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// explainForbidden rewords OPA's "undefined function http.send" for a forbidden built-in,
// which would otherwise read like a typo, into the sandbox rule it breaks.
func explainForbidden(errs ast.Errors) ast.Errors {
	for _, e := range errs {
		name, ok := strings.CutPrefix(e.Message, "undefined function ")
		if ok && forbiddenBuiltins[name] {
			e.Message = name + " is not allowed in dmaprep policies: network and non-deterministic built-ins are disabled, so a policy judges only the fact document"
		}
	}
	return errs
}
