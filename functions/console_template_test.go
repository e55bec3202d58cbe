package functions_test

// The admin console's deployment (issue 14, docs/console-deploy.md): the
// private bucket, the distribution in front of it and of the API, the
// CloudFront functions (run here in a JavaScript interpreter), the
// response headers against the local stack's, and PublishConsole, the
// custom resource that fills the bucket.

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/dop251/goja"
	"gopkg.in/yaml.v3"

	"github.com/roster-app/roster/internal/local"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/s3store"
	"github.com/roster-app/roster/internal/samtemplate"
	"github.com/roster-app/roster/web"
)

// CloudFront's managed policies, by the ids CloudFormation takes.
const (
	cachingOptimized          = "658327ea-f89d-4fab-a63d-7e88639e58f6"
	cachingDisabled           = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
	allViewerExceptHostHeader = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
)

// consoleTemplate is template.yaml read twice: resolved by samtemplate,
// and as written, for the resources and Outputs it does not read.
type consoleTemplate struct {
	tmpl    *samtemplate.Template
	root    string
	res     map[string]rawResource
	params  map[string]*yaml.Node
	outputs *yaml.Node
}

func loadConsoleTemplate(t *testing.T) consoleTemplate {
	t.Helper()
	tmpl, root := loadTemplate(t)
	res, params := rawResources(t, root)
	data, err := os.ReadFile(filepath.Join(root, "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return consoleTemplate{tmpl: tmpl, root: root, res: res, params: params, outputs: prop(doc.Content[0], "Outputs")}
}

// props returns a resource's Properties after checking its Type.
func (c consoleTemplate) props(t *testing.T, id, typ string) *yaml.Node {
	t.Helper()
	r, ok := c.res[id]
	if !ok || r.Type != typ {
		t.Fatalf("template.yaml has no %s %s", typ, id)
	}
	return r.Properties
}

// resolve resolves a node the way CloudFormation would for the local stack
// (stack roster-local, us-east-1, account 000000000000).
func (c consoleTemplate) resolve(t *testing.T, n *yaml.Node) any {
	t.Helper()
	v, err := c.tmpl.Resolve(n)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// dig follows mapping keys and, for a number, sequence indexes.
func dig(n *yaml.Node, path ...string) *yaml.Node {
	for _, p := range path {
		if n == nil {
			return nil
		}
		if i, err := strconv.Atoi(p); err == nil && n.Kind == yaml.SequenceNode {
			if i >= len(n.Content) {
				return nil
			}
			n = n.Content[i]
			continue
		}
		n = prop(n, p)
	}
	return n
}

// scalar is a node's value, "" when absent.
func scalar(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	return n.Value
}

// tagged is "<tag> <value>" for an intrinsic written in short form
// ("!Ref ConsoleBucket"), or the plain value.
func tagged(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		return n.Tag + " " + n.Value
	}
	return n.Value
}

func scalars(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	var out []string
	for _, c := range n.Content {
		out = append(out, c.Value)
	}
	return out
}

// TestConsoleBucketIsPrivate: nothing in the console bucket is public; the
// distribution reads it through origin access control.
func TestConsoleBucketIsPrivate(t *testing.T) {
	c := loadConsoleTemplate(t)
	p := c.props(t, "ConsoleBucket", "AWS::S3::Bucket")
	for _, k := range []string{"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"} {
		if v := scalar(dig(p, "PublicAccessBlockConfiguration", k)); v != "true" {
			t.Errorf("PublicAccessBlockConfiguration.%s is %q, want true", k, v)
		}
	}
	if v := scalar(dig(p, "OwnershipControls", "Rules", "0", "ObjectOwnership")); v != "BucketOwnerEnforced" {
		t.Errorf("ObjectOwnership %q, want BucketOwnerEnforced (no ACLs)", v)
	}
	if v := scalar(dig(p, "BucketEncryption", "ServerSideEncryptionConfiguration", "0", "ServerSideEncryptionByDefault", "SSEAlgorithm")); v == "" {
		t.Error("no default encryption")
	}
	for _, k := range []string{"WebsiteConfiguration", "CorsConfiguration", "AccessControl"} {
		if prop(p, k) != nil {
			t.Errorf("%s: the bucket is read by the distribution only", k)
		}
	}
	if c.tmpl.Bucket("ConsoleBucket") == nil {
		t.Error("samtemplate does not list ConsoleBucket; the local stack would not create it")
	}
}

// TestConsoleBucketPolicy: TLS only, like the other buckets, and one Allow:
// s3:GetObject for CloudFront, on behalf of this distribution only.
func TestConsoleBucketPolicy(t *testing.T) {
	c := loadConsoleTemplate(t)
	var policy *yaml.Node
	for id, r := range c.res {
		if r.Type == "AWS::S3::BucketPolicy" && tagged(prop(r.Properties, "Bucket")) == "!Ref ConsoleBucket" {
			if policy != nil {
				t.Fatalf("a second policy for ConsoleBucket: %s", id)
			}
			policy = r.Properties
		}
	}
	if policy == nil {
		t.Fatal("no AWS::S3::BucketPolicy for ConsoleBucket")
	}
	bucketARN := "arn:aws:s3:::" + c.tmpl.Bucket("ConsoleBucket").Name
	distributionARN := "arn:aws:cloudfront::000000000000:distribution/" + c.resolve(t, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!Ref", Value: "ConsoleDistribution"}).(string)
	statements := c.resolve(t, dig(policy, "PolicyDocument", "Statement")).([]any)
	var denies, allows int
	for _, s := range statements {
		st := s.(map[string]any)
		switch st["Effect"] {
		case "Deny":
			denies++
			want := map[string]any{"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
				"Resource":  []any{bucketARN, bucketARN + "/*"},
				"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}}
			if fmt.Sprint(st) != fmt.Sprint(want) {
				t.Errorf("deny statement %v\nwant %v", st, want)
			}
		case "Allow":
			allows++
			if fmt.Sprint(st["Principal"]) != fmt.Sprint(map[string]any{"Service": "cloudfront.amazonaws.com"}) {
				t.Errorf("allowed to %v; only CloudFront", st["Principal"])
			}
			if st["Action"] != "s3:GetObject" || st["Resource"] != bucketARN+"/*" {
				t.Errorf("allows %v on %v; only s3:GetObject on the objects", st["Action"], st["Resource"])
			}
			cond := st["Condition"].(map[string]any)
			if len(cond) != 1 || fmt.Sprint(cond["StringEquals"]) != fmt.Sprint(map[string]any{"AWS:SourceArn": distributionARN}) {
				t.Errorf("condition %v; want StringEquals AWS:SourceArn %s, the console distribution", cond, distributionARN)
			}
		default:
			t.Errorf("statement %v", st)
		}
	}
	if denies != 1 || allows != 1 {
		t.Errorf("%d Deny and %d Allow statements; want the TLS deny and the distribution's read", denies, allows)
	}
	// The same TLS statement as the upload bucket's.
	upload := c.props(t, "UploadBucketPolicy", "AWS::S3::BucketPolicy")
	if got, want := c.resolve(t, dig(upload, "PolicyDocument", "Statement", "0", "Condition")), c.resolve(t, dig(policy, "PolicyDocument", "Statement", "0", "Condition")); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("TLS condition %v differs from the upload bucket's %v", want, got)
	}
}

// TestConsoleDistribution: the bucket behind origin access control as the
// default behaviour, the HTTP API under /api on the same origin.
func TestConsoleDistribution(t *testing.T) {
	c := loadConsoleTemplate(t)
	oac := c.props(t, "ConsoleOriginAccessControl", "AWS::CloudFront::OriginAccessControl")
	for k, want := range map[string]string{"OriginAccessControlOriginType": "s3", "SigningBehavior": "always", "SigningProtocol": "sigv4"} {
		if got := scalar(dig(oac, "OriginAccessControlConfig", k)); got != want {
			t.Errorf("origin access control %s = %q, want %q", k, got, want)
		}
	}
	d := dig(c.props(t, "ConsoleDistribution", "AWS::CloudFront::Distribution"), "DistributionConfig")
	for k, want := range map[string]string{"Enabled": "true", "DefaultRootObject": "index.html", "HttpVersion": "http2and3",
		"PriceClass": "PriceClass_100", "IPV6Enabled": "true"} {
		if got := scalar(prop(d, k)); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}

	origins := map[string]*yaml.Node{}
	for _, o := range prop(d, "Origins").Content {
		origins[scalar(prop(o, "Id"))] = o
	}
	if len(origins) != 2 {
		t.Fatalf("origins %v; want the bucket and the API", slices.Collect(maps.Keys(origins)))
	}
	var bucketOrigin, apiOrigin string
	for id, o := range origins {
		switch {
		case prop(o, "S3OriginConfig") != nil:
			bucketOrigin = id
			if got := tagged(prop(o, "DomainName")); got != "!GetAtt ConsoleBucket.RegionalDomainName" {
				t.Errorf("S3 origin %s is %s, want the console bucket's regional name", id, got)
			}
			if got := tagged(prop(o, "OriginAccessControlId")); got != "!GetAtt ConsoleOriginAccessControl.Id" {
				t.Errorf("S3 origin %s signs with %q, want the origin access control", id, got)
			}
			if oai := dig(o, "S3OriginConfig", "OriginAccessIdentity"); oai == nil || oai.Value != "" {
				t.Errorf("S3 origin %s: OriginAccessIdentity must be \"\" (no legacy identity next to the access control)", id)
			}
		case prop(o, "CustomOriginConfig") != nil:
			apiOrigin = id
			api := c.tmpl.HTTPAPI.LogicalID
			if got, want := tagged(prop(o, "DomainName")), "!Sub ${"+api+"}.execute-api.${AWS::Region}.${AWS::URLSuffix}"; got != want {
				t.Errorf("API origin is %s, want %s", got, want)
			}
			apiURL := c.resolve(t, dig(c.outputs, "ApiUrl", "Value")).(string)
			if got := "https://" + c.resolve(t, prop(o, "DomainName")).(string); got != apiURL {
				t.Errorf("API origin resolves to %s; the ApiUrl output is %s", got, apiURL)
			}
			if got := scalar(dig(o, "CustomOriginConfig", "OriginProtocolPolicy")); got != "https-only" {
				t.Errorf("to the API over %s, want https-only", got)
			}
			if got := scalars(dig(o, "CustomOriginConfig", "OriginSSLProtocols")); !slices.Equal(got, []string{"TLSv1.2"}) {
				t.Errorf("to the API with %v, want [TLSv1.2]", got)
			}
		}
	}
	if bucketOrigin == "" || apiOrigin == "" {
		t.Fatalf("origins %v: want one S3 origin and one custom (API) origin", slices.Collect(maps.Keys(origins)))
	}

	def := prop(d, "DefaultCacheBehavior")
	checkBehaviour(t, "default", def, map[string]string{
		"TargetOriginId": bucketOrigin, "ViewerProtocolPolicy": "redirect-to-https", "Compress": "true",
		"CachePolicyId": cachingOptimized, "ResponseHeadersPolicyId": "!Ref ConsoleHeadersPolicy",
	}, []string{"GET", "HEAD"}, "ConsolePagesFunction")

	behaviours := prop(d, "CacheBehaviors")
	if behaviours == nil || len(behaviours.Content) != 1 {
		t.Fatal("want exactly one more behaviour, /api/*")
	}
	apiB := behaviours.Content[0]
	checkBehaviour(t, "/api/*", apiB, map[string]string{
		"PathPattern": "/api/*", "TargetOriginId": apiOrigin, "ViewerProtocolPolicy": "https-only",
		"CachePolicyId": cachingDisabled, "OriginRequestPolicyId": allViewerExceptHostHeader,
	}, []string{"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"}, "ConsoleApiPathFunction")
	if got := scalars(prop(apiB, "CachedMethods")); !slices.Equal(got, []string{"GET", "HEAD"}) {
		t.Errorf("/api/* CachedMethods %v", got)
	}

	// The console calls the API under the prefix this behaviour serves.
	src, err := os.ReadFile(filepath.Join(c.root, "web", "src", "api.js"))
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`export const API_BASE = '([^']*)'`).FindSubmatch(src); m == nil || string(m[1])+"/*" != "/api/*" {
		t.Errorf("web/src/api.js calls the API at %q; the distribution serves it at /api/*", m)
	}
}

// checkBehaviour checks a cache behaviour's settings (a value starting
// with ! is an intrinsic as written), its methods and its one
// viewer-request function.
func checkBehaviour(t *testing.T, name string, b *yaml.Node, want map[string]string, methods []string, function string) {
	t.Helper()
	for k, v := range want {
		if got := tagged(prop(b, k)); got != v {
			t.Errorf("%s behaviour: %s = %q, want %q", name, k, got, v)
		}
	}
	if got := scalars(prop(b, "AllowedMethods")); !slices.Equal(got, methods) {
		t.Errorf("%s behaviour: AllowedMethods %v, want %v", name, got, methods)
	}
	fa := prop(b, "FunctionAssociations")
	if fa == nil || len(fa.Content) != 1 || scalar(prop(fa.Content[0], "EventType")) != "viewer-request" ||
		tagged(prop(fa.Content[0], "FunctionARN")) != "!GetAtt "+function+".FunctionMetadata.FunctionARN" {
		t.Errorf("%s behaviour: want one viewer-request function, %s", name, function)
	}
	for _, legacy := range []string{"ForwardedValues", "MinTTL", "DefaultTTL", "MaxTTL", "LambdaFunctionAssociations"} {
		if prop(b, legacy) != nil {
			t.Errorf("%s behaviour: %s next to policies", name, legacy)
		}
	}
}

// TestConsoleTLS: CloudFront's own certificate admits TLS 1.0 whatever the
// template says; with ConsoleDomainName the viewer minimum is TLS 1.2.
func TestConsoleTLS(t *testing.T) {
	c := loadConsoleTemplate(t)
	d := dig(c.props(t, "ConsoleDistribution", "AWS::CloudFront::Distribution"), "DistributionConfig")
	cert := prop(d, "ViewerCertificate")
	if cert == nil || cert.Tag != "!If" || len(cert.Content) != 3 || cert.Content[0].Value != "HasConsoleDomain" {
		t.Fatal("ViewerCertificate must be !If [HasConsoleDomain, <own certificate>, <CloudFront's>]")
	}
	own, def := cert.Content[1], cert.Content[2]
	if tagged(prop(own, "AcmCertificateArn")) != "!Ref ConsoleCertificateArn" || scalar(prop(own, "SslSupportMethod")) != "sni-only" ||
		scalar(prop(own, "MinimumProtocolVersion")) != "TLSv1.2_2021" {
		t.Errorf("own certificate: want ConsoleCertificateArn, sni-only, TLSv1.2_2021")
	}
	if scalar(prop(def, "CloudFrontDefaultCertificate")) != "true" {
		t.Error("without a domain, CloudFront's own certificate")
	}
	aliases := prop(d, "Aliases")
	if aliases == nil || aliases.Tag != "!If" || len(aliases.Content) != 3 || aliases.Content[0].Value != "HasConsoleDomain" ||
		tagged(dig(aliases.Content[1], "0")) != "!Ref ConsoleDomainName" || tagged(aliases.Content[2]) != "!Ref AWS::NoValue" {
		t.Error("Aliases must be !If [HasConsoleDomain, [!Ref ConsoleDomainName], !Ref AWS::NoValue]")
	}
	for _, p := range []string{"ConsoleDomainName", "ConsoleCertificateArn"} {
		if d := prop(c.params[p], "Default"); d == nil || d.Value != "" {
			t.Errorf("parameter %s must default to empty: the console works on the distribution's own name", p)
		}
	}
	var acm samtemplate.Parameter
	for _, p := range c.tmpl.Parameters {
		if p.Name == "ConsoleCertificateArn" {
			acm = p
		}
	}
	re := regexp.MustCompile("^(?:" + acm.AllowedPattern + ")$")
	for arn, ok := range map[string]bool{
		"": true, "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789": true,
		"arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789": false, // CloudFront takes us-east-1 only
	} {
		if re.MatchString(arn) != ok {
			t.Errorf("ConsoleCertificateArn %q accepted: %v, want %v", arn, !ok, ok)
		}
	}
}

// cloudFrontFunction returns a CloudFront function's code after checking
// its runtime, and that it is published (a distribution uses LIVE only).
func (c consoleTemplate) cloudFrontFunction(t *testing.T, id string) string {
	t.Helper()
	p := c.props(t, id, "AWS::CloudFront::Function")
	if got := scalar(dig(p, "FunctionConfig", "Runtime")); got != "cloudfront-js-2.0" {
		t.Errorf("%s runtime %q, want cloudfront-js-2.0", id, got)
	}
	if scalar(prop(p, "AutoPublish")) != "true" {
		t.Errorf("%s: AutoPublish must be true", id)
	}
	code := scalar(prop(p, "FunctionCode"))
	if len(code) > 2048 { // CloudFront's limit is 10 KB; these stay a few lines
		t.Errorf("%s is %d bytes; keep it a few lines", id, len(code))
	}
	return code
}

// viewerRequest runs a CloudFront function's handler on a viewer-request
// event for uri (query string kept apart, as CloudFront gives it) and
// returns the request it hands on.
func viewerRequest(t *testing.T, code, rawURL string) (uri string, query url.Values) {
	t.Helper()
	vm := goja.New()
	if _, err := vm.RunString(code); err != nil {
		t.Fatalf("the function does not parse: %v", err)
	}
	handler, ok := goja.AssertFunction(vm.Get("handler"))
	if !ok {
		t.Fatal("no function handler(event)")
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	qs := map[string]any{}
	for k, v := range u.Query() {
		qs[k] = map[string]any{"value": v[0]}
	}
	request := map[string]any{"method": "GET", "uri": u.Path, "querystring": qs, "headers": map[string]any{}, "cookies": map[string]any{}}
	res, err := handler(goja.Undefined(), vm.ToValue(map[string]any{"version": "1.0", "context": map[string]any{"eventType": "viewer-request"}, "request": request}))
	if err != nil {
		t.Fatalf("%s: %v", rawURL, err)
	}
	out, ok := res.Export().(map[string]any)
	if !ok {
		t.Fatalf("%s: handler returned %v, not the request", rawURL, res)
	}
	query = url.Values{}
	if q, ok := out["querystring"].(map[string]any); ok {
		for k, v := range q {
			query.Set(k, fmt.Sprint(v.(map[string]any)["value"]))
		}
	}
	return fmt.Sprint(out["uri"]), query
}

// TestConsolePagesFunction runs the console behaviour's function: every
// page of the console and every link Roster mails is index.html, with its
// query string; every built file is itself.
func TestConsolePagesFunction(t *testing.T) {
	c := loadConsoleTemplate(t)
	code := c.cloudFrontFunction(t, "ConsolePagesFunction")
	id := roster.NewID(time.Now())

	pages := []string{"/", "/users/123", "/users/", "/invitations/accept?token=a.b-c_d", "/password/reset?token=x.y"}
	// The console's own routes (web/src/routes.jsx), :id filled in.
	src, err := os.ReadFile(filepath.Join(c.root, "web", "src", "routes.jsx"))
	if err != nil {
		t.Fatal(err)
	}
	routes := regexp.MustCompile(`path: '([^']+)'`).FindAllSubmatch(src, -1)
	if len(routes) < 10 {
		t.Fatalf("found %d routes in web/src/routes.jsx", len(routes))
	}
	for _, m := range routes {
		pages = append(pages, strings.ReplaceAll(string(m[1]), ":id", id))
	}
	// The links Roster mails (internal/outbox): <AppBaseUrl><path>[<id>].
	outbox, _ := filepath.Glob(filepath.Join(c.root, "internal", "outbox", "*.go"))
	mailed := 0
	for _, f := range outbox {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`(?:AppBaseURL, "/"\)|base) \+ "(/[^"]*)"`).FindAllSubmatch(b, -1) {
			p := string(m[1])
			if strings.HasSuffix(p, "/") {
				p += id
			} else if strings.HasSuffix(p, "=") {
				p += "tok.en"
			}
			pages = append(pages, p)
			mailed++
		}
	}
	if mailed < 5 {
		t.Fatalf("found %d mailed links in internal/outbox", mailed)
	}
	for _, p := range pages {
		uri, query := viewerRequest(t, code, p)
		if uri != "/index.html" {
			t.Errorf("%s reaches the bucket as %s, want /index.html", p, uri)
		}
		u, _ := url.Parse(p)
		if query.Encode() != u.Query().Encode() {
			t.Errorf("%s: query string became %v", p, query)
		}
	}

	files := []string{"/favicon.ico", "/robots.txt"}
	err = fs.WalkDir(web.Dist(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, "/"+p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if uri, _ := viewerRequest(t, code, f); uri != f {
			t.Errorf("the file %s reaches the bucket as %s", f, uri)
		}
	}
}

// TestConsoleApiPathFunction runs the /api behaviour's function: the API
// sees its own paths, with the query string.
func TestConsoleApiPathFunction(t *testing.T) {
	c := loadConsoleTemplate(t)
	code := c.cloudFrontFunction(t, "ConsoleApiPathFunction")
	for in, want := range map[string]string{
		"/api/me": "/me", "/api/users/01J/sessions": "/users/01J/sessions", "/api/auth/login": "/auth/login",
		"/api/contacts?limit=50&cursor=a.b": "/contacts", "/api/": "/", "/api/api/x": "/api/x",
	} {
		uri, query := viewerRequest(t, code, in)
		if uri != want {
			t.Errorf("%s reaches the API as %s, want %s", in, uri, want)
		}
		u, _ := url.Parse(in)
		if query.Encode() != u.Query().Encode() {
			t.Errorf("%s: query string became %v", in, query)
		}
	}
	// Every route of the API is reachable under /api.
	for _, r := range c.tmpl.Routes() {
		if r.Route.Path == "$default" {
			continue
		}
		if uri, _ := viewerRequest(t, code, "/api"+r.Route.Path); uri != r.Route.Path {
			t.Errorf("/api%s reaches the API as %s", r.Route.Path, uri)
		}
	}
}

// TestConsoleSecurityHeaders: the distribution sends the local stack's
// headers (internal/local/console.go), the CSP's connect-src also allowing
// the upload bucket's origin exactly as the SDK presigns uploads there.
func TestConsoleSecurityHeaders(t *testing.T) {
	c := loadConsoleTemplate(t)
	p := dig(c.props(t, "ConsoleHeadersPolicy", "AWS::CloudFront::ResponseHeadersPolicy"), "ResponseHeadersPolicyConfig", "SecurityHeadersConfig")
	if p == nil {
		t.Fatal("no SecurityHeadersConfig")
	}
	for _, h := range []string{"ContentSecurityPolicy", "StrictTransportSecurity", "FrameOptions", "ContentTypeOptions", "ReferrerPolicy"} {
		if scalar(dig(p, h, "Override")) != "true" {
			t.Errorf("%s: Override must be true, so no origin header replaces it", h)
		}
	}

	// The upload origin, from the presigner itself.
	uploads := c.tmpl.Bucket("UploadBucket").Name
	client := s3.New(s3.Options{Region: c.tmpl.Resolver.Region, Credentials: credentials.NewStaticCredentialsProvider("a", "b", "")})
	req, err := s3store.New(client, uploads).PresignPut(context.Background(), "imports/o/i/f.csv", 10, "text/csv", time.Minute, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(req.URL)
	if err != nil {
		t.Fatal(err)
	}
	uploadOrigin := u.Scheme + "://" + u.Host

	localCSP := local.ConsoleSecurityHeaders["Content-Security-Policy"]
	var want []string
	for _, d := range strings.Split(localCSP, "; ") {
		if d == "connect-src 'self'" {
			d += " " + uploadOrigin
		}
		want = append(want, d)
	}
	if !slices.Contains(want, "connect-src 'self' "+uploadOrigin) {
		t.Fatalf("the local CSP has no connect-src 'self': %s", localCSP)
	}
	csp := c.resolve(t, dig(p, "ContentSecurityPolicy", "ContentSecurityPolicy")).(string)
	if csp != strings.Join(want, "; ") {
		t.Errorf("CSP\n  %s\nwant the local one with the upload origin (%s) in connect-src:\n  %s", csp, uploadOrigin, strings.Join(want, "; "))
	}
	for _, policy := range []string{csp, localCSP} {
		if strings.Contains(policy, "unsafe-") {
			t.Errorf("CSP allows unsafe sources: %s", policy)
		}
		if !slices.Contains(strings.Split(policy, "; "), "frame-ancestors 'none'") {
			t.Errorf("CSP lets other sites frame the console: %s", policy)
		}
	}

	hsts := dig(p, "StrictTransportSecurity")
	if scalar(prop(hsts, "AccessControlMaxAgeSec")) != "63072000" || scalar(prop(hsts, "IncludeSubdomains")) != "true" {
		t.Errorf("HSTS: want max-age 63072000 with subdomains")
	}
	if got, want := fmt.Sprintf("max-age=%s; includeSubDomains", scalar(prop(hsts, "AccessControlMaxAgeSec"))), local.ConsoleSecurityHeaders["Strict-Transport-Security"]; got != want {
		t.Errorf("HSTS %q, the local stack sends %q", got, want)
	}
	if got := scalar(dig(p, "FrameOptions", "FrameOption")); got != "DENY" || got != local.ConsoleSecurityHeaders["X-Frame-Options"] {
		t.Errorf("frame options %q; want DENY, as locally", got)
	}
	if got := scalar(dig(p, "ReferrerPolicy", "ReferrerPolicy")); got != "no-referrer" || got != local.ConsoleSecurityHeaders["Referrer-Policy"] {
		t.Errorf("referrer policy %q; want no-referrer, as locally", got)
	}
	if local.ConsoleSecurityHeaders["X-Content-Type-Options"] != "nosniff" || dig(p, "ContentTypeOptions") == nil {
		t.Error("ContentTypeOptions (nosniff) missing")
	}
	if len(local.ConsoleSecurityHeaders) != 5 {
		t.Errorf("the local stack sends %d security headers; this test and the policy know 5", len(local.ConsoleSecurityHeaders))
	}
	// The presigned PUT's origin may send the body: the upload bucket's
	// CORS allows the console's address.
	cors := c.props(t, "UploadBucket", "AWS::S3::Bucket")
	if got := tagged(dig(cors, "CorsConfiguration", "CorsRules", "0", "AllowedOrigins", "0")); got != "!Ref AppBaseUrl" {
		t.Errorf("the upload bucket allows %s, want !Ref AppBaseUrl", got)
	}
}

// TestConsoleFilesCustomResource: PublishConsole is the custom resource
// ConsoleFiles, re-run for each new version of the function (whose binary
// embeds web/dist), with only what its code calls on the console bucket.
func TestConsoleFilesCustomResource(t *testing.T) {
	c := loadConsoleTemplate(t)
	cr := c.props(t, "ConsoleFiles", "Custom::ConsoleFiles")
	for k, want := range map[string]string{
		"ServiceToken": "!GetAtt PublishConsole.Arn", // unqualified: CloudFormation cannot change a ServiceToken
		"Bucket":       "!Ref ConsoleBucket",
		"Version":      "!Ref PublishConsole.Version",
	} {
		if got := tagged(prop(cr, k)); got != want {
			t.Errorf("ConsoleFiles.%s = %q, want %q", k, got, want)
		}
	}
	if n, err := strconv.Atoi(scalar(prop(cr, "ServiceTimeout"))); err != nil || n < 60 || n > 3600 {
		t.Errorf("ServiceTimeout %q: want seconds, at most CloudFormation's 3600", scalar(prop(cr, "ServiceTimeout")))
	}

	fn := c.tmpl.Function("PublishConsole")
	if fn == nil {
		t.Fatal("no function PublishConsole")
	}
	props := c.res["PublishConsole"].Properties
	if scalar(prop(props, "AutoPublishAlias")) == "" {
		t.Error("PublishConsole needs AutoPublishAlias: PublishConsole.Version exists only with it")
	}
	if len(fn.Routes)+len(fn.S3Events)+len(fn.Schedules)+len(fn.SQSEvents)+len(fn.Rules) > 0 {
		t.Error("PublishConsole has events; only CloudFormation invokes it")
	}
	if timeout, _ := strconv.Atoi(scalar(prop(cr, "ServiceTimeout"))); fn.Timeout >= time.Duration(timeout)*time.Second {
		t.Errorf("PublishConsole's timeout %s is not shorter than ConsoleFiles' ServiceTimeout", fn.Timeout)
	}
	w := readWiring(t, filepath.Join(c.root, fn.CodeURI))
	for _, call := range []string{"cfn.LambdaWrap", "web.Dist"} {
		if !w.calls[call] {
			t.Errorf("functions/publish-console/main.go does not call %s", call)
		}
	}

	grants, err := grantSet(c.tmpl, fn.Policies)
	if err != nil {
		t.Fatal(err)
	}
	bucket := "arn:aws:s3:::" + c.tmpl.Bucket("ConsoleBucket").Name
	want := []string{"s3:DeleteObject on " + bucket + "/*", "s3:ListBucket on " + bucket, "s3:PutObject on " + bucket + "/*"}
	if got := slices.Sorted(maps.Keys(grants)); !slices.Equal(got, want) {
		t.Errorf("PublishConsole may %v\nwant only %v", got, want)
	}
}

// TestConsoleOutputsAndAddress: the stack says where the console is, and
// the mailed links' base is documented as that address.
func TestConsoleOutputsAndAddress(t *testing.T) {
	c := loadConsoleTemplate(t)
	if got := tagged(dig(c.outputs, "ConsoleUrl", "Value")); got != "!Sub https://${ConsoleDistribution.DomainName}" {
		t.Errorf("ConsoleUrl = %s", got)
	}
	if got := tagged(dig(c.outputs, "ConsoleBucketName", "Value")); got != "!Ref ConsoleBucket" {
		t.Errorf("ConsoleBucketName = %s", got)
	}
	desc := scalar(prop(c.params["AppBaseUrl"], "Description"))
	for _, w := range []string{"ConsoleUrl", "ConsoleDomainName", "emails"} {
		if !strings.Contains(desc, w) {
			t.Errorf("AppBaseUrl's description does not mention %s: %q", w, desc)
		}
	}
}
