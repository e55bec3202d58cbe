package local

import (
	"os"
	"sort"
	"strconv"

	"github.com/roster-app/roster/internal/samtemplate"
)

// emulatorEndpoints are the URLs function processes reach the emulated
// services at. The SDK reads them from AWS_ENDPOINT_URL_<SERVICE>, where
// SERVICE is the client's service id in upper case with spaces made
// underscores, so the functions need no local-only code.
type emulatorEndpoints struct {
	DynamoDB string
	S3       string
	SES      string
	SSM      string
	// SMS is End User Messaging SMS: pinpointsmsvoicev2.ServiceID is
	// "Pinpoint SMS Voice V2".
	SMS string
}

// lambdaEnv is the complete environment of a function process: what Lambda
// sets, the function's own variables, and nothing from the host but PATH, so
// that a function which works locally does not lean on a developer's shell
// (AWS_PROFILE, HOME with ~/.aws, and the like).
func lambdaEnv(fn *samtemplate.Function, region, taskRoot string, ep emulatorEndpoints) []string {
	env := map[string]string{}
	for k, v := range fn.Env {
		env[k] = v
	}
	logFormat := fn.LogFormat
	if logFormat == "" {
		logFormat = "Text"
	}
	// Lambda's reserved variables win over anything the template sets, as
	// Lambda refuses to deploy a function that sets them.
	reserved := map[string]string{
		"PATH":                                   os.Getenv("PATH"),
		"TZ":                                     "UTC",
		"LANG":                                   "en_US.UTF-8",
		"_HANDLER":                               fn.Handler,
		"LAMBDA_TASK_ROOT":                       taskRoot,
		"AWS_REGION":                             region,
		"AWS_DEFAULT_REGION":                     region,
		"AWS_ACCESS_KEY_ID":                      "local",
		"AWS_SECRET_ACCESS_KEY":                  "local",
		"AWS_EC2_METADATA_DISABLED":              "true",
		"AWS_LAMBDA_FUNCTION_NAME":               fn.Name,
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE":        strconv.Itoa(fn.MemorySize),
		"AWS_LAMBDA_FUNCTION_VERSION":            "$LATEST",
		"AWS_LAMBDA_INITIALIZATION_TYPE":         "on-demand",
		"AWS_LAMBDA_LOG_GROUP_NAME":              "/aws/lambda/" + fn.Name,
		"AWS_LAMBDA_LOG_FORMAT":                  logFormat,
		"AWS_ENDPOINT_URL_DYNAMODB":              ep.DynamoDB,
		"AWS_ENDPOINT_URL_S3":                    ep.S3,
		"AWS_ENDPOINT_URL_SES":                   ep.SES,
		"AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2": ep.SMS,
		"AWS_ENDPOINT_URL_SSM":                   ep.SSM,
	}
	if fn.LogLevel != "" {
		reserved["AWS_LAMBDA_LOG_LEVEL"] = fn.LogLevel
	}
	for k, v := range reserved {
		env[k] = v
	}
	out := make([]string, 0, len(env))
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}
