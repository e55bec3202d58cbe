package dynamo

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryQueryHasALimit holds the rule of docs/table-design.md: a Query
// without a Limit reads up to 1 MB a page whatever the page size asked for,
// so every QueryInput and ScanInput written in this package sets one, in
// the literal or, for inputs built in one place and read in another (the
// contact streams), by an assignment to a .Limit field in the same file.
func TestEveryQueryHasALimit(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	found := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		assignsLimit := false
		ast.Inspect(f, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok {
				for _, l := range as.Lhs {
					if sel, ok := l.(*ast.SelectorExpr); ok && sel.Sel.Name == "Limit" {
						assignsLimit = true
					}
				}
			}
			return true
		})
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			sel, ok := lit.Type.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "QueryInput" && sel.Sel.Name != "ScanInput") {
				return true
			}
			found++
			for _, el := range lit.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Limit" {
						return true
					}
				}
			}
			if !assignsLimit {
				t.Errorf("%s: a %s without a Limit", fset.Position(lit.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
	if found == 0 {
		t.Fatal("no QueryInput found: is the test in the right package?")
	}
}
