// Command hello prints its name and arguments, for linkonce's tests.
package main

import (
	"fmt"
	"os"
)

const greeting = "hello"

func main() {
	fmt.Println(greeting, len(os.Args))
}
