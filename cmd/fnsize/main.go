// Command fnsize prints the size of each built function: the stripped
// bootstrap and the zip Lambda receives. Cold start follows these numbers.
package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"text/tabwriter"
)

func main() {
	dir := "bin"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*", "bootstrap"))
	if err != nil || len(paths) == 0 {
		fmt.Fprintf(os.Stderr, "no %s/*/bootstrap; run make build first\n", dir)
		os.Exit(1)
	}
	sort.Strings(paths)
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "function\tbootstrap MiB\tzipped MiB\t")
	for _, p := range paths {
		raw, zipped, err := sizes(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Fprintf(w, "%s\t%.1f\t%.1f\t\n", filepath.Base(filepath.Dir(p)), mib(raw), mib(zipped))
	}
	w.Flush()
}

func sizes(path string) (raw, zipped int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	hdr := &zip.FileHeader{Name: "bootstrap", Method: zip.Deflate}
	hdr.SetMode(0o755)
	fw, err := zw.CreateHeader(hdr)
	if err != nil {
		return 0, 0, err
	}
	raw, err = io.Copy(fw, f)
	if err != nil {
		return 0, 0, fmt.Errorf("zip %s: %w", path, err)
	}
	if err := zw.Close(); err != nil {
		return 0, 0, err
	}
	return raw, int64(buf.Len()), nil
}

func mib(n int64) float64 { return float64(n) / (1 << 20) }
