package roster

import (
	"slices"
	"strings"
)

// ContactQuery selects a page of an organisation's contacts. Zero fields do
// not filter. Storage picks an index from the filters (an email, a name
// prefix, an account rep, the groups) and applies the rest while it reads;
// pages come in id (creation) order, except that a name prefix gives them
// in the order of the name that matched.
type ContactQuery struct {
	NamePrefix string   // case-insensitive prefix of the first name, the last name or "first last"
	Phone      string   // "+…": exactly this E.164 number; otherwise digits the number ends with
	Email      string   // exactly this (normalised) email
	GroupIDs   []string // in any of these groups (already expanded to subtrees)
	AccountRep string   // with this user among the account reps
	// VisibleGroups, when not nil, are the groups where the caller may view
	// contacts (their reach): only contacts in one of them are shown. Storage
	// reads by them; Visible checks the same contact by contact.
	VisibleGroups []string
	Visible       func(Contact) bool
	Limit         int    // at most this many; 0 means no limit
	After         string // the cursor of the previous page, as storage returned it (opaque)
}

// Matches reports whether ct passes every filter of q (not Limit or After).
func (q ContactQuery) Matches(ct Contact) bool {
	if q.NamePrefix != "" {
		p := strings.ToLower(q.NamePrefix)
		first, last := strings.ToLower(ct.FirstName), strings.ToLower(ct.LastName)
		if !strings.HasPrefix(first, p) && !strings.HasPrefix(last, p) && !strings.HasPrefix(first+" "+last, p) {
			return false
		}
	}
	if q.Phone != "" {
		if strings.HasPrefix(q.Phone, "+") {
			if ct.Phone != q.Phone {
				return false
			}
		} else if !strings.HasSuffix(ct.Phone, q.Phone) {
			return false
		}
	}
	if q.Email != "" && ct.Email != q.Email {
		return false
	}
	if len(q.GroupIDs) > 0 && !slices.ContainsFunc(ct.Groups, func(g string) bool { return slices.Contains(q.GroupIDs, g) }) {
		return false
	}
	if q.AccountRep != "" && !slices.Contains(ct.AccountReps, q.AccountRep) {
		return false
	}
	if q.VisibleGroups != nil && !slices.ContainsFunc(ct.Groups, func(g string) bool { return slices.Contains(q.VisibleGroups, g) }) {
		return false
	}
	return q.Visible == nil || q.Visible(ct)
}
