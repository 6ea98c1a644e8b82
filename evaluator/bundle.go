package evaluator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"

	"github.com/open-policy-agent/opa/v1/bundle"
)

// BundleRoot is the only data root dmaprep's policies own; an OPA server can serve other
// bundles beside it.
const BundleRoot = "dmaprep"

// WriteBundle writes the policies of cfg (tests left out) and cfg.Data as an OPA bundle
// (tar.gz with a manifest) that a stock OPA server serves at /v1/data/dmaprep/report. The
// revision is version plus a digest of the content, so two different rule sets never share
// a revision. It checks the policy contract first: a bundle never carries policies that
// dmaprep itself would refuse.
func WriteBundle(w io.Writer, cfg Config, version string) (revision string, err error) {
	mods, _, err := load(cfg, false)
	if err != nil {
		return "", err
	}
	if _, err := compile(mods); err != nil {
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
	data := cfg.Data
	if data == nil {
		data = map[string]any{}
	}
	fmt.Fprintf(digest, "%v", data)
	revision = version + "+" + hex.EncodeToString(digest.Sum(nil))[:12]
	roots := []string{BundleRoot}
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
