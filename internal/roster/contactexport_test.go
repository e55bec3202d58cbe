package roster

import (
	"testing"
	"time"
)

func TestContactExportStalled(t *testing.T) {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		e    ContactExport
		want bool
	}{
		{"running within its lease", ContactExport{Status: ExportRunning, LeaseUntil: now.Add(time.Minute)}, false},
		{"running, lease ended but a retry may still come", ContactExport{Status: ExportRunning, LeaseUntil: now.Add(-ExportRetryWindow + time.Second)}, false},
		{"running, lease ended past the retry window", ContactExport{Status: ExportRunning, LeaseUntil: now.Add(-ExportRetryWindow)}, true},
		{"queued recently", ContactExport{Status: ExportQueued, UpdatedAt: now.Add(-time.Minute)}, false},
		{"queued and never taken", ContactExport{Status: ExportQueued, UpdatedAt: now.Add(-ExportRetryWindow)}, true},
		{"completed long ago", ContactExport{Status: ExportCompleted, UpdatedAt: now.Add(-time.Hour)}, false},
		{"failed long ago", ContactExport{Status: ExportFailed, UpdatedAt: now.Add(-time.Hour)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.e.Stalled(now); got != tt.want {
				t.Fatalf("Stalled = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestContactExportFail(t *testing.T) {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	e := ContactExport{ID: "e1", OrgID: "o1", RequestedBy: "u1", Status: ExportRunning, LeaseUntil: now.Add(time.Minute), Version: 4}
	e.Fail(ExportAbandoned, now)
	if e.Status != ExportFailed || e.Failure != ExportAbandoned || !e.LeaseUntil.IsZero() || !e.FinishedAt.Equal(now) || e.Version != 5 || e.Active() {
		t.Fatalf("failed export: %+v", e)
	}
	m := ExportFailedMail(e, now)
	if m.Kind != MailExportFailed || m.UserID != "u1" || m.OrgID != "o1" || m.Data["exportId"] != "e1" || m.Data["reason"] != ExportAbandoned {
		t.Fatalf("mail: %+v", m)
	}
}
