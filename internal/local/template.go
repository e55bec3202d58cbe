package local

import (
	"fmt"
	"os"
	"strings"

	"github.com/roster-app/roster/internal/samtemplate"
)

// readTemplate parses the template with the local values of its
// parameters; parameters the stack knows nothing about keep their Default.
func (s *Stack) readTemplate() (*samtemplate.Template, error) {
	data, err := os.ReadFile(s.cfg.TemplatePath)
	if err != nil {
		return nil, fmt.Errorf("read template: %w", err)
	}
	declared, err := samtemplate.ReadParameters(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.cfg.TemplatePath, err)
	}
	// Texts go from the emulator's number unless an organisation sets one;
	// a refused text is retried after 1, 2 s and fails at the third
	// refusal, so that the failure paths can be watched (deployed: 30 s
	// doubling, 8 attempts).
	local := map[string]string{"AppBaseUrl": s.url, "DefaultOriginationIdentity": "+15550100000",
		"TextRetryBaseSeconds": "1", "TextMaxAttempts": "3"}
	values := map[string]string{}
	for _, p := range declared {
		if v, ok := local[p.Name]; ok {
			values[p.Name] = v
		}
	}
	tpl, err := samtemplate.Parse(data, samtemplate.Resolver{Parameters: values})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.cfg.TemplatePath, err)
	}
	return tpl, nil
}

// checkSupported refuses, at startup and with a reason, what the local
// stack cannot run faithfully.
func checkSupported(tpl *samtemplate.Template) error {
	for _, fn := range tpl.Functions {
		if fn.Runtime != "" && !strings.HasPrefix(fn.Runtime, "provided") {
			return fmt.Errorf("function %s: runtime %s; the local stack runs Go functions on provided.* runtimes", fn.LogicalID, fn.Runtime)
		}
	}
	if tpl.HTTPAPI == nil {
		return nil
	}
	for name, a := range tpl.HTTPAPI.Authorizers {
		switch {
		case a.JWT:
			return fmt.Errorf("authorizer %s: JWT authorizers are not supported locally", name)
		case a.PayloadFormatVersion != "2.0":
			return fmt.Errorf("authorizer %s: payload format %s; only 2.0 is supported locally", name, a.PayloadFormatVersion)
		case !a.EnableSimpleResponses:
			return fmt.Errorf("authorizer %s: only simple responses (EnableSimpleResponses: true) are supported locally", name)
		}
	}
	return nil
}
