// Command two_words shares its Go package name with two-words, which
// linkonce refuses.
package main

func main() {}
