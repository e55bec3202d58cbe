package sheet

import (
	"archive/zip"
	"bufio"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Excelize keeps an index of the whole shared-string table in memory: the
// parsed table when its XML is under 16 MiB, else two small slices a
// string (about 60 bytes with the garbage collector's headroom, 250 MB of
// heap for a 1M-row sheet of distinct names, phones and emails). So the
// workbook is rewritten before excelize opens it: every cell that refers to
// the table (t="s") gets its string itself (t="inlineStr", the <si>'s
// inner XML byte for byte as the cell's <is>), and the table is emptied.
// Excelize reads an inline string as it reads a shared one (the same
// xlsxSI type and String, the same number formats), so the values do not
// change; the table is looked up from two temporary files (strings and
// their end offsets), so memory does not grow with it.

// inlineSharedStrings writes a copy of the workbook at path with its
// shared strings inlined and returns the copy's path, or "" when the
// workbook has no shared-string table. An error means the copy could not
// be made (XML this rewrite does not follow, an encoding other than
// UTF-8, a full disk): the caller reads the original instead. A copy that
// would expand past lim.MaxUnzipped is a "zip_bomb" refusal.
func inlineSharedStrings(path string, lim Limits) (string, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return "", err
	}
	defer zr.Close()
	var sstFile *zip.File
	for _, f := range zr.File {
		// The part excelize reads as the table, found the way it finds it.
		if strings.EqualFold(strings.ReplaceAll(f.Name, "\\", "/"), "xl/sharedStrings.xml") {
			if sstFile != nil {
				return "", errors.New("sheet: two shared-string tables")
			}
			sstFile = f
		}
	}
	if sstFile == nil {
		return "", nil
	}
	sst, err := loadSharedStrings(sstFile)
	if err != nil {
		return "", err
	}
	defer sst.close()

	out, err := os.CreateTemp("", "roster-sheet-*.xlsx")
	if err != nil {
		return "", err
	}
	ok := false
	defer func() {
		if !ok {
			out.Close()
			os.Remove(out.Name())
		}
	}()
	zw := zip.NewWriter(out)
	budget := lim.MaxUnzipped
	for _, f := range zr.File {
		switch {
		case f == sstFile:
			w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
			if err == nil {
				_, err = io.WriteString(w, emptySST)
			}
			if err != nil {
				return "", err
			}
		case strings.HasSuffix(strings.ToLower(f.Name), ".xml"):
			if err := inlinePart(zw, f, sst, &budget); err != nil {
				return "", err
			}
		default:
			if err := copyRaw(zw, f); err != nil {
				return "", err
			}
		}
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	if err := out.Close(); err != nil {
		return "", err
	}
	ok = true
	return out.Name(), nil
}

const emptySST = xml.Header + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>`

func copyRaw(zw *zip.Writer, f *zip.File) error {
	h := f.FileHeader
	w, err := zw.CreateRaw(&h)
	if err != nil {
		return err
	}
	r, err := f.OpenRaw()
	if err != nil {
		return err
	}
	_, err = io.Copy(w, r)
	return err
}

// inlinePart copies one XML part, rewriting its shared-string cells if it
// is a sheet (the parts excelize reads rows from); other parts are copied
// as they are.
func inlinePart(zw *zip.Writer, f *zip.File, sst *sharedStrings, budget *int64) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	t := &tee{r: bufio.NewReaderSize(rc, 64<<10)}
	d := xml.NewDecoder(t)
	root := ""
	for root == "" {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("sheet: reading %s: %w", f.Name, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			root = se.Name.Local
		}
	}
	switch root {
	case "worksheet", "dialogsheet", "macrosheet", "chartsheet":
	default:
		return copyRaw(zw, f)
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store, Modified: f.Modified})
	if err != nil {
		return err
	}
	// Store: the copy is read once, by excelize, which extracts a large
	// sheet to a temporary file anyway; compressing it again costs more
	// time than the disk saves.
	bw := bufio.NewWriterSize(&limitWriter{w: w, left: budget}, 64<<10)
	if err := inlineCells(bw, t, d, sst); err != nil {
		return fmt.Errorf("sheet: rewriting %s: %w", f.Name, err)
	}
	return bw.Flush()
}

// inlineCells copies the rest of a sheet from d (reading through t) to w,
// with every t="s" cell's string inlined.
func inlineCells(w *bufio.Writer, t *tee, d *xml.Decoder, sst *sharedStrings) error {
	var (
		cell     *xml.StartElement // the shared-string cell being read
		depth    int               // inside cell
		inV      bool
		v        []byte // the cell's <v> text: the table index
		children []byte // the cell's other children, as they were
	)
	for {
		before := d.InputOffset()
		tok, err := d.RawToken()
		if err == io.EOF {
			if cell != nil {
				return errors.New("cell not closed")
			}
			_, err := w.Write(t.upTo(d.InputOffset()))
			return err
		} else if err != nil {
			return err
		}
		after := d.InputOffset()
		if cell == nil {
			se, ok := tok.(xml.StartElement)
			if !ok || se.Name.Local != "c" || cellType(se) != "s" {
				if t.pending() > 32<<10 {
					if _, err := w.Write(t.upTo(after)); err != nil {
						return err
					}
				}
				continue
			}
			if _, err := w.Write(t.upTo(before)); err != nil {
				return err
			}
			t.upTo(after)
			se = se.Copy()
			cell, depth, inV, v, children = &se, 0, false, v[:0], children[:0]
			continue
		}
		raw := t.upTo(after)
		switch tok := tok.(type) {
		case xml.StartElement:
			switch {
			case inV:
				return errors.New("element inside <v>")
			case depth == 0 && tok.Name.Local == "v":
				// Excelize decodes each <v> over the last.
				inV, v = true, v[:0]
			default:
				children = append(children, raw...)
			}
			depth++
		case xml.EndElement:
			depth--
			switch {
			case depth < 0:
				if err := writeInlineCell(w, cell, v, children, sst); err != nil {
					return err
				}
				cell = nil
			case inV && depth == 0:
				inV = false
			default:
				children = append(children, raw...)
			}
		case xml.CharData:
			if inV {
				v = append(v, tok...)
			} else {
				children = append(children, raw...)
			}
		default: // comments and processing instructions: not part of a value
			if !inV {
				children = append(children, raw...)
			}
		}
	}
}

// writeInlineCell writes a shared-string cell as excelize would read it:
// its string inline, or, for an index outside the table (which excelize
// reads as blank), a string cell with no value.
func writeInlineCell(w *bufio.Writer, cell *xml.StartElement, v, children []byte, sst *sharedStrings) error {
	kind, inner, found := "inlineStr", []byte(nil), false
	if len(v) != 0 {
		// As excelize: any value, even blanks, is an index, and what is not
		// a number is index 0.
		i, _ := strconv.Atoi(strings.TrimSpace(string(v)))
		var err error
		if inner, found, err = sst.inner(i); err != nil {
			return err
		} else if !found {
			kind = "str"
		}
	}
	name := qualified(cell.Name)
	w.WriteString("<" + name)
	for _, a := range cell.Attr {
		value := a.Value
		if a.Name.Local == "t" {
			value = kind
		}
		w.WriteString(" " + qualified(a.Name) + `="`)
		if err := xml.EscapeText(w, []byte(value)); err != nil {
			return err
		}
		w.WriteByte('"')
	}
	w.WriteByte('>')
	w.Write(children)
	if found {
		w.WriteString("<is>")
		w.Write(inner)
		w.WriteString("</is>")
	}
	_, err := w.WriteString("</" + name + ">")
	return err
}

