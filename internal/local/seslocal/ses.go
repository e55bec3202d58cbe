package seslocal

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/http"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

const sesNamespace = "http://ses.amazonaws.com/doc/2010-12-01/"

// SESHandler returns the SES endpoint. The request path is ignored, so it
// works behind http.StripPrefix or at the root.
func (o *Outbox) SESHandler() http.Handler {
	return http.HandlerFunc(o.serveSES)
}

// sesError is an error the client caused, reported in SES's XML shape.
type sesError struct {
	status        int
	code, message string
}

func (e *sesError) Error() string { return e.code + ": " + e.message }

func invalid(format string, args ...any) *sesError {
	return &sesError{http.StatusBadRequest, "InvalidParameterValue", fmt.Sprintf(format, args...)}
}

func (o *Outbox) serveSES(w http.ResponseWriter, r *http.Request) {
	requestID := randomHex(16)
	if r.Method != http.MethodPost {
		writeSESError(w, requestID, &sesError{http.StatusMethodNotAllowed, "InvalidAction", "SES requests must be POSTed"})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 40<<20) // SES's raw message limit
	if err := r.ParseForm(); err != nil {
		writeSESError(w, requestID, invalid("cannot parse form: %v", err))
		return
	}
	action := r.PostForm.Get("Action")
	var (
		msg Message
		err error
	)
	switch action {
	case "SendEmail":
		msg, err = parseSendEmail(r.PostForm)
	case "SendRawEmail":
		msg, err = parseSendRawEmail(r.PostForm)
	default:
		err = &sesError{http.StatusBadRequest, "InvalidAction", fmt.Sprintf("action %q is not supported by the local SES", action)}
	}
	if err == nil {
		msg, err = o.add(msg)
		if err != nil {
			err = &sesError{http.StatusInternalServerError, "InternalFailure", err.Error()}
		}
	}
	if err != nil {
		writeSESError(w, requestID, err)
		return
	}
	// The IDs are hex and dashes, so nothing here needs escaping.
	w.Header().Set("Content-Type", "text/xml")
	fmt.Fprintf(w, `<%[1]sResponse xmlns="%[2]s">
  <%[1]sResult>
    <MessageId>%[3]s</MessageId>
  </%[1]sResult>
  <ResponseMetadata>
    <RequestId>%[4]s</RequestId>
  </ResponseMetadata>
</%[1]sResponse>
`, action, sesNamespace, msg.ID, requestID)
}

func writeSESError(w http.ResponseWriter, requestID string, err error) {
	e, ok := err.(*sesError)
	if !ok {
		e = &sesError{http.StatusInternalServerError, "InternalFailure", err.Error()}
	}
	typ := "Sender"
	if e.status >= 500 {
		typ = "Receiver"
	}
	var msg bytes.Buffer
	_ = xml.EscapeText(&msg, []byte(e.message))
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(e.status)
	fmt.Fprintf(w, `<ErrorResponse xmlns="%s">
  <Error>
    <Type>%s</Type>
    <Code>%s</Code>
    <Message>%s</Message>
  </Error>
  <RequestId>%s</RequestId>
</ErrorResponse>
`, sesNamespace, typ, e.code, msg.String(), requestID)
}

// members reads a Query API list: prefix.member.1, prefix.member.2, ...
func members(form url.Values, prefix string) []string {
	var out []string
	for i := 1; ; i++ {
		v, ok := form[prefix+".member."+strconv.Itoa(i)]
		if !ok {
			return out
		}
		out = append(out, v[0])
	}
}

func parseSendEmail(form url.Values) (Message, error) {
	m := Message{
		From:    form.Get("Source"),
		To:      members(form, "Destination.ToAddresses"),
		Cc:      members(form, "Destination.CcAddresses"),
		Bcc:     members(form, "Destination.BccAddresses"),
		ReplyTo: members(form, "ReplyToAddresses"),
		Subject: form.Get("Message.Subject.Data"),
		Text:    form.Get("Message.Body.Text.Data"),
		HTML:    form.Get("Message.Body.Html.Data"),
	}
	if m.From == "" {
		return m, invalid("Missing required parameter Source")
	}
	if len(m.To)+len(m.Cc)+len(m.Bcc) == 0 {
		return m, invalid("Destination must contain at least one To, Cc or Bcc address")
	}
	if m.Text == "" && m.HTML == "" {
		return m, invalid("Message body must have Text or Html")
	}
	return m, nil
}

