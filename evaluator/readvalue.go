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
	return readInto(v, rv.Elem())
}

// readError is a value that cannot be read, and where it is. The place is added level by
// level as the error returns (within), so that reading a well-formed report, thousands of
// fields, builds no names at all.
type readError struct {
	at  string // e.g. ".results[0].id"; "" for the value itself
	err error
}

func (e *readError) Error() string {
	at := strings.TrimPrefix(e.at, ".")
	if at == "" {
		at = "the value"
	}
	return at + ": " + e.err.Error()
}

func (e *readError) Unwrap() error { return e.err }

func fail(format string, a ...any) error { return &readError{err: fmt.Errorf(format, a...)} }

// within puts the error of a part of a value under that part's name (".key" or "[i]").
func within(err error, part string) error {
	if re, ok := err.(*readError); ok {
		re.at = part + re.at
	}
	return err
}

func readInto(v ast.Value, dst reflect.Value) error {
	if _, null := v.(ast.Null); null {
		dst.SetZero()
		return nil
	}
	switch dst.Kind() {
	case reflect.Pointer:
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		return readInto(v, dst.Elem())
	case reflect.Interface:
		x, err := ast.JSON(v)
		if err != nil {
			return fail("%w", err)
		}
		dst.Set(reflect.ValueOf(x))
		return nil
	case reflect.String:
		s, ok := v.(ast.String)
		if !ok {
			return mismatch(v, dst)
		}
		dst.SetString(string(s))
		return nil
	case reflect.Bool:
		b, ok := v.(ast.Boolean)
		if !ok {
			return mismatch(v, dst)
		}
		dst.SetBool(bool(b))
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(ast.Number)
		if !ok {
			return mismatch(v, dst)
		}
		i, err := json.Number(n).Int64()
		if err != nil || dst.OverflowInt(i) {
			return fail("%s is not an integer of type %s", n, dst.Type())
		}
		dst.SetInt(i)
		return nil
	case reflect.Float32, reflect.Float64:
		n, ok := v.(ast.Number)
		if !ok {
			return mismatch(v, dst)
		}
		f, err := json.Number(n).Float64()
		if err != nil {
			return fail("%w", err)
		}
		dst.SetFloat(f)
		return nil
	case reflect.Slice:
		arr, ok := v.(*ast.Array)
		if !ok {
			return mismatch(v, dst)
		}
		out := reflect.MakeSlice(dst.Type(), arr.Len(), arr.Len())
		for i := range arr.Len() {
			if err := readInto(arr.Elem(i).Value, out.Index(i)); err != nil {
				return within(err, fmt.Sprintf("[%d]", i))
			}
		}
		dst.Set(out)
		return nil
	case reflect.Map:
		obj, ok := v.(ast.Object)
		if !ok || dst.Type().Key().Kind() != reflect.String {
			return mismatch(v, dst)
		}
		out := reflect.MakeMapWithSize(dst.Type(), obj.Len())
		err := obj.Iter(func(k, val *ast.Term) error {
			key, ok := k.Value.(ast.String)
			if !ok {
				return fail("key %v is not a string", k)
			}
			elem := reflect.New(dst.Type().Elem()).Elem()
			if err := readInto(val.Value, elem); err != nil {
				return within(err, "."+string(key))
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
			return mismatch(v, dst)
		}
		for _, f := range fieldsOf(dst.Type()) {
			val := obj.Get(f.term)
			if val == nil {
				continue
			}
			if err := readInto(val.Value, dst.FieldByIndex(f.index)); err != nil {
				return within(err, "."+f.key)
			}
		}
		return nil
	}
	return fail("cannot read into a Go %s", dst.Type())
}

func mismatch(v ast.Value, dst reflect.Value) error {
	return fail("cannot read %s %s into a Go %s", ast.ValueName(v), v, dst.Type())
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