func cellType(se xml.StartElement) string {
	t := ""
	for _, a := range se.Attr {
		if a.Name.Local == "t" { // the last wins, as in excelize
			t = a.Value
		}
	}
	return t
}

func qualified(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// tee is the decoder's input (an io.ByteReader, so that the decoder reads
// no further than it has parsed) and keeps the bytes read, so that parts
// of the XML can be copied exactly as they were.
type tee struct {
	r    *bufio.Reader
	buf  []byte // input from offset base on
	base int64
	pos  int // buf[:pos] has been taken
}

func (t *tee) ReadByte() (byte, error) {
	if t.pos >= 64<<10 {
		t.buf = t.buf[:copy(t.buf, t.buf[t.pos:])]
		t.base += int64(t.pos)
		t.pos = 0
	}
	c, err := t.r.ReadByte()
	if err == nil {
		t.buf = append(t.buf, c)
	}
	return c, err
}

func (t *tee) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// upTo takes the input from the last call's offset to off; the result is
// valid until the next read.
func (t *tee) upTo(off int64) []byte {
	n := int(off - t.base)
	out := t.buf[t.pos:n]
	t.pos = n
	return out
}

// pending is how much input has not been taken.
func (t *tee) pending() int { return len(t.buf) - t.pos }

// limitWriter counts what is written against the expansion budget.
type limitWriter struct {
	w    io.Writer
	left *int64
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if *l.left -= int64(len(p)); *l.left < 0 {
		return 0, refuse("zip_bomb", "This file expands to far more data than a spreadsheet should and was not opened. If it really is a spreadsheet, save it again as .xlsx or CSV UTF-8 and upload it again.", 0)
	}
	return l.w.Write(p)
}

// sharedStrings is the table on disk: each <si>'s inner XML in one file,
// its end offset (8 bytes) in another, both read through a small cache
// (a spreadsheet program writes the table in order of first use, so
// lookups mostly move forward through it, and a file's few repeated
// strings sit in its first blocks).
type sharedStrings struct {
	data, index *os.File
	n           int
	buf         []byte
	dataCache   blockCache
	indexCache  blockCache
}

func loadSharedStrings(f *zip.File) (s *sharedStrings, err error) {
	s = &sharedStrings{}
	defer func() {
		if err != nil {
			s.close()
		}
	}()
	if s.data, err = os.CreateTemp("", "roster-sst-*"); err != nil {
		return nil, err
	}
	if s.index, err = os.CreateTemp("", "roster-sst-index-*"); err != nil {
		return nil, err
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, index := bufio.NewWriterSize(s.data, 64<<10), bufio.NewWriterSize(s.index, 64<<10)
	t := &tee{r: bufio.NewReaderSize(rc, 64<<10)}
	d := xml.NewDecoder(t)
	var (
		inSI  bool
		depth int   // inside the <si>
		end   int64 // of the data so far
		e     [8]byte
	)
	for {
		before := d.InputOffset()
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("sheet: reading the shared strings: %w", err)
		}
		after := d.InputOffset()
		switch tok := tok.(type) {
		case xml.StartElement:
			if inSI {
				depth++
			} else if tok.Name.Local == "si" {
				inSI, depth = true, 0
				t.upTo(after)
				continue
			}
		case xml.EndElement:
			if inSI && depth == 0 {
				inner := t.upTo(before)
				if _, err := data.Write(inner); err != nil {
					return nil, err
				}
				end += int64(len(inner))
				binary.LittleEndian.PutUint64(e[:], uint64(end))
				if _, err := index.Write(e[:]); err != nil {
					return nil, err
				}
				s.n++
				inSI = false
			} else if inSI {
				depth--
			}
		}
		if !inSI {
			t.upTo(after)
		}
	}
	if err := data.Flush(); err != nil {
		return nil, err
	}
	if err := index.Flush(); err != nil {
		return nil, err
	}
	s.dataCache.f, s.indexCache.f = s.data, s.index
	return s, nil
}

// inner returns the i-th string's inner XML (valid until the next call);
// ok false if the table has no such string.
func (s *sharedStrings) inner(i int) (inner []byte, ok bool, err error) {
	if i < 0 || i >= s.n {
		return nil, false, nil
	}
	var e [16]byte
	var start, end int64
	if i == 0 {
		if err := s.indexCache.readAt(e[8:], 0); err != nil {
			return nil, false, err
		}
	} else {
		if err := s.indexCache.readAt(e[:], int64(i-1)*8); err != nil {
			return nil, false, err
		}
		start = int64(binary.LittleEndian.Uint64(e[:8]))
	}
	end = int64(binary.LittleEndian.Uint64(e[8:]))
	if n := int(end - start); cap(s.buf) < n {
		s.buf = make([]byte, n)
	} else {
		s.buf = s.buf[:n]
	}
	if len(s.buf) == 0 {
		return s.buf, true, nil
	}
	if err := s.dataCache.readAt(s.buf, start); err != nil {
		return nil, false, err
	}
	return s.buf, true, nil
}

func (s *sharedStrings) close() {
	for _, f := range []*os.File{s.data, s.index} {
		if f != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}
}

// blockCache keeps a few blocks of a file in memory.
type blockCache struct {
	f      *os.File
	blocks map[int64][]byte // by block number
	order  []int64          // first in, first out
}

const (
	cacheBlockSize = 64 << 10
	cacheBlocks    = 16
)

// readAt fills p from the file at off.
func (c *blockCache) readAt(p []byte, off int64) error {
	n := off / cacheBlockSize
	if (off+int64(len(p))-1)/cacheBlockSize != n {
		_, err := c.f.ReadAt(p, off) // spans two blocks: rare
		return err
	}
	block, ok := c.blocks[n]
	if !ok {
		var buf []byte
		if c.blocks == nil {
			c.blocks = map[int64][]byte{}
		}
		if len(c.order) == cacheBlocks {
			buf = c.blocks[c.order[0]][:cacheBlockSize]
			delete(c.blocks, c.order[0])
			c.order = c.order[1:]
		} else {
			buf = make([]byte, cacheBlockSize)
		}
		read, err := c.f.ReadAt(buf, n*cacheBlockSize)
		if err != nil && err != io.EOF {
			return err
		}
		block = buf[:read]
		c.blocks[n] = block
		c.order = append(c.order, n)
	}
	at := int(off - n*cacheBlockSize)
	if at+len(p) > len(block) {
		return io.ErrUnexpectedEOF
	}
	copy(p, block[at:])
	return nil
}
