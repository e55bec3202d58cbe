package sheet

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// maxXMLInMemory bounds how much of one worksheet (or the shared-string
// table) excelize keeps in memory; larger parts are extracted to a
// temporary file and streamed from there.
const maxXMLInMemory = 16 << 20

// xlsxSource streams the first visible worksheet of a workbook with
// excelize's row iterator, which gives values as displayed (number formats
// applied). A second iterator over the same worksheet, giving stored
// values, is opened only when a displayed value looks like scientific
// notation (8.5956E+12) and may have lost digits; it then catches up to
// the current row and follows lazily, so ordinary files are parsed once.
type xlsxSource struct {
	file       *excelize.File
	sheet      string
	shown      *excelize.Rows
	stored     *excelize.Rows // nil until first needed
	storedLine int            // row the stored iterator is on
	tmpPath    string         // spooled copy of the input, removed on close
	line       int
}

// openXLSX opens the workbook with excelize, bounded by the limits, and
// positions iterators on the first visible worksheet.
func openXLSX(r io.ReaderAt, size int64, lim Limits) (rowSource, error) {
	return openXLSXWith(r, size, lim, true)
}

// openXLSXWith is openXLSX; inline false leaves the shared strings to
// excelize (for tests that compare the two).
func openXLSXWith(r io.ReaderAt, size int64, lim Limits, inline bool) (rowSource, error) {
	path, tmp, err := fileFor(r, size)
	if err != nil {
		return nil, err
	}
	if inline {
		inlined, err := inlineSharedStrings(path, lim)
		if ref, ok := AsRefusal(err); ok {
			if tmp != "" {
				_ = os.Remove(tmp)
			}
			return nil, ref
		}
		// On any other error excelize reads the original, with its own
		// index of the shared strings.
		if err == nil && inlined != "" {
			if tmp != "" {
				_ = os.Remove(tmp)
			}
			path, tmp = inlined, inlined
		}
	}
	src := &xlsxSource{tmpPath: tmp}
	opts := excelize.Options{
		UnzipSizeLimit:    lim.MaxUnzipped,
		UnzipXMLSizeLimit: min(lim.MaxUnzipped, maxXMLInMemory),
	}
	src.file, err = excelize.OpenFile(path, opts)
	if err != nil {
		_ = src.close()
		return nil, excelizeOpenRefusal(err)
	}
	sheet := firstVisibleSheet(src.file)
	if sheet == "" {
		_ = src.close()
		return nil, refuse("empty_file", "The workbook has no worksheet to read. Check that you picked the right file and upload it again.", 0)
	}
	src.sheet = sheet
	if src.shown, err = src.file.Rows(sheet); err != nil {
		_ = src.close()
		return nil, refuse("corrupt_xlsx", msgCorruptXLSX, 0)
	}
	return src, nil
}

// fileFor returns a path excelize can open. An *os.File is used in place;
// anything else is spooled to a temporary file so that neither this package
// nor excelize holds the whole file in memory (excelize.OpenReader would
// read it all). tmp is the path to remove afterwards, if any.
func fileFor(r io.ReaderAt, size int64) (path, tmp string, err error) {
	if f, ok := r.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() == size {
			if st2, err := os.Stat(f.Name()); err == nil && os.SameFile(st, st2) {
				return f.Name(), "", nil
			}
		}
	}
	t, err := os.CreateTemp("", "roster-sheet-*.xlsx")
	if err != nil {
		return "", "", fmt.Errorf("sheet: creating temporary file: %w", err)
	}
	_, err = io.Copy(t, io.NewSectionReader(r, 0, size))
	if cerr := t.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(t.Name())
		return "", "", fmt.Errorf("sheet: spooling workbook to temporary file: %w", err)
	}
	return t.Name(), t.Name(), nil
}

// excelizeOpenRefusal turns an excelize open error into a Refusal.
func excelizeOpenRefusal(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "unzip size"):
		return refuse("zip_bomb", "This file expands to far more data than a spreadsheet should and was not opened. If it really is a spreadsheet, save it again as .xlsx or CSV UTF-8 and upload it again.", 0)
	case errors.Is(err, excelize.ErrWorkbookPassword):
		return refuse("password_protected", "This file is protected with a password. Open it, remove the password, save it, and upload it again.", 0)
	}
	return refuse("corrupt_xlsx", msgCorruptXLSX, 0)
}

