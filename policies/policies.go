// Package policies embeds dmaprep's Rego: one package per requirement under
// requirements/, shared libraries under lib/, and report.rego, which computes
// data.dmaprep.report. Tests (*_test.rego) are embedded too, so that `dmaprep test` and
// `dmaprep policies export` work from the binary alone.
package policies

import "embed"

// FS holds the policy tree, rooted at this directory.
//
//go:embed *.rego lib/*.rego requirements/*.rego
var FS embed.FS
