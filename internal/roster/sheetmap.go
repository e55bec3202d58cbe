package roster

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file maps the contact spreadsheet (contactsheet.go) to contacts and
// back: the header row a template or an export writes, reading the header
// of an uploaded file (forgivingly: files pass through other tools and
// people), reading a data row through it, writing a contact as a row, and
// describing an update in the spreadsheet's terms. Pure functions: the
// caller reads and writes the file, normalises phones and checks access.

// SheetLayout is the header of one file: where each fixed column is and
// which group each group column stands for. The zero SheetLayout has no
// columns.
type SheetLayout struct {
	headers []string      // every header cell as written, whitespace collapsed
	fixed   []int         // column index of each ContactColumns entry, -1 when absent
	groups  []GroupColumn // in column order
}

// GroupColumn is one group column.
type GroupColumn struct {
	Index   int    // 0-based column index
	GroupID string // the group it stands for
	Header  string // as written in the file (whitespace collapsed)
}

// GroupPathSeparator joins group names in a group column's header.
const GroupPathSeparator = " / "

// GroupPath is the column header of a group: the names from the root down
// to it joined by " / " ("Acme / Boston / Front Desk"); the root's is its
// name. It is "" for an unknown id.
func GroupPath(t GroupTree, id string) string {
	names := groupNames(t, id)
	return strings.Join(names, GroupPathSeparator)
}

// groupNames returns the names from the root down to id; nil for an unknown id.
func groupNames(t GroupTree, id string) []string {
	g, ok := t.Group(id)
	if !ok {
		return nil
	}
	up := t.Ancestors(id)
	names := make([]string, len(up)+1)
	names[len(up)] = g.Name
	for i, a := range up {
		p, _ := t.Group(a)
		names[len(up)-1-i] = p.Name
	}
	return names
}

// HeaderFor returns the header row for a template or an export with these
// groups, and the layout it makes: every fixed column of ContactColumns in
// order, then one column per group in tree order (GroupTree.Groups()),
// whatever the order of groupIDs. Unknown and repeated ids are dropped; no
// ids give no group columns.
func HeaderFor(t GroupTree, groupIDs []string) ([]string, SheetLayout) {
	want := make(map[string]bool, len(groupIDs))
	for _, id := range groupIDs {
		want[id] = true
	}
	l := SheetLayout{fixed: make([]int, len(ContactColumns))}
	for i, c := range ContactColumns {
		l.headers = append(l.headers, c.Header)
		l.fixed[i] = i
	}
	for _, g := range t.Groups() {
		if !want[g.ID] {
			continue
		}
		h := GroupPath(t, g.ID)
		l.groups = append(l.groups, GroupColumn{Index: len(l.headers), GroupID: g.ID, Header: h})
		l.headers = append(l.headers, h)
	}
	return slices.Clone(l.headers), l
}

// GroupColumns returns the group columns in column order.
func (l SheetLayout) GroupColumns() []GroupColumn { return slices.Clone(l.groups) }

// HasContactID reports whether the file has a Contact ID column.
func (l SheetLayout) HasContactID() bool { return l.fixedIndex(ContactIDColumn) >= 0 }

// FixedColumn returns the header of the fixed column filling an API field
// ("phone", "address.line1", "id", as in ContactColumns and the FieldErrors
// of ValidateContactInput) as this file writes it, and whether the file has
// that column. For a column the file lacks it returns the template's header;
// for a field no fixed column fills ("groups") it returns "", false.
func (l SheetLayout) FixedColumn(field string) (header string, present bool) {
	for i, c := range ContactColumns {
		if c.Field == field {
			if j := l.fixedIndex(i); j >= 0 {
				return l.headers[j], true
			}
			return c.Header, false
		}
	}
	return "", false
}

// fixedIndex is the column of ContactColumns[i], -1 when the file lacks it.
func (l SheetLayout) fixedIndex(i int) int {
	if i < 0 || i >= len(l.fixed) {
		return -1
	}
	return l.fixed[i]
}

// Header problems, by reason, in the order a reason is chosen for the error:
// the first kind present names the error, and every problem is listed.
const (
	reasonMangledHeader  = "mangled_header"
	reasonUnknownColumn  = "unknown_column"
	reasonMissingColumns = "missing_columns"
	reasonAmbiguousGroup = "ambiguous_group"
	reasonNoGroupColumns = "no_group_columns"
)

