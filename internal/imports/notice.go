package imports

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// NoticeStore is what addressing an import's notices needs from storage.
type NoticeStore interface {
	roster.GroupLister
	UsersByName(ctx context.Context, orgID string, q roster.UserPageQuery, keep func(roster.User) bool) (roster.UserPage, error)
}

// maxNoticeAdmins bounds the administrators told about a dropped file: the
// mails go in the import's transaction, which holds at most 100 writes.
const maxNoticeAdmins = 50

// NoticeMails addresses a notice of kind about imp: to the uploader, or for
// a dropped file to every active administrator of the organisation (up to
// 50). No kind, no mail.
func NoticeMails(ctx context.Context, store NoticeStore, imp roster.ContactImport, kind roster.MailKind, now time.Time) ([]roster.OutboxMail, error) {
	if kind == "" {
		return nil, nil
	}
	var to []string
	if imp.Source == roster.UploadDropped || imp.UploaderID == "" {
		tree, err := roster.LoadGroupTree(ctx, store, imp.OrgID)
		if err != nil {
			return nil, err
		}
		// The active users in pages of 100 until enough administrators are
		// found: this background job, a few times a day at most, may read
		// every active user of an organisation with fewer administrators.
		admin := func(u roster.User) bool { return roster.IsOrgAdmin(u.Grants, tree) }
		q := roster.UserPageQuery{Statuses: []roster.UserStatus{roster.UserActive}, Limit: 100}
		for {
			page, err := store.UsersByName(ctx, imp.OrgID, q, admin)
			if err != nil {
				return nil, err
			}
			for _, u := range page.Users {
				if len(to) < maxNoticeAdmins {
					to = append(to, u.ID)
				}
			}
			if q.After = page.Next; q.After == "" || len(to) == maxNoticeAdmins {
				break
			}
		}
	} else {
		to = []string{imp.UploaderID}
	}
	mails := make([]roster.OutboxMail, 0, len(to))
	for _, userID := range to {
		mails = append(mails, roster.OutboxMail{
			ID: roster.NewID(now), Kind: kind, OrgID: imp.OrgID, UserID: userID, NextAttemptAt: now, CreatedAt: now,
			Data: map[string]string{"importId": imp.ID},
		})
	}
	return mails, nil
}

// DroppedUploadID is the id of a file dropped into incoming/: it has no
// import id yet, so one is derived from the object's key and version, and a
// redelivered event finds the same upload.
func DroppedUploadID(key, etag string) string {
	sum := sha256.Sum256([]byte(key + "\x00" + etag))
	return hex.EncodeToString(sum[:13])
}

// GiveUpMessage tells the uploader why imp was given up and what was
// written.
func GiveUpMessage(imp roster.ContactImport) string {
	if imp.Status == roster.ImportApplying {
		return fmt.Sprintf("Applying stopped several times, so it was given up after %d of %d rows were written. "+
			"Export the contacts to see where they are, and upload the rest again.", imp.Progress.Done, imp.Progress.Total)
	}
	return "Checking the file stopped several times, so it was given up. Nothing was written. Upload the file again; if this happens again, tell support."
}
