// Command broken does not compile: linkonce's error must name this file.
package main

func main() {
	var n int = "not a number"
	_ = n
}
