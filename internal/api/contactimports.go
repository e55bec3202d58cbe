package api

import (
	"context"
	"net/http"

	"github.com/roster-app/roster/internal/imports"
	"github.com/roster-app/roster/internal/roster"
)

// ImportView is a contact import as the API shows it.
type ImportView struct {
	ID             string             `json:"id"`
	Mode           string             `json:"mode"`
	Status         string             `json:"status"`
	Source         string             `json:"source"`
	FileName       string             `json:"fileName"`
	Format         string             `json:"format,omitempty"`
	UploaderID     string             `json:"uploaderId,omitempty"`
	Summary        ImportSummaryView  `json:"summary"`
	Progress       ImportProgressView `json:"progress"`
	Failure        *ImportFailureView `json:"failure,omitempty"`
	Errors         []ImportErrorView  `json:"errors"`
	Changes        []ImportChangeView `json:"changes"`
	ErrorReportURL string             `json:"errorReportUrl,omitempty"`
	SendWelcome    bool               `json:"sendWelcome"`
	CreatedAt      string             `json:"createdAt"`
	ReadyAt        string             `json:"readyAt,omitempty"`
	FinishedAt     string             `json:"finishedAt,omitempty"`
	Upload         *UploadRequestView `json:"upload,omitempty"`
}

// ImportSummaryView counts what the file does.
type ImportSummaryView struct {
	Rows      int `json:"rows"`
	New       int `json:"new"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Errors    int `json:"errors"`
	Conflicts int `json:"conflicts"`
}

// ImportProgressView says how far applying got.
type ImportProgressView struct {
	Done    int `json:"done"`
	Total   int `json:"total"`
	Skipped int `json:"skipped"`
}

// ImportFailureView is why a file could not be used.
type ImportFailureView struct {
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

// ImportErrorView is one refused row (Row as the spreadsheet numbers it).
type ImportErrorView struct {
	Row      int                 `json:"row"`
	Problems []roster.FieldError `json:"problems"`
}

// ImportChangeView is one contact an update changes.
type ImportChangeView struct {
	Row       int                    `json:"row"`
	ContactID string                 `json:"contactId"`
	Name      string                 `json:"name"`
	Changes   []roster.ContactChange `json:"changes"`
}

// UploadRequestView is where and how to upload the file.
type UploadRequestView struct {
	URL       string            `json:"url"`
	Method    string            `json:"method"`
	Headers   map[string]string `json:"headers"`
	ExpiresAt string            `json:"expiresAt"`
}

func viewImport(imp roster.ContactImport) ImportView {
	s, p := imp.Summary, imp.Progress
	v := ImportView{
		ID: imp.ID, Mode: string(imp.Mode), Status: string(imp.Status), Source: string(imp.Source), FileName: imp.FileName,
		Format: imp.Format, UploaderID: imp.UploaderID, SendWelcome: imp.SendWelcome,
		Summary:   ImportSummaryView{Rows: s.Rows, New: s.New, Updated: s.Updated, Unchanged: s.Unchanged, Errors: s.Errors, Conflicts: s.Conflicts},
		Progress:  ImportProgressView{Done: p.Done, Total: p.Total, Skipped: p.Skipped},
		Errors:    make([]ImportErrorView, 0, len(imp.SampleErrors)),
		Changes:   make([]ImportChangeView, 0, len(imp.SampleChanges)),
		CreatedAt: rfc3339(imp.CreatedAt),
	}
	if !imp.ReadyAt.IsZero() {
		v.ReadyAt = rfc3339(imp.ReadyAt)
	}
	if !imp.FinishedAt.IsZero() {
		v.FinishedAt = rfc3339(imp.FinishedAt)
	}
	if imp.Status == roster.ImportFailed {
		v.Failure = &ImportFailureView{Reason: imp.FailureReason, Message: imp.FailureMessage}
	}
	for _, e := range imp.SampleErrors {
		v.Errors = append(v.Errors, ImportErrorView{Row: e.Line, Problems: e.Problems})
	}
	for _, c := range imp.SampleChanges {
		v.Changes = append(v.Changes, ImportChangeView{Row: c.Line, ContactID: c.ContactID, Name: c.Name, Changes: c.Changes})
	}
	return v
}

type startImportRequest struct {
	Mode        string `json:"mode"`
	FileName    string `json:"fileName"`
	Size        int64  `json:"size"`
	ContentType string `json:"contentType"`
}

// StartImport is POST /contacts/imports: it returns the import and a URL
// to PUT the file to, bound to the announced size.
func StartImport(q *imports.Requests) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in startImportRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		st, err := q.Start(ctx, r.Caller, imports.NewImportInput{Mode: roster.ImportMode(in.Mode), FileName: in.FileName, Size: in.Size, ContentType: in.ContentType})
		if err != nil {
			return Response{}, err
		}
		v := viewImport(st.Import)
		v.Upload = &UploadRequestView{URL: st.Upload.URL, Method: st.Upload.Method, Headers: st.Upload.Headers, ExpiresAt: rfc3339(st.Upload.ExpiresAt)}
		return Response{Status: http.StatusCreated, Body: v, Headers: map[string]string{"Location": "/contacts/imports/" + st.Import.ID}}, nil
	}
}

// GetImport is GET /contacts/imports/{id}, with a fresh link to the error
// report.
func GetImport(q *imports.Viewer) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		imp, err := q.Get(ctx, r.Caller, r.PathParameters["id"])
		if err != nil {
			return Response{}, err
		}
		v := viewImport(imp)
		if v.ErrorReportURL, err = q.ErrorReportURL(ctx, imp); err != nil {
			return Response{}, err
		}
		return Response{Body: v}, nil
	}
}

type applyImportRequest struct {
	SendWelcome bool `json:"sendWelcome"`
}

// ApplyImport is POST /contacts/imports/{id}/apply: 202, the work goes on
// in the background; GET shows its progress.
func ApplyImport(q *imports.Requests) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in applyImportRequest
		if r.Body != "" {
			if err := DecodeJSON(r, &in); err != nil {
				return Response{}, err
			}
		}
		imp, err := q.Apply(ctx, r.Caller, r.PathParameters["id"], in.SendWelcome)
		if err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusAccepted, Body: viewImport(imp)}, nil
	}
}

// CancelImport is POST /contacts/imports/{id}/cancel.
func CancelImport(q *imports.Requests) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		imp, err := q.Cancel(ctx, r.Caller, r.PathParameters["id"])
		if err != nil {
			return Response{}, err
		}
		return Response{Body: viewImport(imp)}, nil
	}
}

// ContactTemplate is GET /contacts/template?format=xlsx|csv: the file
// itself, base64 in the Lambda response as API Gateway expects binaries.
// build makes the file (exporter.Templates.Make), kept behind a function so
// that the XLSX library is linked only into the function that serves it.
func ContactTemplate(build func(ctx context.Context, c roster.Caller, format string) (roster.SpreadsheetFile, error)) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		f, err := build(ctx, r.Caller, r.QueryStringParameters["format"])
		if err != nil {
			return Response{}, err
		}
		return Response{File: f.Body, Headers: map[string]string{
			"Content-Type": f.ContentType, "Content-Disposition": `attachment; filename="` + f.Name + `"`,
		}}, nil
	}
}
