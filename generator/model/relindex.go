package model

// This file holds what the resolver keeps per table while it adds the
// foreign keys of many relationships to it, so that a table that takes
// thousands of them costs time linear in them, not quadratic: where the
// next FK column goes, the table's keys by role and its unique keys by
// column set.

// keyEnd is afterKey of a table, remembered with what it depends on.
type keyEnd struct {
	at       int     // afterKey's answer
	n        int     // len(t.Columns) then
	pk       *Key    // t.PrimaryKey then
	boundary *Column // t.Columns[at], nil when at == n
}

// afterKey is afterKey(t), from what r noted at the last FK columns it
// added to t when t's columns and primary key are as they were then.
func (r *resolver) afterKey(t *Table) int {
	if e, ok := r.keyEnds[t]; ok && e.n == len(t.Columns) && e.pk == t.PrimaryKey &&
		(e.at == e.n && e.boundary == nil || e.at < e.n && t.Columns[e.at] == e.boundary) {
		return e.at
	}
	return afterKey(t)
}

// addedAfterKey notes that FK columns were inserted into t from afterKey
// up to at: the primary key and FK columns that lead t end there now.
func (r *resolver) addedAfterKey(t *Table, at int) {
	if r.keyEnds == nil {
		r.keyEnds = map[*Table]keyEnd{}
	}
	e := keyEnd{at: at, n: len(t.Columns), pk: t.PrimaryKey}
	if at < len(t.Columns) {
		e.boundary = t.Columns[at]
	}
	r.keyEnds[t] = e
}

// roleIndex holds the foreign keys of a table by role, once it has many;
// foreignKey is the one writer of a table's ForeignKeys, which only
// appends, so the index catches up with the keys added since it last
// looked.
type roleIndex map[*Table]*tableRoles

type tableRoles struct {
	byRole map[string][]*ForeignKey
	n      int // the number of t.ForeignKeys in byRole
}

// indexFrom is the number of a table's columns, foreign keys or unique
// keys from which the resolver finds them by a map rather than by the
// table's list: columnIndex, roleIndex, uniqueIndex and coverIndex.
const indexFrom = 32

// sameRole returns the foreign keys of t that may have the role, in
// order: those of the role, or all of them while t has few.
func (x roleIndex) sameRole(t *Table, role string) []*ForeignKey {
	if len(t.ForeignKeys) < indexFrom {
		return t.ForeignKeys
	}
	tr := x[t]
	if tr == nil {
		tr = &tableRoles{byRole: map[string][]*ForeignKey{}}
		x[t] = tr
	}
	for _, fk := range t.ForeignKeys[tr.n:] {
		tr.byRole[fk.Role] = append(tr.byRole[fk.Role], fk)
	}
	tr.n = len(t.ForeignKeys)
	return tr.byRole[role]
}

// uniqueIndex holds the unique keys of a table by column set once it has
// many, for isUnique: a 1:1 relationship adds one to its child. Unique
// keys are only appended, so the index catches up with those added
// since it last looked.
type uniqueIndex struct {
	hashes columnHashes
	tables map[*Table]*tableUniques
}

type tableUniques struct {
	bySet map[prefixSet][]*Key
	n     int // the number of t.Uniques in bySet
}

// sameSet returns the unique keys of t that may be over the columns cols,
// which are distinct: those over a set of the same size and hash sum, or
// all of them while t has few.
func (x *uniqueIndex) sameSet(t *Table, cols []*Column) []*Key {
	if len(t.Uniques) < indexFrom {
		return t.Uniques
	}
	if x.tables == nil {
		x.hashes, x.tables = columnHashes{}, map[*Table]*tableUniques{}
	}
	tu := x.tables[t]
	if tu == nil {
		tu = &tableUniques{bySet: map[prefixSet][]*Key{}}
		x.tables[t] = tu
	}
	for _, k := range t.Uniques[tu.n:] {
		s := x.hashes.set(k.Columns)
		tu.bySet[s] = append(tu.bySet[s], k)
	}
	tu.n = len(t.Uniques)
	return tu.bySet[x.hashes.set(cols)]
}
