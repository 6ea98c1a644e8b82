package evaluator

import (
	"context"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestSandboxCoversEveryBuiltin walks every built-in of the OPA version in go.mod: each is
// either kept (deterministic, or non-deterministic and allowed on purpose with a reason)
// or missing from the capabilities the policies compile against. A built-in that a new OPA
// adds as non-deterministic is refused without anyone touching the sandbox.
func TestSandboxCoversEveryBuiltin(t *testing.T) {
	t.Parallel()
	kept := map[string]bool{}
	for _, b := range Capabilities().Builtins {
		kept[b.Name] = true
	}
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		_, onPurpose := allowedNondeterministic[b.Name]
		switch {
		case refused(b) && kept[b.Name]:
			t.Errorf("%s is refused but still in the capabilities", b.Name)
		case !refused(b) && !kept[b.Name]:
			t.Errorf("%s is allowed but missing from the capabilities", b.Name)
		case b.Nondeterministic && kept[b.Name] && !onPurpose:
			t.Errorf("%s is non-deterministic and kept without a reason", b.Name)
		}
	}
	for name, why := range allowedNondeterministic {
		if why == "" || !kept[name] {
			t.Errorf("%s: allowed on purpose but not kept, or kept without a reason", name)
		}
	}
}

// TestSandboxRefusesWorldFacingBuiltins names the built-ins that must never compile in a
// policy: the network, the runtime's environment, randomness and signing (which draws
// random numbers). Each is refused with a message that says why.
func TestSandboxRefusesWorldFacingBuiltins(t *testing.T) {
	t.Parallel()
	calls := map[string]string{
		"http.send":              `http.send({"method": "get", "url": "http://127.0.0.1/"})`,
		"net.lookup_ip_addr":     `net.lookup_ip_addr("localhost")`,
		"opa.runtime":            `opa.runtime()`,
		"rand.intn":              `rand.intn("x", 10)`,
		"uuid.rfc4122":           `uuid.rfc4122("x")`,
		"io.jwt.encode_sign":     `io.jwt.encode_sign({"alg": "HS256"}, {}, {"kty": "oct", "k": "AAAA"})`,
		"io.jwt.encode_sign_raw": `io.jwt.encode_sign_raw("{}", "{}", "{}")`,
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			files := map[string]string{
				"lib.rego":    lib,
				"report.rego": reportRego,
				"p.rego":      requirement("p", "T001", `violation contains "x" if `+call),
			}
			_, err := New(context.Background(), Config{Sources: sources(files)})
			if err == nil || !strings.Contains(err.Error(), name+" is not allowed in dmaprep policies") {
				t.Fatalf("want %s refused by the sandbox, got %v", name, err)
			}
		})
	}
}
