package model

// coverIndex answers Table.Covered for a table of many foreign keys
// without trying each of its keys and indexes: it holds each leading
// column set of the primary key, unique keys and serving indexes under
// its length and the sum of its columns' hashes, which does not depend
// on their order, so that a lookup tries only the keys that lead with
// the same set (and those whose hashes collide with it), in the order
// covering tries them.
type coverIndex struct {
	t        *Table
	hashes   columnHashes
	byPrefix map[prefixSet][][]*Column
	nIndexes int // the indexes of t held so far: t only adds more
}

// prefixSet is a column set by its size and the sum of its hashes.
type prefixSet struct {
	n   int
	sum uint64
}

func newCoverIndex(t *Table) *coverIndex {
	x := &coverIndex{t: t, hashes: columnHashes{}, byPrefix: map[prefixSet][][]*Column{}}
	if t.PrimaryKey != nil {
		x.add(t.PrimaryKey.Columns)
	}
	for _, k := range t.Uniques {
		x.add(k.Columns)
	}
	return x
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
func (x *coverIndex) add(key []*Column) {
	var sum uint64
	for i, c := range key {
		sum += x.hashes.hash(c)
		p := prefixSet{i + 1, sum}
		x.byPrefix[p] = append(x.byPrefix[p], key)
	}
}

// covered is x.t.Covered(cols).
func (x *coverIndex) covered(cols []*Column) bool {
	if !distinct(cols) {
		return x.t.Covered(cols)
	}
	for _, ix := range x.t.Indexes[x.nIndexes:] {
		if ix.Serves() {
			x.add(ix.Columns)
		}
	}
	x.nIndexes = len(x.t.Indexes)
	for _, key := range x.byPrefix[x.hashes.set(cols)] {
		if leads(cols, key) {
			return true
		}
	}
	return false
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
