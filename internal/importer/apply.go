package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/roster-app/roster/internal/imports"
	"github.com/roster-app/roster/internal/roster"
)

// Applying writes the plan in batches and records after every few batches
// where it got to (the part and line to resume at, and the counts so far),
// renewing its lease. Every write is idempotent: a new contact's id was
// fixed by validation and its times by the apply request, so writing a
// batch again puts the same items; an update whose contact already has
// the reviewed version + 1 and the planned fields was written by an
// earlier attempt. A run that crashes is retried by Lambda and resumes at
// the last saved point; a run that nears its deadline saves, then writes
// the next job object, whose event starts a fresh invocation.

const (
	applyBatch = 100 // rows read and written together
	saveEvery  = 10  // batches between progress saves
)

// errPause stops reading the plan when this run's budget is spent.
var errPause = errors.New("pause")

// apply runs or resumes writing an import's plan.
func (w *Worker) apply(ctx context.Context, jk imports.Job) error {
	l := w.Log.With("orgId", jk.OrgID, "importId", jk.ImportID, "job", jk.N)
	imp, err := w.Store.Import(ctx, jk.OrgID, jk.ImportID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		l.WarnContext(ctx, "job for an unknown import; skipped")
		return nil
	} else if err != nil {
		return err
	}
	if imp.Status != roster.ImportApplying || imp.Leased(w.Now()) {
		l.InfoContext(ctx, "import not waiting to be applied; job skipped", "status", imp.Status)
		return nil
	}
	imp, ok, err := w.take(ctx, imp, roster.ImportApplying, applyLease)
	if !ok || err != nil {
		return err
	}
	org, err := w.Store.Organisation(ctx, imp.OrgID)
	if err != nil {
		return err
	}
	r := &applyRun{w: w, imp: imp, ctx: ctx, org: org}
	r.deadline, r.hasDeadline = ctx.Deadline()
	for r.imp.Progress.Part < r.imp.PlanParts {
		part := r.imp.Progress.Part
		err := readPlanPart(ctx, w.Uploads, imp.OrgID, imp.ID, part, r.imp.Progress.Line, r.line)
		if err == nil {
			err = r.flush(ctx)
		}
		if errors.Is(err, errPause) {
			return r.handOver(ctx, jk.N+1)
		}
		if roster.ErrorCodeOf(err) == roster.ENotFound {
			// The plan expired with the bucket's lifecycle (a week): nothing
			// can bring it back.
			return r.w.giveUp(ctx, r.imp)
		}
		if err != nil {
			return r.fail(ctx, err)
		}
		r.imp.Progress.Part, r.imp.Progress.Line = part+1, 0
		if err := r.saveProgress(ctx); err != nil {
			return r.fail(ctx, err)
		}
	}
	return r.complete(ctx)
}

type applyRun struct {
	w           *Worker
	imp         roster.ContactImport
	batch       []planLine
	next        int // the plan line after the batch
	batches     int
	rows        int // rows this run handled
	ctx         context.Context
	org         roster.Organisation
	deadline    time.Time
	hasDeadline bool
}

// line collects plan lines into batches.
func (r *applyRun) line(i int, l planLine) error {
	r.batch = append(r.batch, l)
	r.next = i + 1
	if len(r.batch) < applyBatch {
		return nil
	}
	return r.flush(r.ctx)
}

// flush writes the batch, saves progress now and then, and pauses when the
// run's budget is spent.
func (r *applyRun) flush(ctx context.Context) error {
	if len(r.batch) == 0 {
		return nil
	}
	if err := r.write(ctx, r.batch); err != nil {
		return err
	}
	r.rows += len(r.batch)
	r.batch = r.batch[:0]
	r.imp.Progress.Line = r.next
	if r.batches++; r.batches%saveEvery == 0 || r.spent() {
		if err := r.saveProgress(ctx); err != nil {
			return err
		}
	}
	if r.spent() {
		return errPause
	}
	return nil
}

func (r *applyRun) spent() bool {
	if r.w.ChunkRows > 0 && r.rows >= r.w.ChunkRows {
		return true
	}
	reserve := r.w.Reserve
	if reserve <= 0 {
		reserve = 90 * time.Second
	}
	return r.hasDeadline && time.Until(r.deadline) < reserve
}

