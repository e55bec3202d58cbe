package conversations_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/roster"
)

// listSpy is a ReadStore that records the inbox query it is asked.
type listSpy struct {
	groups []roster.Group
	got    roster.ConversationList
}

func (s *listSpy) Groups(context.Context, string) ([]roster.Group, error) { return s.groups, nil }
func (s *listSpy) Conversation(context.Context, string, string) (roster.Conversation, error) {
	return roster.Conversation{}, roster.Errorf(roster.ENotFound, "no")
}
func (s *listSpy) Messages(context.Context, string, string, string, int) ([]roster.Message, string, error) {
	return nil, "", nil
}
func (s *listSpy) ListConversations(_ context.Context, _ string, q roster.ConversationList) ([]roster.Conversation, string, error) {
	s.got = q
	return nil, "", nil
}

func TestInboxReadsPerGroupKeysOnlyForAFewGroups(t *testing.T) {
	// root → r0..r5, each with two departments: 19 groups.
	const org = "o"
	groups := []roster.Group{{ID: "root", OrgID: org, Name: "Root", Kind: roster.GroupRoot}}
	for i := range 6 {
		loc := fmt.Sprint("r", i)
		groups = append(groups, roster.Group{ID: loc, OrgID: org, Name: loc, Kind: roster.GroupLocation, ParentID: "root"})
		for j := range 2 {
			d := fmt.Sprint(loc, "d", j)
			groups = append(groups, roster.Group{ID: d, OrgID: org, Name: d, Kind: roster.GroupDepartment, ParentID: loc})
		}
	}
	caller := func(role roster.Role, at ...string) roster.Caller {
		c := roster.Caller{OrgID: org, UserID: "u"}
		for _, g := range at {
			c.Grants = append(c.Grants, roster.Grant{Role: role, GroupID: g})
		}
		return c
	}
	cases := []struct {
		name       string
		c          roster.Caller
		f          conversations.ListFilter
		wantGroups []string // nil: the organisation's partitions
		keeps      string   // a group whose conversations Keep must keep
		drops      string   // and one it must drop ("" for none)
	}{
		{"an admin reads the organisation's", caller(roster.RoleAdmin, "root"), conversations.ListFilter{}, nil, "r3d1", ""},
		{"an agent at one location reads its three groups", caller(roster.RoleAgent, "r1"), conversations.ListFilter{}, []string{"r1", "r1d0", "r1d1"}, "r1d0", "r2"},
		{"unclaimed at three locations: nine groups, one key each", caller(roster.RoleAgent, "r0", "r1", "r2"), conversations.ListFilter{Filter: roster.FilterUnclaimed},
			[]string{"r0", "r0d0", "r0d1", "r1", "r1d0", "r1d1", "r2", "r2d0", "r2d1"}, "r2d1", "r3"},
		{"all at three locations: too many keys, the organisation's with reach", caller(roster.RoleAgent, "r0", "r1", "r2"), conversations.ListFilter{}, nil, "r2d1", "r3"},
		{"an admin's group filter reads that group's keys", caller(roster.RoleAdmin, "root"), conversations.ListFilter{Group: "r4"}, []string{"r4", "r4d0", "r4d1"}, "r4", "r5"},
		{"mine reads the claimer's key with reach", caller(roster.RoleAgent, "r1"), conversations.ListFilter{Filter: roster.FilterMine}, nil, "r1", "r2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			spy := &listSpy{groups: groups}
			if _, _, err := (&conversations.Reader{Store: spy}).List(context.Background(), tc.c, tc.f); err != nil {
				t.Fatal(err)
			}
			got := spy.got
			if !slices.Equal(got.Groups, tc.wantGroups) || (got.Groups == nil) != (tc.wantGroups == nil) {
				t.Fatalf("groups %v, want %v", got.Groups, tc.wantGroups)
			}
			if got.Keep == nil || !got.Keep(roster.Conversation{GroupID: tc.keeps}) || tc.drops != "" && got.Keep(roster.Conversation{GroupID: tc.drops}) {
				t.Fatal("Keep does not follow reach")
			}
			if tc.f.Filter == roster.FilterMine && got.UserID != "u" {
				t.Fatalf("mine for %q", got.UserID)
			}
		})
	}
}
