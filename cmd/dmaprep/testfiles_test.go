package main

// Helpers of the command tests that every platform builds: the hostile-input corpora that
// use them most need Unix (FIFOs, signals, symlinks), but the other tests do not.

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// patched is the document text with the value at each JSON pointer of changes replaced
// by raw JSON text, or removed for "~delete". The raw text goes in verbatim, so it may be
// what no encoder writes (1e400, NaN, a lone surrogate escape).
func patched(t *testing.T, text string, changes map[string]string) string {
	t.Helper()
	var doc any
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	raw := map[string]string{}
	i := 0
	for pointer, value := range changes {
		parts := strings.Split(strings.TrimPrefix(pointer, "/"), "/")
		cur := doc
		for _, p := range parts[:len(parts)-1] {
			switch c := cur.(type) {
			case map[string]any:
				cur = c[p]
			case []any:
				n, _ := strconv.Atoi(p)
				cur = c[n]
			}
		}
		last := parts[len(parts)-1]
		token := fmt.Sprintf("@@PATCH%d@@", i)
		i++
		raw[strconv.Quote(token)] = value
		switch c := cur.(type) {
		case map[string]any:
			if value == "~delete" {
				delete(c, last)
				continue
			}
			c[last] = token
		case []any:
			n, _ := strconv.Atoi(last)
			c[n] = token
		default:
			t.Fatalf("patch %s: no object or array there", pointer)
		}
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for token, value := range raw {
		s = strings.Replace(s, token, value, 1)
	}
	return s
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// listTree names every entry under dir with its type, for before/after comparisons.
func listTree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			fmt.Fprintf(&b, "%s:%v ", strings.TrimPrefix(p, dir), d.Type())
		}
		return nil
	})
	return b.String()
}

func cutForLog(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}
