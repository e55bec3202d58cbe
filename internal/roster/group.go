package roster

import (
	"context"
	"regexp"
	"strings"
	"sync"
)

var groupKindPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`) })

// GroupInput is what creating or changing a group may set; nil leaves a
// field as it is.
type GroupInput struct {
	Name     *string
	Kind     *string
	ParentID *string
}

// ValidateGroupInput normalises in and reports every bad field. On create
// (creating true) name, kind and parentId are required. Returns EInvalid.
func ValidateGroupInput(in *GroupInput, creating bool) error {
	var v Validation
	if in.Name != nil {
		*in.Name = strings.TrimSpace(*in.Name)
		checkName(&v, "name", *in.Name, true)
	} else if creating {
		v.Add("name", "is required")
	}
	if in.Kind != nil {
		*in.Kind = strings.ToLower(strings.TrimSpace(*in.Kind))
		switch {
		case *in.Kind == string(GroupRoot):
			v.Add("kind", "is reserved for the organisation's root group")
		case !groupKindPattern().MatchString(*in.Kind):
			v.Add("kind", "must be a word such as location, department, queue or team (lower case letters, digits, - and _, at most 32)")
		}
	} else if creating {
		v.Add("kind", "is required (location, department, queue, team, or your own)")
	}
	if in.ParentID != nil {
		*in.ParentID = strings.TrimSpace(*in.ParentID)
		if *in.ParentID == "" {
			v.Add("parentId", "must name a group; only the organisation's root has no parent")
		}
	} else if creating {
		v.Add("parentId", "is required")
	}
	return v.Err()
}

// GroupChange is one change to an organisation's group tree, made against
// the tree as it was read (TreeVersion). Tree changes are serialised on the
// organisation item: two concurrent moves could otherwise each pass the
// "not under its own descendant" check and make a cycle together.
type GroupChange struct {
	TreeVersion int64
	Put         *Group // create (Version 1) or replace (Version = stored + 1)
	Delete      *Group // delete at its Version
	Audit       AuditEvent
}

// GroupReader reads an organisation's groups.
type GroupReader interface {
	// TreeVersion returns ENotFound for an unknown organisation.
	TreeVersion(ctx context.Context, orgID string) (int64, error)
	Groups(ctx context.Context, orgID string) ([]Group, error)
	// UsersGrantedAt counts users of any status holding a role at one of
	// groups: the sum of each group's member count (a user with roles at two
	// of them counts twice; zero only when nobody holds a role at any).
	UsersGrantedAt(ctx context.Context, orgID string, groups []string) (int, error)
}

// GroupStore reads and changes an organisation's groups.
type GroupStore interface {
	GroupReader
	// ChangeGroups returns EConflict (tree_changed) when the tree or the
	// group changed since they were read.
	ChangeGroups(ctx context.Context, orgID string, c GroupChange) error
}