// maxSuggestions bounds the unknown columns ParseSheetHeader looks for a
// near match for; every unknown column is still listed.
const maxSuggestions = 50

// ParseSheetHeader reads a file's header row. Matching is forgiving:
// case-insensitive; surrounding and repeated whitespace, line breaks,
// non-breaking and zero-width spaces (and a byte order mark) collapsed;
// spaces around "/" ignored; a trailing "*" or "(required)" ignored. Fixed
// columns are found by name in any position. A group column matches a
// group's full path, or else a path's last names ("Front Desk", "Boston /
// Front Desk") when exactly one group's path ends so. An empty header cell
// is an ignored column.
//
// It returns EInvalid listing every problem in Fields (Field = the header as
// written, or a column letter), with the reason of the first kind found:
// "mangled_header" (the first row is empty or looks like data, or a column
// is repeated), "unknown_column" (neither a fixed column nor a group; the
// message suggests the closest header), "missing_columns" (First Name or
// Cell Phone absent), "ambiguous_group" (a name several groups share),
// "no_group_columns" (no group column at all). Whether the uploader may use
// each group is for the caller to check.
func ParseSheetHeader(cells []string, t GroupTree) (SheetLayout, error) {
	l := SheetLayout{fixed: make([]int, len(ContactColumns)), headers: make([]string, len(cells))}
	for i := range l.fixed {
		l.fixed[i] = -1
	}
	fixedByKey := make(map[string]int, len(ContactColumns))
	for i, c := range ContactColumns {
		fixedByKey[headerKey(c.Header)] = i
	}
	idx := newGroupIndex(t)

	var (
		nonEmpty, fixedFound int
		width                int // columns up to the last with a header
		dupes                []FieldError
		unknown              []string // headers as shown
		ambiguous            []FieldError
		groupAt              = make(map[string]int) // group id → column
	)
	for i, cell := range cells {
		shown := collapseSpace(cell)
		l.headers[i] = shown
		key := headerKey(cell)
		if key == "" || key == headerKey(ErrorsColumn) && !groupNamed(t, ErrorsColumn) {
			continue // an empty header, or the Errors column of an error report sent back fixed
		}
		nonEmpty++
		width = i + 1
		f, isFixed := fixedByKey[key]
		if isFixed && l.fixed[f] >= 0 {
			// A fixed header seen before may be a group's full path (a root
			// group named "Notes"): the template writes groups after the
			// fixed columns.
			if ids := idx.full[key]; len(ids) == 1 && groupAt[ids[0]] == 0 {
				isFixed = false
			}
		}
		if isFixed {
			if prev := l.fixed[f]; prev >= 0 {
				dupes = append(dupes, repeated(l.headers[prev], prev, i))
				continue
			}
			l.fixed[f] = i
			fixedFound++
			continue
		}
		ids, exact := idx.lookup(key)
		switch {
		case len(ids) == 1:
			if prev, seen := groupAt[ids[0]]; seen {
				dupes = append(dupes, repeated(l.headers[prev-1], prev-1, i))
				continue
			}
			groupAt[ids[0]] = i + 1 // +1: 0 means unseen
			l.groups = append(l.groups, GroupColumn{Index: i, GroupID: ids[0], Header: shown})
		case len(ids) > 1:
			ambiguous = append(ambiguous, FieldError{Field: shown, Message: ambiguousMessage(t, ids, exact)})
		default:
			unknown = append(unknown, shown)
		}
	}

	if nonEmpty == 0 {
		return SheetLayout{}, headerError(reasonMangledHeader,
			"the first row is empty: it must be the header row of the contact template ("+templateHeaders()+")",
			[]FieldError{{Field: "A", Message: "the header row is empty"}})
	}
	if fixedFound == 0 && looksLikeData(cells, idx, len(l.groups) > 0) {
		return SheetLayout{}, headerError(reasonMangledHeader,
			"the first row does not look like the header row of the contact template: none of its cells is a contact column ("+templateHeaders()+"); put the header row first, above the contacts",
			[]FieldError{{Field: "A", Message: "must start the header row, e.g. " + strconv.Quote(ContactColumns[0].Header) + "; found " + quoteCells(cells, 3)}})
	}

	var (
		fields   []FieldError
		messages []string
		reason   string
	)
	add := func(r, message string, fs []FieldError) {
		if len(fs) == 0 {
			return
		}
		if reason == "" {
			reason = r
		}
		messages = append(messages, message)
		fields = append(fields, fs...)
	}
	add(reasonMangledHeader, "a column header appears more than once", dupes)

	var unknownFields []FieldError
	for n, h := range unknown {
		msg := "is neither a contact column nor a group of the organisation"
		if n < maxSuggestions {
			if s, _ := suggestHeader(headerKey(h), idx); s != "" {
				msg += "; did you mean " + strconv.Quote(s) + "?"
			}
		}
		msg += " (delete the column or clear its header to ignore it)"
		unknownFields = append(unknownFields, FieldError{Field: h, Message: msg})
	}
	add(reasonUnknownColumn, plural(len(unknown), "a column is neither a contact column nor a group", "columns are neither contact columns nor groups")+": "+quoteFields(unknownFields), unknownFields)

	var missing []FieldError
	var missingNames []string
	for i, c := range ContactColumns {
		if c.Required && l.fixed[i] < 0 {
			missing = append(missing, FieldError{Field: c.Header, Message: "is required: add a column headed " + strconv.Quote(c.Header)})
			missingNames = append(missingNames, strconv.Quote(c.Header))
		}
	}
	add(reasonMissingColumns, "the required "+plural(len(missing), "column", "columns")+" "+strings.Join(missingNames, " and ")+" "+plural(len(missing), "is", "are")+" missing", missing)

	add(reasonAmbiguousGroup, "a group column names several groups: head it with the group's full path", ambiguous)

	if len(l.groups) == 0 && len(ambiguous) == 0 {
		example := "the organisation's name"
		if root := t.Root(); root.Name != "" {
			example = strconv.Quote(root.Name)
		}
		add(reasonNoGroupColumns, "there are no group columns: a contact must belong to a group, so add a column headed by a group's path, e.g. "+example+", and mark its contacts with "+GroupMark,
			[]FieldError{{Field: columnLetter(width), Message: "add a group column, headed by the group's path such as " + example}})
	}
	if reason != "" {
		return SheetLayout{}, headerError(reason, "the header row cannot be used: "+strings.Join(messages, "; "), fields)
	}
	return l, nil
}

