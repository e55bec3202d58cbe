// Command withvar computes a package-level variable, which linkonce refuses.
package main

import "os"

var home = os.Getenv("HOME")

func main() { _ = home }
