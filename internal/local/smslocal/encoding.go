package smslocal

import (
	"strings"
	"unicode/utf16"

	"github.com/nyaruka/phonenumbers"
)

// GSM 03.38: the basic character set, and the extension set whose
// characters take two septets each.
const (
	gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
		"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsmExtension = "\f^{}\\[~]|€"
)

// encodingAndParts says how a body travels: GSM-7 when every character is
// in the GSM alphabet, else UCS-2; and in how many parts (160 septets or 70
// UTF-16 units in one part, 153 or 67 in each part of a longer message).
func encodingAndParts(body string) (encoding string, parts int) {
	septets, gsm := 0, true
	for _, r := range body {
		switch {
		case strings.ContainsRune(gsmBasic, r):
			septets++
		case strings.ContainsRune(gsmExtension, r):
			septets += 2
		default:
			gsm = false
		}
	}
	if gsm {
		return "GSM", partsOf(septets, 160, 153)
	}
	return "UCS2", partsOf(len(utf16.Encode([]rune(body))), 70, 67)
}

func partsOf(units, single, each int) int {
	if units <= single {
		return 1
	}
	return (units + each - 1) / each
}

// countryOf is the ISO country code of an E.164 number, "" when it is not
// one (a sender id or pool id as origination identity).
func countryOf(number string) string {
	if !ValidNumber(number) {
		return ""
	}
	n, err := phonenumbers.Parse(number, "")
	if err != nil {
		return ""
	}
	// A number of no real region (the fictional 555 ones) counts as the
	// main country of its calling code.
	region := phonenumbers.GetRegionCodeForNumber(n)
	if region == "" || region == "ZZ" {
		region = phonenumbers.GetRegionCodeForCountryCode(int(n.GetCountryCode()))
	}
	if region == "ZZ" {
		return ""
	}
	return region
}
