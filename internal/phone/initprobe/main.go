// Command initprobe is the smallest program that normalises phone numbers:
// it shows what importing internal/phone costs a cold start, and how long
// the first numbers take.
//
//	go build -o /tmp/initprobe ./internal/phone/initprobe
//	GODEBUG=inittrace=1 /tmp/initprobe 2>&1 | grep -E 'phonenumbers|internal/phone|call'
//
// nyaruka/phonenumbers' init (its metadata, unzipped and unmarshalled, and
// its short-number metadata) runs before main whatever the program does;
// internal/phone's own is a few regular expressions and maps, and its fast
// path reads the metadata on the first number.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/roster-app/roster/internal/phone"
)

func main() {
	for _, in := range [][2]string{{"(201) 555-0123", "US"}, {"(202) 555-0199", "US"}, {"0121 234 5678", "GB"}, {"+49 30 123456", "US"}} {
		t0 := time.Now()
		e164, err := phone.Normalise(in[0], in[1])
		fmt.Fprintf(os.Stderr, "call %-16q %s: %s %v in %v\n", in[0], in[1], e164, err, time.Since(t0))
	}
}
