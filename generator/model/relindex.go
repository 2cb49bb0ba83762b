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

// appended groups the items of a list that is only appended to by a key
// of each: caughtUp groups those appended since it last looked. A
// table's columns are no such list (FK columns are inserted after its
// key), so columnIndex is told of each column added or inserted instead,
// and builds its map again when their number shows it missed one.
type appended[K comparable, V any] struct {
	by map[K][]V
	n  int // the number of the list's items in by
}

func (a *appended[K, V]) caughtUp(list []V, key func(V) K) map[K][]V {
	if a.by == nil {
		a.by = map[K][]V{}
	}
	for _, v := range list[a.n:] {
		k := key(v)
		a.by[k] = append(a.by[k], v)
	}
	a.n = len(list)
	return a.by
}

type tableRoles = appended[string, *ForeignKey]

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
		tr = &tableRoles{}
		x[t] = tr
	}
	return tr.caughtUp(t.ForeignKeys, func(fk *ForeignKey) string { return fk.Role })[role]
}

// uniqueIndex holds the unique keys of a table by column set once it has
// many, for isUnique: a 1:1 relationship adds one to its child. Unique
// keys are only appended, so the index catches up with those added
// since it last looked.
type uniqueIndex map[*Table]*tableUniques

type tableUniques = appended[prefixSet, *Key]

// sameSet returns the unique keys of t that may be over the columns cols,
// which are distinct: those over a set of the same size and hash sum by
// hashes, or all of them while t has few.
func (x uniqueIndex) sameSet(t *Table, cols []*Column, hashes columnHashes) []*Key {
	if len(t.Uniques) < indexFrom {
		return t.Uniques
	}
	tu := x[t]
	if tu == nil {
		tu = &tableUniques{}
		x[t] = tu
	}
	return tu.caughtUp(t.Uniques, func(k *Key) prefixSet { return hashes.set(k.Columns) })[hashes.set(cols)]
}