func parseSendRawEmail(form url.Values) (Message, error) {
	raw, err := base64.StdEncoding.DecodeString(form.Get("RawMessage.Data"))
	if err != nil {
		return Message{}, invalid("RawMessage.Data is not base64: %v", err)
	}
	if len(raw) == 0 {
		return Message{}, invalid("Missing required parameter RawMessage.Data")
	}
	mm, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Message{}, invalid("RawMessage.Data is not a mail message: %v", err)
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(mm.Header.Get("Subject"))
	if err != nil {
		subject = mm.Header.Get("Subject")
	}
	m := Message{
		From:    form.Get("Source"),
		To:      addressList(mm.Header, "To"),
		Cc:      addressList(mm.Header, "Cc"),
		Bcc:     addressList(mm.Header, "Bcc"),
		ReplyTo: addressList(mm.Header, "Reply-To"),
		Subject: subject,
	}
	if m.From == "" {
		if from := addressList(mm.Header, "From"); len(from) > 0 {
			m.From = from[0]
		}
	}
	// Destinations, when given, are who SES actually sends to; those not
	// named in the headers are blind copies.
	named := map[string]bool{}
	for _, a := range slices.Concat(m.To, m.Cc, m.Bcc) {
		named[bareAddress(a)] = true
	}
	for _, d := range members(form, "Destinations") {
		if !named[bareAddress(d)] {
			m.Bcc = append(m.Bcc, d)
		}
	}
	if m.From == "" {
		return m, invalid("Missing Source and From header")
	}
	if len(m.To)+len(m.Cc)+len(m.Bcc) == 0 {
		return m, invalid("Missing recipients: no Destinations and no To, Cc or Bcc header")
	}
	if err := readBody(mm.Header, mm.Body, &m); err != nil {
		return m, invalid("cannot read message body: %v", err)
	}
	return m, nil
}

// addressList returns the addresses in header key as "Name <addr>" or
// "addr", or the raw value if it does not parse.
func addressList(h mail.Header, key string) []string {
	if h.Get(key) == "" {
		return nil
	}
	list, err := h.AddressList(key)
	if err != nil {
		return []string{h.Get(key)}
	}
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a.Address
		if a.Name != "" {
			out[i] = a.Name + " <" + a.Address + ">"
		}
	}
	return out
}

// bareAddress turns "Name <a@b>" into "a@b", for comparing recipients.
func bareAddress(s string) string {
	if a, err := mail.ParseAddress(s); err == nil {
		return strings.ToLower(a.Address)
	}
	return strings.ToLower(s)
}

// header is what mail.Header and a MIME part's header have in common.
type header interface{ Get(string) string }

// readBody fills m.Text and m.HTML from the first text/plain and text/html
// parts, walking nested multiparts (mixed, alternative, related).
func readBody(h header, body io.Reader, m *Message) error {
	ctype := h.Get("Content-Type")
	if ctype == "" {
		ctype = "text/plain"
	}
	mediaType, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		return err
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart() // raw: the transfer encoding is handled below
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if err := readBody(p.Header, p, m); err != nil {
				return err
			}
		}
	}
	if disp, _, _ := mime.ParseMediaType(h.Get("Content-Disposition")); disp == "attachment" {
		return nil
	}
	switch strings.ToLower(h.Get("Content-Transfer-Encoding")) {
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body) // skips line breaks
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	}
	switch {
	case mediaType == "text/plain" && m.Text == "":
		b, err := io.ReadAll(body)
		m.Text = string(b)
		return err
	case mediaType == "text/html" && m.HTML == "":
		b, err := io.ReadAll(body)
		m.HTML = string(b)
		return err
	}
	return nil
}
