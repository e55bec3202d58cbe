package excelize

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNewSheet(t *testing.T) {
	f := NewFile()
	_, err := f.NewSheet("Sheet2")
	assert.NoError(t, err)
	sheetID, err := f.NewSheet("sheet2")
	assert.NoError(t, err)
	f.SetActiveSheet(sheetID)
	// Test delete original sheet
	idx, err := f.GetSheetIndex("Sheet1")
	assert.NoError(t, err)
	assert.NoError(t, f.DeleteSheet(f.GetSheetName(idx)))
	assert.NoError(t, f.SaveAs(filepath.Join("test", "TestNewSheet.xlsx")))
	// Test create new worksheet with already exists name
	sheetID, err = f.NewSheet("Sheet2")
	assert.NoError(t, err)
	idx, err = f.GetSheetIndex("Sheet2")
	assert.NoError(t, err)
	assert.Equal(t, idx, sheetID)
	// Test create new worksheet with empty sheet name
	sheetID, err = f.NewSheet(":\\/?*[]")
	assert.EqualError(t, err, ErrSheetNameInvalid.Error())
	assert.Equal(t, -1, sheetID)
}

func TestPanes(t *testing.T) {
	f := NewFile()

	assert.NoError(t, f.SetPanes("Sheet1", &Panes{Freeze: false, Split: false}))
	_, err := f.NewSheet("Panes 2")
	assert.NoError(t, err)

	pane2 := Panes{
		Freeze:      true,
		Split:       false,
		XSplit:      1,
		YSplit:      0,
		TopLeftCell: "B1",
		ActivePane:  "topRight",
		Selection: []Selection{
			{SQRef: "K16", ActiveCell: "K16", Pane: "topRight"},
		},
	}
	assert.NoError(t, f.SetPanes("Panes 2", &pane2))
	panes, err := f.GetPanes("Panes 2")
	assert.NoError(t, err)
	assert.Equal(t, pane2, panes)

	panes3 := Panes{
		Freeze:      false,
		Split:       true,
		XSplit:      3270,
		YSplit:      1800,
		TopLeftCell: "N57",
		ActivePane:  "bottomLeft",
		Selection: []Selection{
			{SQRef: "I36", ActiveCell: "I36"},
			{SQRef: "G33", ActiveCell: "G33", Pane: "topRight"},
			{SQRef: "J60", ActiveCell: "J60", Pane: "bottomLeft"},
			{SQRef: "O60", ActiveCell: "O60", Pane: "bottomRight"},
		},
	}
	_, err = f.NewSheet("Panes 3")
	assert.NoError(t, err)
	assert.NoError(t, f.SetPanes("Panes 3", &panes3))
	panes, err = f.GetPanes("Panes 3")
	assert.NoError(t, err)
	assert.Equal(t, panes3, panes)
	ws, ok := f.Sheet.Load("xl/worksheets/sheet3.xml")
	assert.True(t, ok)
	ws.(*xlsxWorksheet).SheetViews.SheetView[0].Pane.State = "split"
	panes, err = f.GetPanes("Panes 3")
	assert.NoError(t, err)
	assert.Equal(t, panes3, panes)

	_, err = f.NewSheet("Panes 4")
	assert.NoError(t, err)
	assert.NoError(t, f.SetPanes("Panes 4",
		&Panes{
			Freeze:      true,
			Split:       false,
			XSplit:      0,
			YSplit:      9,
			TopLeftCell: "A34",
			ActivePane:  "bottomLeft",
			Selection: []Selection{
				{SQRef: "A11:XFD11", ActiveCell: "A11", Pane: "bottomLeft"},
			},
		},
	))
	// Test frozen and split panes
	_, err = f.NewSheet("Panes 5")
	assert.NoError(t, err)
	pane5 := Panes{
		Freeze:      true,
		Split:       true,
		XSplit:      2,
		YSplit:      4,
		TopLeftCell: "C5",
		ActivePane:  "bottomRight",
		Selection: []Selection{
			{SQRef: "C1", ActiveCell: "C1"},
			{SQRef: "A5", ActiveCell: "A5", Pane: "bottomLeft"},
			{SQRef: "C5", ActiveCell: "C5", Pane: "bottomRight"},
		},
	}
	assert.NoError(t, f.SetPanes("Panes 5", &pane5))
	panes, err = f.GetPanes("Panes 5")
	assert.NoError(t, err)
	assert.Equal(t, pane5, panes)
	assert.EqualError(t, f.SetPanes("Panes 5", nil), ErrParameterInvalid.Error())
	assert.EqualError(t, f.SetPanes("SheetN", nil), "sheet SheetN does not exist")
	// Test set panes with invalid sheet name
	assert.EqualError(t, f.SetPanes("Sheet:1", &Panes{Freeze: false, Split: false}), ErrSheetNameInvalid.Error())
	assert.NoError(t, f.SaveAs(filepath.Join("test", "TestSetPane.xlsx")))

	// Test get panes with empty sheet views
	f = NewFile()
	ws, ok = f.Sheet.Load("xl/worksheets/sheet1.xml")
	assert.True(t, ok)
	ws.(*xlsxWorksheet).SheetViews = &xlsxSheetViews{}
	_, err = f.GetPanes("Sheet1")
	assert.NoError(t, err)
	// Test get panes without panes
	ws.(*xlsxWorksheet).SheetViews = &xlsxSheetViews{SheetView: []xlsxSheetView{{}}}
	_, err = f.GetPanes("Sheet1")
	assert.NoError(t, err)
	// Test get panes without sheet views
	ws.(*xlsxWorksheet).SheetViews = nil
	_, err = f.GetPanes("Sheet1")
	assert.NoError(t, err)
	// Test get panes on not exists worksheet
	_, err = f.GetPanes("SheetN")
	assert.EqualError(t, err, "sheet SheetN does not exist")

	// Test add pane on empty sheet views worksheet
	f = NewFile()
	f.checked = sync.Map{}
	f.Sheet.Delete("xl/worksheets/sheet1.xml")
	f.Pkg.Store("xl/worksheets/sheet1.xml", fmt.Appendf(nil, `<worksheet xmlns="%s"><sheetData/></worksheet>`, NameSpaceSpreadSheet.Value))
	assert.NoError(t, f.SetPanes("Sheet1",
		&Panes{
			Freeze:      true,
			Split:       false,
			XSplit:      1,
			YSplit:      0,
			TopLeftCell: "B1",
			ActivePane:  "topRight",
			Selection: []Selection{
				{SQRef: "K16", ActiveCell: "K16", Pane: "topRight"},
			},
		},
	))
}

