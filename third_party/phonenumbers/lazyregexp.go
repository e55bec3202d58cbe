package phonenumbers

// Roster's patch: the package's exported patterns are compiled the first time
// they are used, not at init (2 ms of every start of a program that links the
// package), after Go's own cmd/go/internal/lazyregexp. The wrapper has the
// methods the package calls, so the call sites are upstream's.

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

func (r *lazyRegexp) FindIndex(b []byte) []int { return r.re().FindIndex(b) }

func (r *lazyRegexp) FindStringIndex(s string) []int { return r.re().FindStringIndex(s) }

func (r *lazyRegexp) FindStringSubmatch(s string) []string {
	return r.re().FindStringSubmatch(s)
}

func (r *lazyRegexp) FindAllString(s string, n int) []string {
	return r.re().FindAllString(s, n)
}

func (r *lazyRegexp) ReplaceAllString(src, repl string) string {
	return r.re().ReplaceAllString(src, repl)
}

func (r *lazyRegexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return r.re().ReplaceAllStringFunc(src, repl)
}

func (r *lazyRegexp) Split(s string, n int) []string { return r.re().Split(s, n) }
