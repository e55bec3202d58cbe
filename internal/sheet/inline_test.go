package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// handmadeWorkbook is a minimal workbook with the given sheet XML (inside
// <sheetData>), shared strings (inside <sst>) and a style sheet whose
// style 1 has a text format with a text section, 2 a date format.
func handmadeWorkbook(t *testing.T, sheetData, sst string) []byte {
	t.Helper()
	const main = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	return zipOf(t,
		"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`+
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`+
			`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`+
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
		"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook `+main+`><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`+
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`+
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
		"xl/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><styleSheet `+main+`><numFmts count="1"><numFmt numFmtId="164" formatCode="0;-0;0;&quot;[&quot;@&quot; kg]&quot;"/></numFmts>`+
			`<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>`+
			`<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
		"xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<sst `+main+`>`+sst+`</sst>`,
		"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet `+main+`><sheetData>`+sheetData+`</sheetData></worksheet>`,
	)
}

// readSource reads every row of an XLSX source, and the error that ended it.
func readSource(t *testing.T, data []byte, inline bool) ([][]string, error) {
	t.Helper()
	src, err := openXLSXWith(bytes.NewReader(data), int64(len(data)), Limits{}.withDefaults(), inline)
	if err != nil {
		return nil, err
	}
	defer src.close()
	var rows [][]string
	for {
		row, _, err := src.next()
		if err == io.EOF {
			return rows, nil
		} else if err != nil {
			return rows, err
		}
		rows = append(rows, append([]string(nil), row...))
	}
}

// TestInlinedSharedStringsReadTheSame: every workbook reads exactly the
// same with its shared strings inlined as with excelize's own table, for
// the real workbooks of testdata (Excel, LibreOffice, Google Sheets,
// Numbers: dates, number formats, rich text runs, hidden sheets), ours,
// and hand-made edge cases.
func TestInlinedSharedStringsReadTheSame(t *testing.T) {
	cases := map[string][]byte{}
	paths, err := filepath.Glob("testdata/xlsx/*.xlsx")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no testdata workbooks: %v", err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		cases[filepath.Base(p)] = data
	}
	cases["ours"] = writtenXLSX(t, [][]string{{"name", "phone"}, {"Ann <&> \"Lee\"", "+1 201 555 0123"}, {"Ann <&> \"Lee\"", ""}, {"  spaced  ", "x\ny"}}, map[string][][]string{"Other": {{"hidden?"}}})
	sst := `<si><t>plain</t></si>` +
		`<si><r><rPr><b/></rPr><t>rich </t></r><r><t xml:space="preserve">runs </t></r></si>` +
		`<si/>` +
		`<si><t>12</t></si>` +
		`<si><t>a&amp;b&lt;c</t><rPh sb="0" eb="1"><t>phonetic</t></rPh></si>` +
		`<si><t>x_x000D_y</t></si>`
	cases["edge cases"] = handmadeWorkbook(t,
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v> 1 </v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>4</v></c><c r="E1" t="s"><v>5</v></c></row>`+
			`<row r="2"><c r="A2" s="1" t="s"><v>0</v></c><c r="B2" s="1" t="s"><v>2</v></c><c r="C2" s="1" t="s"/><c r="D2" s="1" t="s"><v>99</v></c><c r="E2" s="2" t="s"><v>3</v></c></row>`+
			`<row r="3"><c r="A3" t="s"><v>not a number</v></c><c r="B3" t="s"><v>-1</v></c><c r="C3" t="s"><f>A1</f><v>99</v></c><c r="D3" t="s"><f>A1</f><v>0</v></c><c r="E3" s="2"><v>45000</v></c></row>`+
			`<row r="4"><c r="B4" t="s"><!-- note --><v>0</v></c><c r="C4" t="s" s="1"><v>3</v><v>1</v></c><c r="D4" t="str"><v>str</v></c><c r="E4" t="inlineStr"><is><t>inline</t></is></c><c r="F4" t="s"><v> </v></c></row>`,
		sst)
	cases["prefixed"] = handmadeWorkbook(t,
		`<row r="1"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="A1" t="s"><x:v>1</x:v></x:c><c r="B1" t='s'><v>0</v></c></row>`,
		sst)
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "in.xlsx")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			inlined, err := inlineSharedStrings(path, Limits{}.withDefaults())
			if err != nil {
				t.Fatalf("not inlined: %v", err) // the test would compare excelize with itself
			}
			if inlined != "" {
				os.Remove(inlined)
			}
			want, wantErr := readSource(t, data, false)
			got, gotErr := readSource(t, data, true)
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Fatalf("error: inlined %v, excelize %v", gotErr, wantErr)
			}
			if !reflect.DeepEqual(got, want) {
				for i := range max(len(got), len(want)) {
					var g, w []string
					if i < len(got) {
						g = got[i]
					}
					if i < len(want) {
						w = want[i]
					}
					if !reflect.DeepEqual(g, w) {
						t.Errorf("row %d: inlined %q, excelize %q", i+1, g, w)
					}
				}
			}
			if len(want) == 0 {
				t.Fatal("no rows read: nothing compared")
			}
		})
	}
}

// TestInlinedSharedStringsExpansionIsBounded: a table string referred to
// by many cells would make the rewritten sheet far larger than the file;
// past MaxUnzipped that is refused as a zip bomb, like any other expansion.
func TestInlinedSharedStringsExpansionIsBounded(t *testing.T) {
	var cells strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&cells, `<row r="%d"><c r="A%d" t="s"><v>0</v></c></row>`, i+1, i+1)
	}
	data := handmadeWorkbook(t, cells.String(), `<si><t>`+strings.Repeat("long ", 2000)+`</t></si>`)
	_, err := Open(bytes.NewReader(data), int64(len(data)), Limits{MaxUnzipped: 4 << 20})
	var r *Refusal
	if !errors.As(err, &r) || r.Reason != "zip_bomb" {
		t.Fatalf("got %v, want a zip_bomb refusal", err)
	}
	rd, err := Open(bytes.NewReader(data), int64(len(data)), Limits{MaxUnzipped: 64 << 20})
	if err != nil {
		t.Fatalf("within the limit: %v", err)
	}
	if err := rd.Close(); err != nil {
		t.Fatal(err)
	}
}
