package dynamo

// TS exposes the stored time format to the external tests.
var TS = ts

// TextsDuePK exposes a text's TextsDue partition to the external tests.
var TextsDuePK = textsDuePK
