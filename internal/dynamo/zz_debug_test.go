package dynamo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/contacts"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/roster"
)

func TestZZDebug(t *testing.T) {
	ctx := context.Background()
	db, table := dynamotest.MustOpen(t)
	s := dynamo.NewStore(db, table)
	org, root, admin := newOrg("ann@acme.example")
	if err := s.CreateOrganisation(ctx, org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	svc := &contacts.Service{Store: s, Now: time.Now, Phone: func(raw, _ string) (string, error) { return "+1" + raw, nil }}
	c := roster.Caller{OrgID: org.ID, UserID: admin.ID, Grants: admin.Grants}
	if _, err := svc.Create(ctx, c, roster.ContactInput{FirstName: "A", LastName: "Doe", Phone: "2015550102", Groups: []string{root.ID}}); err != nil {
		t.Fatal(err)
	}
	_, err := svc.Create(ctx, c, roster.ContactInput{FirstName: "Dup", LastName: "Doe", Phone: "2015550102", Groups: []string{root.ID}})
	t.Log(err)
	out, err := db.Scan(ctx, &dynamodb.ScanInput{TableName: &table})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range out.Items {
		var b strings.Builder
		for k, v := range it {
			b.WriteString(k + "=")
			switch x := v.(type) {
			default:
				b.WriteString(strings.TrimPrefix(strings.TrimPrefix(
					strings.ReplaceAll(strings.ReplaceAll(func() string { return "" }(), "", ""), "", ""), ""), ""))
				_ = x
				b.WriteString("?")
			}
			b.WriteString(" ")
		}
		t.Logf("%#v", it["pk"])
		for k, v := range it {
			t.Logf("   %s: %T %+v", k, v, v)
		}
	}
	if _, err := s.Groups(ctx, org.ID); err != nil {
		t.Fatalf("after dup: %v", err)
	}
}
