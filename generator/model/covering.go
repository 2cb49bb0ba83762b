package model

// CoveredBy names the index that serves lookups of fk's referencing rows
// (every delete or key update of a parent row makes one): the index ergen
// created for fk, else the primary key, unique key or index of fk's table
// that leads with fk's columns and made one unnecessary. It returns ""
// when none does, after `no index`.
func (fk *ForeignKey) CoveredBy() string {
	if fk.Index != nil {
		return fk.Index.Name
	}
	return fk.Table.CoveredBy(fk.Columns)
}

// CoveredBy names the primary key, unique key or index of t that leads
// with cols, in any order, so that it serves lookups by cols; "" when none
// does. Resolve asks it before adding an FK index, lint before warning
// about `no index`, and review output to name an FK's index: one rule.
func (t *Table) CoveredBy(cols []*Column) string {
	name, _ := t.covering(cols)
	return name
}

// Covered reports whether a key or index of t leads with cols.
func (t *Table) Covered(cols []*Column) bool {
	_, ok := t.covering(cols)
	return ok
}

func (t *Table) covering(cols []*Column) (string, bool) {
	// With a column twice in cols, a key of other columns may lead with
	// them, which the index of column sets does not find.
	if t.cover != nil && t.cover.holds(t) && distinct(cols) {
		return t.cover.coveredBy(cols)
	}
	if t.PrimaryKey != nil && leads(cols, t.PrimaryKey.Columns) {
		return t.PrimaryKey.Name, true
	}
	for _, k := range t.Uniques {
		if leads(cols, k.Columns) {
			return k.Name, true
		}
	}
	for _, ix := range t.Indexes {
		if ix.Serves() && leads(cols, ix.Columns) {
			return ix.Name, true
		}
	}
	return "", false
}
