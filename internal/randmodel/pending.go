package randmodel

// Constructs the language is gaining while this generator learns the
// others: CHECK NOT VALID, a collation on one index key, sequence
// settings and interval fields. Each has its function here, called where
// its lines belong and drawing from a stream of its own (constructs.go),
// so that drawing it changes no other draw of a seed. Until the language
// has them they draw nothing: fill each in, and add what it draws to
// TestGenerateCoverage.

// checkNotValid is to add now and then a CHECK `not valid` to e.
func (g *gen) checkNotValid(e *entity) { _ = e }

// intervalFields is to add now and then an interval column restricted to
// some fields (`interval day to second`) to e.
func (g *gen) intervalFields(e *entity) { _ = e }

// sequenceSettings is to return now and then settings for a declared
// sequence (type, start, increment, cache, cycle), written after its name.
func (g *gen) sequenceSettings() string { return "" }

// indexKeyCollation is to return now and then a collation for the index
// key col of type typ, written after it (`label collate "C"`).
func (g *gen) indexKeyCollation(col, typ string) string { _ = typ; return col }
