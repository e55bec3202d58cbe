package excelize

// Roster's patch: the package's regular expressions are compiled the first
// time they are used, not at init (4.5 ms of every start of a program that
// links the package), after Go's own cmd/go/internal/lazyregexp. The wrapper
// has the methods the package calls, so the call sites are upstream's.

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regexp.Regexp compiled on first use.
type lazyRegexp struct {
	expr string
	once sync.Once
	rx   *regexp.Regexp
}

func newLazyRegexp(expr string) *lazyRegexp { return &lazyRegexp{expr: expr} }

func (r *lazyRegexp) re() *regexp.Regexp {
	r.once.Do(func() { r.rx = regexp.MustCompile(r.expr) })
	return r.rx
}

func (r *lazyRegexp) MatchString(s string) bool { return r.re().MatchString(s) }

func (r *lazyRegexp) FindStringSubmatch(s string) []string { return r.re().FindStringSubmatch(s) }

func (r *lazyRegexp) FindAllString(s string, n int) []string { return r.re().FindAllString(s, n) }

func (r *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.re().FindAllStringSubmatchIndex(s, n)
}

func (r *lazyRegexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return r.re().ReplaceAllStringFunc(src, repl)
}
