package imports

import (
	"fmt"
	"strconv"
	"strings"
)

// Objects the pipeline keeps in the upload bucket, next to the uploads
// (incoming/… and imports/…, see roster.ParseUploadKey). The bucket's
// lifecycle rule removes all of them after a week.
//
//	work/<org>/<import>/plan-<part>.jsonl.gz  the checked rows, ready to write
//	work/<org>/<import>/errors.csv            the rows refused, with an Errors column
//	jobs/<org>/<import>/<step>-<attempt>-<n>  a request to run step (validate, apply); its
//	                                          ObjectCreated event starts a worker

// PlanKey is where validation writes part of an import's plan.
func PlanKey(orgID, importID string, part int) string {
	return fmt.Sprintf("work/%s/%s/plan-%05d.jsonl.gz", orgID, importID, part)
}

// ErrorReportKey is where validation writes the refused rows.
func ErrorReportKey(orgID, importID string) string {
	return fmt.Sprintf("work/%s/%s/errors.csv", orgID, importID)
}

// JobKey is the object whose creation asks a worker to run step for an
// import. Every request has its own key, so S3 sends an event for each.
func JobKey(orgID, importID, step string, attempt, n int) string {
	return fmt.Sprintf("jobs/%s/%s/%s-%d-%d", orgID, importID, step, attempt, n)
}

// Job is a parsed JobKey.
type Job struct {
	OrgID, ImportID, Step string
	N                     int
}

// ParseJobKey reads a JobKey; ok is false for other keys.
func ParseJobKey(k string) (Job, bool) {
	parts := strings.Split(k, "/")
	if len(parts) != 4 || parts[0] != "jobs" || parts[1] == "" || parts[2] == "" {
		return Job{}, false
	}
	step, rest, ok := strings.Cut(parts[3], "-")
	if !ok || (step != StepApply && step != StepValidate) {
		return Job{}, false
	}
	_, n, ok := strings.Cut(rest, "-")
	if !ok {
		return Job{}, false
	}
	num, err := strconv.Atoi(n)
	if err != nil || num < 0 {
		return Job{}, false
	}
	return Job{OrgID: parts[1], ImportID: parts[2], Step: step, N: num}, true
}

// Job steps: StepValidate checks an import's file again (its first check
// stopped), StepApply writes a reviewed import.
const (
	StepValidate = "validate"
	StepApply    = "apply"
)
