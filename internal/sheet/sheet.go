package sheet

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Format is the kind of spreadsheet a Reader found.
type Format string

// Formats this package reads and writes.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// Default limits, used for every zero (or negative) field of Limits.
const (
	DefaultMaxBytes    int64 = 100 << 20
	DefaultMaxRows           = 1_048_576
	DefaultMaxColumns        = 1024
	DefaultMaxUnzipped int64 = 1 << 30
)

// Refusal means the file cannot be read. Reason is a stable snake_case code
// for programs; Message is a sentence for the person who uploaded the file.
// Line is the 1-based row the problem was found on, 0 when it is not about a
// row.
type Refusal struct {
	Reason  string
	Message string
	Line    int
}

// Error implements error.
func (r *Refusal) Error() string {
	if r.Line > 0 {
		return fmt.Sprintf("sheet: %s at row %d: %s", r.Reason, r.Line, r.Message)
	}
	return fmt.Sprintf("sheet: %s: %s", r.Reason, r.Message)
}

// refuse builds a *Refusal.
func refuse(reason, message string, line int) *Refusal {
	return &Refusal{Reason: reason, Message: message, Line: line}
}

// AsRefusal reports whether err is (or wraps) a *Refusal and returns it.
func AsRefusal(err error) (*Refusal, bool) {
	var r *Refusal
	ok := errors.As(err, &r)
	return r, ok
}

// Limits bounds what a Reader accepts. Zero fields take the defaults.
type Limits struct {
	MaxBytes    int64 // default 100 MiB
	MaxRows     int   // default 1_048_576 (header included)
	MaxColumns  int   // default 1024
	MaxUnzipped int64 // default 1 GiB total uncompressed for XLSX
}

// withDefaults returns lim with every unset field set to its default.
func (lim Limits) withDefaults() Limits {
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = DefaultMaxBytes
	}
	if lim.MaxRows <= 0 {
		lim.MaxRows = DefaultMaxRows
	}
	if lim.MaxColumns <= 0 {
		lim.MaxColumns = DefaultMaxColumns
	}
	if lim.MaxUnzipped <= 0 {
		lim.MaxUnzipped = DefaultMaxUnzipped
	}
	return lim
}

// rowSource is one format's row iterator. next returns the next row as
// stored (blank rows included) and its 1-based line; io.EOF at the end.
type rowSource interface {
	next() (row []string, line int, err error)
	close() error
}

// Reader streams the rows of one sheet. It is not safe for concurrent use.
type Reader struct {
	format  Format
	lim     Limits
	src     rowSource
	line    int
	pending []string // first row, read by Open to detect empty files
	hasPend bool
	err     error // sticky error: once refused, always refused
}

// Open detects the format of the file from its content (magic bytes), never
// from its name, and returns a streaming Reader positioned before the first
// non-blank row. A file that cannot be read gives a *Refusal.
func Open(r io.ReaderAt, size int64, lim Limits) (*Reader, error) {
	lim = lim.withDefaults()
	src, format, err := openSource(r, size, lim)
	if err != nil {
		return nil, err
	}
	rd := &Reader{format: format, lim: lim, src: src}
	row, err := rd.advance()
	if err == io.EOF {
		_ = rd.Close()
		return nil, refuse("empty_file", "The file has no data in it. Check that you picked the right file and that the first sheet holds your list, then upload it again.", 0)
	}
	if err != nil {
		_ = rd.Close()
		return nil, err
	}
	rd.pending, rd.hasPend = row, true
	return rd, nil
}

// openSource sniffs the content and builds the matching row source.
func openSource(r io.ReaderAt, size int64, lim Limits) (rowSource, Format, error) {
	if size <= 0 {
		return nil, "", refuse("empty_file", "The file is empty. Check that you picked the right file and upload it again.", 0)
	}
	if size > lim.MaxBytes {
		return nil, "", refuse("too_large", fmt.Sprintf("The file is too large (%s). The largest file you can upload is %s; split it into smaller files and upload them one at a time.", humanBytes(size), humanBytes(lim.MaxBytes)), 0)
	}
	head, err := readHead(r, size, sniffLen)
	if err != nil {
		return nil, "", fmt.Errorf("sheet: reading the start of the file: %w", err)
	}
	switch {
	case hasPrefix(head, oleMagic):
		return nil, "", classifyOLE(r, size)
	case hasPrefix(head, zipMagic) || hasPrefix(head, zipEmptyMagic):
		src, err := openZip(r, size, lim)
		return src, XLSX, err
	}
	if ref := classifyBinary(head); ref != nil {
		return nil, "", ref
	}
	src, err := openText(r, size, head, lim)
	return src, CSV, err
}

// Format returns the detected format of the file.
func (r *Reader) Format() Format { return r.format }

// Line returns the 1-based row number of the row Next last returned, as a
// person sees it in a spreadsheet program: the sheet row number for XLSX,
// the record number for CSV (the header is 1; a blank line still counts as a
// row, as it does when the file is opened in a spreadsheet program).
func (r *Reader) Line() int { return r.line }

// Next returns the next non-blank row; rows whose cells are all empty or
// whitespace are skipped, and empty cells at the end of a row are dropped, so
// rows may be shorter than the header. It returns io.EOF after the last row.
// Problems found mid-file are *Refusal with Line set. The returned slice may
// be reused by the next call.
func (r *Reader) Next() ([]string, error) {
	if r.hasPend {
		row := r.pending
		r.pending, r.hasPend = nil, false
		return row, nil
	}
	return r.advance()
}

// advance reads rows from the source until a non-blank one, enforcing the
// limits.
func (r *Reader) advance() ([]string, error) {
	if r.err != nil {
		return nil, r.err
	}
	for {
		row, line, err := r.src.next()
		if err != nil {
			r.err = err
			return nil, err
		}
		row = trimTrailingEmpty(row)
		if isBlank(row) {
			continue
		}
		r.line = line
		if line > r.lim.MaxRows {
			r.err = refuse("too_many_rows", fmt.Sprintf("The file has more than %d rows. Split it into smaller files and upload them one at a time.", r.lim.MaxRows), line)
			return nil, r.err
		}
		if len(row) > r.lim.MaxColumns {
			r.err = refuse("too_many_columns", fmt.Sprintf("Row %d has %d columns; at most %d are allowed. Remove the extra columns and upload the file again.", line, len(row), r.lim.MaxColumns), line)
			return nil, r.err
		}
		return row, nil
	}
}

// Close releases the resources (temporary files, open archives) of the
// Reader. It is safe to call more than once.
func (r *Reader) Close() error {
	if r.src == nil {
		return nil
	}
	src := r.src
	r.src = nil
	if r.err == nil {
		r.err = errors.New("sheet: reader is closed")
	}
	return src.close()
}

// trimTrailingEmpty drops empty cells at the end of row.
func trimTrailingEmpty(row []string) []string {
	n := len(row)
	for n > 0 && row[n-1] == "" {
		n--
	}
	return row[:n]
}

// isBlank reports whether every cell of row is empty or whitespace.
func isBlank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// humanBytes formats n as a short size for people ("12.5 MB").
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	s := fmt.Sprintf("%.1f", v)
	s = strings.TrimSuffix(s, ".0")
	return s + " " + [...]string{"KB", "MB", "GB", "TB", "PB", "EB"}[exp]
}
