package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

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
// outbox, schedules): the local stack. The walk happens in an organisation
// of its own, made with the operator key, so that it shares no names with
// the other subtests and the tour.
func checkConsole(t *testing.T, base, root, operatorKey string) {
	b := newBrowser(t, root, base)
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	org := "Console Co " + run
	adminEmail, adminPassword := "ann."+run+"@console.example", "ann's long password"
	caraEmail := "cara." + run + "@console.example"
	body := fmt.Sprintf(`{"name":%q,"defaultRegion":"US","timeZone":"America/New_York",
		"admin":{"email":%q,"firstName":"Ann","lastName":"Admin","password":%q}}`, org, adminEmail, adminPassword)
	req, _ := http.NewRequest("POST", base+"/api/orgs", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Operator-Key", operatorKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("POST /orgs: %d", resp.StatusCode)
	}

	// Signed out, any page asks to sign in first and comes back after.
	b.open("/users", "form")
	b.waitText("h1", "Sign in")
	b.check("sign-in")
	b.screenshot("sign-in")
	b.signIn(adminEmail, adminPassword)
	b.waitText("h1", "Users")
	if n := b.count(`nav a[href="/settings"]`); n != 1 {
		t.Errorf("the administrator's navigation has %d links to the organisation's settings, want 1", n)
	}
	b.check("users")
	b.screenshot("users")

	// Invite Cara by email with the agent role at the organisation (the
	// form's first row: agent at the administrator's first group).
	b.run(chromedp.Click(chromedp.CSS(`[data-testid=invite-user]`)))
	b.waitText("h1", "Invite user")
	b.check("invite user")
	b.screenshot("invite-user")
	b.run(
		chromedp.SendKeys(chromedp.CSS(`[data-testid=invite-form] input[name=email]`), caraEmail),
		chromedp.Click(chromedp.CSS(`[data-testid=invite-submit]`)),
	)
	b.waitText("[data-testid=created-notice]", caraEmail)
	b.check("the invited user")
	b.screenshot("user")
	b.signOut()

	// Cara opens the link mailed to her, chooses her names and a password,
	// and is signed in: as an agent she sees no users and no settings.
	b.open(mailedLink(t, b.base, caraEmail, "/invitations/accept"), "form")
	b.waitText("h1", "Set up your account")
	b.check("accept invitation")
	b.screenshot("accept-invitation")
	// Without names the API names both fields, and the page shows each by its field.
	b.run(
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "cara picked this one"),
		chromedp.SendKeys(chromedp.CSS(`input[name=confirm]`), "cara picked this one"),
		chromedp.Click(chromedp.Search(`//button[normalize-space()="Accept invitation"]`)),
	)
	b.run(chromedp.WaitVisible(chromedp.CSS(`.field:has(input[name=firstName]) .error`)))
	if n := b.count(`.field:has(input[name=firstName]) .error`); n != 1 {
		t.Errorf("accepting without names: %d errors by First name, want 1", n)
	}
	b.check("accept invitation, names missing")
	b.run(
		chromedp.SendKeys(chromedp.CSS(`input[name=firstName]`), "Cara"),
		chromedp.SendKeys(chromedp.CSS(`input[name=lastName]`), "Console"),
		chromedp.Click(chromedp.Search(`//button[normalize-space()="Accept invitation"]`)),
	)
	b.waitText("h1", "Welcome, Cara")
	b.check("an agent's start page")
	for _, hidden := range []string{"/users", "/settings", "/audit", "/contacts/imports/new"} {
		if n := b.count(`nav a[href="` + hidden + `"], main a[href="` + hidden + `"]`); n != 0 {
			t.Errorf("an agent is shown %d links to %s", n, hidden)
		}
	}
	for _, shown := range []string{"/conversations", "/contacts", "/profile"} {
		if n := b.count(`nav a[href="` + shown + `"]`); n != 1 {
			t.Errorf("an agent's navigation has %d links to %s, want 1", n, shown)
		}
	}
	b.open("/contacts", "main h1")
	b.waitText("h1", "Contacts")
	if n := b.count(`main button`); n == 0 || b.hasButton("Import contacts") || b.hasButton("Add contact") {
		t.Errorf("an agent's contacts page offers to add or import contacts (%d buttons)", n)
	}
	b.check("contacts, read only")
	b.open("/users", "main h1")
	b.waitText("h1", "Not available")
	b.check("a page an agent may not open")
	b.signOut()

	// The administrator removes every opening hour the form proposes and
	// saves: the organisation is closed every day, and the preview says so
	// and why.
	b.signIn(adminEmail, adminPassword)
	b.open("/hours", "[data-testid=hours-form]")
	b.waitText("h1", "Hours")
	b.check("hours")
	b.screenshot("hours")
	remove := `[data-testid=hours-form] [data-testid^=hours-][data-testid$=-remove]`
	for n := b.count(remove); n > 0; n-- {
		b.run(chromedp.Click(chromedp.CSS(remove)))
		b.run(chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.querySelectorAll(%q).length < %d`, remove, n),
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(0)))
	}
	b.run(chromedp.Click(chromedp.CSS(`[data-testid=hours-save]`)))
	b.waitText("[data-testid=open-status]", "Closed: outside hours")
	b.check("hours, closed now")

	// Import a spreadsheet through the wizard: a CSV of two rows, one with
	// a phone no one can text. The review shows that row's error; applying
	// adds the other contact.
	file := filepath.Join(t.TempDir(), "console-contacts.csv")
	csv := "First Name,Last Name,Cell Phone," + org + "\r\nLin,Console,(617) 555-0151,X\r\nBad,Row,555-CALL-NOW,X\r\n"
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	b.open("/contacts", "main h1")
	b.waitText("h1", "Contacts")
	b.check("contacts")
	b.run(chromedp.Click(chromedp.Search(`//main//button[normalize-space()="Import contacts"]`)))
	b.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid=import-upload-form]`)))
	b.check("import: upload")
	b.run(chromedp.SetUploadFiles(chromedp.CSS(`[data-testid=import-file]`), []string{file}))
	b.waitText("[data-testid=import-chosen]", "console-contacts.csv")
	b.screenshot("import-upload")
	b.run(chromedp.Click(chromedp.CSS(`[data-testid=import-upload-button]`)))
	b.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid=import-review]`)))
	b.waitText("[data-testid=import-error-row]", "must not contain letters")
	if n := b.count(`[data-testid=import-error-row]`); n != 1 {
		t.Errorf("the review lists %d rows with errors, want 1", n)
	}
	b.check("import: review")
	b.screenshot("import-review")
	b.run(chromedp.Click(chromedp.CSS(`[data-testid=import-apply]`)))
	b.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid=import-done]`)))
	b.check("import: done")
	b.screenshot("import-done")
	b.open("/contacts", "main h1")
	b.waitText("main table", "Lin Console")
	b.screenshot("contacts")

	// Every other page an administrator can open passes axe too.
	for _, p := range []struct{ path, heading string }{
		{"/", "Welcome, Ann"}, {"/profile", "My profile"}, {"/groups", "Groups"},
		{"/notifications", "Notifications"}, {"/templates", "Message templates"}, {"/contacts/exports", "Contact exports"},
		{"/conversations", "Conversations"}, {"/credits", "Credits"}, {"/audit", "Audit"}, {"/settings", "Organisation"},
	} {
		b.open(p.path, "main h1")
		b.waitText("main h1", p.heading)
		b.check(p.path)
	}
}

// hasButton reports whether the page has a button whose text is label.
func (b *browser) hasButton(label string) bool {
	b.t.Helper()
	return value(b, chromedp.Evaluate[bool](fmt.Sprintf(`[...document.querySelectorAll('button')].some(e => e.innerText.trim() === %q)`, label)))
}

// signIn fills the sign-in page the browser is on.
func (b *browser) signIn(email, password string) {
	b.t.Helper()
	b.run(
		chromedp.WaitVisible(chromedp.CSS(`input[type=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[type=email]`), email),
		chromedp.SendKeys(chromedp.CSS(`input[type=password]`), password),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)),
		// Signed in once the navigation shows: navigating before would
		// abandon the sign-in's answer, and the tokens with it.
		chromedp.WaitVisible(chromedp.CSS(`nav.nav`)),
	)
}

// signOut uses the navigation's Sign out button and waits for the sign-in page.
func (b *browser) signOut() {
	b.t.Helper()
	b.run(chromedp.Click(chromedp.Search(`//nav//button[normalize-space()="Sign out"]`)))
	b.waitText("h1", "Sign in")
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
	var box struct {
		Items []struct{ Subject, Text string }
	}
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