func TestSearchSheet(t *testing.T) {
	f, err := OpenFile(filepath.Join("test", "SharedStrings.xlsx"))
	if !assert.NoError(t, err) {
		t.FailNow()
	}
	// Test search in a not exists worksheet
	_, err = f.SearchSheet("Sheet4", "")
	assert.EqualError(t, err, "sheet Sheet4 does not exist")
	// Test search sheet with invalid sheet name
	_, err = f.SearchSheet("Sheet:1", "")
	assert.EqualError(t, err, ErrSheetNameInvalid.Error())
	var expected []string
	// Test search a not exists value
	result, err := f.SearchSheet("Sheet1", "X")
	assert.NoError(t, err)
	assert.EqualValues(t, expected, result)
	result, err = f.SearchSheet("Sheet1", "A")
	assert.NoError(t, err)
	assert.EqualValues(t, []string{"A1"}, result)
	// Test search the coordinates where the numerical value in the range of
	// "0-9" of Sheet1 is described by regular expression:
	result, err = f.SearchSheet("Sheet1", "[0-9]", true)
	assert.NoError(t, err)
	assert.EqualValues(t, expected, result)
	assert.NoError(t, f.Close())

	// Test search worksheet data after set cell value
	f = NewFile()
	assert.NoError(t, f.SetCellValue("Sheet1", "A1", true))
	_, err = f.SearchSheet("Sheet1", "")
	assert.NoError(t, err)

	f = NewFile()
	f.Sheet.Delete("xl/worksheets/sheet1.xml")
	f.Pkg.Store("xl/worksheets/sheet1.xml", []byte(`<worksheet><sheetData><row r="A"><c r="2" t="inlineStr"><is><t>A</t></is></c></row></sheetData></worksheet>`))
	f.checked = sync.Map{}
	result, err = f.SearchSheet("Sheet1", "A")
	assert.EqualError(t, err, "strconv.Atoi: parsing \"A\": invalid syntax")
	assert.Equal(t, []string(nil), result)

	f.Pkg.Store("xl/worksheets/sheet1.xml", []byte(`<worksheet><sheetData><row r="2"><c r="A" t="inlineStr"><is><t>A</t></is></c></row></sheetData></worksheet>`))
	result, err = f.SearchSheet("Sheet1", "A")
	assert.Equal(t, newCellNameToCoordinatesError("A", newInvalidCellNameError("A")), err)
	assert.Equal(t, []string(nil), result)

	f.Pkg.Store("xl/worksheets/sheet1.xml", []byte(`<worksheet><sheetData><row r="0"><c r="A1" t="inlineStr"><is><t>A</t></is></c></row></sheetData></worksheet>`))
	result, err = f.SearchSheet("Sheet1", "A")
	assert.Equal(t, newCoordinatesToCellNameError(1, 0), err)
	assert.Equal(t, []string(nil), result)

	// Test search sheet with unsupported charset shared strings table
	f.SharedStrings = nil
	f.Pkg.Store(defaultXMLPathSharedStrings, MacintoshCyrillicCharset)
	_, err = f.SearchSheet("Sheet1", "A")
	assert.EqualError(t, err, "XML syntax error on line 1: invalid UTF-8")
}

func TestSetPageLayout(t *testing.T) {
	f := NewFile()
	assert.NoError(t, f.SetPageLayout("Sheet1", nil))
	ws, ok := f.Sheet.Load("xl/worksheets/sheet1.xml")
	assert.True(t, ok)
	ws.(*xlsxWorksheet).PageSetUp = nil
	expected := PageLayoutOptions{
		Size:            intPtr(1),
		Orientation:     stringPtr("landscape"),
		FirstPageNumber: uintPtr(1),
		AdjustTo:        uintPtr(120),
		FitToHeight:     intPtr(2),
		FitToWidth:      intPtr(2),
		BlackAndWhite:   boolPtr(true),
		PageOrder:       stringPtr("overThenDown"),
	}
	assert.NoError(t, f.SetPageLayout("Sheet1", &expected))
	opts, err := f.GetPageLayout("Sheet1")
	assert.NoError(t, err)
	assert.Equal(t, expected, opts)
	// Test set page layout on not exists worksheet
	assert.EqualError(t, f.SetPageLayout("SheetN", nil), "sheet SheetN does not exist")
	// Test set page layout with invalid sheet name
	assert.Equal(t, ErrSheetNameInvalid, f.SetPageLayout("Sheet:1", nil))
	// Test set page layout with invalid parameters
	assert.Equal(t, ErrPageSetupAdjustTo, f.SetPageLayout("Sheet1", &PageLayoutOptions{
		AdjustTo: uintPtr(5),
	}))
	assert.EqualError(t, f.SetPageLayout("Sheet1", &PageLayoutOptions{
		Orientation: stringPtr("x"),
	}), "invalid Orientation value \"x\", acceptable value should be one of portrait, landscape")
	assert.EqualError(t, f.SetPageLayout("Sheet1", &PageLayoutOptions{
		PageOrder: stringPtr("x"),
	}), "invalid PageOrder value \"x\", acceptable value should be one of overThenDown, downThenOver")
}

func TestGetPageLayout(t *testing.T) {
	f := NewFile()
	// Test get page layout on not exists worksheet
	_, err := f.GetPageLayout("SheetN")
	assert.EqualError(t, err, "sheet SheetN does not exist")
	// Test get page layout with invalid sheet name
	_, err = f.GetPageLayout("Sheet:1")
	assert.EqualError(t, err, ErrSheetNameInvalid.Error())
}

func TestHeaderFooter(t *testing.T) {
	f := NewFile()
	// Test get header and footer with default header and footer settings
	opts, err := f.GetHeaderFooter("Sheet1")
	assert.NoError(t, err)
	assert.Equal(t, (*HeaderFooterOptions)(nil), opts)
	// Test get header and footer on not exists worksheet
	_, err = f.GetHeaderFooter("SheetN")
	assert.EqualError(t, err, "sheet SheetN does not exist")

	assert.NoError(t, f.SetCellStr("Sheet1", "A1", "Test SetHeaderFooter"))
	// Test set header and footer on not exists worksheet
	assert.EqualError(t, f.SetHeaderFooter("SheetN", nil), "sheet SheetN does not exist")
	// Test Sheet:1 with invalid sheet name
	assert.EqualError(t, f.SetHeaderFooter("Sheet:1", nil), ErrSheetNameInvalid.Error())
	// Test set header and footer with illegal setting
	assert.EqualError(t, f.SetHeaderFooter("Sheet1", &HeaderFooterOptions{
		OddHeader: strings.Repeat("c", MaxFieldLength+1),
	}), newFieldLengthError("OddHeader").Error())

	assert.NoError(t, f.SetHeaderFooter("Sheet1", nil))
	text := strings.Repeat("一", MaxFieldLength)
	assert.NoError(t, f.SetHeaderFooter("Sheet1", &HeaderFooterOptions{
		OddHeader:   text,
		OddFooter:   text,
		EvenHeader:  text,
		EvenFooter:  text,
		FirstHeader: text,
	}))
	expected := &HeaderFooterOptions{
		DifferentFirst:   true,
		DifferentOddEven: true,
		OddHeader:        "&R&P",
		OddFooter:        "&C&F",
		EvenHeader:       "&L&P",
		EvenFooter:       "&L&D&R&T",
		FirstHeader:      `&CCenter &"-,Bold"Bold&"-,Regular"HeaderU+000A&D`,
	}
	assert.NoError(t, f.SetHeaderFooter("Sheet1", expected))
	opts, err = f.GetHeaderFooter("Sheet1")
	assert.NoError(t, err)
	assert.Equal(t, expected, opts)
	assert.NoError(t, f.SaveAs(filepath.Join("test", "TestSetHeaderFooter.xlsx")))
}