// looksLikeData reports whether a first row with no contact column is data
// rather than a header from another tool: a cell holds an email, a phone
// number or a group mark, or no cell is a group or close to a contact column.
// (A data cell may well equal a group's name: a city and a location.)
func looksLikeData(cells []string, idx groupIndex, hasGroups bool) bool {
	near := hasGroups
	for i, c := range cells {
		c = collapseSpace(c)
		digits := 0
		for _, r := range c {
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		if member, _ := parseGroupMark(c); member || digits >= 5 || strings.Contains(c, "@") {
			return true
		}
		if !near && c != "" && i < maxSuggestions {
			_, fixed := suggestHeader(headerKey(c), idx)
			near = fixed
		}
	}
	return !near
}

func headerError(reason, message string, fields []FieldError) error {
	e := WithReason(EInvalid, reason, message)
	e.Fields = fields
	return e
}

// repeated reports a header written again in column again.
func repeated(header string, first, again int) FieldError {
	return FieldError{Field: header, Message: fmt.Sprintf("appears in columns %s and %s: keep one", columnLetter(first), columnLetter(again))}
}

func ambiguousMessage(t GroupTree, ids []string, exact bool) string {
	paths := make([]string, 0, 4)
	for i, id := range ids {
		if i == 3 {
			paths = append(paths, fmt.Sprintf("and %d more", len(ids)-3))
			break
		}
		paths = append(paths, strconv.Quote(GroupPath(t, id)))
	}
	if exact {
		return "is the path of several groups (" + strings.Join(paths, ", ") + "); rename one of them"
	}
	return "names several groups (" + strings.Join(paths, ", ") + "): head the column with the full path of the one you mean"
}

func templateHeaders() string {
	return ContactColumns[0].Header + ", " + ContactColumns[1].Header + ", " + ContactColumns[2].Header + ", …"
}

func quoteCells(cells []string, n int) string {
	var out []string
	for _, c := range cells {
		if c = collapseSpace(c); c != "" {
			out = append(out, strconv.Quote(Clip(c, 40)))
			if len(out) == n {
				break
			}
		}
	}
	return strings.Join(out, ", ")
}

func quoteFields(fs []FieldError) string {
	var out []string
	for i, f := range fs {
		if i == 5 {
			out = append(out, fmt.Sprintf("and %d more", len(fs)-5))
			break
		}
		out = append(out, strconv.Quote(Clip(f.Field, 40)))
	}
	return strings.Join(out, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Clip shortens s to n characters, marking the cut with "…", so that text
// quoted back to a person (a cell in a message, a stored summary) stays short.
func Clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// columnLetter is a spreadsheet column's letter: 0 → A, 25 → Z, 26 → AA.
func columnLetter(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append(b, byte('A'+(i-1)%26))
	}
	slices.Reverse(b)
	return string(b)
}

// collapseSpace trims s, turns every run of white space (line breaks,
// non-breaking spaces) into one space and drops zero-width characters and a
// byte order mark: how a header is shown back to people.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// headerKey is what header matching compares: s collapsed, lower-cased,
// without a trailing "*" or "(required)" and without spaces around "/".
func headerKey(s string) string {
	k := strings.ToLower(collapseSpace(s))
	for {
		t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(k, "*"), "(required)"))
		if t == k {
			break
		}
		k = t
	}
	if strings.Contains(k, "/") {
		parts := strings.Split(k, "/")
		for i, p := range parts {
			parts[i] = strings.TrimSpace(p)
		}
		k = strings.Join(parts, "/")
	}
	return k
}

