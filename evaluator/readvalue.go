package evaluator

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// readValue fills the Go value dst points to from an OPA value, following the same rules
// as encoding/json (json tags name the keys, unknown keys are ignored, null leaves the
// zero value) but without rendering the value as JSON text and parsing it back: for a
// report of fifty results that round trip cost more than a tenth of an evaluation.
// Because it is driven by the struct tags, a field added to the report types is read
// without a change here.
func readValue(v ast.Value, dst any) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("readValue needs a non-nil pointer, got %T", dst)
	}
	return readInto(v, rv.Elem(), "")
}

func readInto(v ast.Value, dst reflect.Value, at string) error {
	if _, null := v.(ast.Null); null {
		dst.SetZero()
		return nil
	}
	switch dst.Kind() {
	case reflect.Pointer:
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		return readInto(v, dst.Elem(), at)
	case reflect.Interface:
		x, err := ast.JSON(v)
		if err != nil {
			return fmt.Errorf("%s: %w", orRoot(at), err)
		}
		dst.Set(reflect.ValueOf(x))
		return nil
	case reflect.String:
		s, ok := v.(ast.String)
		if !ok {
			return mismatch(v, dst, at)
		}
		dst.SetString(string(s))
		return nil
	case reflect.Bool:
		b, ok := v.(ast.Boolean)
		if !ok {
			return mismatch(v, dst, at)
		}
		dst.SetBool(bool(b))
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(ast.Number)
		if !ok {
			return mismatch(v, dst, at)
		}
		i, err := json.Number(n).Int64()
		if err != nil || dst.OverflowInt(i) {
			return fmt.Errorf("%s: %s is not an integer of type %s", orRoot(at), n, dst.Type())
		}
		dst.SetInt(i)
		return nil
	case reflect.Float32, reflect.Float64:
		n, ok := v.(ast.Number)
		if !ok {
			return mismatch(v, dst, at)
		}
		f, err := json.Number(n).Float64()
		if err != nil {
			return fmt.Errorf("%s: %w", orRoot(at), err)
		}
		dst.SetFloat(f)
		return nil
	case reflect.Slice:
		arr, ok := v.(*ast.Array)
		if !ok {
			return mismatch(v, dst, at)
		}
		out := reflect.MakeSlice(dst.Type(), arr.Len(), arr.Len())
		for i := range arr.Len() {
			if err := readInto(arr.Elem(i).Value, out.Index(i), fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
		dst.Set(out)
		return nil
	case reflect.Map:
		obj, ok := v.(ast.Object)
		if !ok || dst.Type().Key().Kind() != reflect.String {
			return mismatch(v, dst, at)
		}
		out := reflect.MakeMapWithSize(dst.Type(), obj.Len())
		err := obj.Iter(func(k, val *ast.Term) error {
			key, ok := k.Value.(ast.String)
			if !ok {
				return fmt.Errorf("%s: key %v is not a string", orRoot(at), k)
			}
			elem := reflect.New(dst.Type().Elem()).Elem()
			if err := readInto(val.Value, elem, at+"."+string(key)); err != nil {
				return err
			}
			out.SetMapIndex(reflect.ValueOf(string(key)).Convert(dst.Type().Key()), elem)
			return nil
		})
		if err != nil {
			return err
		}
		dst.Set(out)
		return nil
	case reflect.Struct:
		obj, ok := v.(ast.Object)
		if !ok {
			return mismatch(v, dst, at)
		}
		for _, f := range fieldsOf(dst.Type()) {
			val := obj.Get(f.term)
			if val == nil {
				continue
			}
			if err := readInto(val.Value, dst.FieldByIndex(f.index), at+"."+f.key); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("%s: cannot read into a Go %s", orRoot(at), dst.Type())
}

func mismatch(v ast.Value, dst reflect.Value, at string) error {
	return fmt.Errorf("%s: cannot read %s %s into a Go %s", orRoot(at), ast.ValueName(v), v, dst.Type())
}

func orRoot(at string) string {
	if at == "" {
		return "the value"
	}
	return strings.TrimPrefix(at, ".")
}

// structField is a field of a struct as encoding/json sees it: its key and its index
// path (through embedded structs).
type structField struct {
	key   string
	term  *ast.Term // key as an OPA string, made once
	index []int
}

var fieldCache sync.Map // reflect.Type -> []structField

// fieldsOf lists the JSON keys of a struct type, with the fields of embedded structs
// promoted as encoding/json does (an outer field with the same key wins).
func fieldsOf(t reflect.Type) []structField {
	if cached, ok := fieldCache.Load(t); ok {
		return cached.([]structField)
	}
	var fields []structField
	seen := map[string]bool{}
	var walk func(t reflect.Type, index []int)
	var embedded []func()
	walk = func(t reflect.Type, index []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			idx := append(append([]int(nil), index...), i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
				embedded = append(embedded, func() { walk(f.Type, idx) })
				continue
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if !seen[name] {
				seen[name] = true
				fields = append(fields, structField{key: name, term: ast.StringTerm(name), index: idx})
			}
		}
	}
	walk(t, nil)
	// Promoted fields come after the outer ones, so the outer ones win a clash.
	for len(embedded) > 0 {
		next := embedded
		embedded = nil
		for _, f := range next {
			f()
		}
	}
	fieldCache.Store(t, fields)
	return fields
}