func TestDefinedName(t *testing.T) {
	f := NewFile()
	assert.NoError(t, f.SetDefinedName(&DefinedName{
		Name:     "Amount.",
		RefersTo: "Sheet1!$A$2:$D$5",
		Comment:  "defined name comment",
		Scope:    "Sheet1",
	}))
	assert.NoError(t, f.SetDefinedName(&DefinedName{
		Name:     "Amount",
		RefersTo: "Sheet1!$A$2:$D$5",
		Comment:  "defined name comment",
	}))
	assert.NoError(t, f.SetDefinedName(&DefinedName{
		Name:     builtInDefinedNames[0],
		RefersTo: "Sheet1!$A$1:$Z$100",
		Scope:    "Sheet1",
	}))
	assert.NoError(t, f.SetDefinedName(&DefinedName{
		Name:     builtInDefinedNames[1],
		RefersTo: "Sheet1!$A:$A,Sheet1!$1:$1",
		Scope:    "Sheet1",
	}))
	assert.EqualError(t, f.SetDefinedName(&DefinedName{
		Name:     "Amount",
		RefersTo: "Sheet1!$A$2:$D$5",
		Comment:  "defined name comment",
	}), ErrDefinedNameDuplicate.Error())
	assert.EqualError(t, f.DeleteDefinedName(&DefinedName{
		Name: "No Exist Defined Name",
	}), ErrDefinedNameScope.Error())
	// Test set defined name without name
	assert.EqualError(t, f.SetDefinedName(&DefinedName{
		RefersTo: "Sheet1!$A$2:$D$5",
	}), ErrParameterInvalid.Error())
	// Test set defined name without reference
	assert.EqualError(t, f.SetDefinedName(&DefinedName{
		Name: "Amount",
	}), ErrParameterInvalid.Error())
	assert.Exactly(t, "Sheet1!$A$2:$D$5", f.GetDefinedName()[1].RefersTo)
	assert.NoError(t, f.DeleteDefinedName(&DefinedName{
		Name: "Amount",
	}))
	assert.Exactly(t, "Sheet1!$A$2:$D$5", f.GetDefinedName()[0].RefersTo)
	assert.Len(t, f.GetDefinedName(), 3)
	assert.NoError(t, f.SaveAs(filepath.Join("test", "TestDefinedName.xlsx")))
	// Test set defined name with unsupported charset workbook
	f.WorkBook = nil
	f.Pkg.Store(defaultXMLPathWorkbook, MacintoshCyrillicCharset)
	assert.EqualError(t, f.SetDefinedName(&DefinedName{
		Name: "Amount", RefersTo: "Sheet1!$A$2:$D$5",
	}), "XML syntax error on line 1: invalid UTF-8")
	// Test delete defined name with unsupported charset workbook
	f.WorkBook = nil
	f.Pkg.Store(defaultXMLPathWorkbook, MacintoshCyrillicCharset)
	assert.EqualError(t, f.DeleteDefinedName(&DefinedName{Name: "Amount"}),
		"XML syntax error on line 1: invalid UTF-8")
}

func TestGroupSheets(t *testing.T) {
	f := NewFile()
	sheets := []string{"Sheet2", "Sheet3"}
	for _, sheet := range sheets {
		_, err := f.NewSheet(sheet)
		assert.NoError(t, err)
	}
	assert.EqualError(t, f.GroupSheets([]string{"Sheet1", "SheetN"}), "sheet SheetN does not exist")
	assert.EqualError(t, f.GroupSheets([]string{"Sheet2", "Sheet3"}), "group worksheet must contain an active worksheet")
	// Test group sheets with invalid sheet name
	assert.EqualError(t, f.GroupSheets([]string{"Sheet:1", "Sheet1"}), ErrSheetNameInvalid.Error())
	assert.NoError(t, f.GroupSheets([]string{"Sheet1", "Sheet2"}))
	assert.NoError(t, f.SaveAs(filepath.Join("test", "TestGroupSheets.xlsx")))
}

func TestUngroupSheets(t *testing.T) {
	f := NewFile()
	sheets := []string{"Sheet2", "Sheet3", "Sheet4", "Sheet5"}
	for _, sheet := range sheets {
		_, err := f.NewSheet(sheet)
		assert.NoError(t, err)
	}
	assert.NoError(t, f.UngroupSheets())
}

func TestInsertPageBreak(t *testing.T) {
	f := NewFile()
	assert.NoError(t, f.InsertPageBreak("Sheet1", "A1"))
	assert.NoError(t, f.InsertPageBreak("Sheet1", "B2"))
	assert.NoError(t, f.InsertPageBreak("Sheet1", "C3"))
	assert.NoError(t, f.InsertPageBreak("Sheet1", "C3"))
	assert.EqualError(t, f.InsertPageBreak("Sheet1", "A"), newCellNameToCoordinatesError("A", newInvalidCellNameError("A")).Error())
	assert.EqualError(t, f.InsertPageBreak("SheetN", "C3"), "sheet SheetN does not exist")
	// Test insert page break with invalid sheet name
	assert.EqualError(t, f.InsertPageBreak("Sheet:1", "C3"), ErrSheetNameInvalid.Error())
	assert.NoError(t, f.SaveAs(filepath.Join("test", "TestInsertPageBreak.xlsx")))
}

func TestRemovePageBreak(t *testing.T) {
	f := NewFile()
	assert.NoError(t, f.RemovePageBreak("Sheet1", "A2"))

	assert.NoError(t, f.InsertPageBreak("Sheet1", "A2"))
	assert.NoError(t, f.InsertPageBreak("Sheet1", "B2"))
	assert.NoError(t, f.RemovePageBreak("Sheet1", "A1"))
	assert.NoError(t, f.RemovePageBreak("Sheet1", "B2"))

	assert.NoError(t, f.InsertPageBreak("Sheet1", "C3"))
	assert.NoError(t, f.RemovePageBreak("Sheet1", "C3"))

	assert.NoError(t, f.InsertPageBreak("Sheet1", "A3"))
	assert.NoError(t, f.RemovePageBreak("Sheet1", "B3"))
	assert.NoError(t, f.RemovePageBreak("Sheet1", "A3"))

	_, err := f.NewSheet("Sheet2")
	assert.NoError(t, err)
	assert.NoError(t, f.InsertPageBreak("Sheet2", "B2"))
	assert.NoError(t, f.InsertPageBreak("Sheet2", "C2"))
	assert.NoError(t, f.RemovePageBreak("Sheet2", "B2"))

	assert.EqualError(t, f.RemovePageBreak("Sheet1", "A"), newCellNameToCoordinatesError("A", newInvalidCellNameError("A")).Error())
	assert.EqualError(t, f.RemovePageBreak("SheetN", "C3"), "sheet SheetN does not exist")
	// Test remove page break with invalid sheet name
	assert.EqualError(t, f.RemovePageBreak("Sheet:1", "A3"), ErrSheetNameInvalid.Error())
	assert.NoError(t, f.SaveAs(filepath.Join("test", "TestRemovePageBreak.xlsx")))
}

