package functions_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/roster-app/roster/internal/samtemplate"
)

// updatePolicies rewrites every function's Policies in template.yaml from
// what its code calls: go test ./functions/ -run TestPoliciesAreWhatTheCodeCalls -update-policies
var updatePolicies = flag.Bool("update-policies", false, "rewrite the Policies of template.yaml's functions from their code")

// sdkActions maps an SDK operation to the IAM actions it needs. A
// transaction needs the actions of the items it contains; those are added
// from the input fields the code sets (transactFields).
var sdkActions = map[string][]string{
	"dynamodb.GetItem":                   {"dynamodb:GetItem"},
	"dynamodb.PutItem":                   {"dynamodb:PutItem"},
	"dynamodb.UpdateItem":                {"dynamodb:UpdateItem"},
	"dynamodb.DeleteItem":                {"dynamodb:DeleteItem"},
	"dynamodb.Query":                     {"dynamodb:Query"},
	"dynamodb.Scan":                      {"dynamodb:Scan"},
	"dynamodb.BatchGetItem":              {"dynamodb:BatchGetItem"},
	"dynamodb.BatchWriteItem":            {"dynamodb:BatchWriteItem"},
	"dynamodb.TransactGetItems":          {"dynamodb:GetItem"},
	"dynamodb.TransactWriteItems":        {},
	"s3.GetObject":                       {"s3:GetObject"},
	"s3.HeadObject":                      {"s3:GetObject"},
	"s3.PutObject":                       {"s3:PutObject"},
	"s3.DeleteObject":                    {"s3:DeleteObject"},
	"s3.ListObjectsV2":                   {"s3:ListBucket"},
	"s3.PresignGetObject":                {"s3:GetObject"},
	"s3.PresignPutObject":                {"s3:PutObject"},
	"ses.SendEmail":                      {"ses:SendEmail"},
	"ses.SendRawEmail":                   {"ses:SendRawEmail"},
	"ssm.GetParameter":                   {"ssm:GetParameter"},
	"pinpointsmsvoicev2.SendTextMessage": {"sms-voice:SendTextMessage"},
}

// transactFields: setting one of these fields of a TransactWriteItem makes
// the transaction need the action.
var transactFields = map[string]string{
	"dynamodb/types.TransactWriteItem.Put":            "dynamodb:PutItem",
	"dynamodb/types.TransactWriteItem.Update":         "dynamodb:UpdateItem",
	"dynamodb/types.TransactWriteItem.Delete":         "dynamodb:DeleteItem",
	"dynamodb/types.TransactWriteItem.ConditionCheck": "dynamodb:ConditionCheckItem",
}

// s3Keys is where each function's S3 calls go: function, then action, then
// bucket logical id, then key prefixes. The keys are built in code that the
// analysis cannot evaluate, so they are written down here, next to where
// each is made; the test checks that the actions are the ones the code
// calls and that the template grants them on these prefixes only.
var s3Keys = map[string]map[string]map[string][]string{
	// imports.Requests.Start presigns a PUT of imports/<org>/<import>/<file>.
	"StartContactImport": {"s3:PutObject": {"UploadBucket": {"imports/"}}},
	// imports.Requests.Get presigns a GET of the error report, imports.ErrorReportKey.
	"GetContactImport": {"s3:GetObject": {"UploadBucket": {"work/"}}},
	// imports.Requests.Apply signals imports.JobKey.
	"ApplyContactImport": {"s3:PutObject": {"UploadBucket": {"jobs/"}}},
	// imports.Resumer signals imports.JobKey.
	"ResumeImports": {"s3:PutObject": {"UploadBucket": {"jobs/"}}},
	// importer.Worker heads and reads the uploaded file (roster.ParseUploadKey:
	// incoming/ and imports/) and the plan parts (imports.PlanKey); writes the
	// plan and the error report (work/) and signals its next step (jobs/).
	"ImportContacts": {
		"s3:GetObject": {"UploadBucket": {"incoming/", "imports/", "work/"}},
		"s3:PutObject": {"UploadBucket": {"work/", "jobs/"}},
	},
	// exports.Service.Start signals exports.RequestKey.
	"StartContactExport": {"s3:PutObject": {"ExportBucket": {"requests/"}}},
	// exports.Service.Get presigns a GET of exports/<org>/<export>/<file>.
	"GetContactExport": {"s3:GetObject": {"ExportBucket": {"exports/"}}},
	// exporter.Worker writes exports/<org>/<export>/<file> and presigns its GET.
	"ExportContacts": {
		"s3:GetObject": {"ExportBucket": {"exports/"}},
		"s3:PutObject": {"ExportBucket": {"exports/"}},
	},
	// consolepub.Publisher writes every file of web/dist, keys as in the
	// folder (index.html, assets/...), and on Delete lists and deletes
	// every object of the bucket.
	"PublishConsole": {
		"s3:PutObject":    {"ConsoleBucket": {""}},
		"s3:ListBucket":   {"ConsoleBucket": {""}},
		"s3:DeleteObject": {"ConsoleBucket": {""}},
	},
}

