// Package web holds the admin console's built assets (dist/, made by
// `npm run build` from src/ and committed), so that Go programs serve the
// console without Node: the local stack at /, the template's PublishConsole
// function into the console bucket.
package web

import (
	"embed"
	"io/fs"
)

//go:embed dist
var dist embed.FS

// Dist is the built console: index.html, assets/ (content-hashed names) and
// sizes.tsv (each file's size, gzipped, against the budget).
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embed pattern above guarantees the folder
	}
	return sub
}