func TestGetSheetName(t *testing.T) {
	f, err := OpenFile(filepath.Join("test", "Book1.xlsx"))
	assert.NoError(t, err)
	assert.Equal(t, "Sheet1", f.GetSheetName(0))
	assert.Equal(t, "Sheet2", f.GetSheetName(1))
	assert.Empty(t, f.GetSheetName(-1))
	assert.Empty(t, f.GetSheetName(2))
	assert.NoError(t, f.Close())
}

func TestGetSheetMap(t *testing.T) {
	expectedMap := map[int]string{
		1: "Sheet1",
		2: "Sheet2",
	}
	f, err := OpenFile(filepath.Join("test", "Book1.xlsx"))
	assert.NoError(t, err)
	sheetMap := f.GetSheetMap()
	for idx, name := range sheetMap {
		assert.Equal(t, expectedMap[idx], name)
	}
	assert.Len(t, sheetMap, 2)
	assert.NoError(t, f.Close())

	f = NewFile()
	f.WorkBook = nil
	f.Pkg.Store(defaultXMLPathWorkbook, MacintoshCyrillicCharset)
	_, err = f.getSheetMap()
	assert.EqualError(t, err, "XML syntax error on line 1: invalid UTF-8")
}

func TestSetActiveSheet(t *testing.T) {
	f := NewFile()
	f.WorkBook.BookViews = nil
	f.SetActiveSheet(1)
	f.WorkBook.BookViews = &xlsxBookViews{WorkBookView: []xlsxWorkBookView{}}
	ws, ok := f.Sheet.Load("xl/worksheets/sheet1.xml")
	assert.True(t, ok)
	ws.(*xlsxWorksheet).SheetViews = &xlsxSheetViews{SheetView: []xlsxSheetView{}}
	f.SetActiveSheet(1)
	ws, ok = f.Sheet.Load("xl/worksheets/sheet1.xml")
	assert.True(t, ok)
	ws.(*xlsxWorksheet).SheetViews = nil
	f.SetActiveSheet(1)
	f = NewFile()
	f.SetActiveSheet(-1)
	assert.Equal(t, f.GetActiveSheetIndex(), 0)

	f = NewFile()
	f.WorkBook.BookViews = nil
	idx, err := f.NewSheet("Sheet2")
	assert.NoError(t, err)
	ws, ok = f.Sheet.Load("xl/worksheets/sheet2.xml")
	assert.True(t, ok)
	ws.(*xlsxWorksheet).SheetViews = &xlsxSheetViews{SheetView: []xlsxSheetView{}}
	f.SetActiveSheet(idx)
}

func TestSetSheetName(t *testing.T) {
	f := NewFile()
	// Test set worksheet with the same name
	assert.NoError(t, f.SetSheetName("Sheet1", "Sheet1"))
	assert.Equal(t, "Sheet1", f.GetSheetName(0))
	// Test set worksheet with the different name
	assert.NoError(t, f.SetSheetName("Sheet1", "sheet1"))
	assert.Equal(t, "sheet1", f.GetSheetName(0))
	// Test set sheet name with invalid source name (should not error, allows
	// renaming sheets with non-standard names created by other applications)
	assert.NoError(t, f.SetSheetName("Sheet:1", "Sheet1"))
	_, err := f.NewSheet("Sheet 3")
	assert.NoError(t, err)

	// Test set worksheet name with existing defined name and auto filter
	assert.NoError(t, f.AutoFilter("Sheet1", "A1:A2", nil))
	assert.NoError(t, f.SetDefinedName(&DefinedName{
		Name:     "Name1",
		RefersTo: "$B$2",
	}))
	assert.NoError(t, f.SetDefinedName(&DefinedName{
		Name:     "Name2",
		RefersTo: "$A1$2:A2",
	}))
	assert.NoError(t, f.SetDefinedName(&DefinedName{
		Name:     "Name3",
		RefersTo: "Sheet1!$A$1:'Sheet1'!A1:Sheet1!$A$1,Sheet1!A1:Sheet3!A1,Sheet3!A1",
	}))
	assert.NoError(t, f.SetDefinedName(&DefinedName{
		Name:     "Name4",
		RefersTo: "'Sheet 3'!$A1$2:A2",
	}))
	assert.NoError(t, f.SetSheetName("Sheet1", "Sheet 2"))
	for i, expected := range []string{"'Sheet 2'!$A$1:$A$2", "$B$2", "$A1$2:A2", "'Sheet 2'!$A$1:'Sheet 2'!A1:'Sheet 2'!$A$1,'Sheet 2'!A1:Sheet3!A1,Sheet3!A1", "'Sheet 3'!$A1$2:A2"} {
		assert.Equal(t, expected, f.WorkBook.DefinedNames.DefinedName[i].Data)
	}
}

func TestWorksheetWriter(t *testing.T) {
	f := NewFile()
	// Test set cell value with alternate content
	f.Sheet.Delete("xl/worksheets/sheet1.xml")
	worksheet := xml.Header + `<worksheet xmlns="` + NameSpaceSpreadSheet.Value + `" xmlns:r="` + SourceRelationship.Value + `"><sheetData><row r="1"><c r="A1"><v>%d</v></c></row></sheetData><mc:AlternateContent xmlns:mc="` + SourceRelationshipCompatibility.Value + `"><mc:Choice xmlns:a14="` + NameSpaceDrawingMLA14.Value + `" Requires="a14"><xdr:twoCellAnchor editAs="oneCell"></xdr:twoCellAnchor></mc:Choice><mc:Fallback/></mc:AlternateContent></worksheet>`
	f.Pkg.Store("xl/worksheets/sheet1.xml", fmt.Appendf(nil, worksheet, 1))
	f.checked = sync.Map{}
	assert.NoError(t, f.SetCellValue("Sheet1", "A1", 2))
	f.workSheetWriter()
	value, ok := f.Pkg.Load("xl/worksheets/sheet1.xml")
	assert.True(t, ok)
	assert.Equal(t, fmt.Sprintf(worksheet, 2), string(value.([]byte)))

	t.Run("for_worksheet_with_max_rows", func(t *testing.T) {
		f := NewFile()
		f.Sheet.Delete("xl/worksheets/sheet1.xml")
		worksheet := xml.Header + `<worksheet xmlns="%s"><dimension ref="A1048576"/><sheetData><row r="1048576" spans="1:1"><c r="A1048576" s="0"/></row></sheetData></worksheet>`
		f.Pkg.Store("xl/worksheets/sheet1.xml", fmt.Appendf(nil, worksheet, NameSpaceSpreadSheet.Value))
		f.checked = sync.Map{}
		assert.NoError(t, f.SetCellValue("Sheet1", "A1", 1))
		f.workSheetWriter()
		assert.Equal(t, fmt.Sprintf(xml.Header+`<worksheet xmlns="%s" xmlns:r="%s"><dimension ref="A1048576"></dimension><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576" spans="1:1"></row></sheetData></worksheet>`, NameSpaceSpreadSheet.Value, SourceRelationship.Value), string(f.readXML("xl/worksheets/sheet1.xml")))
		assert.NoError(t, f.Close())
	})
}

