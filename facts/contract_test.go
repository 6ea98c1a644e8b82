package facts

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestGoTypesMatchSchema checks that the Go types the gatherer writes and the JSON Schema
// that check enforces describe the same document: every property on both sides, the same
// JSON type, null allowed wherever Go can write null, and every property the schema
// requires always written by Go. Without it a field added on one side only would pass
// every other test until a real gather produced a document the schema refuses.
func TestGoTypesMatchSchema(t *testing.T) {
	t.Parallel()
	var root map[string]any
	if err := json.Unmarshal(SchemaJSON, &root); err != nil {
		t.Fatal(err)
	}
	c := contractCheck{t: t, root: root}
	c.compare(reflect.TypeFor[Facts](), root, "", false)
	c.compare(reflect.TypeFor[AgentFile](), c.deref(root, map[string]any{"$ref": "#/$defs/agent_file"}), "(agent file)", false)
}

// neverNull are the fields whose Go type could hold nil but whose parent's MarshalJSON
// writes [] instead, because the schema requires an array there (TestNeverNullFields
// checks that it does).
var neverNull = map[string]bool{
	"/agents/primary/install_history/entries": true,
	"/agents/backup/install_history/entries":  true,
	"/agent/install_history/entries":          true,
	"/agents/primary/database/databases":      true,
	"/agents/backup/database/databases":       true,
	"/agent/database/databases":               true,
}

// TestNeverNullFields checks that the fields neverNull names are written as [] when nil.
func TestNeverNullFields(t *testing.T) {
	t.Parallel()
	for field, v := range map[string]any{"entries": InstallHistory{}, "databases": Database{}} {
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatal(err)
		}
		if _, ok := doc[field].([]any); !ok {
			t.Errorf("%T writes %s: %s is not an array", v, out, field)
		}
	}
}

type contractCheck struct {
	t    *testing.T
	root map[string]any
}

// deref follows $ref and, for a "oneOf"/"anyOf" of one schema and null, returns that
// schema with null added to its types.
func (c contractCheck) deref(root, n map[string]any) map[string]any {
	for {
		ref, ok := n["$ref"].(string)
		if !ok {
			break
		}
		target, ok := root["$defs"].(map[string]any)[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		if !ok {
			c.t.Fatalf("schema: $ref %s does not resolve", ref)
		}
		n = target
	}
	for _, key := range []string{"oneOf", "anyOf"} {
		branches, ok := n[key].([]any)
		if !ok {
			continue
		}
		var kept map[string]any
		for _, b := range branches {
			bm := c.deref(root, b.(map[string]any))
			if slices.Equal(c.types(bm), []string{"null"}) {
				continue
			}
			kept = bm
		}
		merged := map[string]any{}
		for k, v := range kept {
			merged[k] = v
		}
		var types []any
		for _, name := range c.types(kept) {
			types = append(types, name)
		}
		merged["type"] = append(types, "null")
		return merged
	}
	return n
}

// types are the JSON types a schema node admits: its "type", or the types of its const or
// enum values.
func (c contractCheck) types(n map[string]any) []string {
	switch v := n["type"].(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, s := range v {
			out = append(out, s.(string))
		}
		return out
	}
	var values []any
	if v, ok := n["const"]; ok {
		values = append(values, v)
	}
	if v, ok := n["enum"].([]any); ok {
		values = append(values, v...)
	}
	var out []string
	for _, v := range values {
		name := "null"
		switch v.(type) {
		case string:
			name = "string"
		case bool:
			name = "boolean"
		case float64:
			name = "number"
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// compare checks Go type t against schema node n at path. omitted says the field is
// omitempty, so Go writes nothing rather than null for its zero value.
func (c contractCheck) compare(t reflect.Type, n map[string]any, path string, omitted bool) {
	n = c.deref(c.root, n)
	types := c.types(n)
	nullable := slices.Contains(types, "null")
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map:
		if !omitted && !nullable && !neverNull[path[strings.Index(path+"/", "/"):]] {
			c.t.Errorf("%s: Go (%s) can write null, the schema does not allow it (type %v)", path, t, types)
		}
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	want := map[reflect.Kind]string{
		reflect.String: "string", reflect.Bool: "boolean",
		reflect.Int: "integer", reflect.Int64: "integer", reflect.Float64: "number",
		reflect.Slice: "array", reflect.Map: "object", reflect.Struct: "object",
	}[t.Kind()]
	if want == "" {
		c.t.Errorf("%s: Go type %s has no JSON counterpart this test knows", path, t)
		return
	}
	if !slices.Contains(types, want) && !(want == "integer" && slices.Contains(types, "number")) {
		c.t.Errorf("%s: Go writes %s (%s), the schema says %v", path, want, t, types)
		return
	}
	switch t.Kind() {
	case reflect.Slice:
		items, ok := n["items"].(map[string]any)
		if !ok {
			c.t.Errorf("%s: the schema gives no items for an array", path)
			return
		}
		c.compare(t.Elem(), items, path+"/*", false)
	case reflect.Map:
		values, ok := n["additionalProperties"].(map[string]any)
		if !ok {
			c.t.Errorf("%s: the schema gives no additionalProperties for a map", path)
			return
		}
		c.compare(t.Elem(), values, path+"/*", false)
	case reflect.Struct:
		c.compareObject(t, n, path)
	}
}

// compareObject checks a struct's fields against an object schema's properties, both ways,
// and the schema's required list against the fields Go always writes.
func (c contractCheck) compareObject(t reflect.Type, n map[string]any, path string) {
	props, _ := n["properties"].(map[string]any)
	always := map[string]bool{}
	seen := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		omitempty := strings.Contains(opts, "omitempty")
		seen[name] = true
		if !omitempty {
			always[name] = true
		}
		prop, ok := props[name].(map[string]any)
		if !ok {
			c.t.Errorf("%s/%s: Go field %s.%s is not a schema property", path, name, t.Name(), f.Name)
			continue
		}
		c.compare(f.Type, prop, path+"/"+name, omitempty)
	}
	for name := range props {
		if !seen[name] {
			c.t.Errorf("%s/%s: schema property has no Go field in %s", path, name, t.Name())
		}
	}
	required, _ := n["required"].([]any)
	for _, r := range required {
		if !always[r.(string)] {
			c.t.Errorf("%s/%s: the schema requires it, but Go may leave it out (%s)", path, r, t.Name())
		}
	}
}