// firstVisibleSheet returns the first sheet in tab order that is neither
// hidden nor very hidden; failing that, the first sheet; "" if none.
func firstVisibleSheet(f *excelize.File) string {
	list := f.GetSheetList()
	for _, name := range list {
		if visible, err := f.GetSheetVisible(name); err == nil && visible {
			return name
		}
	}
	if len(list) > 0 {
		return list[0]
	}
	return ""
}

var storedValues = excelize.Options{RawCellValue: true}

// next returns the next sheet row (blank ones included) as displayed, with
// digit-losing number displays repaired from the stored value.
func (s *xlsxSource) next() ([]string, int, error) {
	if !s.shown.Next() {
		if errors.Is(s.shown.Error(), excelize.ErrMaxRows) {
			return nil, s.line + 1, refuse("too_many_rows", "The sheet has more rows than Excel allows. Split it into smaller files and upload them one at a time.", s.line+1)
		}
		return nil, s.line, io.EOF
	}
	s.line++
	shown, err := s.shown.Columns()
	if err != nil {
		return nil, s.line, s.rowRefusal(err)
	}
	var stored []string
	for i, v := range shown {
		if !isScientific(strings.TrimSpace(v)) {
			continue
		}
		if stored == nil {
			if stored, err = s.storedRow(); err != nil {
				return nil, s.line, s.rowRefusal(err)
			}
		}
		if i < len(stored) && v != stored[i] {
			shown[i] = repairDisplay(v, stored[i])
		}
	}
	return shown, s.line, nil
}

// storedRow returns the stored values of the current row, opening the
// stored-value iterator on first use and moving it to the current row.
func (s *xlsxSource) storedRow() ([]string, error) {
	if s.stored == nil {
		rows, err := s.file.Rows(s.sheet)
		if err != nil {
			return nil, err
		}
		s.stored, s.storedLine = rows, 0
	}
	for s.storedLine < s.line {
		if !s.stored.Next() {
			return nil, errors.New("sheet: stored-value iterator ended early")
		}
		s.storedLine++
	}
	row, err := s.stored.Columns(storedValues)
	if row == nil {
		row = []string{}
	}
	return row, err
}

// rowRefusal explains an error met while reading a row.
func (s *xlsxSource) rowRefusal(err error) error {
	if errors.Is(err, excelize.ErrMaxRows) {
		return refuse("too_many_rows", "The sheet has more rows than Excel allows. Split it into smaller files and upload them one at a time.", s.line)
	}
	return refuse("corrupt_xlsx", fmt.Sprintf("Row %d of this Excel file is damaged and cannot be read. Open the file in Excel, save it again as .xlsx, and upload the new file.", s.line), s.line)
}

// repairDisplay picks what to return for a cell displayed in scientific
// notation whose stored value differs: a stored number comes back as its
// exact digits (phone numbers, barcodes); anything else as displayed.
func repairDisplay(shown, stored string) string {
	shown = strings.TrimSpace(shown)
	if !isScientific(shown) {
		return shown
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(stored), 64)
	if err != nil {
		return shown
	}
	if isPlainDecimal(stored) {
		return strings.TrimSpace(stored)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// isScientific reports whether s is a number written with an exponent.
func isScientific(s string) bool {
	if !strings.ContainsAny(s, "eE") {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// isPlainDecimal reports whether s is an optionally signed run of digits
// with at most one decimal point.
func isPlainDecimal(s string) bool {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if s == "" {
		return false
	}
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' && !dot:
			dot = true
		case c < '0' || c > '9':
			return false
		}
	}
	return true
}

// close releases the iterators, excelize's temporary files and the
// spooled copy.
func (s *xlsxSource) close() error {
	var errs []error
	for _, rows := range []*excelize.Rows{s.shown, s.stored} {
		if rows != nil {
			if err := rows.Close(); err != nil && !errors.Is(err, excelize.ErrMaxRows) {
				errs = append(errs, err)
			}
		}
	}
	s.shown, s.stored = nil, nil
	if s.file != nil {
		errs = append(errs, s.file.Close())
		s.file = nil
	}
	if s.tmpPath != "" {
		if err := os.Remove(s.tmpPath); err != nil && !os.IsNotExist(err) {
			errs = append(errs, err)
		}
		s.tmpPath = ""
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sheet: closing workbook: %w", err)
	}
	return nil
}