func TestGetWorkbookPath(t *testing.T) {
	f := NewFile()
	f.Pkg.Delete(defaultXMLPathRels)
	assert.Empty(t, f.getWorkbookPath())
}

func TestGetWorkbookRelsPath(t *testing.T) {
	f := NewFile()
	f.Pkg.Delete("xl/_rels/.rels")
	f.Pkg.Store(defaultXMLPathRels, []byte(xml.Header+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/workbook.xml"/></Relationships>`))
	assert.Equal(t, "_rels/workbook.xml.rels", f.getWorkbookRelsPath())
}

func TestDeleteSheet(t *testing.T) {
	f := NewFile()
	idx, err := f.NewSheet("Sheet2")
	assert.NoError(t, err)
	f.SetActiveSheet(idx)
	_, err = f.NewSheet("Sheet3")
	assert.NoError(t, err)
	assert.NoError(t, f.DeleteSheet("Sheet1"))
	assert.Equal(t, "Sheet2", f.GetSheetName(f.GetActiveSheetIndex()))
	assert.NoError(t, f.SaveAs(filepath.Join("test", "TestDeleteSheet.xlsx")))
	// Test with auto filter defined names
	f = NewFile()
	_, err = f.NewSheet("Sheet2")
	assert.NoError(t, err)
	_, err = f.NewSheet("Sheet3")
	assert.NoError(t, err)
	assert.NoError(t, f.SetCellValue("Sheet1", "A1", "A"))
	assert.NoError(t, f.SetCellValue("Sheet2", "A1", "A"))
	assert.NoError(t, f.SetCellValue("Sheet3", "A1", "A"))
	assert.NoError(t, f.AutoFilter("Sheet1", "A1:A1", nil))
	assert.NoError(t, f.AutoFilter("Sheet2", "A1:A1", nil))
	assert.NoError(t, f.AutoFilter("Sheet3", "A1:A1", nil))
	assert.NoError(t, f.DeleteSheet("Sheet2"))
	assert.NoError(t, f.DeleteSheet("Sheet1"))
	// Test delete sheet with invalid sheet name
	assert.EqualError(t, f.DeleteSheet("Sheet:1"), ErrSheetNameInvalid.Error())
	assert.NoError(t, f.SaveAs(filepath.Join("test", "TestDeleteSheet2.xlsx")))
}

func TestMoveSheet(t *testing.T) {
	f := NewFile()
	defer func() {
		assert.NoError(t, f.Close())
	}()
	for i := 2; i < 6; i++ {
		_, err := f.NewSheet("Sheet" + strconv.Itoa(i))
		assert.NoError(t, err)
	}
	assert.Equal(t, []string{"Sheet1", "Sheet2", "Sheet3", "Sheet4", "Sheet5"}, f.GetSheetList())

	// Move target to first position
	assert.NoError(t, f.MoveSheet("Sheet2", "Sheet1"))
	assert.Equal(t, []string{"Sheet2", "Sheet1", "Sheet3", "Sheet4", "Sheet5"}, f.GetSheetList())
	assert.Equal(t, "Sheet1", f.GetSheetName(f.GetActiveSheetIndex()))

	// Move target to last position
	assert.NoError(t, f.MoveSheet("Sheet2", "Sheet5"))
	assert.NoError(t, f.MoveSheet("Sheet5", "Sheet2"))
	assert.Equal(t, []string{"Sheet1", "Sheet3", "Sheet4", "Sheet5", "Sheet2"}, f.GetSheetList())

	// Move target to same position
	assert.NoError(t, f.MoveSheet("Sheet1", "Sheet1"))
	assert.Equal(t, []string{"Sheet1", "Sheet3", "Sheet4", "Sheet5", "Sheet2"}, f.GetSheetList())

	// Test move sheet with invalid sheet name
	assert.Equal(t, ErrSheetNameBlank, f.MoveSheet("", "Sheet2"))
	assert.Equal(t, ErrSheetNameBlank, f.MoveSheet("Sheet1", ""))

	// Test move sheet on not exists worksheet
	assert.Equal(t, ErrSheetNotExist{"SheetN"}, f.MoveSheet("SheetN", "Sheet2"))
	assert.Equal(t, ErrSheetNotExist{"SheetN"}, f.MoveSheet("Sheet1", "SheetN"))

	// Test move sheet with unsupported workbook charset
	f.WorkBook = nil
	f.Pkg.Store(defaultXMLPathWorkbook, MacintoshCyrillicCharset)
	assert.EqualError(t, f.MoveSheet("Sheet2", "Sheet1"), "XML syntax error on line 1: invalid UTF-8")
}

func TestDeleteAndAdjustDefinedNames(t *testing.T) {
	deleteAndAdjustDefinedNames(nil, 0)
	deleteAndAdjustDefinedNames(&xlsxWorkbook{}, 0)
}

func TestGetSheetID(t *testing.T) {
	f := NewFile()
	_, err := f.NewSheet("Sheet1")
	assert.NoError(t, err)
	id := f.getSheetID("sheet1")
	assert.NotEqual(t, -1, id)
}

func TestSetSheetVisible(t *testing.T) {
	f := NewFile()
	// Test set sheet visible with invalid sheet name
	assert.EqualError(t, f.SetSheetVisible("Sheet:1", false), ErrSheetNameInvalid.Error())
	f.WorkBook.Sheets.Sheet[0].Name = "SheetN"
	assert.EqualError(t, f.SetSheetVisible("Sheet1", false), "sheet SheetN does not exist")
	// Test set sheet visible with unsupported charset workbook
	f.WorkBook = nil
	f.Pkg.Store(defaultXMLPathWorkbook, MacintoshCyrillicCharset)
	assert.EqualError(t, f.SetSheetVisible("Sheet1", false), "XML syntax error on line 1: invalid UTF-8")

	// Test set sheet visible with empty sheet views
	f = NewFile()
	_, err := f.NewSheet("Sheet2")
	assert.NoError(t, err)
	ws, ok := f.Sheet.Load("xl/worksheets/sheet2.xml")
	assert.True(t, ok)
	ws.(*xlsxWorksheet).SheetViews = nil
	assert.NoError(t, f.SetSheetVisible("Sheet2", false))
	visible, err := f.GetSheetVisible("Sheet2")
	assert.NoError(t, err)
	assert.False(t, visible)
}

func TestGetSheetVisible(t *testing.T) {
	f := NewFile()
	// Test get sheet visible with invalid sheet name
	visible, err := f.GetSheetVisible("Sheet:1")
	assert.Equal(t, false, visible)
	assert.EqualError(t, err, ErrSheetNameInvalid.Error())
}

func TestGetSheetIndex(t *testing.T) {
	f := NewFile()
	// Test get sheet index with invalid sheet name
	idx, err := f.GetSheetIndex("Sheet:1")
	assert.Equal(t, -1, idx)
	assert.EqualError(t, err, ErrSheetNameInvalid.Error())
}

func TestSetContentTypes(t *testing.T) {
	f := NewFile()
	// Test set content type with unsupported charset content types
	f.ContentTypes = nil
	f.Pkg.Store(defaultXMLPathContentTypes, MacintoshCyrillicCharset)
	assert.EqualError(t, f.setContentTypes("/xl/worksheets/sheet1.xml", ContentTypeSpreadSheetMLWorksheet), "XML syntax error on line 1: invalid UTF-8")
}

func TestRemoveContentTypesPart(t *testing.T) {
	f := NewFile()
	// Test delete sheet from content types with unsupported charset content types
	f.ContentTypes = nil
	f.Pkg.Store(defaultXMLPathContentTypes, MacintoshCyrillicCharset)
	assert.EqualError(t, f.removeContentTypesPart(ContentTypeSpreadSheetMLWorksheet, "/xl/worksheets/sheet1.xml"), "XML syntax error on line 1: invalid UTF-8")
}

func BenchmarkNewSheet(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			newSheetWithSet()
		}
	})
}

