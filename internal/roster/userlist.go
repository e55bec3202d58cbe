package roster

// UserPageQuery asks for one page of an organisation's users in name order
// (last name, first name, case-insensitive, then id), or with ByFirstName
// in first-name order (first name, last name, then id).
type UserPageQuery struct {
	// Statuses are read side by side and merged; at least one.
	Statuses []UserStatus
	// ByFirstName orders by first name, and Prefix applies to it.
	ByFirstName bool
	// Prefix keeps users whose last name (first name with ByFirstName)
	// starts with it, case-insensitive; "" keeps all.
	Prefix string
	// After is the cursor the previous page returned; "" starts at the top.
	After string
	Limit int
}

// UserPage is a page of users and the cursor of the next ("" at the end).
type UserPage struct {
	Users []User
	Next  string
}

// LiveStatuses are the statuses a user list shows unless asked for deleted users.
var LiveStatuses = []UserStatus{UserInvited, UserActive, UserDeactivated}

// AllStatuses are every status a user who was not purged can have.
var AllStatuses = []UserStatus{UserInvited, UserActive, UserDeactivated, UserDeleted}
