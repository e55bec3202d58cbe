package api

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"time"

	"github.com/roster-app/roster/internal/orgs"
	"github.com/roster-app/roster/internal/roster"
)

type newOrgRequest struct {
	Name          string `json:"name"`
	DefaultRegion string `json:"defaultRegion"`
	TimeZone      string `json:"timeZone"`
	Admin         struct {
		Email     string `json:"email"`
		FirstName string `json:"firstName"`
		LastName  string `json:"lastName"`
		Password  string `json:"password"`
	} `json:"admin"`
}

// OrganisationView is an organisation as the API shows it.
type OrganisationView struct {
	ID            string   `json:"id"`
	Name          string   `json:"name"`
	DefaultRegion string   `json:"defaultRegion"`
	TimeZone      string   `json:"timeZone"`
	RootGroupID   string   `json:"rootGroupId"`
	CreatedAt     string   `json:"createdAt"`
	Admin         UserView `json:"admin"`
}

// OperatorKeyHeader carries the operator key on operator-only routes.
const OperatorKeyHeader = "X-Operator-Key"

// CreateOrg is POST /orgs, guarded by the operator key: the caller must send
// the key whose SHA-256 is operatorKeyHash (the key itself is never stored).
func CreateOrg(svc *orgs.Service, operatorKeyHash string) Operation {
	want, _ := hex.DecodeString(operatorKeyHash)
	return func(ctx context.Context, r *Request) (Response, error) {
		got := sha256.Sum256([]byte(r.Header(OperatorKeyHeader)))
		if len(want) != sha256.Size || r.Header(OperatorKeyHeader) == "" || subtle.ConstantTimeCompare(got[:], want) != 1 {
			return Response{}, roster.WithReason(roster.EUnauthorized, "invalid_operator_key", "send the operator key in the X-Operator-Key header")
		}
		var in newOrgRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		c, err := svc.Create(ctx, roster.NewOrganisationInput{
			Name: in.Name, DefaultRegion: in.DefaultRegion, TimeZone: in.TimeZone,
			Admin: roster.NewUserInput{Email: in.Admin.Email, FirstName: in.Admin.FirstName, LastName: in.Admin.LastName, Password: in.Admin.Password},
		})
		if err != nil {
			return Response{}, err
		}
		o := c.Organisation
		admin := roster.Caller{OrgID: o.ID, UserID: c.Admin.ID, Grants: c.Admin.Grants}
		return Response{Status: http.StatusCreated, Body: OrganisationView{
			ID: o.ID, Name: o.Name, DefaultRegion: o.DefaultRegion, TimeZone: o.TimeZone, RootGroupID: o.RootGroupID,
			CreatedAt: rfc3339(o.CreatedAt), Admin: viewUser(c.Admin, admin, time.Now()),
		}}, nil
	}
}
