package evaluator

import (
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The sandbox. A requirement must judge the fact document and nothing else, so that
// dmaprep check, opa eval and an OPA server agree, and so that a policy from a shared
// repository cannot send facts anywhere. Rather than list the built-ins to refuse (a list
// that misses whatever OPA adds next), the sandbox reads OPA's own built-in metadata:
// every built-in OPA marks non-deterministic is refused, and so is every member of a
// family that talks to the world outside the document, unless it is allowed on purpose
// below. A deterministic built-in is a pure function of its arguments and is allowed.

// allowedNondeterministic are the non-deterministic built-ins the policies may still use,
// each with why it cannot reach beyond the document here.
var allowedNondeterministic = map[string]string{
	"time.now_ns":          "pinned to the run's evaluation time (--now), so every evaluator reads the same instant",
	"json.match_schema":    "non-deterministic only through remote $refs, and the capabilities allow no network host",
	"json.verify_schema":   "non-deterministic only through remote $refs, and the capabilities allow no network host",
	"io.jwt.decode_verify": "reads only the pinned evaluation time; keys are passed as arguments, never fetched",
}

// refusedFamilies are name prefixes refused whatever their metadata says: the HTTP
// client, DNS lookups and the runtime's environment and configuration.
var refusedFamilies = []string{"http.", "net.lookup", "opa.runtime"}

// refused reports whether the sandbox refuses built-in b.
func refused(b *ast.Builtin) bool {
	for _, prefix := range refusedFamilies {
		if strings.HasPrefix(b.Name, prefix) {
			return true
		}
	}
	if !b.Nondeterministic {
		return false
	}
	_, allowed := allowedNondeterministic[b.Name]
	return !allowed
}

// refusedBuiltins are the names of every built-in of this OPA version that refused
// rejects, computed once.
var refusedBuiltins = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{}
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		if refused(b) {
			names[b.Name] = true
		}
	}
	return names
})

// Capabilities are OPA's capabilities for this version without the refused built-ins, and
// with no network access at all (no remote schema or $ref fetches).
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	deny := refusedBuiltins()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !deny[b.Name] {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// explainForbidden rewords OPA's "undefined function http.send" for a refused built-in,
// which would otherwise read like a typo, into the sandbox rule it breaks.
func explainForbidden(errs ast.Errors) ast.Errors {
	for _, e := range errs {
		name, ok := strings.CutPrefix(e.Message, "undefined function ")
		if ok && refusedBuiltins()[name] {
			e.Message = name + " is not allowed in dmaprep policies: network and non-deterministic built-ins are disabled, so a policy judges only the fact document"
		}
	}
	return errs
}