// groupIndex finds groups by header key.
type groupIndex struct {
	full   map[string][]string // key of the full path → ids
	suffix map[string][]string // key of each path's last names (the full path included) → ids, in tree order
	keys   []string            // the full path keys, in tree order, for suggestions
	paths  []string            // the full paths, in tree order
}

func newGroupIndex(t GroupTree) groupIndex {
	idx := groupIndex{full: make(map[string][]string), suffix: make(map[string][]string)}
	for _, g := range t.Groups() {
		names := groupNames(t, g.ID)
		keys := make([]string, len(names))
		for i, n := range names {
			keys[i] = headerKey(n)
		}
		full := strings.Join(keys, "/")
		idx.full[full] = append(idx.full[full], g.ID)
		idx.keys = append(idx.keys, full)
		idx.paths = append(idx.paths, strings.Join(names, GroupPathSeparator))
		for i := range keys {
			k := strings.Join(keys[i:], "/")
			if ids := idx.suffix[k]; !slices.Contains(ids, g.ID) {
				idx.suffix[k] = append(ids, g.ID)
			}
		}
	}
	return idx
}

// lookup returns the groups a header key names: the groups with that full
// path when there are any (exact), else the groups whose path ends so.
func (idx groupIndex) lookup(key string) (ids []string, exact bool) {
	if ids := idx.full[key]; len(ids) > 0 {
		return ids, true
	}
	return idx.suffix[key], false
}

// headerWords suggests a fixed column for a header that contains one of
// these words (or a word one typo away from one of at least five letters).
var headerWords = []struct {
	words  []string
	header string
}{
	{[]string{"first", "given", "forename", "firstname"}, "First Name"},
	{[]string{"last", "surname", "family", "lastname"}, "Last Name"},
	{[]string{"phone", "cell", "mobile", "cellphone", "telephone", "tel", "sms"}, "Cell Phone"},
	{[]string{"email", "e-mail", "mail"}, "Email"},
	{[]string{"company", "organisation", "organization", "business", "employer"}, "Company"},
	{[]string{"title", "position", "job"}, "Title"},
	{[]string{"account"}, "Account Number"},
	{[]string{"address", "street"}, "Address Line 1"},
	{[]string{"city", "town"}, "City"},
	{[]string{"state", "region", "province", "county"}, "State/Region"},
	{[]string{"postal", "zip", "postcode", "zipcode"}, "Postal Code"},
	{[]string{"country"}, "Country"},
	{[]string{"notes", "note", "comments", "comment"}, "Notes"},
	{[]string{"consent", "opt-in", "optin"}, "SMS Consent"},
	{[]string{"rep", "reps", "owner"}, "Account Rep Email"},
	{[]string{"id"}, "Contact ID"},
}

