// Port of geocoder/geocoding/PhoneNumberOfflineGeocoder.java from google/libphonenumber.
// Functions are kept in upstream source order to ease syncing.
// Last reconciled against: v9.0.32
package phonenumbers

// Roster's patch leaves the offline geocoder (GetGeocodingForNumber) out:
// Roster never calls it, and its last fallback imported
// golang.org/x/text/language/display, whose init (1.3 ms, 198 KB) ran at the
// start of every program that links this package.
