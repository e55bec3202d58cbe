package roster

// LifecycleAction moves a user between statuses.
type LifecycleAction string

// Lifecycle actions, as the API names them.
const (
	Deactivate LifecycleAction = "deactivate" // access removed, history kept
	Activate   LifecycleAction = "activate"   // access back; a user never invited gets the invitation now
	Delete     LifecycleAction = "delete"     // soft: hidden from lists, email kept, can be undeleted
	Undelete   LifecycleAction = "undelete"   // back to the status before the delete
)

// NextStatus is the lifecycle as one table: the status a user in from moves
// to by a, with before the status they had when deleted. A move to the same
// status is allowed and changes nothing, so that a retried request succeeds.
// Returns EConflict (user_deleted, not_deleted).
func NextStatus(from UserStatus, a LifecycleAction, before UserStatus, hasPassword bool) (UserStatus, error) {
	deleted := WithReason(EConflict, "user_deleted", "the user is deleted; undelete them first")
	switch a {
	case Deactivate:
		if from == UserDeleted {
			return "", deleted
		}
		return UserDeactivated, nil
	case Activate:
		switch from {
		case UserDeleted:
			return "", deleted
		case UserDeactivated:
			if hasPassword {
				return UserActive, nil
			}
			return UserInvited, nil
		}
		return from, nil
	case Delete:
		return UserDeleted, nil
	case Undelete:
		if from != UserDeleted {
			return "", WithReason(EConflict, "not_deleted", "the user is not deleted")
		}
		if before == "" || before == UserDeleted {
			return UserDeactivated, nil
		}
		return before, nil
	}
	return "", Errorf(EInvalid, "unknown lifecycle action %q", a)
}

// ReducesAdmins reports whether moving a user from one status to another
// can take an active administrator away: such changes are checked against
// the last-administrator rule.
func ReducesAdmins(from, to UserStatus) bool {
	return from == UserActive && to != UserActive
}

// UserChange replaces a user, read at User.Version-1, with User. When
// AdminGuard is set the change also moves the organisation's admin guard on
// from that value: changes that may remove an administrator are serialised
// there, so that two of them cannot each leave the other as the last one.
type UserChange struct {
	User       User
	AdminGuard *int64
	Mail       *OutboxMail
	Audit      AuditEvent
	// CreditsEmpty makes the write conditional on the user holding no
	// credits, as the balance was read when the rule was checked.
	CreditsEmpty bool
	// AdminsDelta moves the organisation's count of active administrators
	// (AdminsDelta of the user before and after) in the same transaction.
	AdminsDelta int
}

// CountsAsAdmin reports whether u counts among the organisation's active
// administrators, the count the last-administrator rule reads.
func CountsAsAdmin(u User, t GroupTree) bool {
	return u.Status == UserActive && IsOrgAdmin(u.Grants, t)
}

// AdminsDelta is how replacing before with after moves the organisation's
// count of active administrators: -1, 0 or +1.
func AdminsDelta(before, after User, t GroupTree) int {
	b, a := CountsAsAdmin(before, t), CountsAsAdmin(after, t)
	switch {
	case a && !b:
		return 1
	case b && !a:
		return -1
	}
	return 0
}

// AdminCount is the organisation's count of active administrators, read
// with the guard that every change which may lower it moves on.
type AdminCount struct {
	Guard  int64
	Active int
}
