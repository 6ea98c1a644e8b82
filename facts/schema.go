package facts

// This file holds the JSON Schema that every fact document must satisfy before a policy
// sees it; decode.go reads documents with errors a person can act on (file, line and
// column; JSON pointer and reason).

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"net/netip"
	"sort"
	"strings"
	"sync"

	"github.com/dmaprep/dmaprep/dmversion"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// SchemaJSON is the fact document's JSON Schema (draft 2020-12), as shipped in the binary.
//
//go:embed facts.schema.json
var SchemaJSON []byte

const schemaURL = "https://dmaprep.dev/schema/facts/v1.json"

// formats are the formats of our own that the schema uses, with how a violation reads.
var formats = map[string]struct {
	check func(string) bool
	noun  string
}{
	"dataminer-version": {func(s string) bool { _, err := dmversion.Parse(s); return err == nil }, "a DataMiner version"},
	"ip":                {func(s string) bool { _, err := netip.ParseAddr(s); return err == nil }, "an IP address"},
}

// standardNouns word the standard formats the schema uses.
var standardNouns = map[string]string{"date-time": "an RFC 3339 date-time"}

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) { return compile(schemaURL) })

var compiledAgentFile = sync.OnceValues(func() (*jsonschema.Schema, error) { return compile(schemaURL + "#/$defs/agent_file") })

func compile(url string) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	// The schema is self-contained: nothing may be fetched while compiling it.
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("schema refers to %s, which is not bundled", u)
	}
	for name, f := range formats {
		check := f.check
		c.Formats[name] = func(v any) bool {
			s, ok := v.(string)
			return !ok || check(s)
		}
	}
	if err := c.AddResource(schemaURL, strings.NewReader(string(SchemaJSON))); err != nil {
		return nil, err
	}
	return c.Compile(url)
}

// Violation is one way a document breaks the schema.
type Violation struct {
	Pointer string // JSON pointer into the document; "" is the whole document
	Message string
}

func (v Violation) String() string {
	p := v.Pointer
	if p == "" {
		p = "/"
	}
	return p + ": " + v.Message
}

// Validate checks a decoded document (as Decode returns it) against the schema and returns
// every violation, sorted by pointer. An empty result means the document is valid.
func Validate(doc any) ([]Violation, error) {
	violations, err := validate(compiled, doc)
	if err != nil || len(violations) > 0 {
		return violations, err
	}
	return versionConsistency(doc), nil
}

// ValidateAgentFile checks an agent fact file (what `dmaprep gather agent` writes)
// against $defs/agent_file of the same schema.
func ValidateAgentFile(doc any) ([]Violation, error) {
	return validate(compiledAgentFile, doc)
}

func validate(schema func() (*jsonschema.Schema, error), doc any) ([]Violation, error) {
	s, err := schema()
	if err != nil {
		return nil, fmt.Errorf("compile the fact schema: %w", err)
	}
	err = s.Validate(doc)
	if err == nil {
		return nil, nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return nil, err
	}
	var out []Violation
	seen := map[Violation]bool{}
	for _, leaf := range leaves(ve) {
		v := Violation{Pointer: leaf.InstanceLocation, Message: reword(leaf, doc)}
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pointer < out[j].Pointer })
	return out, nil
}

func leaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	var out []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

// maxNamedFields is how many unknown fields one violation names: a document of a
// hundred thousand stray keys gets a message of one line.
const maxNamedFields = 10

// reword turns the validator's terse messages into sentences that name the value.
func reword(ve *jsonschema.ValidationError, doc any) string {
	msg := ve.Message
	switch {
	case strings.HasSuffix(ve.KeywordLocation, "/format"):
		format := formatAt(ve.AbsoluteKeywordLocation)
		noun := standardNouns[format]
		if f, ok := formats[format]; ok {
			noun = f.noun
		}
		if noun == "" {
			noun = "a valid " + format
		}
		if v, ok := lookup(doc, ve.InstanceLocation); ok {
			return fmt.Sprintf("%s is not %s", quote(v), noun)
		}
		return "is not " + noun
	case strings.HasPrefix(msg, "missing properties: "):
		return "missing required field " + strings.ReplaceAll(strings.TrimPrefix(msg, "missing properties: "), "'", `"`)
	case strings.HasPrefix(msg, "additionalProperties "):
		names := strings.Split(strings.TrimSuffix(strings.TrimPrefix(msg, "additionalProperties "), " not allowed"), ", ")
		sort.Strings(names)
		more := ""
		if len(names) > maxNamedFields {
			more = fmt.Sprintf(" and %d more", len(names)-maxNamedFields)
			names = names[:maxNamedFields]
		}
		return "unknown field " + strings.ReplaceAll(strings.Join(names, ", "), "'", `"`) + more
	}
	return msg
}

// schemaTree is the schema as plain JSON, to look up the format a violation names.
var schemaTree = sync.OnceValue(func() any {
	var tree any
	_ = json.Unmarshal(SchemaJSON, &tree) // the schema compiled, so it parses
	return tree
})

// formatAt reads the format name that an absolute keyword location points at.
func formatAt(absLocation string) string {
	ptr := absLocation[strings.Index(absLocation, "#")+1:]
	if v, ok := lookup(schemaTree(), ptr); ok {
		if f, ok := v.(string); ok {
			return f
		}
	}
	return ""
}
