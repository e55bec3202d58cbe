package sheet

import (
	"archive/zip"
	"fmt"
	"io"
	"path"
	"strings"
)

// Zip-bomb thresholds for a single entry: a compression ratio above
// bombRatio is only suspicious once the entry inflates past bombMinSize.
const (
	bombRatio   = 200
	bombMinSize = 10 << 20
)

const msgCorruptXLSX = "This Excel file is damaged or incomplete and cannot be read. Open it in Excel (or another spreadsheet program), save it again as .xlsx, and upload the new file."

// openZip inspects a ZIP container with archive/zip (which reads only the
// central directory) and, when it is an XLSX workbook within limits, opens
// it with excelize.
func openZip(r io.ReaderAt, size int64, lim Limits) (rowSource, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, refuse("corrupt_xlsx", msgCorruptXLSX, 0)
	}
	if err := inspectZip(zr, lim); err != nil {
		return nil, err
	}
	return openXLSX(r, size, lim)
}

// inspectZip refuses archives that are not XLSX workbooks, and zip bombs.
func inspectZip(zr *zip.Reader, lim Limits) error {
	var total uint64
	var hasWorkbook, hasBinWorkbook, hasSpreadsheetML, numbers bool
	var mimetype *zip.File
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(lim.MaxUnzipped) || isBombEntry(f) {
			return refuse("zip_bomb", "This file expands to far more data than a spreadsheet should and was not opened. If it really is a spreadsheet, save it again as .xlsx or CSV UTF-8 and upload it again.", 0)
		}
		name := strings.ReplaceAll(f.Name, "\\", "/")
		lower := strings.ToLower(name)
		switch {
		case lower == "xl/workbook.xml":
			hasWorkbook = true
		case lower == "xl/workbook.bin":
			hasBinWorkbook = true
		case lower == "mimetype":
			mimetype = f
		case lower == "[content_types].xml":
			hasSpreadsheetML = contentTypesMentionSpreadsheet(f)
		case path.Base(name) == "Index.zip", strings.HasPrefix(name, "Index/") && strings.HasSuffix(name, ".iwa"),
			strings.Contains(name, "/Index/") && strings.HasSuffix(name, ".iwa"):
			numbers = true
		}
	}
	if mimetype != nil {
		if ref := classifyMimetype(mimetype); ref != nil {
			return ref
		}
	}
	switch {
	case numbers:
		return refuse("numbers", "This is an Apple Numbers file. In Numbers choose File > Export To > Excel (or CSV), and upload the exported file.", 0)
	case hasWorkbook:
		return nil
	case hasBinWorkbook:
		return refuse("xlsb", "This is an Excel Binary Workbook (.xlsb)."+msgSaveAs, 0)
	case hasSpreadsheetML:
		return refuse("corrupt_xlsx", msgCorruptXLSX, 0)
	}
	return refuse("not_a_spreadsheet", "This is a ZIP archive (or a document stored as one), not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file.", 0)
}

// isBombEntry reports whether a single entry inflates suspiciously.
func isBombEntry(f *zip.File) bool {
	if f.UncompressedSize64 <= bombMinSize {
		return false
	}
	if f.CompressedSize64 == 0 {
		return true
	}
	return f.UncompressedSize64/f.CompressedSize64 > bombRatio
}

// classifyMimetype refuses OpenDocument packages by their mimetype entry.
func classifyMimetype(f *zip.File) *Refusal {
	if f.UncompressedSize64 > 256 {
		return nil
	}
	b, err := readZipEntry(f, 256)
	if err != nil {
		return nil
	}
	mt := strings.TrimSpace(string(b))
	switch {
	case strings.HasPrefix(mt, "application/vnd.oasis.opendocument.spreadsheet"):
		return refuse("ods", "This is an OpenDocument spreadsheet (.ods)."+msgSaveAs, 0)
	case strings.HasPrefix(mt, "application/vnd.oasis.opendocument."):
		return refuse("not_a_spreadsheet", "This is an OpenDocument file but not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file.", 0)
	case strings.HasPrefix(mt, "application/epub"):
		return refuse("not_a_spreadsheet", "This is an e-book, not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file.", 0)
	}
	return nil
}

// contentTypesMentionSpreadsheet reports whether [Content_Types].xml names a
// SpreadsheetML part, i.e. the file claims to be an Excel workbook.
func contentTypesMentionSpreadsheet(f *zip.File) bool {
	b, err := readZipEntry(f, 1<<20)
	if err != nil {
		return false
	}
	return strings.Contains(string(b), "spreadsheetml")
}

// readZipEntry reads at most limit bytes of an entry.
func readZipEntry(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", f.Name, err)
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, limit))
}
