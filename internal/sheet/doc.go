// Package sheet reads and writes spreadsheets for Roster's contact importer
// and exporter. It is generic: bytes in, rows of strings out; rows in, bytes
// out. It knows nothing about contacts.
//
// # Reading
//
// Open decides what a file is from its content, never its name, in this
// order:
//
//  1. Size: 0 bytes is refused as "empty_file"; more than Limits.MaxBytes as
//     "too_large", before anything is read.
//  2. OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1): an encrypted OOXML
//     package (stream names EncryptionInfo/EncryptedPackage) is
//     "password_protected"; a Word or PowerPoint file is
//     "not_a_spreadsheet"; anything else is "legacy_xls" (Excel 97-2003).
//  3. ZIP (PK\x03\x04): the central directory is inspected with archive/zip.
//     Declared sizes above Limits.MaxUnzipped in total, or one entry above
//     10 MiB inflating more than 200:1, are "zip_bomb". An OpenDocument
//     mimetype is "ods", an Index/*.iwa or Index.zip entry is "numbers", an
//     xl/workbook.bin is "xlsb"; without xl/workbook.xml the file is
//     "corrupt_xlsx" if its [Content_Types].xml mentions SpreadsheetML and
//     "not_a_spreadsheet" otherwise. An unreadable archive is "corrupt_xlsx".
//     Otherwise it is read as XLSX.
//  4. Known binary signatures (PDF, PNG, JPEG, GIF, archives, ...) or mostly
//     NUL bytes that are not UTF-16: "not_a_spreadsheet".
//  5. Everything else is text (CSV/TSV). The encoding comes from a BOM
//     (UTF-8, UTF-16LE/BE), from the NUL pattern of UTF-16 without BOM, or
//     from the first 64 KiB: valid UTF-8 is read as UTF-8 (invalid bytes
//     later give "not_utf8" with the row), anything else is decoded as
//     Windows-1252. HTML pages and Excel 2003 XML saved as .xls/.csv are
//     refused. The delimiter is the most frequent of comma, semicolon and
//     tab outside quotes in the first record (or Excel's "sep=X" line).
//
// A file with no non-blank row is "empty_file". Every refusal is a *Refusal
// whose Message can be shown to the person who uploaded the file.
//
// XLSX values are what a spreadsheet program displays (number formats
// applied: "02134", "$1,337.00", "TRUE"), except that a number displayed
// in scientific notation comes back as its exact stored digits, so phone
// numbers and barcodes survive. Only the first visible worksheet is read.
//
// # Memory
//
// Reading streams; memory stays flat in the number of rows. Text goes
// through a chain of io.Readers (section of the io.ReaderAt, transcoder,
// CR/CRLF-to-LF normaliser, bufio) into encoding/csv with ReuseRecord.
// XLSX input that is not an *os.File is spooled to a temporary file (so it
// is never held in memory whole). A workbook with a shared-string table is
// first copied with each shared-string cell's string inlined (looked up in
// the table kept on disk), since excelize would index the whole table in
// memory; excelize then opens the copy, extracts its parts larger than
// 16 MiB to temporary files and reads the worksheet with the streaming
// Rows iterator; Close removes them all. Two
// iterators run in lockstep over the worksheet, one for displayed and one
// for stored values. One record or row is held at a time, and Next may
// reuse its slice.
//
// # Writing
//
// Writing is internal/sheetwrite's, which does not link excelize: CSV for
// Excel with every cell passed through sheetwrite.Neutralise against
// formula injection (the CSV reader here undoes it, so exports round-trip),
// and streamed workbooks of string cells in Text format.
package sheet