// Resources as the template writes them.
const (
	tableARN    = `!GetAtt Table.Arn`
	indexesARN  = `!Sub "${Table.Arn}/index/*"`
	identityARN = `!Sub "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/*"`
	fromSender  = `{StringEquals: {"ses:FromAddress": !Ref SenderAddress}}`
	// SendTextMessage is authorised on the origination identity (phone
	// number, pool, sender id), the opt-out list and the configuration set
	// it uses. Organisations choose their identity at run time (PUT
	// /org/texting), so the grant is every End User Messaging SMS resource
	// of the account in the region, and nothing else.
	smsARN = `!Sub "arn:${AWS::Partition}:sms-voice:${AWS::Region}:${AWS::AccountId}:*"`
)

// statement is one Allow statement as the template writes it.
type statement struct {
	actions   []string
	resource  string // YAML, as in the constants above
	condition string // YAML flow mapping, or ""
}

func (s statement) yaml() string {
	line := fmt.Sprintf("- {Effect: Allow, Action: [%s], Resource: %s", strings.Join(s.actions, ", "), s.resource)
	if s.condition != "" {
		line += ", Condition: " + s.condition
	}
	return line + "}"
}

// wantStatements derives a function's statements from what its code calls.
func wantStatements(fn *samtemplate.Function, use awsUse, buckets map[string]string) ([]statement, []string) {
	var problems []string
	byResource := map[string]map[string]bool{}
	grant := func(resource, action string) {
		if byResource[resource] == nil {
			byResource[resource] = map[string]bool{}
		}
		byResource[resource][action] = true
	}
	s3Actions := map[string]bool{}
	for _, op := range slices.Sorted(maps.Keys(use.Ops)) {
		actions, ok := sdkActions[op]
		if !ok {
			problems = append(problems, fmt.Sprintf("calls %s, which sdkActions in functions/policies_test.go does not map to IAM actions; add it", op))
			continue
		}
		for _, a := range actions {
			switch service, _, _ := strings.Cut(a, ":"); service {
			case "dynamodb":
				grant(tableARN, a)
				if a == "dynamodb:Query" && use.Fields["dynamodb.QueryInput.IndexName"] || a == "dynamodb:Scan" && use.Fields["dynamodb.ScanInput.IndexName"] {
					grant(indexesARN, a)
				}
			case "s3":
				s3Actions[a] = true
			case "ses":
				grant(identityARN, a)
			case "sms-voice":
				grant(smsARN, a)
			case "ssm":
				// A secret's parameter is named by an environment variable
				// <NAME>_PARAMETER: !Ref <TemplateParameter> (secrets_test.go
				// holds that shape); the grant is on exactly those.
				n := 0
				for _, name := range slices.Sorted(maps.Keys(fn.RawEnv)) {
					if v := fn.RawEnv[name]; strings.HasSuffix(name, "_PARAMETER") && v.Tag == "!Ref" {
						grant(fmt.Sprintf(`!Sub "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${%s}"`, v.Value), a)
						n++
					}
				}
				if n == 0 {
					problems = append(problems, fmt.Sprintf("calls %s but has no <NAME>_PARAMETER: !Ref <Parameter> environment variable naming what it reads", op))
				}
			default:
				problems = append(problems, fmt.Sprintf("calls %s (%s), a service wantStatements in functions/policies_test.go has no resource for; add one", op, a))
			}
		}
	}
	if use.Ops["dynamodb.TransactWriteItems"] {
		for field, a := range transactFields {
			if use.Fields[field] {
				grant(tableARN, a)
			}
		}
	}
	declared := s3Keys[fn.LogicalID]
	for _, a := range slices.Sorted(maps.Keys(s3Actions)) {
		if declared[a] == nil {
			problems = append(problems, fmt.Sprintf("calls %s but s3Keys in functions/policies_test.go says on which bucket and prefixes; add it", a))
		}
	}
	for a, perBucket := range declared {
		if !s3Actions[a] {
			problems = append(problems, fmt.Sprintf("s3Keys gives it %s, which its code does not call; remove it from s3Keys", a))
			continue
		}
		for bucket, prefixes := range perBucket {
			name, ok := buckets[bucket]
			if !ok {
				problems = append(problems, fmt.Sprintf("s3Keys names bucket %s, which template.yaml does not have", bucket))
				continue
			}
			// ListBucket is an action on the bucket, not on objects;
			// only a listing of the whole bucket is supported here (a
			// prefix would be an s3:prefix condition).
			if a == "s3:ListBucket" {
				if !slices.Equal(prefixes, []string{""}) {
					problems = append(problems, fmt.Sprintf("s3Keys lists %s under prefixes %q; only the whole bucket (\"\") is supported for s3:ListBucket", bucket, prefixes))
					continue
				}
				grant(fmt.Sprintf(`!Sub "arn:${AWS::Partition}:s3:::%s"`, name), a)
				continue
			}
			for _, p := range prefixes {
				grant(fmt.Sprintf(`!Sub "arn:${AWS::Partition}:s3:::%s/%s*"`, name, p), a)
			}
		}
	}
	var out []statement
	for _, r := range slices.Sorted(maps.Keys(byResource)) {
		st := statement{actions: slices.Sorted(maps.Keys(byResource[r])), resource: r}
		if r == identityARN {
			st.condition = fromSender
		}
		out = append(out, st)
	}
	// The table first, then its indexes, then S3, then SES, then SSM.
	order := func(s statement) int {
		switch {
		case s.resource == tableARN:
			return 0
		case s.resource == indexesARN:
			return 1
		case strings.Contains(s.resource, ":s3:::"):
			return 2
		case strings.Contains(s.resource, ":ssm:"):
			return 4
		}
		return 3
	}
	slices.SortStableFunc(out, func(a, b statement) int { return order(a) - order(b) })
	return out, problems
}

