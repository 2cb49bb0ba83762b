package migrate

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// PostgreSQL 15 and 16 cannot change a stored generated column's
// expression (SET EXPRESSION came in 17), nor the type of a column a
// generated column uses. Both are planned the same way: in one
// transaction, the generated column is dropped, the columns it uses are
// retyped, and it is added again, computed anew. No value is lost (they
// are derived), but the table is rewritten (ER207). The indexes, keys and
// checks over the generated column go with it; they are planned as new
// (built concurrently, added NOT VALID and validated), and its comment
// set again. Added again, the column comes last in the table, as any
// column a migration adds: the convergence tests compare columns by name.

// regenerated lists the generated columns of nt that must be dropped and
// added again, by name (see regenerates). The foreign keys that reference
// them go first and come back after (see rereference), since DROP
// COLUMN would need CASCADE for them.
func (p *planner) regenerated(ot, nt *model.Table) map[string]bool {
	var out map[string]bool
	for _, nc := range nt.Columns {
		oc := ot.Column(nc.Name)
		if oc == nil || p.regen[nt.Name+"\x00"+nc.Name] || !p.regenerates(ot, oc, nc) {
			continue // or added again by regenerateAround already
		}
		if out == nil {
			out = map[string]bool{}
		}
		out[nc.Name] = true
		p.regen[nt.Name+"\x00"+nc.Name] = true
	}
	return out
}

// regenerates reports whether nc, generated in NEW, must be dropped and
// added again: its expression changes, a column it uses changes its
// type or its collation, or oc, a plain column, becomes generated (its values lost:
// --allow drop).
func (p *planner) regenerates(ot *model.Table, oc, nc *model.Column) bool {
	if nc.GeneratedAs == "" {
		return false
	}
	return oc.GeneratedAs != nc.GeneratedAs || slices.ContainsFunc(oc.GeneratedFrom, func(c *model.Column) bool {
		return p.retyped[ot.Name+"\x00"+c.Name]
	})
}

// rereferenceRegenerated marks, before any table is planned, the keys
// over the generated columns that are dropped and added again (see
// rereference): the foreign keys that reference them may be on a table
// planned before theirs, which a cycle closed by a deferred foreign key
// allows.
func (p *planner) rereferenceRegenerated() {
	for _, ot := range p.old.Tables {
		nt := p.newTables[ot.Name]
		if nt == nil {
			continue
		}
		for _, nc := range nt.Columns {
			if oc := ot.Column(nc.Name); oc != nil && p.regenerates(ot, oc, nc) {
				p.rereference(ot, oc)
			}
		}
	}
}

// rereference marks the keys of ot over column g dropped, so that the
// foreign keys that reference them, on whatever table, are dropped
// before g (PhaseDropForeignKeys) and added again (NOT VALID, then
// validated, as any changed foreign key) once the key is back. It runs
// before the tables that hold those foreign keys are planned.
func (p *planner) rereference(ot *model.Table, g *model.Column) {
	for _, k := range keysOf(ot) {
		if slices.Contains(k.key.Columns, g) {
			p.droppedKeys[keyID(ot.Name, k.key.Columns)] = true
		}
	}
}

// withoutRegenerated is ot without the keys, indexes, checks, exclusion
// constraints and foreign keys that involve a column of regen: dropping
// the column drops them, so the planner compares NEW's with nothing and
// makes them anew.
func withoutRegenerated(ot *model.Table, regen map[string]bool) *model.Table {
	if len(regen) == 0 {
		return ot
	}
	cols := func(cs ...[]*model.Column) bool {
		for _, c := range cs {
			if slices.ContainsFunc(c, func(c *model.Column) bool { return regen[c.Name] }) {
				return true
			}
		}
		return false
	}
	exprs := func(es ...string) bool {
		return slices.ContainsFunc(es, func(e string) bool { return mentionsAny(e, regen) })
	}
	keyExprs := func(keys []model.IndexKey) bool {
		return slices.ContainsFunc(keys, func(k model.IndexKey) bool { return exprs(k.Expr) })
	}
	t := *ot
	if t.PrimaryKey != nil && cols(t.PrimaryKey.Columns, t.PrimaryKey.Include) {
		t.PrimaryKey = nil
	}
	t.Uniques = slices.DeleteFunc(slices.Clone(t.Uniques), func(k *model.Key) bool { return cols(k.Columns, k.Include) })
	t.Indexes = slices.DeleteFunc(slices.Clone(t.Indexes), func(ix *model.Index) bool {
		return cols(ix.Columns, ix.Include) || keyExprs(ix.Keys) || exprs(ix.Where)
	})
	t.Checks = slices.DeleteFunc(slices.Clone(t.Checks), func(c *model.Check) bool {
		return c.Column != nil && regen[c.Column.Name] || exprs(c.Expr)
	})
	t.Exclusions = slices.DeleteFunc(slices.Clone(t.Exclusions), func(x *model.Exclusion) bool {
		return cols(x.Columns, x.Include) || exprs(x.Where) ||
			slices.ContainsFunc(x.Elements, func(e model.ExclusionElement) bool { return exprs(e.Expr) })
	})
	t.ForeignKeys = slices.DeleteFunc(slices.Clone(t.ForeignKeys), func(fk *model.ForeignKey) bool { return cols(fk.Columns) })
	return &t
}