func newSheetWithSet() {
	f := NewFile()
	for i := 0; i < 1000; i++ {
		_ = f.SetCellInt("Sheet1", "A"+strconv.Itoa(i+1), int64(i))
	}
	f = nil
}

func BenchmarkFile_SaveAs(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			newSheetWithSave()
		}
	})
}

func newSheetWithSave() {
	f := NewFile()
	for i := 0; i < 1000; i++ {
		_ = f.SetCellInt("Sheet1", "A"+strconv.Itoa(i+1), int64(i))
	}
	_ = f.Save()
}

func TestAttrValToBool(t *testing.T) {
	_, err := attrValToBool("hidden", []xml.Attr{
		{Name: xml.Name{Local: "hidden"}},
	})
	assert.EqualError(t, err, `strconv.ParseBool: parsing "": invalid syntax`)

	got, err := attrValToBool("hidden", []xml.Attr{
		{Name: xml.Name{Local: "hidden"}, Value: "1"},
	})
	assert.NoError(t, err)
	assert.Equal(t, true, got)
}

func TestAttrValToFloat(t *testing.T) {
	_, err := attrValToFloat("ht", []xml.Attr{
		{Name: xml.Name{Local: "ht"}},
	})
	assert.EqualError(t, err, `strconv.ParseFloat: parsing "": invalid syntax`)

	got, err := attrValToFloat("ht", []xml.Attr{
		{Name: xml.Name{Local: "ht"}, Value: "42.1"},
	})
	assert.NoError(t, err)
	assert.Equal(t, 42.1, got)
}

func TestSetSheetBackgroundFromBytes(t *testing.T) {
	f := NewFile()
	assert.NoError(t, f.SetSheetName("Sheet1", ".svg"))
	for i, imageTypes := range []string{
		".svg", ".bmp", ".emf", ".emz", ".gif",
		".jpg", ".png", ".tif", ".wmf", ".wmz",
	} {
		file := fmt.Sprintf("excelize%s", imageTypes)
		if i > 0 {
			file = filepath.Join("test", "images", fmt.Sprintf("excel%s", imageTypes))
			_, err := f.NewSheet(imageTypes)
			assert.NoError(t, err)
		}
		img, err := os.Open(file)
		assert.NoError(t, err)
		content, err := io.ReadAll(img)
		assert.NoError(t, err)
		assert.NoError(t, img.Close())
		assert.NoError(t, f.SetSheetBackgroundFromBytes(imageTypes, imageTypes, content))
	}
	// Test set worksheet background with invalid sheet name
	img, err := os.Open(filepath.Join("test", "images", "excel.png"))
	assert.NoError(t, err)
	content, err := io.ReadAll(img)
	assert.NoError(t, err)
	assert.EqualError(t, f.SetSheetBackgroundFromBytes("Sheet:1", ".png", content), ErrSheetNameInvalid.Error())

	assert.NoError(t, f.SaveAs(filepath.Join("test", "TestSetSheetBackgroundFromBytes.xlsx")))
	assert.NoError(t, f.Close())

	assert.EqualError(t, f.SetSheetBackgroundFromBytes("Sheet1", ".svg", nil), ErrParameterInvalid.Error())
}

