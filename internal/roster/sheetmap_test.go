package roster

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// templateHeader is the fixed part of the template's header row.
func templateHeader() []string {
	h := make([]string, len(ContactColumns))
	for i, c := range ContactColumns {
		h[i] = c.Header
	}
	return h
}

// header is the template's fixed columns followed by extra headers.
func header(extra ...string) []string { return append(templateHeader(), extra...) }

func mustParseHeader(t *testing.T, cells []string, tree GroupTree) SheetLayout {
	t.Helper()
	l, err := ParseSheetHeader(cells, tree)
	if err != nil {
		t.Fatalf("ParseSheetHeader(%q): %v", cells, err)
	}
	return l
}

func TestGroupPath(t *testing.T) {
	tree := hierarchyTree(t)
	tests := []struct {
		id, want string
	}{
		{"org", "Acme"},
		{"north", "Acme / North"},
		{"north-sales-east", "Acme / North / Sales / East desk"},
		{"south-service", "Acme / South / Service"},
		{"nowhere", ""},
	}
	for _, tt := range tests {
		if got := GroupPath(tree, tt.id); got != tt.want {
			t.Errorf("GroupPath(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

func TestHeaderForRoundTripsThroughParseSheetHeader(t *testing.T) {
	tree := hierarchyTree(t)
	// Out of tree order, repeated and unknown ids: the header is in tree order without them.
	cells, layout := HeaderFor(tree, []string{"south-service", "north", "org", "north", "nowhere", "north-sales-east"})
	want := header("Acme", "Acme / North", "Acme / North / Sales / East desk", "Acme / South / Service")
	if !slices.Equal(cells, want) {
		t.Fatalf("HeaderFor header =\n%q\nwant\n%q", cells, want)
	}
	if cells[ContactIDColumn] != "Contact ID" || !layout.HasContactID() {
		t.Errorf("column %d = %q, HasContactID = %v; want the Contact ID column", ContactIDColumn, cells[ContactIDColumn], layout.HasContactID())
	}
	wantGroups := []GroupColumn{
		{Index: 18, GroupID: "org", Header: "Acme"},
		{Index: 19, GroupID: "north", Header: "Acme / North"},
		{Index: 20, GroupID: "north-sales-east", Header: "Acme / North / Sales / East desk"},
		{Index: 21, GroupID: "south-service", Header: "Acme / South / Service"},
	}
	if got := layout.GroupColumns(); !reflect.DeepEqual(got, wantGroups) {
		t.Errorf("HeaderFor GroupColumns = %+v, want %+v", got, wantGroups)
	}
	parsed := mustParseHeader(t, cells, tree)
	if !reflect.DeepEqual(parsed, layout) {
		t.Errorf("ParseSheetHeader(HeaderFor) = %+v, want the layout HeaderFor made %+v", parsed, layout)
	}
	// The caller's slice is its own.
	cells[0] = "changed"
	if h, _ := layout.FixedColumn("firstName"); h != "First Name" {
		t.Errorf("changing HeaderFor's header changed the layout: First Name column is %q", h)
	}
}

func TestHeaderForWithoutGroups(t *testing.T) {
	cells, layout := HeaderFor(hierarchyTree(t), nil)
	if !slices.Equal(cells, templateHeader()) || len(layout.GroupColumns()) != 0 {
		t.Fatalf("HeaderFor(nil) = %q with groups %v, want the fixed columns only", cells, layout.GroupColumns())
	}
}

// A root group named like a fixed column still round-trips: the second
// "Notes" header is the group.
func TestHeaderForRootNamedLikeAFixedColumn(t *testing.T) {
	tree, err := NewGroupTree([]Group{{ID: "org", OrgID: "o", Name: "Notes"}, {ID: "a", OrgID: "o", Name: "City", ParentID: "org"}})
	if err != nil {
		t.Fatal(err)
	}
	cells, layout := HeaderFor(tree, []string{"org", "a"})
	parsed := mustParseHeader(t, cells, tree)
	if !reflect.DeepEqual(parsed, layout) {
		t.Fatalf("ParseSheetHeader(%q) = %+v, want %+v", cells, parsed, layout)
	}
}

func TestParseSheetHeaderIsForgiving(t *testing.T) {
	tree := hierarchyTree(t)
	tests := []struct {
		name   string
		cells  []string
		field  string // the API field whose column is checked
		header string // that column's header as the layout reports it
		group  string // or: the group the last column stands for
	}{
		{name: "upper case", cells: replaced(0, "FIRST NAME"), field: "firstName", header: "FIRST NAME"},
		{name: "lower case", cells: replaced(2, "cell phone"), field: "phone", header: "cell phone"},
		{name: "non-breaking space", cells: replaced(2, "Cell\u00a0Phone"), field: "phone", header: "Cell Phone"},
		{name: "required star", cells: replaced(0, "First Name *"), field: "firstName", header: "First Name *"},
		{name: "star without space", cells: replaced(0, "First Name*"), field: "firstName", header: "First Name*"},
		{name: "(required)", cells: replaced(2, "Cell Phone (Required)"), field: "phone", header: "Cell Phone (Required)"},
		{name: "line break inside the cell", cells: replaced(2, "Cell\nPhone"), field: "phone", header: "Cell Phone"},
		{name: "CRLF and repeated spaces around", cells: replaced(2, "  Cell \r\n  Phone  "), field: "phone", header: "Cell Phone"},
		{name: "byte order mark of a CSV file", cells: replaced(0, "\ufeffFirst Name"), field: "firstName", header: "First Name"},
		{name: "spaces around a slash", cells: replaced(10, "State / Region"), field: "address.region", header: "State / Region"},
		{name: "group path in other case and spacing", cells: header("  acme /  NORTH "), group: "north"},
		{name: "group path without spaces", cells: header("Acme/North/Sales"), group: "north-sales"},
		{name: "group path with a line break", cells: header("Acme /\nSouth"), group: "south"},
		{name: "group path with a star", cells: header("Acme / South *"), group: "south"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustParseHeader(t, tt.cells, tree)
			if tt.group != "" {
				gs := l.GroupColumns()
				if len(gs) != 1 || gs[0].GroupID != tt.group || gs[0].Index != len(tt.cells)-1 {
					t.Fatalf("GroupColumns = %+v, want %s in the last column", gs, tt.group)
				}
				return
			}
			if h, ok := l.FixedColumn(tt.field); !ok || h != tt.header {
				t.Fatalf("FixedColumn(%q) = %q, %v; want %q, true", tt.field, h, ok, tt.header)
			}
		})
	}
}

// replaced is the template header with column i replaced and one group column.
func replaced(i int, h string) []string {
	cells := header("Acme")
	cells[i] = h
	return cells
}

func TestParseSheetHeaderFindsReorderedColumns(t *testing.T) {
	tree := hierarchyTree(t)
	cells := []string{"Acme / North", "Email", "", "Cell Phone", "First Name", "SMS Consent", "", "West desk"}
	l := mustParseHeader(t, cells, tree)
	if l.HasContactID() {
		t.Error("HasContactID = true for a file without the column")
	}
	wantGroups := []GroupColumn{{Index: 0, GroupID: "north", Header: "Acme / North"}, {Index: 7, GroupID: "north-sales-west", Header: "West desk"}}
	if got := l.GroupColumns(); !reflect.DeepEqual(got, wantGroups) {
		t.Errorf("GroupColumns = %+v, want %+v", got, wantGroups)
	}
	row, errs := l.ParseRow([]string{"x", " ann@example.com ", "ignored", "+1 555 123 0000", " Ann ", "yes", "ignored too", ""})
	if len(errs) != 0 {
		t.Fatalf("ParseRow errors = %v", errs)
	}
	want := ContactInput{FirstName: "Ann", Phone: "+1 555 123 0000", Email: "ann@example.com", Consent: ConsentOptedIn, Groups: []string{"north"}}
	if !reflect.DeepEqual(row.Input, want) {
		t.Errorf("ParseRow Input = %+v, want %+v", row.Input, want)
	}
	if h, ok := l.FixedColumn("lastName"); ok || h != "Last Name" {
		t.Errorf(`FixedColumn("lastName") = %q, %v; want "Last Name", false`, h, ok)
	}
	if h, ok := l.FixedColumn("groups"); ok || h != "" {
		t.Errorf(`FixedColumn("groups") = %q, %v; want "", false`, h, ok)
	}
}

func TestParseSheetHeaderMatchesGroupNames(t *testing.T) {
	tree := hierarchyTree(t)
	tests := []struct {
		header    string
		wantGroup string // "" when ambiguous
		wantPaths []string
	}{
		{header: "North", wantGroup: "north"},
		{header: "west desk", wantGroup: "north-sales-west"},
		{header: "Acme", wantGroup: "org"},
		{header: "North / Sales", wantGroup: "north-sales"},
		{header: "South / Sales / East desk", wantGroup: "south-sales-east"},
		{header: "Sales", wantPaths: []string{`"Acme / North / Sales"`, `"Acme / South / Sales"`}},
		{header: "Service", wantPaths: []string{`"Acme / North / Service"`, `"Acme / South / Service"`}},
		{header: "Sales / East desk", wantPaths: []string{`"Acme / North / Sales / East desk"`, `"Acme / South / Sales / East desk"`}},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			l, err := ParseSheetHeader(header(tt.header), tree)
			if tt.wantGroup != "" {
				if err != nil {
					t.Fatalf("ParseSheetHeader: %v", err)
				}
				if gs := l.GroupColumns(); len(gs) != 1 || gs[0].GroupID != tt.wantGroup || gs[0].Header != tt.header {
					t.Fatalf("GroupColumns = %+v, want %s headed %q", gs, tt.wantGroup, tt.header)
				}
				return
			}
			e := wantCodeReason(t, err, EInvalid, "ambiguous_group")
			if len(e.Fields) != 1 || e.Fields[0].Field != tt.header {
				t.Fatalf("Fields = %+v, want one naming %q", e.Fields, tt.header)
			}
			for _, p := range tt.wantPaths {
				if !strings.Contains(e.Fields[0].Message, p) {
					t.Errorf("message %q does not list %s", e.Fields[0].Message, p)
				}
			}
			if !strings.Contains(e.Fields[0].Message, "full path") || !strings.Contains(e.Message, "full path") {
				t.Errorf("messages %q / %q do not ask for the full path", e.Message, e.Fields[0].Message)
			}
		})
	}
}

func TestParseSheetHeaderRefuses(t *testing.T) {
	tree := hierarchyTree(t)
	type field struct{ field, message string } // message: a part of it
	tests := []struct {
		name        string
		cells       []string
		reason      string
		message     string // a part of the error's message
		fields      []field
		noSuggestIn string // a field whose message must not suggest anything
	}{
		{
			name:    "first name and cell phone missing",
			cells:   []string{"Last Name", "Email", "Acme"},
			reason:  "missing_columns",
			message: `the required columns "First Name" and "Cell Phone" are missing`,
			fields:  []field{{"First Name", `add a column headed "First Name"`}, {"Cell Phone", `add a column headed "Cell Phone"`}},
		},
		{
			name:    "cell phone missing",
			cells:   []string{"First Name", "Acme"},
			reason:  "missing_columns",
			message: `the required column "Cell Phone" is missing`,
			fields:  []field{{"Cell Phone", "is required"}},
		},
		{
			name:    "a data row",
			cells:   []string{"Ann", "Smith", "+15551230000", "ann@example.com", "X"},
			reason:  "mangled_header",
			message: "does not look like the header row",
			fields:  []field{{"A", `found "Ann", "Smith", "+15551230000"`}},
		},
		{
			name:    "a data row with a city that is also a group's name",
			cells:   []string{"Ann", "Smith", "+15551230000", "North"},
			reason:  "mangled_header",
			message: "does not look like the header row",
			fields:  []field{{"A", `found "Ann", "Smith", "+15551230000"`}},
		},
		{
			name:    "group columns only: a header lacking the contact columns",
			cells:   []string{"Acme", "North", "", ""},
			reason:  "missing_columns",
			message: `the required columns "First Name" and "Cell Phone" are missing`,
			fields:  []field{{"First Name", "is required"}, {"Cell Phone", "is required"}},
		},
		{
			name:    "a data row without phone or email",
			cells:   []string{"Ann", "Smith"},
			reason:  "mangled_header",
			message: "put the header row first",
			fields:  []field{{"A", `must start the header row, e.g. "First Name"`}},
		},
		{
			name:    "an empty first row",
			cells:   []string{"", " ", "\u00a0"},
			reason:  "mangled_header",
			message: "the first row is empty",
			fields:  []field{{"A", "empty"}},
		},
		{
			name:    "a fixed header repeated",
			cells:   []string{"First Name", "Cell Phone", "Email", "email ", "Acme"},
			reason:  "mangled_header",
			message: "appears more than once",
			fields:  []field{{"Email", "appears in columns C and D: keep one"}},
		},
		{
			name:   "a group named twice in two ways",
			cells:  []string{"First Name", "Cell Phone", "North", "Acme / North"},
			reason: "mangled_header",
			fields: []field{{"North", "appears in columns C and D"}},
		},
		{
			name:    "a misspelt column, which also leaves Cell Phone missing",
			cells:   []string{"First Name", "Phone Numbr", "Acme"},
			reason:  "unknown_column",
			message: `a column is neither a contact column nor a group: "Phone Numbr"; the required column "Cell Phone" is missing`,
			fields: []field{
				{"Phone Numbr", `is neither a contact column nor a group of the organisation; did you mean "Cell Phone"?`},
				{"Cell Phone", "is required"},
			},
		},
		{
			name:   "a transposed column name",
			cells:  header("Acme", "Compnay"),
			reason: "unknown_column",
			fields: []field{{"Compnay", `did you mean "Company"?`}},
		},
		{
			name:   "a group path with a typo, which also leaves no group column",
			cells:  header("Acme / Nrth"),
			reason: "unknown_column",
			fields: []field{{"Acme / Nrth", `did you mean "Acme / North"?`}, {"T", "add a group column"}},
		},
		{
			name:   "part of a column's name",
			cells:  header("Acme", "Consent Source", "Address"),
			reason: "unknown_column",
			fields: []field{{"Consent Source", `did you mean "SMS Consent Source"?`}, {"Address", `did you mean "Address Line 1"?`}},
		},
		{
			name:        "a column that resembles nothing",
			cells:       header("Acme", "Favourite Colour"),
			reason:      "unknown_column",
			fields:      []field{{"Favourite Colour", "delete the column or clear its header to ignore it"}},
			noSuggestIn: "Favourite Colour",
		},
		{
			name:    "another tool's header: unknown columns with suggestions, not data",
			cells:   []string{"Given Name", "Mobile", "E-mail Address", "Acme"},
			reason:  "unknown_column",
			message: "columns are neither contact columns nor groups",
			fields: []field{
				{"Given Name", `did you mean "First Name"?`},
				{"Mobile", `did you mean "Cell Phone"?`},
				{"E-mail Address", `did you mean "Email"?`},
				{"First Name", "is required"},
				{"Cell Phone", "is required"},
			},
		},
		{
			name:    "a name several groups share",
			cells:   header("Acme", "Sales"),
			reason:  "ambiguous_group",
			message: "full path",
			fields:  []field{{"Sales", `"Acme / North / Sales", "Acme / South / Sales"`}},
		},
		{
			name:    "no group column",
			cells:   header("", ""),
			reason:  "no_group_columns",
			message: `a contact must belong to a group, so add a column headed by a group's path, e.g. "Acme"`,
			fields:  []field{{"S", "add a group column"}},
		},
		{
			name:    "every problem at once, the first kind naming the error",
			cells:   []string{"First Name", "First Name", "Sales", "Phone Numbr"},
			reason:  "mangled_header",
			message: "appears more than once; a column is neither a contact column nor a group: \"Phone Numbr\"; the required column \"Cell Phone\" is missing; a group column names several groups",
			fields: []field{
				{"First Name", "appears in columns A and B"},
				{"Phone Numbr", `"Cell Phone"`},
				{"Cell Phone", "is required"},
				{"Sales", "names several groups"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseSheetHeader(tt.cells, tree)
			e := wantCodeReason(t, err, EInvalid, tt.reason)
			if !reflect.DeepEqual(l, SheetLayout{}) {
				t.Errorf("refused header returned layout %+v", l)
			}
			if !strings.Contains(e.Message, tt.message) {
				t.Errorf("Message = %q, want it to contain %q", e.Message, tt.message)
			}
			if len(e.Fields) != len(tt.fields) {
				t.Fatalf("Fields = %+v, want %d", e.Fields, len(tt.fields))
			}
			for i, f := range tt.fields {
				if e.Fields[i].Field != f.field || !strings.Contains(e.Fields[i].Message, f.message) {
					t.Errorf("Fields[%d] = %+v, want field %q with a message containing %q", i, e.Fields[i], f.field, f.message)
				}
				if f.field == tt.noSuggestIn && strings.Contains(e.Fields[i].Message, "did you mean") {
					t.Errorf("Fields[%d] = %+v suggests a column for a header close to none", i, e.Fields[i])
				}
			}
		})
	}
}

// Siblings may share a name, and then their paths too: such a column is
// ambiguous even when written in full.
func TestParseSheetHeaderRefusesAPathSeveralGroupsHave(t *testing.T) {
	tree, err := NewGroupTree([]Group{
		{ID: "org", OrgID: "o", Name: "Acme"},
		{ID: "s1", OrgID: "o", Name: "Sales", ParentID: "org"},
		{ID: "s2", OrgID: "o", Name: "sales", ParentID: "org"},
	})
	if err != nil {
		t.Fatal(err)
	}
	cells, _ := HeaderFor(tree, []string{"org", "s1"})
	_, err = ParseSheetHeader(cells, tree)
	e := wantCodeReason(t, err, EInvalid, "ambiguous_group")
	want := []FieldError{{Field: "Acme / Sales", Message: `is the path of several groups ("Acme / Sales", "Acme / sales"); rename one of them`}}
	if !reflect.DeepEqual(e.Fields, want) {
		t.Errorf("Fields = %+v, want %+v", e.Fields, want)
	}
}

func TestParseSheetHeaderIsQuickOnAWideRowAndABigTree(t *testing.T) {
	groups := []Group{{ID: "org", OrgID: "o", Name: "Acme"}}
	for i := range 2000 {
		groups = append(groups, Group{ID: "g" + strconv.Itoa(i), OrgID: "o", Name: "Branch " + strconv.Itoa(i), ParentID: "org"})
	}
	tree, err := NewGroupTree(groups)
	if err != nil {
		t.Fatal(err)
	}
	cells := header("Acme")
	for i := len(cells); i < 16384; i++ {
		cells = append(cells, "Unknown column "+strconv.Itoa(i))
	}
	start := time.Now()
	_, err = ParseSheetHeader(cells, tree)
	e := wantCodeReason(t, err, EInvalid, "unknown_column")
	if len(e.Fields) != 16384-19 {
		t.Errorf("listed %d unknown columns, want %d", len(e.Fields), 16384-19)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("ParseSheetHeader took %v for 16384 columns and 2001 groups", d)
	}
}

func TestParseSheetHeaderIgnoresEmptyHeaderCells(t *testing.T) {
	cells := []string{"First Name", "", "Cell Phone", "  ", "Acme", "", ""}
	l := mustParseHeader(t, cells, hierarchyTree(t))
	row, errs := l.ParseRow([]string{"Ann", "junk", "+15551230000", "more junk", "X", "zzz"})
	if len(errs) != 0 {
		t.Fatalf("ParseRow errors = %v, want the unheaded columns ignored", errs)
	}
	if row.Input.FirstName != "Ann" || row.Input.Phone != "+15551230000" || !slices.Equal(row.Input.Groups, []string{"org"}) {
		t.Errorf("ParseRow Input = %+v", row.Input)
	}
}

// fullContact sets every field, two reps and two groups.
func fullContact() Contact {
	return Contact{
		ID: "01jf3k5v7w9x0y2z4a6b8c0d2e", OrgID: "acme", FirstName: "Ann", LastName: "O'Neill", Phone: "+15551230000",
		Email: "ann@example.com", Company: "Example Co", Title: "Buyer", AccountNumber: "00042",
		Address:     Address{Line1: "1 Main St", Line2: "Suite 2", City: "Boston", Region: "MA", PostalCode: "02110", Country: "US"},
		Notes:       "Prefers mornings.\nCall first.",
		Consent:     Consent{Status: ConsentOptedIn, At: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC), Source: "paper form"},
		AccountReps: []string{"u1", "u2"}, Groups: []string{"north-sales", "south"}, Version: 7,
	}
}

var repEmails = map[string]string{"u1": "Rep.One@example.com", "u2": "rep2@example.com"}

func repEmail(id string) string { return repEmails[id] }

func TestCellsRoundTripThroughParseRow(t *testing.T) {
	tree := hierarchyTree(t)
	_, layout := HeaderFor(tree, []string{"org", "north", "north-sales", "south", "south-service"})
	c := fullContact()
	cells := layout.Cells(c, repEmail)
	want := []string{
		"Ann", "O'Neill", "+15551230000", "ann@example.com", "Example Co", "Buyer", "00042",
		"1 Main St", "Suite 2", "Boston", "MA", "02110", "US", "Prefers mornings.\nCall first.",
		"opted_in", "paper form", "Rep.One@example.com; rep2@example.com", "01jf3k5v7w9x0y2z4a6b8c0d2e.7",
		"", "", "X", "X", "",
	}
	if !slices.Equal(cells, want) {
		t.Fatalf("Cells =\n%q\nwant\n%q", cells, want)
	}
	row, errs := layout.ParseRow(cells)
	if len(errs) != 0 {
		t.Fatalf("ParseRow errors = %v", errs)
	}
	wantInput := c.Input()
	wantInput.AccountReps = nil
	if !reflect.DeepEqual(row.Input, wantInput) {
		t.Errorf("ParseRow Input =\n%+v\nwant\n%+v", row.Input, wantInput)
	}
	if row.ContactID != c.ID || row.Version != 7 {
		t.Errorf("ParseRow ContactID, Version = %q, %d; want %q, 7", row.ContactID, row.Version, c.ID)
	}
	if want := []string{"rep.one@example.com", "rep2@example.com"}; !slices.Equal(row.RepEmails, want) {
		t.Errorf("ParseRow RepEmails = %q, want %q", row.RepEmails, want)
	}
}

func TestCellsSkipsUnknownRepsAndAbsentColumns(t *testing.T) {
	l := mustParseHeader(t, []string{"Cell Phone", "First Name", "Account Rep Email", "", "SMS Consent", "North"}, hierarchyTree(t))
	c := fullContact()
	c.AccountReps = []string{"gone", "u2"}
	c.Consent = Consent{}
	c.Groups = []string{"north"}
	want := []string{"+15551230000", "Ann", "rep2@example.com", "", "unknown", "X"}
	if got := l.Cells(c, repEmail); !slices.Equal(got, want) {
		t.Errorf("Cells = %q, want %q", got, want)
	}
	if got := l.Cells(c, nil); got[2] != "" {
		t.Errorf("Cells with no repEmail wrote reps %q, want none", got[2])
	}
}

func TestParseRowShortRows(t *testing.T) {
	_, layout := HeaderFor(hierarchyTree(t), []string{"org", "north"})
	tests := []struct {
		name  string
		cells []string
		want  ContactInput
	}{
		{name: "no cells", cells: nil, want: ContactInput{Consent: ConsentUnknown}},
		{name: "names and phone only", cells: []string{"Ann", "Lee", "555 0100"}, want: ContactInput{FirstName: "Ann", LastName: "Lee", Phone: "555 0100", Consent: ConsentUnknown}},
		{name: "up to the first group", cells: append(make([]string, 18), "x"), want: ContactInput{Consent: ConsentUnknown, Groups: []string{"org"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row, errs := layout.ParseRow(tt.cells)
			if len(errs) != 0 {
				t.Fatalf("ParseRow errors = %v", errs)
			}
			if !reflect.DeepEqual(row.Input, tt.want) || row.ContactID != "" || row.Version != 0 || row.RepEmails != nil {
				t.Errorf("ParseRow = %+v, want Input %+v and nothing else", row, tt.want)
			}
		})
	}
}

// rowWith is a row of the layout with one cell set.
func rowWith(l SheetLayout, col int, v string) []string {
	cells := make([]string, col+1)
	cells[col] = v
	return cells
}

func TestParseRowConsent(t *testing.T) {
	l := mustParseHeader(t, header("Acme"), hierarchyTree(t))
	tests := []struct {
		cell string
		want ConsentStatus // "" when refused
	}{
		{"opted_in", ConsentOptedIn}, {"Opted In", ConsentOptedIn}, {" YES ", ConsentOptedIn}, {"y", ConsentOptedIn},
		{"TRUE", ConsentOptedIn}, {"Subscribed", ConsentOptedIn}, {"opted-in", ConsentOptedIn}, {"opted\u00a0in", ConsentOptedIn},
		{"opted_out", ConsentOptedOut}, {"opted out", ConsentOptedOut}, {"No", ConsentOptedOut}, {"n", ConsentOptedOut},
		{"false", ConsentOptedOut}, {"unsubscribed", ConsentOptedOut}, {"STOP", ConsentOptedOut},
		{"", ConsentUnknown}, {"  ", ConsentUnknown}, {"Unknown", ConsentUnknown},
		{"maybe", ""}, {"1", ""}, {"opted", ""}, {"yes please", ""},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			row, errs := l.ParseRow(rowWith(l, 14, tt.cell))
			if tt.want == "" {
				want := []FieldError{{Field: "SMS Consent", Message: `cannot read "` + strings.TrimSpace(tt.cell) + `": write opted_in, opted_out or unknown`}}
				if !reflect.DeepEqual(errs, want) {
					t.Fatalf("ParseRow errors = %+v, want %+v", errs, want)
				}
				return
			}
			if len(errs) != 0 || row.Input.Consent != tt.want {
				t.Fatalf("ParseRow consent = %q, errors %v; want %q", row.Input.Consent, errs, tt.want)
			}
		})
	}
}

