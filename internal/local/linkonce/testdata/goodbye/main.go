// Command goodbye exits with a code of its own, for linkonce's tests.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("goodbye")
	os.Exit(3)
}