// suggestHeader returns the fixed header (fixed true), or failing that the
// group path, an unknown header most likely meant; "" when nothing is close.
func suggestHeader(key string, idx groupIndex) (suggestion string, fixed bool) {
	// A small edit distance to a whole header.
	best, bestD := "", -1
	for _, c := range ContactColumns {
		if d := editDistance(key, headerKey(c.Header)); d <= typoBudget(key) && (bestD < 0 || d < bestD) {
			best, bestD = c.Header, d
		}
	}
	if best != "" {
		return best, true
	}
	// One header inside the other: "consent source", "phone".
	bestLen := -1
	for _, c := range ContactColumns {
		ck := headerKey(c.Header)
		if len(key) >= 3 && (strings.Contains(ck, key) || strings.Contains(key, ck)) {
			if d := abs(len(ck) - len(key)); bestLen < 0 || d < bestLen {
				best, bestLen = c.Header, d
			}
		}
	}
	if best != "" {
		return best, true
	}
	// A word that names a column: "Phone Numbr", "Zip".
	for _, w := range strings.FieldsFunc(key, func(r rune) bool { return r == ' ' || r == '/' || r == '_' || r == '.' || r == ':' }) {
		for _, hw := range headerWords {
			for _, word := range hw.words {
				if w == word || len(word) >= 5 && editDistance(w, word) <= 1 {
					return hw.header, true
				}
			}
		}
	}
	// A group path with a typo.
	n, budget := utf8.RuneCountInString(key), typoBudget(key)
	for i, k := range idx.keys {
		if abs(utf8.RuneCountInString(k)-n) > budget {
			continue // too long or too short to be a typo
		}
		if d := editDistance(key, k); d <= budget && (bestD < 0 || d < bestD) {
			best, bestD = idx.paths[i], d
		}
	}
	return best, false
}

