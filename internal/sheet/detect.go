package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
)

// sniffLen is how much of the file is read up front to detect its format
// and, for text, its encoding.
const sniffLen = 64 << 10

var (
	oleMagic      = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	zipMagic      = []byte("PK\x03\x04")
	zipEmptyMagic = []byte("PK\x05\x06")
)

// Messages shared by several refusals.
const (
	msgNotSpreadsheet = "This file is not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file."
	msgSaveAs         = " Open it in your spreadsheet program, save it as Excel Workbook (.xlsx) or CSV UTF-8, and upload it again."
)

// readHead returns up to n bytes from the start of r.
func readHead(r io.ReaderAt, size int64, n int) ([]byte, error) {
	if size < int64(n) {
		n = int(size)
	}
	buf := make([]byte, n)
	got, err := r.ReadAt(buf, 0)
	if got == n {
		return buf, nil
	}
	if err == nil || errors.Is(err, io.EOF) {
		return buf[:got], nil
	}
	return nil, err
}

// hasPrefix is bytes.HasPrefix, named for readability at call sites.
func hasPrefix(b, prefix []byte) bool { return bytes.HasPrefix(b, prefix) }

// utf16le encodes s as UTF-16LE bytes, the way OLE2 directory entries store
// stream names.
func utf16le(s string) []byte {
	units := utf16.Encode([]rune(s))
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

var (
	oleEncrypted = [][]byte{utf16le("EncryptionInfo"), utf16le("EncryptedPackage")}
	oleWord      = [][]byte{utf16le("WordDocument")}
	olePowerPnt  = [][]byte{utf16le("PowerPoint Document")}
)

// classifyOLE explains why an OLE2 compound file (legacy Office format, or
// an encrypted OOXML package) is refused. It scans the whole file for the
// stream names of the directory, which are stored as UTF-16LE.
func classifyOLE(r io.ReaderAt, size int64) error {
	names := [][]byte{}
	names = append(names, oleEncrypted...)
	names = append(names, oleWord...)
	names = append(names, olePowerPnt...)
	found, err := scanFor(r, size, names)
	if err != nil {
		return fmt.Errorf("sheet: scanning OLE2 file: %w", err)
	}
	switch {
	case found[0] || found[1]:
		return refuse("password_protected", "This file is protected with a password. Open it, remove the password (File > Info > Protect Workbook > Encrypt with Password, then clear it), save it, and upload it again.", 0)
	case found[2]:
		return refuse("not_a_spreadsheet", "This is a Word document, not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file.", 0)
	case found[3]:
		return refuse("not_a_spreadsheet", "This is a PowerPoint presentation, not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file.", 0)
	}
	return refuse("legacy_xls", "This is an Excel 97-2003 (.xls) file. Save it as .xlsx or CSV UTF-8 and upload it again.", 0)
}

// scanFor reports, for each needle, whether it occurs in r. It reads in
// chunks that overlap by the longest needle, so memory stays constant.
func scanFor(r io.ReaderAt, size int64, needles [][]byte) ([]bool, error) {
	found := make([]bool, len(needles))
	overlap := 0
	for _, n := range needles {
		overlap = max(overlap, len(n))
	}
	const chunk = 256 << 10
	buf := make([]byte, chunk+overlap)
	keep := 0
	for off := int64(0); off < size; off += chunk {
		n, err := r.ReadAt(buf[keep:keep+chunk], off)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		window := buf[:keep+n]
		for i, needle := range needles {
			if !found[i] && bytes.Contains(window, needle) {
				found[i] = true
			}
		}
		keep = min(overlap, len(window))
		copy(buf, window[len(window)-keep:])
		if n < chunk {
			break
		}
	}
	return found, nil
}

// binaryMagic lists file types people upload by mistake, with a
// description for the refusal message.
var binaryMagic = []struct {
	magic []byte
	what  string
}{
	{[]byte("%PDF"), "a PDF document"},
	{[]byte("\x89PNG\r\n\x1a\n"), "a PNG image"},
	{[]byte{0xFF, 0xD8, 0xFF}, "a JPEG image"},
	{[]byte("GIF87a"), "a GIF image"},
	{[]byte("GIF89a"), "a GIF image"},
	{[]byte{0x1F, 0x8B}, "a compressed (.gz) archive"},
	{[]byte("Rar!\x1a\x07"), "a compressed (.rar) archive"},
	{[]byte{'7', 'z', 0xBC, 0xAF, 0x27, 0x1C}, "a compressed (.7z) archive"},
	{[]byte("{\\rtf"), "a rich-text (.rtf) document"},
	{[]byte("\x7fELF"), "a program"},
	{[]byte("bplist"), "an Apple property list"},
}

// classifyBinary refuses content that is recognisably not text: a known
// binary signature, or mostly NUL bytes that are not UTF-16.
func classifyBinary(head []byte) *Refusal {
	for _, m := range binaryMagic {
		if hasPrefix(head, m.magic) {
			return refuse("not_a_spreadsheet", "This is "+m.what+", not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file.", 0)
		}
	}
	probe := head[:min(len(head), 1024)]
	if utf16Guess(probe) != nil {
		return nil
	}
	nul := bytes.Count(probe, []byte{0})
	if nul > 0 && nul*10 > len(probe)*3 { // more than 30 % NUL bytes
		return refuse("not_a_spreadsheet", msgNotSpreadsheet, 0)
	}
	return nil
}