// write applies one batch. A new contact is written unless its id exists
// (an earlier attempt wrote it; writing it again would undo edits made
// since) or its number was given to another contact since the review. An
// update is written while its contact is still at the reviewed version and
// a new number is still free; one already at the reviewed version + 1 with
// the planned fields was written by an earlier attempt. Everything else is
// skipped and counted.
func (r *applyRun) write(ctx context.Context, lines []planLine) error {
	st := r.w.Store
	ids := make([]string, 0, len(lines))
	for _, l := range lines {
		ids = append(ids, l.ID)
	}
	current, err := st.ContactsByID(ctx, r.imp.OrgID, ids)
	if err != nil {
		return err
	}
	var phones []string
	for _, l := range lines {
		if c, ok := current[l.ID]; !ok || c.Phone != l.Input.Phone {
			phones = append(phones, l.Input.Phone)
		}
	}
	owners := map[string]string{}
	if len(phones) > 0 {
		if owners, err = st.ContactIDsByPhone(ctx, r.imp.OrgID, phones); err != nil {
			return err
		}
	}
	takenByOther := func(l planLine) bool {
		owner, taken := owners[l.Input.Phone]
		return taken && owner != l.ID
	}
	at := r.imp.ApplyStartedAt
	writes := make([]roster.ContactWrite, 0, len(lines))
	var texts []roster.OutboundText
	for _, l := range lines {
		c, exists := current[l.ID]
		switch {
		case l.Op == opCreate && exists:
			// written by an earlier attempt, which may have stopped before
			// its welcome text was queued (queuing it again leaves one)
			if r.imp.SendWelcome && c.Version == 1 && c.Consent.Status == roster.ConsentOptedIn {
				texts = append(texts, roster.WelcomeText(r.org, c, at))
			}
		case l.Op == opCreate && takenByOther(l):
			r.imp.Progress.Skipped++
			continue
		case l.Op == opCreate:
			c := roster.NewContact(r.imp.OrgID, l.ID, l.Input, at)
			writes = append(writes, roster.ContactWrite{Contact: c})
			if r.imp.SendWelcome && c.Consent.Status == roster.ConsentOptedIn {
				texts = append(texts, roster.WelcomeText(r.org, c, at))
			}
		case exists && c.Version == l.Version && !takenByOther(l):
			w := roster.ContactWrite{Contact: c.Updated(l.Input, at), Previous: &c}
			if c.Phone != l.Input.Phone {
				w.ReleasePhone = c.Phone
			}
			writes = append(writes, w)
		case exists && c.Version == l.Version+1 && sameInput(c.Input(), l.Input):
			// written by an earlier attempt
		default:
			r.imp.Progress.Skipped++ // changed, deleted or its new number taken since the review
			continue
		}
		r.imp.Progress.Done++
	}
	if err := st.WriteContacts(ctx, writes); err != nil {
		return err
	}
	return st.QueueTexts(ctx, texts)
}

// sameInput compares two inputs as stored: an empty list and none are the
// same (storage keeps no empty lists).
func sameInput(a, b roster.ContactInput) bool {
	norm := func(in roster.ContactInput) ([]byte, error) {
		if len(in.AccountReps) == 0 {
			in.AccountReps = nil
		}
		if len(in.Groups) == 0 {
			in.Groups = nil
		}
		return json.Marshal(in)
	}
	x, errA := norm(a)
	y, errB := norm(b)
	return errA == nil && errB == nil && bytes.Equal(x, y)
}

// saveProgress records where the run is and renews its lease.
func (r *applyRun) saveProgress(ctx context.Context) error {
	r.imp.LeaseUntil = r.w.leaseFor(ctx, applyLease)
	return r.w.saveWith(ctx, &r.imp, "", nil)
}

// fail releases the import for the retried event. The progress it records
// is the last one saved: rows written since are written again, which puts
// the same items.
func (r *applyRun) fail(ctx context.Context, cause error) error {
	saved, err := r.w.Store.Import(ctx, r.imp.OrgID, r.imp.ID)
	if err != nil || saved.Version != r.imp.Version {
		return cause // someone else has it now, or storage is down: the lease runs out
	}
	return r.w.release(ctx, saved, cause)
}

// handOver releases the import and asks for a fresh invocation.
func (r *applyRun) handOver(ctx context.Context, n int) error {
	r.imp.LeaseUntil = time.Time{}
	if err := r.w.saveWith(ctx, &r.imp, "", nil); err != nil {
		return err
	}
	key := imports.JobKey(r.imp.OrgID, r.imp.ID, imports.StepApply, r.imp.Attempt, n)
	r.w.Log.InfoContext(ctx, "handing over to a fresh invocation", "orgId", r.imp.OrgID, "importId", r.imp.ID,
		"done", r.imp.Progress.Done, "total", r.imp.Progress.Total, "next", key)
	return r.w.Uploads.Signal(ctx, key)
}

// complete ends the import, with an audit event and the uploader's mail.
func (r *applyRun) complete(ctx context.Context) error {
	now := r.w.Now().UTC()
	r.imp.Status, r.imp.FinishedAt, r.imp.LeaseUntil = roster.ImportCompleted, now, time.Time{}
	p := r.imp.Progress
	actor := r.imp.AppliedBy
	if actor == "" {
		actor = r.imp.UploaderID
	}
	audit := &roster.AuditEvent{
		ID: roster.NewID(now), OrgID: r.imp.OrgID, ActorID: actor, Type: "contacts.imported", SubjectID: r.imp.ID, At: now,
		After: map[string]string{
			"mode": string(r.imp.Mode), "fileName": r.imp.FileName, "written": strconv.Itoa(p.Done), "skipped": strconv.Itoa(p.Skipped),
		},
	}
	r.w.Log.InfoContext(ctx, "import applied", "orgId", r.imp.OrgID, "importId", r.imp.ID, "done", p.Done, "skipped", p.Skipped)
	return r.w.saveWith(ctx, &r.imp, roster.MailImportCompleted, audit)
}
