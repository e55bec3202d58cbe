package functions_test

import (
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/roster-app/roster/internal/samtemplate"
)

// secretLooking names environment variables that sound like they hold a
// secret; such a variable must hold the name of an SSM parameter instead.
var secretLooking = regexp.MustCompile(`SECRET|PASSWORD|PASSWD|TOKEN|KEY|HASH|CREDENTIAL|PRIVATE`)

// ssmName is what an SSM parameter name in a hierarchy looks like.
var ssmName = regexp.MustCompile(`^(/[A-Za-z0-9_.-]+)+$`)

// TestNoSecretInAnyEnvironment keeps secret values out of Lambda
// environment variables, which anyone with lambda:GetFunctionConfiguration
// can read and which end up in deployment tooling: a function is given only
// the name of the SSM parameter that holds a secret.
func TestNoSecretInAnyEnvironment(t *testing.T) {
	tmpl, _ := loadTemplate(t)
	noEcho := map[string]bool{}
	for _, p := range tmpl.Parameters {
		if p.NoEcho {
			noEcho[p.Name] = true
		}
	}
	for _, fn := range tmpl.Functions {
		t.Run(fn.LogicalID, func(t *testing.T) {
			for name, raw := range fn.RawEnv {
				if raw.Tag == "!Ref" && noEcho[raw.Value] {
					t.Errorf("%s is the NoEcho parameter %s: a secret value in the environment", name, raw.Value)
				}
				if raw.Tag == "!Sub" || raw.Tag == "!Join" {
					// A secret parameter spliced into a longer value is still a secret.
					for p := range noEcho {
						if regexp.MustCompile(`\$\{` + p + `\}|\b` + p + `\b`).MatchString(raw.Value) {
							t.Errorf("%s splices in the NoEcho parameter %s", name, p)
						}
					}
				}
				if secretLooking.MatchString(name) {
					if !regexp.MustCompile(`_PARAMETER$`).MatchString(name) || !ssmName.MatchString(fn.Env[name]) {
						t.Errorf("%s = %q: a variable named like a secret must be <NAME>_PARAMETER holding an SSM parameter name", name, fn.Env[name])
					}
				}
			}
		})
	}
}

// TestSecretParametersAreGrantedExactly checks every function that reads a
// secret at start (ssmparam.MustGet) may call ssm:GetParameter on exactly
// that parameter, and that no other function may call SSM at all. The
// parameters are SecureStrings under the AWS managed key aws/ssm, whose key
// policy lets every principal of the account decrypt through SSM, so no
// kms:Decrypt statement is needed, and none is allowed.
func TestSecretParametersAreGrantedExactly(t *testing.T) {
	tmpl, root := loadTemplate(t)
	r := tmpl.Resolver
	for _, fn := range tmpl.Functions {
		t.Run(fn.LogicalID, func(t *testing.T) {
			w := readWiring(t, filepath.Join(root, fn.CodeURI))
			var want []string
			for _, env := range w.envOf["ssmparam.MustGet"] {
				want = append(want, "arn:"+r.Partition+":ssm:"+r.Region+":"+r.AccountID+":parameter"+fn.Env[env])
			}
			if w.calls["ssmparam.MustGet"] && len(want) == 0 {
				t.Fatalf("calls ssmparam.MustGet without lambdaenv.Must(\"<NAME>_PARAMETER\") as its name; the check cannot follow it")
			}
			var granted []string
			for _, st := range resolvedStatements(t, tmpl, fn) {
				for _, a := range st.actions {
					switch {
					case a == "ssm:GetParameter":
						if st.effect != "Allow" {
							continue
						}
						granted = append(granted, st.resources...)
					case len(a) >= 4 && (a[:4] == "ssm:" || a[:4] == "kms:"):
						t.Errorf("grants %s; a function reads its secrets with ssm:GetParameter only", a)
					}
				}
			}
			slices.Sort(want)
			slices.Sort(granted)
			if !slices.Equal(want, granted) {
				t.Errorf("reads parameters %v but may call ssm:GetParameter on %v", want, granted)
			}
		})
	}
}

// TestSecretReadersRestartOnRotation: the functions read their secrets only
// at start, so a rotation (README, "Secrets") replaces their instances by
// changing the SecretsRotation parameter, which each of them must carry.
func TestSecretReadersRestartOnRotation(t *testing.T) {
	tmpl, root := loadTemplate(t)
	readers := 0
	for _, fn := range tmpl.Functions {
		w := readWiring(t, filepath.Join(root, fn.CodeURI))
		raw := fn.RawEnv["ROTATION"]
		carries := raw != nil && raw.Tag == "!Ref" && raw.Value == "SecretsRotation"
		if reads := w.calls["ssmparam.MustGet"]; reads != carries {
			t.Errorf("%s reads a secret parameter: %v; has ROTATION: !Ref SecretsRotation: %v; want both or neither", fn.LogicalID, reads, carries)
		}
		if carries {
			readers++
		}
	}
	if readers != 9 {
		t.Errorf("%d functions read secrets; the README names nine (Authorizer, Login, Refresh, AcceptInvitation, ChangeMyPassword, ConfirmTotp, VerifyMfa, CreateOrg, GrantOrgCredits)", readers)
	}
}

type resolvedStatement struct {
	effect    string
	actions   []string
	resources []string
}

// resolvedStatements lists a function's inline policy statements, resolved.
func resolvedStatements(t *testing.T, tmpl *samtemplate.Template, fn *samtemplate.Function) []resolvedStatement {
	t.Helper()
	resolved, err := tmpl.Resolve(fn.Policies)
	if err != nil {
		t.Fatalf("resolve policies: %v", err)
	}
	strs := func(v any) []string {
		switch x := v.(type) {
		case string:
			return []string{x}
		case []any:
			var out []string
			for _, e := range x {
				s, ok := e.(string)
				if !ok {
					t.Fatalf("policy entry %v is not a string", e)
				}
				out = append(out, s)
			}
			return out
		}
		return nil
	}
	var out []resolvedStatement
	list, _ := resolved.([]any)
	for _, p := range list {
		m, _ := p.(map[string]any)
		sts, _ := m["Statement"].([]any)
		for _, s := range sts {
			st, _ := s.(map[string]any)
			effect, _ := st["Effect"].(string)
			out = append(out, resolvedStatement{effect: effect, actions: strs(st["Action"]), resources: strs(st["Resource"])})
		}
	}
	return out
}
