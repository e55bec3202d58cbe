package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// textEncoding is the character encoding detected for a text file.
type textEncoding int

const (
	encUTF8 textEncoding = iota
	encUTF16LE
	encUTF16BE
	encWindows1252
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// neutralisedLead lists the characters after which a leading apostrophe was
// added by sheetwrite.Neutralise (plus LF, which a neutralised CR becomes once line
// endings are normalised).
const neutralisedLead = "=+-@\t\r\n"

// textSource streams records of a CSV/TSV file.
type textSource struct {
	csv        *csv.Reader
	utf8Check  bool // the bytes are not transcoded, so each record is validated
	row        int  // row number of the last record, blank lines counted
	endLine    int  // physical line the last record ended on
	lineOffset int  // physical lines before the header (a "sep=" line)
}

// openText detects the encoding and delimiter of a text file and returns a
// streaming CSV reader over it.
func openText(r io.ReaderAt, size int64, head []byte, lim Limits) (rowSource, error) {
	enc, skip := detectEncoding(head, size)
	var in io.Reader = io.NewSectionReader(r, int64(skip), size-int64(skip))
	if dec := decoderFor(enc); dec != nil {
		in = transform.NewReader(in, dec.NewDecoder())
	}
	br := bufio.NewReaderSize(&crlfReader{r: in}, sniffLen)
	peek, err := br.Peek(sniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("sheet: reading text: %w", err)
	}
	if ref := classifyMarkup(peek); ref != nil {
		return nil, ref
	}
	src := &textSource{utf8Check: enc == encUTF8}
	comma, sepLine := sniffDelimiter(peek)
	if sepLine {
		if _, err := br.ReadString('\n'); err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("sheet: reading text: %w", err)
		}
		src.lineOffset = 1
	}
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	src.csv = cr
	return src, nil
}

// detectEncoding picks the encoding from a BOM, a UTF-16 byte pattern, or
// whether the start of the file is valid UTF-8 (else Windows-1252, which
// Excel's "CSV (Comma delimited)" writes on Western Windows). skip is the
// BOM length.
func detectEncoding(head []byte, size int64) (enc textEncoding, skip int) {
	switch {
	case hasPrefix(head, bomUTF8):
		return encUTF8, len(bomUTF8)
	case hasPrefix(head, bomUTF16LE):
		return encUTF16LE, len(bomUTF16LE)
	case hasPrefix(head, bomUTF16BE):
		return encUTF16BE, len(bomUTF16BE)
	}
	if e := utf16Guess(head[:min(len(head), 1024)]); e != nil {
		return *e, 0
	}
	if validUTF8Prefix(head, int64(len(head)) < size) {
		return encUTF8, 0
	}
	return encWindows1252, 0
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing a rune cut off
// at the end when b is only the start of the file.
func validUTF8Prefix(b []byte, truncated bool) bool {
	if utf8.Valid(b) {
		return true
	}
	if !truncated {
		return false
	}
	for cut := 1; cut < utf8.UTFMax && cut < len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) {
			return true
		}
	}
	return false
}

// utf16Guess recognises UTF-16 text without a BOM: mostly-ASCII text has a
// NUL in every other byte. It returns nil when b does not look like that.
func utf16Guess(b []byte) *textEncoding {
	pairs := len(b) / 2
	if pairs < 2 {
		return nil
	}
	var even, odd int
	for i := 0; i+1 < len(b); i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	le, be := encUTF16LE, encUTF16BE
	switch {
	case odd*10 >= pairs*4 && even*20 <= pairs:
		return &le
	case even*10 >= pairs*4 && odd*20 <= pairs:
		return &be
	}
	return nil
}

// decoderFor returns the transcoder to UTF-8 for enc, nil for UTF-8.
func decoderFor(enc textEncoding) encoding.Encoding {
	switch enc {
	case encUTF16LE:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case encUTF16BE:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	case encWindows1252:
		return charmap.Windows1252
	}
	return nil
}

// classifyMarkup refuses XML and HTML files that spreadsheet programs or
// web applications save under spreadsheet names.
func classifyMarkup(peek []byte) *Refusal {
	start := bytes.TrimLeft(peek[:min(len(peek), 4096)], " \t\n\r\ufeff")
	lower := bytes.ToLower(start[:min(len(start), 512)])
	switch {
	case bytes.Contains(peek, []byte("urn:schemas-microsoft-com:office:spreadsheet")):
		return refuse("xml_spreadsheet", "This is an Excel 2003 XML spreadsheet."+msgSaveAs, 0)
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")),
		bytes.HasPrefix(lower, []byte("<table")):
		return refuse("not_a_spreadsheet", "This is a web page (HTML), not a spreadsheet, even if its name ends in .xls or .csv."+msgSaveAs, 0)
	case bytes.HasPrefix(lower, []byte("<?xml")):
		return refuse("not_a_spreadsheet", "This is an XML file, not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file.", 0)
	}
	return nil
}

