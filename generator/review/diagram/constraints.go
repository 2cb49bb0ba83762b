package diagram

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// Spelt is a constraint a box shows as a numbered mark on its columns,
// spelt out under them, because one mark on each column could not say it:
// a unique key over several columns (UK1: unique (tenant, handle)), a
// unique index that is partial or over expressions (UK2: unique (code)
// WHERE (not retired)), an exclusion constraint (EX1: exclude USING gist
// (room_id WITH =, during WITH &&)).
type Spelt struct {
	Mark    string // UK1, UK2 ..., EX1, EX2 ...
	Name    string // the constraint's or index's
	Columns []*model.Column
	Text    string
}

// Line is the mark spelt out: "UK1: unique (tenant, handle)".
func (sp Spelt) Line() string { return sp.Mark + ": " + sp.Text }

// SpeltMarks lists the spelt-out constraints of t: unique keys and unique
// indexes first, in declaration order, then exclusion constraints.
func SpeltMarks(t *model.Table) []Spelt {
	var out []Spelt
	uk := func(name string, cols []*model.Column, text string) {
		out = append(out, Spelt{Mark: fmt.Sprintf("UK%d", len(out)+1), Name: name, Columns: cols, Text: text})
	}
	for _, k := range t.Uniques {
		if len(k.Columns) > 1 {
			uk(k.Name, k.Columns, "unique "+ColumnList(k.Columns))
		}
	}
	for _, ix := range t.Indexes {
		if ix.Unique && !plainUnique(ix) {
			uk(ix.Name, ix.Columns, "unique "+ix.Spec())
		}
	}
	for i, x := range t.Exclusions {
		out = append(out, Spelt{Mark: fmt.Sprintf("EX%d", i+1), Name: x.Name, Columns: x.Columns, Text: "exclude " + strings.TrimPrefix(x.SQL(), "EXCLUDE ")})
	}
	return out
}

// plainUnique reports whether a unique index makes one column unique in
// every row, as a unique key of that column does: no predicate, no
// expression, one key.
func plainUnique(ix *model.Index) bool {
	return ix.Unique && ix.Where == "" && len(ix.Keys) == 1 && ix.Keys[0].Column != nil
}

// uniqueAlone reports whether c is unique on its own in t: a unique key
// or a plain unique index of c alone.
func uniqueAlone(t *model.Table, c *model.Column) bool {
	return slices.ContainsFunc(t.Uniques, func(k *model.Key) bool { return len(k.Columns) == 1 && k.Columns[0] == c }) ||
		slices.ContainsFunc(t.Indexes, func(ix *model.Index) bool { return plainUnique(ix) && ix.Keys[0].Column == c })
}

// speltFor finds the spelt-out constraint of t with the given mark.
func speltFor(t *model.Table, mark string) (Spelt, bool) {
	for _, sp := range SpeltMarks(t) {
		if sp.Mark == mark {
			return sp, true
		}
	}
	return Spelt{}, false
}

// firstOf is the first column of t, in column order, that sp marks.
func firstOf(t *model.Table, sp Spelt) *model.Column {
	for _, c := range t.Columns {
		if slices.Contains(sp.Columns, c) {
			return c
		}
	}
	return nil
}

// ColumnType is a column's type as a box lists it: TypeName, and its
// collation as the DDL writes it (text COLLATE "C").
func ColumnType(c *model.Column) string {
	return TypeName(c.Type) + c.Type.CollateSQL()
}

// FKLines are what an edge says of its foreign key besides its columns
// and actions, in the words of the DDL: MATCH FULL, NOT VALID for a key
// PostgreSQL never checked the older rows against, and DEFERRABLE (with
// INITIALLY DEFERRED for a key checked at commit).
func FKLines(fk *model.ForeignKey) []string {
	var out []string
	if fk.MatchFull {
		out = append(out, "MATCH FULL")
	}
	if fk.NotValid {
		out = append(out, "NOT VALID")
	}
	if d := fk.Deferrable.SQL(); d != "" { // checked at commit, or may be: a reviewer wants to know
		out = append(out, d)
	}
	return out
}
