package migrate

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// changeCollation gives a column of the same type another collation, or
// its type's default: ALTER COLUMN ... TYPE with the type it has and a
// COLLATE clause, or none, in the step that changes the types of the
// table's columns (see retypeStep). PostgreSQL keeps the table's storage
// (the values do not change) but rebuilds every index on the column,
// whose order the collation decides, under an ACCESS EXCLUSIVE lock on
// the table; foreign keys to and from the column are checked again, which
// locks the tables at their other end too. It verifies the validated
// checks that mention the column as for a type change, reading every
// row: they go NOT VALID around it and are validated after (see recheck).
// Rebuilding an index reads every row under the lock: a change of an
// indexed column's collation scans, and is a hazard as a rewrite is
// (ER206, --allow rewrite). An index that reads the whole row ((users))
// orders by every column's collation, but PostgreSQL keeps it as it is
// (see wholeRowIndexes): the step rebuilds it with REINDEX, after the
// change, unless the step rewrites the table, which rebuilds it anyway;
// that scans too (ER206).
// PostgreSQL refuses it for a column of a partition key, as a change of
// type: refused at plan time (ER211).
func (p *planner) changeCollation(t *model.Table, oc, nc *model.Column) {
	newType := p.new.TypeSQL(nc.Type)
	from, to := "its type's default", "its type's default"
	if oc.Type.Collation != "" {
		from = oc.Type.Collation
	}
	if nc.Type.Collation != "" {
		to = nc.Type.Collation
	}
	if inPartitionKey(t, nc.Name) {
		p.refuse(columnSpan(nc), Repartition, "column %s.%s of the partition key changes its collation from %s to %s", t.Name, nc.Name, from, to)
		return
	}
	over := p.indexesAtTables(oc.Table, t, func(t *model.Table) []string { return indexesOver(t, nc.Name) })
	var reindex []string
	for _, name := range p.indexesAtTables(oc.Table, t, wholeRowIndexes) {
		if !slices.Contains(over, name) {
			reindex = append(reindex, "REINDEX INDEX "+p.new.Qualify(name)+";")
			over = append(over, name)
		}
	}
	s := p.retypeStep(t, nc, retype{changes: []string{"ALTER COLUMN " + model.QuoteIdent(nc.Name) + " TYPE " + newType + nc.Type.CollateSQL()},
		checks: p.recheck(t, oc), reindexes: reindex, collations: []string{t.Name + "." + nc.Name + " to " + to}}, p.retypeLocks(oc))
	if ix := slices.Sorted(slices.Values(over)); len(ix) > 0 {
		// Each index is built anew, reading every row, under the lock.
		s.Scans = true
		p.hazard(s, columnSpan(nc), RewriteType, "column %s.%s changes its collation from %s to %s, which builds %s anew",
			t.Name, nc.Name, from, to, strings.Join(ix, ", "))
	}
}

// indexesAtTables names the indexes, keys and exclusion constraints of a
// table that of names (indexesOver, wholeRowIndexes) and that are in the
// database when the tables phase changes the collation of a column: those of ot that no step before drops, whether NEW keeps
// them, renames them (PhaseRenameIndexes) or replaces them
// (PhaseDropReplaced), and those of nt a step before builds
// (PhaseTakeOver). Each is named as it is then. The table's keys,
// exclusion constraints and indexes are planned before its columns, so
// the steps planned so far say which are dropped and built before.
func (p *planner) indexesAtTables(ot, nt *model.Table, of func(*model.Table) []string) []string {
	dropped, built := map[string]bool{}, map[string]bool{}
	for _, s := range p.steps {
		if s.Phase < PhaseTables {
			dropped[s.drops], built[s.builds] = true, true // "" is no name
		}
	}
	var out []string
	for _, name := range of(ot) {
		if !dropped[name] {
			out = append(out, name)
		}
	}
	for _, name := range of(nt) {
		if built[name] {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// indexesOver names the indexes, keys and exclusion constraints of t
// that a change of the collation of the column named col rebuilds:
// those with it as a key in its collation, in an expression (exprUses:
// named with the table's name or not) or in the predicate, and those
// with an expression key or a predicate that have it as a key in a
// collation of its own or as an INCLUDE column.
// PostgreSQL keeps an index whose keys keep their collations and
// operator classes (CheckIndexCompatible compares the keys alone), so
// one with the column only as an INCLUDE column, or as a key with its own
// collation (email collate "C"), keeps its file; but it compares no
// expression or predicate, and rebuilds an index with one whatever
// column of it changes. An expression that reads the whole row
// (users, users.*) depends on the table, on none of its columns:
// PostgreSQL leaves such an index as it is, and the plan rebuilds it
// (wholeRowIndexes).
func indexesOver(t *model.Table, col string) []string {
	has := func(cols []*model.Column) bool {
		return slices.ContainsFunc(cols, func(c *model.Column) bool { return c.Name == col })
	}
	uses := func(expr string) bool { return expr != "" && exprUses(t, expr, col) }
	over := func(keys []model.IndexKey, cols, include []*model.Column, where string) bool {
		exprs := slices.ContainsFunc(keys, func(k model.IndexKey) bool { return k.Column == nil })
		ordered := slices.ContainsFunc(keys, func(k model.IndexKey) bool { return k.Column != nil && k.Column.Name == col && k.Collation == "" })
		return ordered || (has(cols) || has(include)) && (exprs || where != "") || uses(where) ||
			slices.ContainsFunc(keys, func(k model.IndexKey) bool { return k.Column == nil && uses(k.Expr) })
	}
	var out []string
	for _, k := range keysOf(t) {
		if has(k.key.Columns) {
			out = append(out, k.key.Name)
		}
	}
	for _, ix := range t.Indexes {
		if over(ix.Keys, ix.Columns, ix.Include, ix.Where) {
			out = append(out, ix.Name)
		}
	}
	for _, x := range t.Exclusions {
		if ix := x.Index(); over(ix.Keys, ix.Columns, ix.Include, ix.Where) {
			out = append(out, x.Name)
		}
	}
	return out
}

// wholeRowIndexes names the indexes and exclusion constraints of t with
// an expression or a predicate that reads the whole row ((users),
// users.*). PostgreSQL records that as a dependency on the table, on none
// of its columns, and keeps such an index as it is (its file stays) when
// a column changes its collation; but a row compares column by column,
// each by its collation, so the index's order is no longer the rows':
// on PostgreSQL 15 amcheck finds its order violated, and an index scan
// misses rows a sequential scan finds.
func wholeRowIndexes(t *model.Table) []string {
	whole := func(expr string) bool {
		_, w, _ := t.ExprReads(expr)
		return w
	}
	reads := func(keys []model.IndexKey, where string) bool {
		return whole(where) || slices.ContainsFunc(keys, func(k model.IndexKey) bool { return k.Column == nil && whole(k.Expr) })
	}
	var out []string
	for _, ix := range t.Indexes {
		if reads(ix.Keys, ix.Where) {
			out = append(out, ix.Name)
		}
	}
	for _, x := range t.Exclusions {
		if ix := x.Index(); reads(ix.Keys, ix.Where) {
			out = append(out, x.Name)
		}
	}
	return out
}