// sniffDelimiter picks the delimiter of the first record: the most frequent
// of comma, semicolon and tab outside quotes (comma on a tie or when there
// is none). An Excel "sep=X" first line sets it explicitly; sepLine is then
// true and that line must be skipped.
func sniffDelimiter(peek []byte) (comma rune, sepLine bool) {
	first, _, _ := bytes.Cut(peek, []byte("\n"))
	if s := strings.TrimSpace(string(first)); len(s) == 5 && strings.HasPrefix(strings.ToLower(s), "sep=") {
		if d := rune(s[4]); d == ',' || d == ';' || d == '\t' || d == '|' {
			return d, true
		}
	}
	var commas, semis, tabs int
	inQuote := false
loop:
	for _, c := range peek {
		switch {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '\n':
			break loop
		case c == ',':
			commas++
		case c == ';':
			semis++
		case c == '\t':
			tabs++
		}
	}
	switch {
	case semis > commas && semis >= tabs:
		return ';', false
	case tabs > commas && tabs > semis:
		return '\t', false
	}
	return ',', false
}

// next returns the next record with its row number.
func (s *textSource) next() ([]string, int, error) {
	rec, err := s.csv.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, s.row, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			line := max(pe.StartLine-s.lineOffset, 1)
			return nil, line, refuse("malformed_csv", fmt.Sprintf("Row %d of this file cannot be read as CSV. Open the file in your spreadsheet program, save it again as CSV UTF-8, and upload it again.", line), line)
		}
		return nil, s.row, fmt.Errorf("sheet: reading text: %w", err)
	}
	s.advanceRow(rec)
	for i, c := range rec {
		if s.utf8Check && !utf8.ValidString(c) {
			return nil, s.row, refuse("not_utf8", fmt.Sprintf("Row %d contains characters that are not UTF-8. Open the file in your spreadsheet program, save it as CSV UTF-8, and upload it again.", s.row), s.row)
		}
		rec[i] = cleanCell(c)
	}
	return rec, s.row, nil
}

// advanceRow moves the row number past rec, counting blank lines skipped by
// encoding/csv so that the number matches a spreadsheet program's rows.
func (s *textSource) advanceRow(rec []string) {
	start, _ := s.csv.FieldPos(0)
	start -= s.lineOffset
	gap := max(start-s.endLine-1, 0)
	s.row += 1 + gap
	last := len(rec) - 1
	endLine, _ := s.csv.FieldPos(last)
	s.endLine = endLine - s.lineOffset + strings.Count(rec[last], "\n")
}

// cleanCell removes NUL characters and undoes sheetwrite.Neutralise.
func cleanCell(c string) string {
	if strings.IndexByte(c, 0) >= 0 {
		c = strings.ReplaceAll(c, "\x00", "")
	}
	if len(c) >= 2 && c[0] == '\'' && strings.IndexByte(neutralisedLead, c[1]) >= 0 {
		c = c[1:]
	}
	return c
}

// crlfReader turns CRLF and lone CR line endings into LF, so that files from
// old Mac Excel (CR only) split into records. encoding/csv already turns
// CRLF inside quoted fields into LF, so this changes no field.
type crlfReader struct {
	r      io.Reader
	lastCR bool // the previous chunk ended with CR; drop a leading LF
}

// Read implements io.Reader.
func (c *crlfReader) Read(p []byte) (int, error) {
	for {
		n, err := c.r.Read(p)
		if n == 0 {
			return 0, err
		}
		if !c.lastCR && bytes.IndexByte(p[:n], '\r') < 0 {
			return n, err
		}
		w := 0
		for _, b := range p[:n] {
			if b == '\n' && c.lastCR {
				c.lastCR = false
				continue
			}
			c.lastCR = b == '\r'
			if c.lastCR {
				b = '\n'
			}
			p[w] = b
			w++
		}
		if w > 0 || err != nil {
			return w, err
		}
	}
}

// close releases nothing: the caller owns the io.ReaderAt.
func (s *textSource) close() error { return nil }
