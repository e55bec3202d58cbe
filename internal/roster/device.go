package roster

import "strings"

// DeviceName names the device a User-Agent comes from the way a person
// would ("Firefox on Linux", "Safari on iPhone", "curl"), for the list of
// their sessions; "Unknown device" when it says nothing recognisable.
// Browsers copy each other's tokens (every Chrome says Safari, Edge says
// Chrome, iPhones say Mac OS X), so the tables are read in order, most
// specific first.
func DeviceName(userAgent string) string {
	for _, t := range tools {
		if strings.HasPrefix(userAgent, t.token) {
			return t.name
		}
	}
	browser, os := firstOf(browsers, userAgent), firstOf(systems, userAgent)
	switch {
	case browser != "" && os != "":
		return browser + " on " + os
	case browser != "":
		return browser
	case os != "":
		return "A browser on " + os
	}
	return "Unknown device"
}

type uaToken struct{ token, name string }

// tools are programs that name themselves first.
var tools = []uaToken{
	{"curl/", "curl"}, {"Wget/", "Wget"}, {"PostmanRuntime/", "Postman"}, {"insomnia/", "Insomnia"},
	{"python-requests/", "Python requests"}, {"python-httpx/", "Python httpx"}, {"Go-http-client/", "Go HTTP client"},
	{"okhttp/", "OkHttp"}, {"axios/", "axios"}, {"node-fetch", "Node.js"}, {"undici", "Node.js"},
}

var browsers = []uaToken{
	{"Edg/", "Edge"}, {"EdgA/", "Edge"}, {"EdgiOS/", "Edge"},
	{"OPR/", "Opera"}, {"Opera", "Opera"},
	{"SamsungBrowser/", "Samsung Internet"},
	{"Firefox/", "Firefox"}, {"FxiOS/", "Firefox"},
	{"CriOS/", "Chrome"}, {"Chromium/", "Chromium"}, {"Chrome/", "Chrome"},
	{"Version/", "Safari"}, // Safari's own version; Chrome and the others say "Safari/" only
}

var systems = []uaToken{
	{"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Android", "Android"}, {"CrOS", "ChromeOS"},
	{"Windows", "Windows"}, {"Macintosh", "macOS"}, {"Mac OS X", "macOS"}, {"Linux", "Linux"},
}

func firstOf(tokens []uaToken, userAgent string) string {
	for _, t := range tokens {
		if strings.Contains(userAgent, t.token) {
			return t.name
		}
	}
	return ""
}
