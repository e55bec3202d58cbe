//go:build ignore

// A file its build constraint leaves out: linkonce must not read it (its
// init would otherwise be refused).
package main

func init() { panic("never built") }
