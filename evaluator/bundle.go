package evaluator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/open-policy-agent/opa/v1/bundle"
)

// BundleRoot is the data root under which dmaprep's policies live. The bundle does not own
// all of it: see bundleRoots.
const BundleRoot = "dmaprep"

// WriteBundle writes the policies of cfg (tests left out) and cfg.Data as an OPA bundle
// (tar.gz with a manifest) that a stock OPA server serves at /v1/data/dmaprep/report. The
// revision is version plus a digest of the content, so two different rule sets never share
// a revision. It checks the policy contract first: a bundle never carries policies that
// dmaprep itself would refuse.
func WriteBundle(w io.Writer, cfg Config, version string) (revision string, err error) {
	mods, reqs, err := load(cfg, false)
	if err != nil {
		return "", err
	}
	if _, err := compileSelected(mods, reqs, func(Requirement) bool { return true }); err != nil {
		return "", err
	}
	sort.Slice(mods, func(i, j int) bool { return mods[i].file < mods[j].file })
	digest := sha256.New()
	var files []bundle.ModuleFile
	for _, m := range mods {
		if m.test {
			continue
		}
		path := "/" + m.file
		files = append(files, bundle.ModuleFile{URL: path, Path: path, Raw: m.raw, Parsed: m.parsed})
		fmt.Fprintf(digest, "%s\x00%s\x00", m.file, m.raw)
	}
	data := bundleData(cfg.Data)
	fmt.Fprintf(digest, "%v", data)
	revision = version + "+" + hex.EncodeToString(digest.Sum(nil))[:12]
	roots := bundleRoots(mods, data)
	regoV1 := 1
	b := bundle.Bundle{
		Manifest: bundle.Manifest{Revision: revision, Roots: &roots, RegoVersion: &regoV1},
		Data:     data,
		Modules:  files,
	}
	if err := bundle.NewWriter(w).UseModulePath(true).DisableFormat(true).Write(b); err != nil {
		return "", fmt.Errorf("write bundle: %w", err)
	}
	return revision, nil
}

// bundleRoots are the roots the bundle owns: the first two segments of every policy
// package (dmaprep/lib, dmaprep/report, dmaprep/requirements) and dmaprep/params only when
// the bundle carries parameters. An OPA server refuses data API writes under a bundle's
// roots, so this leaves dmaprep/waivers (and dmaprep/params, without --data) to the data
// API, where an operator PUTs them.
func bundleRoots(mods []module, data map[string]any) []string {
	set := map[string]bool{}
	for _, m := range mods {
		if m.test {
			continue
		}
		var segs []string
		for _, t := range m.parsed.Package.Path[1:] { // [0] is data
			s, ok := t.Value.(ast.String)
			if !ok {
				break
			}
			segs = append(segs, string(s))
		}
		set[strings.Join(segs[:min(2, len(segs))], "/")] = true
	}
	if dm, ok := data[BundleRoot].(map[string]any); ok && dm["params"] != nil {
		set[BundleRoot+"/params"] = true
	}
	roots := make([]string, 0, len(set))
	for r := range set {
		roots = append(roots, r)
	}
	sort.Strings(roots)
	return roots
}

// bundleData is the data the bundle carries: the parameters, when there are any.
func bundleData(data map[string]any) map[string]any {
	dm, _ := data[BundleRoot].(map[string]any)
	if p, ok := dm["params"].(map[string]any); ok && len(p) > 0 {
		return map[string]any{BundleRoot: map[string]any{"params": p}}
	}
	return map[string]any{}
}
