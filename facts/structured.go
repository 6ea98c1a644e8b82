package facts

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// DecodeStructured reads a file that a person writes by hand (waivers, --data parameters,
// operator facts): JSON when name ends in .json, read by DecodeBytes' strict rules, else
// YAML, which is a superset of JSON. A YAML file must hold one document whose keys are
// all strings; numbers become json.Number as in a JSON file, and YAML timestamps stay
// time.Time for the caller to judge. name is how errors refer to the input.
func DecodeStructured(data []byte, name string) (any, error) {
	if strings.HasSuffix(strings.ToLower(name), ".json") {
		return DecodeBytes(data, name)
	}
	data, err := text(data, name, "file")
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: no YAML document in it, only comments or blank lines", name)
		}
		return nil, fmt.Errorf("%s: invalid YAML: %w", name, err)
	}
	if err := refuseTags(&root, name); err != nil {
		return nil, err
	}
	var v any
	if err := root.Decode(&v); err != nil {
		return nil, fmt.Errorf("%s: invalid YAML: %w", name, err)
	}
	// A closing "---" with nothing after it is no second document.
	for {
		var next yaml.Node
		err := dec.Decode(&next)
		if errors.Is(err, io.EOF) {
			return normaliseYAML(v, "", name)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: invalid YAML after the first document: %w", name, err)
		}
		if len(next.Content) == 1 && next.Content[0].Tag == "!!null" && next.Content[0].Value == "" {
			continue
		}
		return nil, fmt.Errorf("%s:%d: a second YAML document; the file must hold one", name, next.Line)
	}
}

// plainTags are the YAML tags a hand-written file may spell out: they say what the value
// reads as anyway. Others (!!binary, !!set, !!omap, a local tag such as !secret) make the
// value read as something other than what is written, or are ignored by the decoder.
var plainTags = map[string]bool{"!!str": true, "!!int": true, "!!float": true, "!!bool": true,
	"!!null": true, "!!seq": true, "!!map": true, "!!timestamp": true}

// refuseTags refuses an explicit tag outside plainTags, naming its line.
func refuseTags(n *yaml.Node, name string) error {
	if n.Style&yaml.TaggedStyle != 0 && !plainTags[n.ShortTag()] {
		return fmt.Errorf("%s:%d: the YAML tag %s is not supported; write the value plainly", name, n.Line, cut(n.Tag, 40))
	}
	if n.Kind == yaml.AliasNode {
		return nil // its anchor is checked where it is defined
	}
	for _, c := range n.Content {
		if err := refuseTags(c, name); err != nil {
			return err
		}
	}
	return nil
}

// normaliseYAML turns the values YAML decodes into JSON-like ones, refusing a mapping
// whose keys are not all strings (YAML reads `1: one` as an integer key, which neither
// JSON nor the policies can hold).
func normaliseYAML(v any, pointer, name string) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			n, err := normaliseYAML(e, pointer+"/"+escapePointer(k), name)
			if err != nil {
				return nil, err
			}
			x[k] = n
		}
		return x, nil
	case map[any]any:
		var bad []string
		for k := range x {
			if _, ok := k.(string); !ok {
				if k == nil {
					k = "null"
				}
				bad = append(bad, fmt.Sprintf("%v", k))
			}
		}
		if len(bad) == 0 {
			// Every key is a string after all (a tagged key such as `!: x` makes the YAML
			// decoder choose this map type): read it as the mapping it is.
			m := make(map[string]any, len(x))
			for k, e := range x {
				m[k.(string)] = e
			}
			return normaliseYAML(m, pointer, name)
		}
		sort.Strings(bad)
		return nil, fmt.Errorf("%s: at %s the key %s is not a string (keys are names: quote it, e.g. \"%s\")",
			name, pointerOrRoot(pointer), cut(bad[0], 40), cut(bad[0], 40))
	case []any:
		for i, e := range x {
			n, err := normaliseYAML(e, pointer+"/"+strconv.Itoa(i), name)
			if err != nil {
				return nil, err
			}
			x[i] = n
		}
		return x, nil
	case int:
		return json.Number(strconv.Itoa(x)), nil
	case int64:
		return json.Number(strconv.FormatInt(x, 10)), nil
	case uint64:
		return json.Number(strconv.FormatUint(x, 10)), nil
	case float64:
		b, err := json.Marshal(x)
		if err != nil {
			// NaN and infinities (.nan, .inf) have no JSON spelling.
			return nil, fmt.Errorf("%s: at %s the number %v is not a finite number", name, pointerOrRoot(pointer), x)
		}
		return json.Number(b), nil
	}
	return v, nil
}

// cut shortens s to at most n runes for a message, saying it was cut.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