func TestParseRowGroupMarks(t *testing.T) {
	// The group column keeps the header as the file writes it.
	l := mustParseHeader(t, header("acme / north"), hierarchyTree(t))
	tests := []struct {
		cell   string
		member bool
		bad    bool
	}{
		{cell: "X", member: true}, {cell: "x", member: true}, {cell: " X ", member: true}, {cell: "✓", member: true},
		{cell: "✔", member: true}, {cell: "Yes", member: true}, {cell: "TRUE", member: true}, {cell: "1", member: true},
		{cell: ""}, {cell: " "},
		{cell: "no", bad: true}, {cell: "0", bad: true}, {cell: "XX", bad: true}, {cell: "Boston", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			row, errs := l.ParseRow(rowWith(l, 18, tt.cell))
			if tt.bad {
				want := []FieldError{{Field: "acme / north", Message: `cannot read "` + tt.cell + `": write X to put the contact in this group, or leave it empty`}}
				if !reflect.DeepEqual(errs, want) || row.Input.Groups != nil {
					t.Fatalf("ParseRow = groups %v, errors %+v; want no groups and %+v", row.Input.Groups, errs, want)
				}
				return
			}
			if len(errs) != 0 || slices.Contains(row.Input.Groups, "north") != tt.member {
				t.Fatalf("ParseRow groups = %v, errors %v; want member %v", row.Input.Groups, errs, tt.member)
			}
		})
	}
}

