package dynamo

// TS exposes the stored time format to the external tests.
var TS = ts
