package api

import (
	"context"
	"net/http"

	"github.com/roster-app/roster/internal/exports"
	"github.com/roster-app/roster/internal/roster"
)

// ExportView is a contact export as the API shows it.
type ExportView struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	Format      string `json:"format"`
	GroupID     string `json:"groupId,omitempty"`
	Rows        int    `json:"rows"`
	FileName    string `json:"fileName,omitempty"`
	DownloadURL string `json:"downloadUrl,omitempty"`
	Failure     string `json:"failure,omitempty"`
	CreatedAt   string `json:"createdAt"`
	FinishedAt  string `json:"finishedAt,omitempty"`
}

func viewExport(e roster.ContactExport, link string) ExportView {
	v := ExportView{ID: e.ID, Status: string(e.Status), Format: e.Format, GroupID: e.GroupID, Rows: e.Rows,
		FileName: e.FileName, DownloadURL: link, Failure: e.Failure, CreatedAt: rfc3339(e.CreatedAt)}
	if !e.FinishedAt.IsZero() {
		v.FinishedAt = rfc3339(e.FinishedAt)
	}
	return v
}

type startExportRequest struct {
	Format string `json:"format"`
	Group  string `json:"group"`
}

// StartExport is POST /contacts/exports: 202; the file is written in the
// background and the requester is emailed a link.
func StartExport(s *exports.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in startExportRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		e, err := s.Start(ctx, r.Caller, in.Format, in.Group)
		if err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusAccepted, Body: viewExport(e, ""), Headers: map[string]string{"Location": "/contacts/exports/" + e.ID}}, nil
	}
}

// GetExport is GET /contacts/exports/{id}, with a fresh download link once
// the file is written.
func GetExport(s *exports.Viewer) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		e, link, err := s.Get(ctx, r.Caller, r.PathParameters["id"])
		if err != nil {
			return Response{}, err
		}
		return Response{Body: viewExport(e, link)}, nil
	}
}