// typoBudget is the edit distance still taken for a typo in a key this long.
func typoBudget(key string) int {
	switch n := utf8.RuneCountInString(key); {
	case n <= 3:
		return 0
	case n <= 5:
		return 1
	case n <= 9:
		return 2
	default:
		return 3
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// editDistance is the Levenshtein distance between a and b, in runes, with
// an adjacent transposition counting as one edit.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 200 || len(rb) > 200 {
		return max(len(ra), len(rb)) // no header is that long: not a typo
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// SheetRow is one data row read through a layout.
type SheetRow struct {
	ContactID string // from the Contact ID cell, without the version
	Version   int64  // the version the export wrote, 0 when absent
	// Input has the text fields trimmed but not validated, Phone as written
	// (trimmed; the caller normalises it), Consent read from its cell
	// (ConsentUnknown when empty or when the file has no such column),
	// Groups the ids of the group columns marked, in column order, and
	// AccountReps empty: the caller resolves RepEmails.
	Input     ContactInput
	RepEmails []string // the Account Rep Email cell split on ; , and white space, lower-cased, without empty parts or repeats
}

// Messages of the cell-level problems ParseRow reports.
const (
	msgConsentCell   = "write opted_in, opted_out or unknown"
	msgGroupCell     = "write " + GroupMark + " to put the contact in this group, or leave it empty"
	msgContactIDCell = "was changed; copy it back from the export or clear it for a new contact"
)

// ParseRow reads one row. Cell-level problems come back as FieldErrors
// with Field = the column header as the file writes it: a consent value it
// cannot read, a group cell that is neither empty nor a mark, a malformed
// Contact ID cell. The phone is left as written, for the import to read
// with the phone rules (it repairs what spreadsheets do to numbers where
// the digits survive). Rows shorter than the header are fine: missing
// cells are empty; cells beyond the header and in columns without a header
// are ignored.
func (l SheetLayout) ParseRow(cells []string) (SheetRow, []FieldError) {
	var (
		row  SheetRow
		errs []FieldError
	)
	cell := func(i int) string {
		if j := l.fixedIndex(i); j >= 0 && j < len(cells) {
			return strings.TrimSpace(cells[j])
		}
		return ""
	}
	header := func(i int) string { return l.headers[l.fixedIndex(i)] }
	text := make([]string, len(ContactColumns))
	for i := range ContactColumns {
		text[i] = cell(i)
	}
	in := &row.Input
	in.FirstName, in.LastName, in.Phone, in.Email = text[0], text[1], text[2], text[3]
	in.Company, in.Title, in.AccountNumber = text[4], text[5], text[6]
	in.Address = Address{Line1: text[7], Line2: text[8], City: text[9], Region: text[10], PostalCode: text[11], Country: text[12]}
	in.Notes, in.ConsentSource = text[13], text[15]
	if status, ok := parseConsent(text[14]); ok {
		in.Consent = status
	} else {
		in.Consent = ConsentUnknown
		errs = append(errs, FieldError{Field: header(14), Message: "cannot read " + strconv.Quote(Clip(text[14], 40)) + ": " + msgConsentCell})
	}
	row.RepEmails = splitEmails(text[16])
	if id, version, ok := parseContactIDCell(text[ContactIDColumn]); ok {
		row.ContactID, row.Version = id, version
	} else {
		errs = append(errs, FieldError{Field: header(ContactIDColumn), Message: msgContactIDCell})
	}
	for _, g := range l.groups {
		var v string
		if g.Index < len(cells) {
			v = cells[g.Index]
		}
		member, ok := parseGroupMark(v)
		switch {
		case !ok:
			errs = append(errs, FieldError{Field: g.Header, Message: "cannot read " + strconv.Quote(Clip(strings.TrimSpace(v), 40)) + ": " + msgGroupCell})
		case member:
			in.Groups = append(in.Groups, g.GroupID)
		}
	}
	return row, errs
}

// consentWords maps a consent cell, lower-cased with its separators made
// "_", to a status.
var consentWords = map[string]ConsentStatus{
	"": ConsentUnknown, "unknown": ConsentUnknown,
	"opted_in": ConsentOptedIn, "opt_in": ConsentOptedIn, "yes": ConsentOptedIn, "y": ConsentOptedIn, "true": ConsentOptedIn, "subscribed": ConsentOptedIn,
	"opted_out": ConsentOptedOut, "opt_out": ConsentOptedOut, "no": ConsentOptedOut, "n": ConsentOptedOut, "false": ConsentOptedOut, "unsubscribed": ConsentOptedOut, "stop": ConsentOptedOut,
}

func parseConsent(s string) (ConsentStatus, bool) {
	k := strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '_' }), "_")
	status, ok := consentWords[k]
	return status, ok
}

func parseGroupMark(s string) (member, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return false, true
	case "x", "✓", "✔", "yes", "true", "1":
		return true, true
	}
	return false, false
}