func TestParseRowContactID(t *testing.T) {
	l := mustParseHeader(t, header("Acme"), hierarchyTree(t))
	const id = "01jf3k5v7w9x0y2z4a6b8c0d2e"
	tests := []struct {
		cell    string
		id      string
		version int64
		bad     bool
	}{
		{cell: ""},
		{cell: id, id: id},
		{cell: id + ".7", id: id, version: 7},
		{cell: " " + id + ".12 ", id: id, version: 12},
		{cell: strings.ToUpper(id) + ".3", id: id, version: 3},
		{cell: "abcdefghij", id: "abcdefghij"},
		{cell: id + ".", bad: true},
		{cell: id + ".7.1", bad: true},
		{cell: id + ".-1", bad: true},
		{cell: id + ".99999999999999999999", bad: true},
		{cell: "short.7", bad: true},
		{cell: strings.Repeat("a", 41), bad: true},
		{cell: "01jf3k5v7w9x0y2z4a6b8c0d2_", bad: true},
		{cell: "1.55512E+25", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			row, errs := l.ParseRow(rowWith(l, ContactIDColumn, tt.cell))
			if tt.bad {
				want := []FieldError{{Field: "Contact ID", Message: "was changed; copy it back from the export or clear it for a new contact"}}
				if !reflect.DeepEqual(errs, want) || row.ContactID != "" || row.Version != 0 {
					t.Fatalf("ParseRow = %q.%d, errors %+v; want nothing and %+v", row.ContactID, row.Version, errs, want)
				}
				return
			}
			if len(errs) != 0 || row.ContactID != tt.id || row.Version != tt.version {
				t.Fatalf("ParseRow = %q.%d, errors %v; want %q.%d", row.ContactID, row.Version, errs, tt.id, tt.version)
			}
		})
	}
	if got := ContactIDCell(id, 7); got != id+".7" {
		t.Errorf("ContactIDCell = %q, want %q", got, id+".7")
	}
}

