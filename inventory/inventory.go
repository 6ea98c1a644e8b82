// Package inventory reads a fleet inventory: the Failover pairs of one or many DataMiner
// systems, each with its two agents' sources and its addressing, so that one command
// gathers and judges them all. The file (YAML or JSON) is validated against an embedded
// JSON Schema before it is used.
package inventory

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/gatherer/probe"
	"github.com/dmaprep/dmaprep/gatherer/source"
	"github.com/dmaprep/dmaprep/internal/boundedread"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// SchemaJSON is the inventory's JSON Schema (draft 2020-12).
//
//go:embed inventory.schema.json
var SchemaJSON []byte

const schemaURL = "https://dmaprep.dev/schema/inventory/v1.json"

// Pair is one Failover pair of the inventory. Its sources are a DataMiner folder, an agent
// fact file or the agent's API URL (https://HOST); relative paths are relative to the
// inventory file.
type Pair struct {
	Name              string        `json:"name"`
	Primary           source.Source `json:"primary"`
	Backup            source.Source `json:"backup"`
	VirtualIPs        []netip.Addr  `json:"virtual_ips"`
	Hostname          string        `json:"hostname"`
	PrimaryIPs        []netip.Addr  `json:"primary_ips"`
	BackupIPs         []netip.Addr  `json:"backup_ips"`
	DNSServer         string        `json:"dns_server"`
	HTTPSPort         int           `json:"https_port"`
	InvertedHeartbeat []netip.Addr  `json:"inverted_heartbeat"`
}

type file struct {
	Pairs []Pair `json:"pairs"`
}

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.Formats["ip"] = func(v any) bool {
		s, ok := v.(string)
		if !ok {
			return true
		}
		_, err := netip.ParseAddr(s)
		return err == nil
	}
	if err := c.AddResource(schemaURL, bytes.NewReader(SchemaJSON)); err != nil {
		return nil, err
	}
	return c.Compile(schemaURL)
})

// Load reads and validates the inventory at path. Errors name the file and, for a schema
// violation, the place in it (e.g. /pairs/3/virtual_ips/0) and what is wrong. The file is
// read within its size limit and decoded as strictly as a waiver file: one YAML document
// with string keys, or JSON without duplicate keys.
func Load(path string) ([]Pair, error) {
	data, err := boundedread.File(context.Background(), path, boundedread.Inventory)
	if err != nil {
		return nil, fmt.Errorf("inventory: %w", err)
	}
	raw, err := facts.DecodeStructured(data, path)
	if err != nil {
		return nil, fmt.Errorf("inventory %w", err)
	}
	// Through JSON, so that the schema sees JSON's types (a YAML date becomes its text).
	asJSON, err := json.Marshal(raw)
	if err != nil {
		return nil, fmt.Errorf("inventory %s: %w", path, err)
	}
	var doc any
	dec := json.NewDecoder(bytes.NewReader(asJSON))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("inventory %s: %w", path, err)
	}
	schema, err := compiled()
	if err != nil {
		return nil, err
	}
	if err := schema.Validate(doc); err != nil {
		var ve *jsonschema.ValidationError
		if errors.As(err, &ve) {
			return nil, fmt.Errorf("inventory %s does not match the inventory schema:%s", path, describe(ve))
		}
		return nil, fmt.Errorf("inventory %s: %w", path, err)
	}
	var f file
	if err := json.Unmarshal(asJSON, &f); err != nil {
		return nil, fmt.Errorf("inventory %s: %w", path, err)
	}
	seen := map[string]int{}
	base := filepath.Dir(path)
	for i := range f.Pairs {
		p := &f.Pairs[i]
		if j, dup := seen[p.Name]; dup {
			return nil, fmt.Errorf("inventory %s: /pairs/%d/name: %q is already the name of /pairs/%d", path, i, p.Name, j)
		}
		seen[p.Name] = i
		// The addressing is checked here rather than with a oneOf in the schema, whose
		// violations read poorly.
		if (len(p.VirtualIPs) > 0) == (p.Hostname != "") {
			return nil, fmt.Errorf("inventory %s: /pairs/%d (%s): give the pair's address as virtual_ips or hostname, exactly one of them", path, i, p.Name)
		}
		for _, f := range []struct {
			field string
			ips   []netip.Addr
		}{{"virtual_ips", p.VirtualIPs}, {"primary_ips", p.PrimaryIPs}, {"backup_ips", p.BackupIPs}, {"inverted_heartbeat", p.InvertedHeartbeat}} {
			for j, ip := range f.ips {
				if _, err := source.ParseAddr(ip.String()); err != nil {
					return nil, fmt.Errorf("inventory %s: /pairs/%d/%s/%d: %w", path, i, f.field, j, err)
				}
			}
		}
		if p.DNSServer != "" {
			server, err := probe.ParseServer(p.DNSServer)
			if err != nil {
				return nil, fmt.Errorf("inventory %s: /pairs/%d/dns_server: %w", path, i, err)
			}
			p.DNSServer = server
		}
		p.Primary, p.Backup = p.Primary.RelativeTo(base), p.Backup.RelativeTo(base)
		if source.Same(p.Primary, p.Backup) {
			return nil, fmt.Errorf("inventory %s: /pairs/%d (%s): primary and backup name the same agent (%s)", path, i, p.Name, p.Primary)
		}
	}
	return f.Pairs, nil
}

// describe lists the innermost causes of a schema violation, one per line, by place.
func describe(ve *jsonschema.ValidationError) string {
	var lines []string
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			at := e.InstanceLocation
			if at == "" {
				at = "/"
			}
			lines = append(lines, fmt.Sprintf("\n  %s: %s", at, e.Message))
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	sort.Strings(lines)
	return strings.Join(lines, "")
}
