package gatherer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// cliFlag matches a command-line flag as dmaprep's CLI spells them (--allow-http).
var cliFlag = regexp.MustCompile(`--[a-z]`)

// TestNoCLIFlagsInMessages: only the CLI knows its flags. The gatherer and its packages say
// what is wrong in their own terms (plain HTTP is not allowed), and the CLI adds which flag
// changes that; a string literal here that names a flag would be wrong for any other caller
// (an inventory, a library user).
func TestNoCLIFlagsInMessages(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	files := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files++
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Errorf("%s: %v", fset.Position(lit.Pos()), err)
			}
			if flag := cliFlag.FindString(s); flag != "" {
				t.Errorf("%s: a string names the CLI flag %s...: %s", fset.Position(lit.Pos()), flag, lit.Value)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 20 {
		t.Fatalf("read %d source files under gatherer/; the walk missed most of them", files)
	}
}

// TestNoCLIFlagsInMessagesFinds keeps the test above honest: the pattern it looks for is
// the one a flag hint would use.
func TestNoCLIFlagsInMessagesFinds(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"use https://, or allow it with --allow-http": true,
		"give --primary-ip/--backup-ip":               true,
		"plain HTTP to the agent API is not allowed":  false,
		"-----BEGIN CERTIFICATE-----":                 false,
	} {
		if got := cliFlag.MatchString(s); got != want {
			t.Errorf("cliFlag.MatchString(%q) = %v, want %v", s, got, want)
		}
	}
}
