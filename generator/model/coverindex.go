package model

// coverIndex answers Table.CoveredBy and Table.Covered for a table of
// many foreign keys without trying each of its keys and indexes: it holds
// each leading column set of the primary key, unique keys and serving
// indexes under its length and the sum of its columns' hashes, which does
// not depend on their order, so that a lookup tries only the keys that
// lead with the same set (and those whose hashes collide with it), in the
// order covering tries them. fkIndexes builds it, catching it up as it
// adds indexes, and leaves it in the table's cover, for lint and review
// output, which ask for each foreign key.
type coverIndex struct {
	hashes   columnHashes
	byPrefix map[prefixSet][]coverKey
	// What the index holds of its table: a table copied and changed (as
	// the migration planner does) has other lists, and is scanned.
	pk      *Key
	uniques []*Key
	indexes []*Index // resolving only appends to them
}

// coverKey is a key or index by its columns and its Name, read when
// asked: renaming columns (Table.RenameColumnRefs) renames an index.
type coverKey struct {
	name    *string
	columns []*Column
}

// prefixSet is a column set by its size and the sum of its hashes.
type prefixSet struct {
	n   int
	sum uint64
}

// newCoverIndex is the coverIndex of t, which finds column sets by hashes.
func newCoverIndex(t *Table, hashes columnHashes) *coverIndex {
	x := &coverIndex{hashes: hashes, byPrefix: map[prefixSet][]coverKey{}, pk: t.PrimaryKey, uniques: t.Uniques}
	if t.PrimaryKey != nil {
		x.add(&t.PrimaryKey.Name, t.PrimaryKey.Columns)
	}
	for _, k := range t.Uniques {
		x.add(&k.Name, k.Columns)
	}
	x.catchUp(t)
	return x
}

// catchUp holds the serving indexes added to t since x last looked.
func (x *coverIndex) catchUp(t *Table) {
	for _, ix := range t.Indexes[len(x.indexes):] {
		if ix.Serves() {
			x.add(&ix.Name, ix.Columns)
		}
	}
	x.indexes = t.Indexes
}

// holds reports whether x holds every key and index of t: t's lists are
// the very ones x was built from (the same arrays, of the same lengths).
func (x *coverIndex) holds(t *Table) bool {
	return x.pk == t.PrimaryKey && sameList(x.uniques, t.Uniques) && sameList(x.indexes, t.Indexes)
}

func sameList[E any](a, b []E) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// columnHashes gives each column a hash of its own, so that a column
// set's sum of them does not depend on the columns' order.
type columnHashes map[*Column]uint64

// hash is c's hash, a SplitMix64 step from the number of columns seen.
func (x columnHashes) hash(c *Column) uint64 {
	h, ok := x[c]
	if !ok {
		h = uint64(len(x)+1) * 0x9e3779b97f4a7c15
		h = (h ^ h>>30) * 0xbf58476d1ce4e5b9
		h = (h ^ h>>27) * 0x94d049bb133111eb
		h ^= h >> 31
		x[c] = h
	}
	return h
}

// set is cols by their number and sum of hashes.
func (x columnHashes) set(cols []*Column) prefixSet {
	var sum uint64
	for _, c := range cols {
		sum += x.hash(c)
	}
	return prefixSet{len(cols), sum}
}

// add holds each leading column set of key.
func (x *coverIndex) add(name *string, key []*Column) {
	var sum uint64
	for i, c := range key {
		sum += x.hashes.hash(c)
		p := prefixSet{i + 1, sum}
		x.byPrefix[p] = append(x.byPrefix[p], coverKey{name, key})
	}
}

// coveredBy is covering by a scan of the table x holds, for distinct
// cols. It only reads x: a column that x has no hash of is in none of
// its keys, so none leads with cols.
func (x *coverIndex) coveredBy(cols []*Column) (string, bool) {
	var sum uint64
	for _, c := range cols {
		h, ok := x.hashes[c]
		if !ok {
			return "", false
		}
		sum += h
	}
	for _, k := range x.byPrefix[prefixSet{len(cols), sum}] {
		if leads(cols, k.columns) {
			return *k.name, true
		}
	}
	return "", false
}

// distinct reports whether no column is twice in cols: a key leads with
// such cols only when its leading columns are them in some order, which
// have the same hash sum; with a column twice, leads asks less.
func distinct(cols []*Column) bool {
	if len(cols) <= 16 {
		for i, c := range cols {
			for _, d := range cols[:i] {
				if c == d {
					return false
				}
			}
		}
		return true
	}
	seen := make(map[*Column]bool, len(cols))
	for _, c := range cols {
		if seen[c] {
			return false
		}
		seen[c] = true
	}
	return true
}
