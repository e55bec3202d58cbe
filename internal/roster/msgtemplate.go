package roster

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// MessageTemplate is a reply text a user can pick, kept at the organisation
// (GroupID "") or at a group.
type MessageTemplate struct {
	ID        string
	OrgID     string
	GroupID   string // "" for an organisation-level template
	Name      string
	Body      string // may hold TemplatePlaceholders
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
	CreatedBy string // user id
}

// Limits of templates and favourites.
const (
	MaxTemplateNameLength = 100  // characters
	MaxTemplateBodyLength = 1600 // characters: ten SMS segments
	MaxFavoriteTemplates  = 50
)

// TemplatePlaceholders are the {{…}} names a template body may use.
var TemplatePlaceholders = []string{"firstName", "lastName", "company", "userFirstName"}

var placeholder = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}`) })

// ValidateTemplate trims name and checks name and body. Returns EInvalid
// naming "name" and "body": empty, too long, a refused character (textrules.go),
// an unknown or unclosed placeholder.
func ValidateTemplate(name *string, body string) error {
	var v Validation
	*name = strings.TrimSpace(*name)
	switch n := utf8.RuneCountInString(*name); {
	case n == 0:
		v.Add("name", "a name is required")
	case !utf8.ValidString(*name):
		v.Add("name", "must be valid UTF-8")
	case n > MaxTemplateNameLength:
		v.Add("name", fmt.Sprintf("is %d characters; the limit is %d", n, MaxTemplateNameLength))
	case badLineChars(*name):
		v.Add("name", lineCharsMessage)
	}
	switch n := utf8.RuneCountInString(body); {
	case strings.TrimSpace(body) == "":
		v.Add("body", "a body is required")
	case !utf8.ValidString(body):
		v.Add("body", "must be valid UTF-8")
	case n > MaxTemplateBodyLength:
		v.Add("body", fmt.Sprintf("the template is over the size limit: %d characters, at most %d", n, MaxTemplateBodyLength))
	case badTextChars(body):
		v.Add("body", longTextCharsMessage)
	default:
		if msg := checkPlaceholders(body); msg != "" {
			v.Add("body", msg)
		}
	}
	return v.Err()
}

func checkPlaceholders(body string) string {
	for _, m := range placeholder().FindAllStringSubmatch(body, -1) {
		if !slices.Contains(TemplatePlaceholders, m[1]) {
			return fmt.Sprintf("unknown placeholder %s: use {{%s}}", m[0], strings.Join(TemplatePlaceholders, "}}, {{"))
		}
	}
	if rest := placeholder().ReplaceAllString(body, ""); strings.Contains(rest, "{{") || strings.Contains(rest, "}}") {
		return "a placeholder is not closed: write it as {{firstName}}"
	}
	return ""
}

// Render fills t's placeholders for a message to contact written by user.
func Render(t MessageTemplate, contact Contact, user User) string {
	return placeholder().ReplaceAllStringFunc(t.Body, func(m string) string {
		switch placeholder().FindStringSubmatch(m)[1] {
		case "firstName":
			return contact.FirstName
		case "lastName":
			return contact.LastName
		case "company":
			return contact.Company
		case "userFirstName":
			return user.FirstName
		}
		return m
	})
}

// templateGroup is where a template sits in the tree: its group, or the
// root for an organisation-level template.
func templateGroup(t GroupTree, m MessageTemplate) string {
	if m.GroupID == "" {
		return t.root
	}
	return m.GroupID
}

// CanReadTemplate reports whether c may read m: every user of the
// organisation reads its organisation-level templates; a group's templates
// are read by users holding any role at that group, above it or below it
// (a template of a location serves its departments too). A template whose
// group was deleted is read by organisation administrators only.
func CanReadTemplate(c Caller, t GroupTree, m MessageTemplate) bool {
	if m.OrgID != c.OrgID || !t.serves(c.OrgID) {
		return false
	}
	if m.GroupID == "" {
		return true
	}
	if !t.known(m.GroupID) {
		return IsOrgAdmin(c.Grants, t)
	}
	if Allowed(c, t, ActViewGroups, m.GroupID) {
		return true
	}
	p := permissions[ActViewGroups]
	for _, g := range c.Grants {
		if p.permits(g.Role) && t.Within(g.GroupID, m.GroupID) {
			return true
		}
	}
	return false
}

// RequireManageTemplate says whether c may create, edit or delete m: the
// manager or admin role at its group or above (at the root for an
// organisation-level template; an organisation administrator for one whose
// group was deleted). Returns nil or EForbidden.
func RequireManageTemplate(c Caller, t GroupTree, m MessageTemplate) error {
	if m.GroupID != "" && !t.known(m.GroupID) && IsOrgAdmin(c.Grants, t) && t.serves(c.OrgID) {
		return nil
	}
	return Require(c, t, ActManageSettings, templateGroup(t, m))
}

// TemplateAppliesAt reports whether m serves conversations of group: it is
// organisation-level, or at group or above it.
func TemplateAppliesAt(t GroupTree, m MessageTemplate, group string) bool {
	return m.GroupID == "" || t.Within(group, m.GroupID)
}
