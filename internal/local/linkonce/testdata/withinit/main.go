// Command withinit declares init(), which linkonce refuses.
package main

import "fmt"

func init() { fmt.Println("would run in every process") }

func main() {}
