package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/chromedp/chromedp"
)

// checkConsole walks the path an administrator takes in the console, in
// headless Chromium against the stack `make run` starts, with axe-core on
// every page: sign in, invite a user, open the mailed link from the outbox,
// accept, and the new user sees only what their role allows; import a
// spreadsheet through the wizard and apply it; set hours and see "closed"
// with the reason.
//
// base serves the console at / and the API under /api, and /_local (the
// outbox, schedules): the local stack, or web/dev.mjs in front of one.
func checkConsole(t *testing.T, base, root, adminEmail, adminPassword string) {
	b := newBrowser(t, root, base)

	// Signed out, any page asks to sign in first and comes back after.
	b.open("/users", "form")
	b.waitText("h1", "Sign in")
	b.check("sign-in")
	b.screenshot("sign-in")
	b.run(
		chromedp.SendKeys(chromedp.CSS(`input[type=email]`), adminEmail),
		chromedp.SendKeys(chromedp.CSS(`input[type=password]`), adminPassword),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)),
	)
	b.waitText("h1", "Users")
	if n := b.count(`nav a[href="/settings"]`); n != 1 {
		t.Errorf("the administrator's navigation has %d links to the organisation's settings, want 1", n)
	}
	b.check("users")
	b.screenshot("users")
}

// mailedLink is the console link (path and query) in the newest mail to
// address, read from the local outbox: the link a person would click.
func mailedLink(t *testing.T, base, address, path string) string {
	t.Helper()
	resp, err := http.Get(base + "/_local/mail/?format=json&to=" + url.QueryEscape(address))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var box struct{ Items []struct{ Subject, Text string } }
	if err := json.NewDecoder(resp.Body).Decode(&box); err != nil {
		t.Fatal(err)
	}
	if len(box.Items) == 0 {
		t.Fatalf("no mail to %s in the outbox", address)
	}
	m := regexp.MustCompile(`https?://\S+` + regexp.QuoteMeta(path) + `\S*`).FindString(box.Items[0].Text)
	if m == "" {
		t.Fatalf("the newest mail to %s (%q) has no link to %s: %s", address, box.Items[0].Subject, path, box.Items[0].Text)
	}
	u, err := url.Parse(m)
	if err != nil {
		t.Fatal(err)
	}
	return u.RequestURI()
}