// bucketNames are the buckets' BucketName as written (the !Sub string
// without its tag), which functions spell out instead of !Ref (see the
// comment above UploadBucket in template.yaml).
func bucketNames(t *testing.T, root string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Resources map[string]struct {
			Type       string `yaml:"Type"`
			Properties struct {
				BucketName yaml.Node `yaml:"BucketName"`
			} `yaml:"Properties"`
		} `yaml:"Resources"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for id, r := range doc.Resources {
		if r.Type == "AWS::S3::Bucket" {
			if n := r.Properties.BucketName; n.Tag != "!Sub" {
				t.Fatalf("%s: BucketName must be a !Sub string", id)
			} else {
				out[id] = n.Value
			}
		}
	}
	return out
}

// grantSet flattens statements into "action on resource [if condition]"
// with intrinsics resolved.
func grantSet(tmpl *samtemplate.Template, policies *yaml.Node) (map[string]bool, error) {
	resolved, err := tmpl.Resolve(policies)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	list, _ := resolved.([]any)
	for _, p := range list {
		m, ok := p.(map[string]any)
		if !ok || len(m) != 1 || m["Statement"] == nil {
			return nil, fmt.Errorf("policy %v is not a {Statement: [...]}; SAM policy templates and managed policies grant more than the code calls", p)
		}
		for _, st := range m["Statement"].([]any) {
			s := st.(map[string]any)
			if s["Effect"] != "Allow" {
				return nil, fmt.Errorf("statement %v is not an Allow", s)
			}
			var actions, resources []string
			for _, x := range list1(s["Action"]) {
				actions = append(actions, fmt.Sprint(x))
			}
			for _, x := range list1(s["Resource"]) {
				resources = append(resources, fmt.Sprint(x))
			}
			cond := ""
			if c := s["Condition"]; c != nil {
				b, _ := json.Marshal(c)
				cond = " if " + string(b)
			}
			for _, a := range actions {
				for _, r := range resources {
					out[a+" on "+r+cond] = true
				}
			}
		}
	}
	return out, nil
}

func list1(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

func statementsNode(sts []statement) (*yaml.Node, error) {
	var b strings.Builder
	b.WriteString("- Statement:\n")
	for _, s := range sts {
		b.WriteString("    " + s.yaml() + "\n")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(b.String()), &doc); err != nil {
		return nil, err
	}
	return doc.Content[0], nil
}

func policiesBlock(sts []statement) string {
	if len(sts) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("      Policies:\n        - Statement:\n")
	for _, s := range sts {
		b.WriteString("            " + s.yaml() + "\n")
	}
	return b.String()
}

// TestPoliciesAreWhatTheCodeCalls holds least privilege: each function's
// Policies are exactly the IAM actions of the SDK operations reachable from
// its main (awscalls_test.go), on the table, its indexes only when the
// code queries one, the S3 prefixes of s3Keys, and SES identities of this
// account for the sender address only.
func TestPoliciesAreWhatTheCodeCalls(t *testing.T) {
	tmpl, root := loadTemplate(t)
	uses := awsUses(t, root)
	buckets := bucketNames(t, root)
	inTemplate := map[string]bool{}
	blocks := map[string]string{}
	for _, fn := range tmpl.Functions {
		inTemplate[fn.LogicalID] = true
		t.Run(fn.LogicalID, func(t *testing.T) {
			use, ok := uses[filepath.Base(fn.CodeURI)]
			if !ok {
				t.Fatalf("no analysis of %s", fn.CodeURI)
			}
			want, add, remove, problems, err := policyDiff(tmpl, fn, use, buckets)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				t.Error(p)
			}
			blocks[fn.LogicalID] = policiesBlock(want)
			if len(add)+len(remove) > 0 && !*updatePolicies {
				t.Errorf("Policies differ from what %s/main.go reaches.\n  remove (not called): %s\n  add (called): %s\nits Policies should read:\n%s(or run go test ./functions/ -run TestPoliciesAreWhatTheCodeCalls -update-policies)",
					fn.CodeURI, strings.Join(remove, "; "), strings.Join(add, "; "), policiesBlock(want))
			}
		})
	}
	for id := range s3Keys {
		if !inTemplate[id] {
			t.Errorf("s3Keys names %s, which is not a function of template.yaml", id)
		}
	}
	if *updatePolicies {
		path := filepath.Join(root, "template.yaml")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(rewritePolicies(t, string(data), blocks)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// policyDiff compares a function's Policies with what its code calls:
// the statements it should have, the grants to add and those to remove.
func policyDiff(tmpl *samtemplate.Template, fn *samtemplate.Function, use awsUse, buckets map[string]string) (want []statement, add, remove, problems []string, err error) {
	want, problems = wantStatements(fn, use, buckets)
	wantSet := map[string]bool{}
	if len(want) > 0 {
		wantNode, err := statementsNode(want)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		if wantSet, err = grantSet(tmpl, wantNode); err != nil {
			return nil, nil, nil, nil, err
		}
	}
	have := map[string]bool{}
	if fn.Policies != nil {
		if have, err = grantSet(tmpl, fn.Policies); err != nil {
			return nil, nil, nil, nil, fmt.Errorf("Policies: %w", err)
		}
	}
	for g := range wantSet {
		if !have[g] {
			add = append(add, g)
		}
	}
	for g := range have {
		if !wantSet[g] {
			remove = append(remove, g)
		}
	}
	slices.Sort(add)
	slices.Sort(remove)
	return want, add, remove, problems, nil
}

var resourceHeader = regexp.MustCompile(`^  ([A-Za-z0-9]+):\s*$`)

// rewritePolicies replaces the Policies block of each function in the
// template text.
func rewritePolicies(t *testing.T, text string, blocks map[string]string) string {
	lines := strings.SplitAfter(text, "\n")
	var out []string
	current := ""
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if m := resourceHeader.FindStringSubmatch(strings.TrimRight(l, "\n")); m != nil {
			current = m[1]
		}
		block, isFn := blocks[current]
		if isFn && l == "      Policies:\n" {
			for i+1 < len(lines) && strings.HasPrefix(lines[i+1], "        ") {
				i++
			}
			if block != "" {
				out = append(out, block)
			}
			blocks[current] = "" // written
			continue
		}
		out = append(out, l)
	}
	for id, b := range blocks {
		if b != "" {
			t.Errorf("%s has no Policies block to rewrite; add this after its Description:\n%s", id, b)
		}
	}
	return strings.Join(out, "")
}

// TestPolicyDiffReportsWhatToChange: an action the code does not call is
// reported for removal, one it calls and the template lacks for addition,
// each with its resource.
func TestPolicyDiffReportsWhatToChange(t *testing.T) {
	tmpl, root := loadTemplate(t)
	buckets := bucketNames(t, root)
	use := awsUse{Ops: map[string]bool{"dynamodb.GetItem": true, "dynamodb.Query": true}, Fields: map[string]bool{}}
	policies := func(text string) *yaml.Node {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
			t.Fatal(err)
		}
		return doc.Content[0]
	}
	table := tmpl.Table("Table").Name
	cases := []struct {
		name, policies string
		add, remove    []string
	}{
		{"exactly what is called", "- Statement:\n    - {Effect: Allow, Action: [dynamodb:GetItem, dynamodb:Query], Resource: !GetAtt Table.Arn}", nil, nil},
		{"an action gained", "- Statement:\n    - {Effect: Allow, Action: [dynamodb:GetItem, dynamodb:Query, dynamodb:Scan], Resource: !GetAtt Table.Arn}",
			nil, []string{"dynamodb:Scan on arn:aws:dynamodb:us-east-1:000000000000:table/" + table}},
		{"an index it does not query", "- Statement:\n    - {Effect: Allow, Action: [dynamodb:GetItem, dynamodb:Query], Resource: [!GetAtt Table.Arn, !Sub \"${Table.Arn}/index/*\"]}",
			nil, []string{"dynamodb:GetItem on arn:aws:dynamodb:us-east-1:000000000000:table/" + table + "/index/*",
				"dynamodb:Query on arn:aws:dynamodb:us-east-1:000000000000:table/" + table + "/index/*"}},
		{"an action missing", "- Statement:\n    - {Effect: Allow, Action: [dynamodb:GetItem], Resource: !GetAtt Table.Arn}",
			[]string{"dynamodb:Query on arn:aws:dynamodb:us-east-1:000000000000:table/" + table}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fn := &samtemplate.Function{LogicalID: "Probe", Policies: policies(c.policies)}
			_, add, remove, problems, err := policyDiff(tmpl, fn, use, buckets)
			if err != nil || len(problems) > 0 {
				t.Fatalf("err %v, problems %v", err, problems)
			}
			if !slices.Equal(add, c.add) || !slices.Equal(remove, c.remove) {
				t.Errorf("add %q remove %q; want add %q remove %q", add, remove, c.add, c.remove)
			}
		})
	}
	t.Run("a SAM policy template", func(t *testing.T) {
		fn := &samtemplate.Function{LogicalID: "Probe", Policies: policies("- DynamoDBReadPolicy: {TableName: !Ref Table}")}
		if _, _, _, _, err := policyDiff(tmpl, fn, use, buckets); err == nil {
			t.Error("a SAM policy template was accepted")
		}
	})
}
