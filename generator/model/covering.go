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
	t := fk.Table
	if t.PrimaryKey != nil && leads(fk.Columns, t.PrimaryKey.Columns) {
		return t.PrimaryKey.Name
	}
	for _, k := range t.Uniques {
		if leads(fk.Columns, k.Columns) {
			return k.Name
		}
	}
	for _, ix := range t.Indexes {
		if ix.Serves() && leads(fk.Columns, ix.Columns) {
			return ix.Name
		}
	}
	return ""
}