// mentionsAny reports whether a SQL expression has a word among names: an
// identifier, or a quoted one. A function of the same name counts too;
// the cost is only an index or a check made anew.
func mentionsAny(expr string, names map[string]bool) bool {
	if expr == "" {
		return false
	}
	toks, err := dsl.ScanSQL(expr)
	if err != nil {
		return true
	}
	for _, tk := range toks {
		text := expr[tk.Off:tk.End]
		switch tk.Kind {
		case dsl.SQLIdent:
			if names[strings.ToLower(text)] {
				return true
			}
		case dsl.SQLQuoted:
			if names[strings.ReplaceAll(text[1:len(text)-1], `""`, `"`)] {
				return true
			}
		}
	}
	return false
}

// regenerate plans, in one transaction, the generated columns of regen
// dropped, inner (the steps that retype the columns they use) and the
// generated columns added again, in NEW's order. One that is a plain
// column of ot loses its values (ER202).
func (p *planner) regenerate(ot, nt *model.Table, regen map[string]bool, inner []*Step) {
	s := &Step{Phase: PhaseTables, What: "compute generated columns of " + nt.Name + " anew", Transactional: true, Rewrites: true,
		Locks: []Lock{{nt.Name, AccessExclusive}}}
	var added []string
	for _, nc := range nt.Columns {
		if !regen[nc.Name] {
			continue
		}
		if s.Pos == (dsl.Pos{}) {
			s.Pos = nc.Pos
		}
		s.SQL = append(s.SQL, p.alter(p.old, nt, "DROP COLUMN "+model.QuoteIdent(nc.Name)))
		added = append(added, p.alter(p.new, nt, "ADD COLUMN "+postgres.ColumnDefinition(p.new, nc)))
		if oc := ot.Column(nc.Name); oc != nil && oc.GeneratedAs == "" {
			// A plain column's values are its own: computed anew, they
			// are lost.
			p.hazard(s, columnSpan(nc), DropColumn, "column %s.%s becomes generated: its values are replaced by ones computed from %s",
				nt.Name, nc.Name, nc.GeneratedAs)
		}
		p.hazard(s, columnSpan(nc), RewriteAdd, "generated column %s.%s is dropped and added again, since PostgreSQL cannot change its expression, or the type or collation of a column it uses, in place",
			nt.Name, nc.Name)
	}
	for _, st := range inner {
		s.SQL = append(s.SQL, st.SQL...)
		for _, h := range st.Hazards {
			s.addHazard(h)
		}
		for _, l := range st.Locks {
			if !slices.Contains(s.Locks, l) {
				s.Locks = append(s.Locks, l)
			}
		}
	}
	s.SQL = append(s.SQL, added...)
	// DROP and ADD COLUMN recurse into every partition (OLD's: the step
	// comes before partitions are created or dropped). The step lists
	// those locks itself, with the ones of the steps it took in, some of
	// which list their own (see partitionedTable).
	for _, q := range ot.AllPartitions() {
		if l := (Lock{q.Name, AccessExclusive}); !slices.Contains(s.Locks, l) {
			s.Locks = append(s.Locks, l)
		}
	}
	p.ownLocks[s] = true
	p.add(s)
}

// regenerating lists the generated columns of table that the migration
// drops and adds again, by name.
func (p *planner) regenerating(table string) map[string]bool {
	out := map[string]bool{}
	for k := range p.regen {
		if t, c, _ := strings.Cut(k, "\x00"); t == table {
			out[c] = true
		}
	}
	return out
}
