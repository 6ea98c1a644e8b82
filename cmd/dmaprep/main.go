// Command dmaprep checks whether two DataMiner Agents are ready to become a Failover pair.
//
// UI rules, stated once: results go to stdout, diagnostics to stderr prefixed "dmaprep: ",
// lower-case, no trailing period. Exit codes: 0 ready, 1 not ready, 2 could not judge (bad
// flags or input, policy errors, nothing evaluated). Only main calls os.Exit.
package main

import (
	"os"
)

func main() {
	exitOnSignal()
	os.Exit(run(os.Args, env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, environ: os.Environ}))
}
