package model

// ListKey is the key a table's rows are listed and paged by: the primary
// key, else the first unique key none of whose columns is nullable (a
// nullable column would let rows share a position); nil when the table has
// neither. Keyset pagination and every "in key order" sentence use it.
func (t *Table) ListKey() []*Column {
	if t.PrimaryKey != nil {
		return t.PrimaryKey.Columns
	}
	for _, k := range t.Uniques {
		if !anyNullable(k.Columns) {
			return k.Columns
		}
	}
	return nil
}

func anyNullable(cols []*Column) bool {
	for _, c := range cols {
		if c.Nullable {
			return true
		}
	}
	return false
}