func TestParseRowTextFieldsAndReps(t *testing.T) {
	l := mustParseHeader(t, header("Acme"), hierarchyTree(t))
	cells := make([]string, 19)
	cells[0], cells[2], cells[13], cells[16] = "  Ann\u00a0", "\t+1 (555) 123-0000 ", "  line one\nline two  ", " A@Example.com;b@example.com , c@example.com\n;; a@example.com "
	row, errs := l.ParseRow(cells)
	if len(errs) != 0 {
		t.Fatalf("ParseRow errors = %v", errs)
	}
	if row.Input.FirstName != "Ann" || row.Input.Phone != "+1 (555) 123-0000" || row.Input.Notes != "line one\nline two" {
		t.Errorf("ParseRow Input = %+v: want text trimmed, the phone as written and the notes' line break kept", row.Input)
	}
	if want := []string{"a@example.com", "b@example.com", "c@example.com"}; !slices.Equal(row.RepEmails, want) || row.Input.AccountReps != nil {
		t.Errorf("RepEmails = %q, AccountReps = %q; want %q and none", row.RepEmails, row.Input.AccountReps, want)
	}
}

func TestParseRowReportsEveryCellProblem(t *testing.T) {
	l := mustParseHeader(t, []string{"Cell Phone *", "First Name", "SMS consent", "contact id", "North", "South"}, hierarchyTree(t))
	row, errs := l.ParseRow([]string{"1.55512E+10", "Ann", "perhaps", "edited!", "X", "maybe"})
	want := []FieldError{
		{Field: "SMS consent", Message: `cannot read "perhaps": write opted_in, opted_out or unknown`},
		{Field: "contact id", Message: "was changed; copy it back from the export or clear it for a new contact"},
		{Field: "South", Message: `cannot read "maybe": write X to put the contact in this group, or leave it empty`},
	}
	if !reflect.DeepEqual(errs, want) {
		t.Fatalf("ParseRow errors =\n%+v\nwant\n%+v", errs, want)
	}
	if row.Input.FirstName != "Ann" || !slices.Equal(row.Input.Groups, []string{"north"}) {
		t.Errorf("ParseRow Input = %+v: the readable cells should still be read", row.Input)
	}
	// The phone is left as written: the import repairs what a spreadsheet did
	// to it where the digits survive (phone.NormaliseSpreadsheetCell).
	if row.Input.Phone != "1.55512E+10" {
		t.Errorf("ParseRow phone = %q, want the cell as written", row.Input.Phone)
	}
	for _, phone := range []string{"+15551230000", "15551230000", "1.5E5 ext", "E+10"} {
		if _, errs := l.ParseRow([]string{phone, "Ann"}); len(errs) != 0 {
			t.Errorf("ParseRow(phone %q) errors = %v, want none: the caller checks phones", phone, errs)
		}
	}
}

