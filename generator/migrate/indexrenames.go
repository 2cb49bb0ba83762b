package migrate

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// An index that NEW names otherwise (`index (a) as n_two` where OLD had
// `as n_one`), built alike on the same table, is renamed, not built
// again. Index names are the schema's: names traded between indexes, on
// one table or across tables, go through names of their own first
// (renameAll), in one transaction. The renames run once the tables are
// changed, so that a name they take may be one that a dropped table,
// column, index or key held (an index or key whose name NEW gives to
// another is dropped before, see replacedLater), and before the indexes
// are built, which may take the names they leave.

// sameIndex reports whether two indexes are built alike under one name:
// uniqueness and the whole definition (method, keys, INCLUDE, predicate),
// with a key's COLLATE inside its expression or after it alike
// (model.Index.StoredSpec).
func sameIndex(a, b *model.Index) bool {
	return a.Name == b.Name && a.Unique == b.Unique && a.StoredSpec() == b.StoredSpec()
}

// pairIndexes pairs, before any table is planned, each index of OLD that
// NEW does not have with an index of NEW on the same table, which OLD does
// not have, built alike under another name. Not on a partitioned table,
// whose partitions' indexes are named after the parent's, nor an index
// whose name a table the migration creates takes (for itself, a
// partition, an index or a key): the tables are created before the renames; such an index goes
// before, and NEW's is built.
func (p *planner) pairIndexes() {
	created := map[string]bool{}
	for _, nt := range p.new.Tables {
		if p.oldTables[nt.Name] == nil {
			created[nt.Name] = true
			for _, q := range nt.AllPartitions() {
				created[q.Name] = true
			}
			for name := range tableIndexNames(nt) {
				created[name] = true
			}
		}
	}
	for _, nt := range p.new.Tables {
		ot := p.oldTables[nt.Name]
		if ot == nil || ot.Partitioning != nil || nt.Partitioning != nil {
			continue
		}
		taken := map[*model.Index]bool{}
		for _, oi := range ot.Indexes {
			if created[oi.Name] || slices.ContainsFunc(nt.Indexes, func(ni *model.Index) bool { return sameIndex(oi, ni) }) {
				continue
			}
			for _, ni := range nt.Indexes {
				if !taken[ni] && ni.Name != oi.Name && ni.Unique == oi.Unique && ni.StoredSpec() == oi.StoredSpec() &&
					!slices.ContainsFunc(ot.Indexes, func(oi *model.Index) bool { return sameIndex(oi, ni) }) {
					taken[ni] = true
					p.indexPairs[oi] = ni
					break
				}
			}
		}
	}
}

// renameIndex records that the index oi of OLD, which the planned table
// keeps, becomes ni of NEW under its name.
func (p *planner) renameIndex(oi, ni *model.Index) {
	if len(p.indexRenames) == 0 {
		p.renamedAt = ni.Pos
	}
	p.indexRenames = append(p.indexRenames, [2]string{oi.Name, ni.Name})
}

// renameIndexes renames the indexes recorded, in one transaction.
// Renaming an index locks the index, not its table.
func (p *planner) renameIndexes() {
	if len(p.indexRenames) == 0 {
		return
	}
	what := make([]string, len(p.indexRenames))
	for i, r := range p.indexRenames {
		what[i] = r[0] + " to " + r[1]
	}
	noun := "rename index "
	if len(what) > 1 {
		noun = "rename indexes "
	}
	p.add(&Step{Phase: PhaseRenameIndexes, What: noun + strings.Join(what, ", "), Pos: p.renamedAt, Transactional: true,
		SQL: renameAll(p.indexRenames, modelNames(p.old, p.new), func(a, b string) string {
			return "ALTER INDEX " + p.new.Qualify(a) + " RENAME TO " + model.QuoteIdent(b) + ";"
		})})
}
