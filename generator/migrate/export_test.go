package migrate

// Castable is castable, for the test that holds it against PostgreSQL.
var Castable = castable