func splitEmails(s string) []string {
	var out []string
	for _, e := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || unicode.IsSpace(r) }) {
		if e = strings.ToLower(e); !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

// ErrorsColumn is the last column of an import's error report: the refused
// rows as they were, plus why. A report corrected and uploaded again reads
// like the template, the Errors column ignored.
const ErrorsColumn = "Errors"

// groupNamed reports whether some group is called name (then a column of
// that name is the group's).
func groupNamed(t GroupTree, name string) bool {
	for _, g := range t.Groups() {
		if headerKey(g.Name) == headerKey(name) {
			return true
		}
	}
	return false
}

// ContactIDCell is what an export writes in the Contact ID column: the id,
// a dot and the version ("01jf3k…q.7"), so that an update can tell whether
// the contact changed since the export.
func ContactIDCell(id string, version int64) string {
	return id + "." + strconv.FormatInt(version, 10)
}

// parseContactIDCell reads a Contact ID cell: empty, a bare id (version 0,
// unknown), or an id, a dot and a version. Ids are 10 to 40 characters of
// 0-9 and a-z; upper case is taken as lower case.
func parseContactIDCell(s string) (id string, version int64, ok bool) {
	if s == "" {
		return "", 0, true
	}
	id, v, dotted := strings.Cut(strings.ToLower(s), ".")
	if len(id) < 10 || len(id) > 40 || strings.ContainsFunc(id, func(r rune) bool { return (r < '0' || r > '9') && (r < 'a' || r > 'z') }) {
		return "", 0, false
	}
	if dotted {
		if v == "" || strings.Trim(v, "0123456789") != "" {
			return "", 0, false
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return "", 0, false
		}
		version = n
	}
	return id, version, true
}

// fixedCells renders in as the text of the fixed columns (the Contact ID's
// left empty). repEmail maps a rep's id to an email; when it knows none the
// rep is skipped, or written as its id when idFallback is set.
func fixedCells(in ContactInput, repEmail func(string) string, idFallback bool) []string {
	consent := in.Consent
	if consent == "" {
		consent = ConsentUnknown
	}
	var reps []string
	for _, id := range in.AccountReps {
		var e string
		if repEmail != nil {
			e = repEmail(id)
		}
		if e == "" && idFallback {
			e = id
		}
		if e != "" {
			reps = append(reps, e)
		}
	}
	a := in.Address
	out := []string{
		in.FirstName, in.LastName, in.Phone, in.Email, in.Company, in.Title, in.AccountNumber,
		a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country,
		in.Notes, string(consent), in.ConsentSource, strings.Join(reps, "; "), "",
	}
	return out[:len(ContactColumns)]
}

// Cells renders a contact as a row of this layout, as wide as its header:
// every fixed column the layout has, the Contact ID cell (ContactIDCell),
// and GroupMark in the group columns of the contact's groups. repEmail maps
// a rep's user id to an email; reps it returns "" for are left out. Consent
// is written opted_in, opted_out or unknown. Values are written as stored:
// a CSV writer must itself defuse cells a spreadsheet would run as formulas.
func (l SheetLayout) Cells(c Contact, repEmail func(userID string) string) []string {
	row := make([]string, len(l.headers))
	vals := fixedCells(c.Input(), repEmail, false)
	vals[ContactIDColumn] = ContactIDCell(c.ID, c.Version)
	for i, v := range vals {
		if j := l.fixedIndex(i); j >= 0 {
			row[j] = v
		}
	}
	for _, g := range l.groups {
		if slices.Contains(c.Groups, g.GroupID) {
			row[g.Index] = GroupMark
		}
	}
	return row
}

// DiffContact lists the fields an update changes, old → new, in the
// spreadsheet's terms: Field is the column header ("Cell Phone", "Address
// Line 1") or, for group membership, the group's path with "" → "X" for a
// group joined and "X" → "" for one left. Account reps are written as
// emails joined by "; " (the id when repEmail knows no email); they change
// only when the set of reps does, not their order. Only changed fields, the
// fixed columns in template order then groups in tree order (ids the tree
// does not know last, by id).
func DiffContact(t GroupTree, old, new ContactInput, repEmail func(string) string) []ContactChange {
	var out []ContactChange
	ov, nv := fixedCells(old, repEmail, true), fixedCells(new, repEmail, true)
	const repsColumn = 16
	for i, c := range ContactColumns {
		if i == ContactIDColumn || ov[i] == nv[i] {
			continue
		}
		if i == repsColumn && sameSet(old.AccountReps, new.AccountReps) {
			continue
		}
		out = append(out, ContactChange{Field: c.Header, Old: ov[i], New: nv[i]})
	}
	var changed []string
	for _, id := range old.Groups {
		if !slices.Contains(new.Groups, id) && !slices.Contains(changed, id) {
			changed = append(changed, id)
		}
	}
	for _, id := range new.Groups {
		if !slices.Contains(old.Groups, id) && !slices.Contains(changed, id) {
			changed = append(changed, id)
		}
	}
	if len(changed) == 0 {
		return out
	}
	rank := make(map[string]int, len(changed))
	for i, g := range t.Groups() {
		rank[g.ID] = i
	}
	slices.SortFunc(changed, func(a, b string) int {
		ra, oka := rank[a]
		rb, okb := rank[b]
		switch {
		case oka && okb:
			return ra - rb
		case oka:
			return -1
		case okb:
			return 1
		}
		return strings.Compare(a, b)
	})
	for _, id := range changed {
		field := GroupPath(t, id)
		if field == "" {
			field = id
		}
		ch := ContactChange{Field: field, New: GroupMark}
		if slices.Contains(old.Groups, id) {
			ch = ContactChange{Field: field, Old: GroupMark}
		}
		out = append(out, ch)
	}
	return out
}

func sameSet(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			return false
		}
	}
	return true
}
