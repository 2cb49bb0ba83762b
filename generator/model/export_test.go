package model

// CoverIndexed reports whether t.Covered and t.CoveredBy find keys by the
// table's coverIndex, not by a scan.
func CoverIndexed(t *Table) bool { return t.cover != nil && t.cover.holds(t) }