func TestDiffContact(t *testing.T) {
	tree := hierarchyTree(t)
	base := fullContact().Input()
	with := func(change func(*ContactInput)) ContactInput {
		in := base
		in.AccountReps, in.Groups = slices.Clone(base.AccountReps), slices.Clone(base.Groups)
		change(&in)
		return in
	}
	tests := []struct {
		name string
		new  ContactInput
		want []ContactChange
	}{
		{name: "no change", new: with(func(*ContactInput) {}), want: nil},
		{name: "reps and groups in another order", new: with(func(in *ContactInput) {
			slices.Reverse(in.AccountReps)
			slices.Reverse(in.Groups)
		}), want: nil},
		{name: "consent empty is unknown", new: with(func(in *ContactInput) { in.Consent = "" }), want: []ContactChange{{Field: "SMS Consent", Old: "opted_in", New: "unknown"}}},
		{name: "phone", new: with(func(in *ContactInput) { in.Phone = "+15551230001" }),
			want: []ContactChange{{Field: "Cell Phone", Old: "+15551230000", New: "+15551230001"}}},
		{name: "a group added and one removed", new: with(func(in *ContactInput) { in.Groups = []string{"south-sales-east", "north-sales", "org"} }),
			want: []ContactChange{
				{Field: "Acme", Old: "", New: "X"},
				{Field: "Acme / South", Old: "X", New: ""},
				{Field: "Acme / South / Sales / East desk", Old: "", New: "X"},
			}},
		{name: "reps changed, an unknown one shown by id", new: with(func(in *ContactInput) { in.AccountReps = []string{"u2", "gone"} }),
			want: []ContactChange{{Field: "Account Rep Email", Old: "Rep.One@example.com; rep2@example.com", New: "rep2@example.com; gone"}}},
		{name: "several fields in column order, then groups", new: with(func(in *ContactInput) {
			in.Groups = []string{"north-sales", "south", "zz-unknown"}
			in.Notes = ""
			in.Address.Line1 = "2 Main St"
			in.FirstName = "Anne"
		}), want: []ContactChange{
			{Field: "First Name", Old: "Ann", New: "Anne"},
			{Field: "Address Line 1", Old: "1 Main St", New: "2 Main St"},
			{Field: "Notes", Old: "Prefers mornings.\nCall first.", New: ""},
			{Field: "zz-unknown", Old: "", New: "X"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DiffContact(tree, base, tt.new, repEmail)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("DiffContact =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

// fixedCells and ParseRow index ContactColumns by position: the fields must
// be where they expect them.
func TestFixedCellsFollowContactColumns(t *testing.T) {
	in := fullContact().Input()
	vals := fixedCells(in, repEmail, false)
	byField := map[string]string{
		"firstName": "Ann", "lastName": "O'Neill", "phone": "+15551230000", "email": "ann@example.com", "company": "Example Co",
		"title": "Buyer", "accountNumber": "00042", "address.line1": "1 Main St", "address.line2": "Suite 2", "address.city": "Boston",
		"address.region": "MA", "address.postalCode": "02110", "address.country": "US", "notes": "Prefers mornings.\nCall first.",
		"consent": "opted_in", "consentSource": "paper form", "accountReps": "Rep.One@example.com; rep2@example.com", "id": "",
	}
	if len(vals) != len(ContactColumns) || ContactColumns[ContactIDColumn].Field != "id" {
		t.Fatalf("fixedCells wrote %d cells for %d columns", len(vals), len(ContactColumns))
	}
	for i, c := range ContactColumns {
		if want, ok := byField[c.Field]; !ok || vals[i] != want {
			t.Errorf("column %d (%s) = %q, want %q", i, c.Field, vals[i], want)
		}
	}
}

func TestColumnLetter(t *testing.T) {
	for i, want := range map[int]string{0: "A", 17: "R", 18: "S", 25: "Z", 26: "AA", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := columnLetter(i); got != want {
			t.Errorf("columnLetter(%d) = %q, want %q", i, got, want)
		}
	}
}