func TestCheckSheetName(t *testing.T) {
	for expected, name := range map[error]string{
		// Test valid sheet name
		nil: "Sheet1",
		nil: "She'et1",
		// Test invalid sheet name, empty name
		ErrSheetNameBlank: "",
		// Test invalid sheet name, include :\/?*[]
		ErrSheetNameInvalid: "Sheet:",
		ErrSheetNameInvalid: `Sheet\`,
		ErrSheetNameInvalid: "Sheet/",
		ErrSheetNameInvalid: "Sheet?",
		ErrSheetNameInvalid: "Sheet*",
		ErrSheetNameInvalid: "Sheet[",
		ErrSheetNameInvalid: "Sheet]",
		// Test invalid sheet name, single quotes at the front or at the end
		ErrSheetNameSingleQuote: "'Sheet",
		ErrSheetNameSingleQuote: "Sheet'",
		// Test invalid sheet name, exceed max length
		ErrSheetNameLength: "Sheet" + strings.Repeat("\U0001F600", 14),
	} {
		assert.Equal(t, expected, checkSheetName(name))
	}
}

func TestSheetDimension(t *testing.T) {
	f := NewFile()
	const sheetName = "Sheet1"
	// Test get a new worksheet dimension
	dimension, err := f.GetSheetDimension(sheetName)
	assert.NoError(t, err)
	assert.Equal(t, "A1", dimension)
	// Test remove the worksheet dimension
	assert.NoError(t, f.SetSheetDimension(sheetName, ""))
	assert.NoError(t, err)
	dimension, err = f.GetSheetDimension(sheetName)
	assert.NoError(t, err)
	assert.Empty(t, dimension)
	// Test set the worksheet dimension
	for _, excepted := range []string{"A1", "A1:D5", "A1:XFD1048576", "a1", "A1:d5"} {
		err = f.SetSheetDimension(sheetName, excepted)
		assert.NoError(t, err)
		dimension, err := f.GetSheetDimension(sheetName)
		assert.NoError(t, err)
		assert.Equal(t, strings.ToUpper(excepted), dimension)
	}
	// Test set the worksheet dimension with invalid range reference or no exists worksheet
	for _, c := range []struct {
		sheetName string
		rangeRef  string
		err       string
	}{
		{"Sheet1", "A-1", "cannot convert cell \"A-1\" to coordinates: invalid cell name \"A-1\""},
		{"Sheet1", "A1:B-1", "cannot convert cell \"B-1\" to coordinates: invalid cell name \"B-1\""},
		{"Sheet1", "A1:XFD1048577", "row number exceeds maximum limit"},
		{"Sheet1", "123", "cannot convert cell \"123\" to coordinates: invalid cell name \"123\""},
		{"Sheet1", "A:B", "cannot convert cell \"A\" to coordinates: invalid cell name \"A\""},
		{"Sheet1", ":B10", "cannot convert cell \"\" to coordinates: invalid cell name \"\""},
		{"Sheet1", "XFE1", ErrColumnNumber.Error()},
		{"Sheet1", "A1048577", "row number exceeds maximum limit"},
		{"Sheet1", "ZZZ", "cannot convert cell \"ZZZ\" to coordinates: invalid cell name \"ZZZ\""},
		{"SheetN", "A1", "sheet SheetN does not exist"},
		{"Sheet1", "A1:B3:D5", ErrParameterInvalid.Error()},
	} {
		err = f.SetSheetDimension(c.sheetName, c.rangeRef)
		assert.EqualError(t, err, c.err)
	}
	// Test get the worksheet dimension no exists worksheet
	dimension, err = f.GetSheetDimension("SheetN")
	assert.Empty(t, dimension)
	assert.EqualError(t, err, "sheet SheetN does not exist")

	// Test get the worksheet dimension with blank worksheet name
	dimension, err = f.GetSheetDimension("")
	assert.Empty(t, dimension)
	assert.Equal(t, err, ErrSheetNameBlank)

	// Test get the worksheet dimension with in mode
	f, err = OpenFile(filepath.Join("test", "Book1.xlsx"), Options{UnzipXMLSizeLimit: 128})
	assert.NoError(t, err)
	dimension, err = f.GetSheetDimension("Sheet1")
	assert.Equal(t, "A19:D22", dimension)
	assert.NoError(t, err)
	assert.NoError(t, f.Close())

	// Test get the worksheet dimension in stream mode without dimension element
	f, err = OpenFile(filepath.Join("test", "Book1.xlsx"), Options{UnzipXMLSizeLimit: 128})
	assert.NoError(t, err)
	tempFile, ok := f.tempFiles.Load("xl/worksheets/sheet1.xml")
	assert.True(t, ok)
	assert.NoError(t, os.WriteFile(tempFile.(string), fmt.Appendf(nil, `<worksheet xmlns="%s"><sheetData/></worksheet>`, NameSpaceSpreadSheet.Value), 0o644))
	dimension, err = f.GetSheetDimension("Sheet1")
	assert.NoError(t, err)
	assert.Empty(t, dimension)

	// Test get the worksheet dimension in stream mode without sheetData element
	assert.NoError(t, os.WriteFile(tempFile.(string), fmt.Appendf(nil, `<worksheet xmlns="%s"></worksheet>`, NameSpaceSpreadSheet.Value), 0o644))
	dimension, err = f.GetSheetDimension("Sheet1")
	assert.NoError(t, err)
	assert.Empty(t, dimension)
	assert.NoError(t, f.Close())
}

func TestTrimRow(t *testing.T) {
	assert.Equal(t, []xlsxRow{
		{R: 2, C: []xlsxC{{R: "A2", V: "value"}}},
		{R: TotalRows, Hidden: true},
	}, trimRow(&xlsxSheetData{Row: []xlsxRow{
		{R: 1, C: []xlsxC{{R: "A1"}}},
		{R: 2, C: []xlsxC{{R: "A2", V: "value"}, {R: "B2"}}},
		{R: 3},
		{R: TotalRows, Hidden: true},
	}}))
}

func TestAddIgnoredErrors(t *testing.T) {
	f := NewFile()
	for _, ignoredErrorsType := range []IgnoredErrorsType{
		IgnoredErrorsEvalError,
		IgnoredErrorsEvalError,
		IgnoredErrorsTwoDigitTextYear,
		IgnoredErrorsNumberStoredAsText,
		IgnoredErrorsFormula,
		IgnoredErrorsFormulaRange,
		IgnoredErrorsUnlockedFormula,
		IgnoredErrorsEmptyCellReference,
		IgnoredErrorsListDataValidation,
		IgnoredErrorsCalculatedColumn,
	} {
		assert.NoError(t, f.AddIgnoredErrors("Sheet1", "A1", ignoredErrorsType))
	}

	assert.Equal(t, ErrSheetNotExist{"SheetN"}, f.AddIgnoredErrors("SheetN", "A1", IgnoredErrorsEvalError))
	assert.Equal(t, ErrParameterInvalid, f.AddIgnoredErrors("Sheet1", "", IgnoredErrorsEvalError))

	assert.NoError(t, f.SaveAs(filepath.Join("test", "TestAddIgnoredErrors.xlsx")))
	assert.NoError(t, f.Close())
}

func TestEmbeddedObjects(t *testing.T) {
	f := NewFile()
	img := filepath.Join("test", "images", "excel.png")
	content, err := os.ReadFile(img)
	assert.NoError(t, err)
	obj1 := EmbeddedObject{
		Cell:          "A1",
		Name:          path.Base(img),
		File:          content,
		Icon:          content,
		IconExtension: path.Ext(img),
	}
	assert.NoError(t, f.AddEmbeddedObjects("Sheet1", &obj1))

	img = filepath.Join("test", "images", "excel.jpg")
	content, err = os.ReadFile(img)
	assert.NoError(t, err)
	obj2 := EmbeddedObject{
		Cell:          "B1",
		Name:          path.Base(img),
		File:          content,
		Icon:          content,
		IconExtension: ".jpeg",
		Format:        &GraphicOptions{PrintObject: boolPtr(true)},
	}
	assert.NoError(t, f.AddEmbeddedObjects("Sheet1", &obj2))

	// Test add embedded object on not exists worksheet
	assert.EqualError(t, f.AddEmbeddedObjects("SheetN", &EmbeddedObject{
		Cell:          "A1",
		Name:          path.Base(img),
		File:          content,
		Icon:          content,
		IconExtension: path.Ext(img),
	}), "sheet SheetN does not exist")
	// Test add embedded object without options
	assert.Equal(t, ErrParameterRequired, f.AddEmbeddedObjects("Sheet1", nil))
	// Test add embedded object with invalid options
	assert.Equal(t, ErrImgExt, f.AddEmbeddedObjects("Sheet1", &EmbeddedObject{}))

	// Test get embedded objects
	objects, err := f.GetEmbeddedObjects("Sheet1")
	assert.NoError(t, err)
	assert.Len(t, objects, 2)
	assert.Equal(t, obj1.Name, objects[0].Name)
	assert.Equal(t, obj1.File, objects[0].File)
	assert.Equal(t, obj1.Cell, objects[0].Cell)
	assert.Equal(t, obj1.Icon, objects[0].Icon)
	assert.Equal(t, obj1.IconExtension, objects[0].IconExtension)
	assert.Equal(t, obj2.Name, objects[1].Name)
	assert.Equal(t, obj2.File, objects[1].File)
	assert.Equal(t, obj2.Cell, objects[1].Cell)
	assert.Equal(t, obj2.Icon, objects[1].Icon)
	assert.Equal(t, obj2.IconExtension, objects[1].IconExtension)

	// Test get embedded objects on not exists worksheet
	_, err = f.GetEmbeddedObjects("SheetN")
	assert.EqualError(t, err, "sheet SheetN does not exist")
	// Test get embedded objects on worksheet without embedded objects
	_, err = f.NewSheet("Sheet2")
	assert.NoError(t, err)
	objects, err = f.GetEmbeddedObjects("Sheet2")
	assert.NoError(t, err)
	assert.Zero(t, objects)

	assert.NoError(t, f.SaveAs(filepath.Join("test", "TestAddEmbeddedObjects.xlsx")))
	assert.NoError(t, f.Close())

	f, err = OpenFile(filepath.Join("test", "TestAddEmbeddedObjects.xlsx"))
	assert.NoError(t, err)
	img = filepath.Join("test", "images", "excel.gif")
	content, err = os.ReadFile(img)
	assert.NoError(t, err)
	assert.NoError(t, f.AddEmbeddedObjects("Sheet1", &EmbeddedObject{
		Cell:          "C1",
		Name:          path.Base(img),
		File:          content,
		Icon:          content,
		IconExtension: path.Ext(img),
	}))
	assert.NoError(t, f.Save())
	assert.NoError(t, f.Close())

	f, err = OpenFile(filepath.Join("test", "TestAddEmbeddedObjects.xlsx"))
	assert.NoError(t, err)
	f.Pkg.Store("xl/drawings/vmlDrawing1.vml", MacintoshCyrillicCharset)
	assert.EqualError(t, f.AddEmbeddedObjects("Sheet1", &EmbeddedObject{
		Cell:          "A1",
		Name:          path.Base(img),
		File:          content,
		Icon:          content,
		IconExtension: path.Ext(img),
	}), "XML syntax error on line 1: invalid UTF-8")

	f.ContentTypes = nil
	f.Pkg.Store(defaultXMLPathContentTypes, MacintoshCyrillicCharset)
	assert.EqualError(t, f.AddEmbeddedObjects("Sheet1", &EmbeddedObject{
		Cell:          "A1",
		Name:          path.Base(img),
		File:          content,
		Icon:          content,
		IconExtension: path.Ext(img),
	}), "XML syntax error on line 1: invalid UTF-8")
	assert.NoError(t, f.Close())

	drawingVML := "xl/drawings/vmlDrawing1.vml"
	f, err = OpenFile(filepath.Join("test", "TestAddEmbeddedObjects.xlsx"))
	assert.NoError(t, err)
	f.VMLDrawing[drawingVML] = &vmlDrawing{Shape: []xlsxShape{{}}}
	assert.EqualError(t, f.AddEmbeddedObjects("Sheet1", &EmbeddedObject{
		Cell:          "A1",
		Name:          path.Base(img),
		File:          content,
		Icon:          content,
		IconExtension: path.Ext(img),
	}), "strconv.Atoi: parsing \"\": invalid syntax")
	f, err = OpenFile(filepath.Join("test", "TestAddEmbeddedObjects.xlsx"))
	assert.NoError(t, err)
	f.DecodeVMLDrawing[drawingVML] = &decodeVmlDrawing{Shape: []decodeShape{{}}}
	assert.EqualError(t, f.AddEmbeddedObjects("Sheet1", &EmbeddedObject{
		Cell:          "A1",
		Name:          path.Base(img),
		File:          content,
		Icon:          content,
		IconExtension: path.Ext(img),
	}), "strconv.Atoi: parsing \"\": invalid syntax")
	assert.NoError(t, f.Close())

	// Test get embedded objects with unsupported charset VML drawing relationships
	f, err = OpenFile(filepath.Join("test", "TestAddEmbeddedObjects.xlsx"))
	assert.NoError(t, err)
	f.Pkg.Store("xl/drawings/_rels/vmlDrawing1.vml.rels", MacintoshCyrillicCharset)
	_, err = f.GetEmbeddedObjects("Sheet1")
	assert.EqualError(t, err, "XML syntax error on line 1: invalid UTF-8")
	assert.NoError(t, f.Close())

	// Test get embedded objects with unsupported charset VML drawing
	f, err = OpenFile(filepath.Join("test", "TestAddEmbeddedObjects.xlsx"))
	assert.NoError(t, err)
	f.Pkg.Store("xl/drawings/vmlDrawing1.vml", MacintoshCyrillicCharset)
	_, err = f.GetEmbeddedObjects("Sheet1")
	assert.EqualError(t, err, "XML syntax error on line 1: invalid UTF-8")
	assert.NoError(t, f.Close())

	// Test get embedded objects with invalid OLE object
	f, err = OpenFile(filepath.Join("test", "TestAddEmbeddedObjects.xlsx"))
	assert.NoError(t, err)
	f.Pkg.Store("xl/embeddings/oleObject1.bin", []byte{})
	_, err = f.GetEmbeddedObjects("Sheet1")
	assert.EqualError(t, err, "mscfb: EOF; 0")

	// Test get embedded objects without OLE object
	f.Pkg.Delete("xl/embeddings/oleObject1.bin")
	objects, err = f.GetEmbeddedObjects("Sheet1")
	assert.NoError(t, err)
	assert.Len(t, objects, 2)
	assert.NoError(t, f.Close())

	// Test delete embedded objects
	f, err = OpenFile(filepath.Join("test", "TestAddEmbeddedObjects.xlsx"))
	assert.NoError(t, err)
	for _, cell := range []string{"C1", "B1", "A1", "A1"} {
		assert.NoError(t, f.DeleteEmbeddedObjects("Sheet1", cell))
	}
	assert.Equal(t, ErrSheetNotExist{"SheetN"}, f.DeleteEmbeddedObjects("SheetN", "A1"))
	assert.NoError(t, f.Close())

	// Test delete embedded objects with unsupported charset VML drawing
	f, err = OpenFile(filepath.Join("test", "TestAddEmbeddedObjects.xlsx"))
	assert.NoError(t, err)
	f.Pkg.Store("xl/drawings/vmlDrawing1.vml", MacintoshCyrillicCharset)
	assert.EqualError(t, f.DeleteEmbeddedObjects("Sheet1", "A1"), "XML syntax error on line 1: invalid UTF-8")
	assert.NoError(t, f.Close())

	// Test delete embedded objects with unsupported charset VML drawing relationships
	f, err = OpenFile(filepath.Join("test", "TestAddEmbeddedObjects.xlsx"))
	assert.NoError(t, err)
	f.Pkg.Store("xl/drawings/_rels/vmlDrawing1.vml.rels", MacintoshCyrillicCharset)
	assert.EqualError(t, f.DeleteEmbeddedObjects("Sheet1", "A1"), "XML syntax error on line 1: invalid UTF-8")
	assert.NoError(t, f.Close())
}

func TestGetVMLShapeByID(t *testing.T) {
	f := NewFile()
	// Test get VML shape by invalid shape ID
	f.VMLDrawing["xl/drawings/vmlDrawing1.vml"] = &vmlDrawing{Shape: []xlsxShape{{ID: "_x0000_s1025"}}}
	shape, err := f.getVMLShapeByID("xl/drawings/vmlDrawing1.vml", 1026)
	assert.NoError(t, err)
	assert.Empty(t, shape)
}
