package roster

import "strings"

// UpdateUserInput is what editing a user may change; nil leaves a field.
type UpdateUserInput struct {
	Email         *string
	FirstName     *string
	LastName      *string
	JobTitle      *string
	InternalTitle *string
	CellPhone     *string // "" removes it
	Roles         *[]Grant
}

// ValidateUpdateUser normalises in and reports every bad field. Returns EInvalid.
func ValidateUpdateUser(in *UpdateUserInput, phone func(string) (string, error)) error {
	var v Validation
	if in.Email != nil {
		e, err := NormaliseEmail(*in.Email)
		if err != nil {
			v.Add("email", err.Error())
		}
		*in.Email = e
	}
	for field, p := range map[string]*string{"firstName": in.FirstName, "lastName": in.LastName} {
		if p != nil {
			*p = strings.TrimSpace(*p)
			checkName(&v, field, *p, true)
		}
	}
	for field, p := range map[string]*string{"jobTitle": in.JobTitle, "internalTitle": in.InternalTitle} {
		if p != nil {
			*p = strings.TrimSpace(*p)
			checkName(&v, field, *p, false)
		}
	}
	if in.CellPhone != nil {
		if *in.CellPhone = strings.TrimSpace(*in.CellPhone); *in.CellPhone != "" {
			e164, err := phone(*in.CellPhone)
			if err != nil {
				v.Add("cellPhone", err.Error())
			}
			*in.CellPhone = e164
		}
	}
	if in.Roles != nil {
		if len(*in.Roles) == 0 {
			v.Add("roles", "must keep at least one role at a group; deactivate the user to remove their access")
		}
		for i, g := range *in.Roles {
			if !g.Role.Valid() {
				v.Add(indexed("roles", i, "role"), "must be admin, manager, agent or viewer")
			}
			if strings.TrimSpace(g.GroupID) == "" {
				v.Add(indexed("roles", i, "groupId"), "is required")
			}
		}
	}
	return v.Err()
}

// Apply returns u with the input's fields set, and the fields that changed
// as before/after text for the audit trail.
func (in UpdateUserInput) Apply(u User) (User, map[string]string, map[string]string) {
	before, after := map[string]string{}, map[string]string{}
	set := func(name string, dst *string, v *string) {
		if v != nil && *v != *dst {
			before[name], after[name] = *dst, *v
			*dst = *v
		}
	}
	set("email", &u.Email, in.Email)
	set("firstName", &u.FirstName, in.FirstName)
	set("lastName", &u.LastName, in.LastName)
	set("jobTitle", &u.JobTitle, in.JobTitle)
	set("internalTitle", &u.InternalTitle, in.InternalTitle)
	set("cellPhone", &u.CellPhone, in.CellPhone)
	if in.Roles != nil {
		var roles []Grant
		for _, g := range *in.Roles {
			if !containsGrant(roles, g) {
				roles = append(roles, g)
			}
		}
		if GrantsText(roles) != GrantsText(u.Grants) {
			before["roles"], after["roles"] = GrantsText(u.Grants), GrantsText(roles)
			u.Grants = roles
		}
	}
	return u, before, after
}

func containsGrant(gs []Grant, g Grant) bool {
	for _, x := range gs {
		if x == g {
			return true
		}
	}
	return false
}

// GrantsText is grants as "role@group,…", for audit events.
func GrantsText(gs []Grant) string {
	parts := make([]string, len(gs))
	for i, g := range gs {
		parts[i] = string(g.Role) + "@" + g.GroupID
	}
	return strings.Join(parts, ",")
}

// Mail kinds of an email change: both addresses are told.
const (
	MailEmailChangedOld MailKind = "email_changed_old"
	MailEmailChangedNew MailKind = "email_changed_new"
)
