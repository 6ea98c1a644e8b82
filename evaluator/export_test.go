package evaluator

// ForgetCompiled empties the process's parse and compile caches, so that a benchmark
// measures a cold start.
func ForgetCompiled() {
	for _, c := range []interface{ clear() }{parsedModules, compiledPolicies} {
		c.clear()
	}
}
