// Command two-words shares its Go package name with two_words, which
// linkonce refuses.
package main

func main() {}
