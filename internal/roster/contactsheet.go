package roster

// The contact spreadsheet layout: one layout serves the template, imports,
// exports and bulk updates, in XLSX and CSV. A header row names the
// columns; the first 18 are fixed, with the Contact ID in column 18 (R),
// filled by exports and empty for new contacts; after it comes one column
// per group, headed by the group's path ("Acme / Boston / Front Desk"),
// where an X puts the contact in that group.

// SheetColumn is one fixed column of the contact spreadsheet.
type SheetColumn struct {
	Header   string // as written in the header row
	Field    string // the API field it fills, used in error reports
	Required bool   // a row without it is refused
	Note     string // shown in the template's instructions sheet
}

// ContactColumns are the fixed columns, in order. ContactIDColumn is the
// index (0-based) of the Contact ID; group columns start after it.
var ContactColumns = []SheetColumn{
	{Header: "First Name", Field: "firstName", Required: true, Note: "Required."},
	{Header: "Last Name", Field: "lastName"},
	{Header: "Cell Phone", Field: "phone", Required: true, Note: "Required. With a country code (+44 20 7946 0958) or as dialled in the row's Country (the organisation's default country when Country is empty); a number of another country than the row's is refused. Format the column as text so the spreadsheet keeps every digit."},
	{Header: "Email", Field: "email"},
	{Header: "Company", Field: "company"},
	{Header: "Title", Field: "title"},
	{Header: "Account Number", Field: "accountNumber", Note: "Format the column as text to keep leading zeros."},
	{Header: "Address Line 1", Field: "address.line1"},
	{Header: "Address Line 2", Field: "address.line2"},
	{Header: "City", Field: "address.city"},
	{Header: "State/Region", Field: "address.region"},
	{Header: "Postal Code", Field: "address.postalCode", Note: "Format the column as text to keep leading zeros."},
	{Header: "Country", Field: "address.country", Note: "A name or ISO code: India, IN, Deutschland, DE, United States, USA, U.K., GBR. The Cell Phone is read in this country."},
	{Header: "Notes", Field: "notes"},
	{Header: "SMS Consent", Field: "consent", Note: "opted_in, opted_out or unknown (also accepted: yes, no, empty)."},
	{Header: "SMS Consent Source", Field: "consentSource", Note: "How consent was given, e.g. \"paper form\". Empty: the import is named as the source."},
	{Header: "Account Rep Email", Field: "accountReps", Note: "Email of an active user; several separated by ; or ,."},
	{Header: "Contact ID", Field: "id", Note: "Filled by exports. Do not change it. Leave it empty for new contacts."},
}

// ContactIDColumn is the 0-based index of the Contact ID column (column 18).
const ContactIDColumn = 17

// GroupMark is what a group column holds to put the contact in that group.
const GroupMark = "X"

// MaxSheetRows is the most rows a worksheet holds, the header included.
const MaxSheetRows = 1_048_576

// SpreadsheetFile is a spreadsheet made for a person to download.
type SpreadsheetFile struct {
	Name        string
	ContentType string
	Body        []byte
}
