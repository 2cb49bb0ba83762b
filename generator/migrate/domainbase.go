package migrate

import (
	"slices"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// rebaseDomain plans a domain whose base type changes, which ALTER
// DOMAIN cannot do. First, in one step, the old domain is renamed aside
// and the new one created under the name, as NEW declares it: the
// columns of the old domain keep it (PostgreSQL refers to types by OID),
// and what the migration creates or retypes after takes the new one.
// Then every column of the old domain that NEW keeps in the domain is
// retyped, a table per step, `USING col::base` (through text from or to
// an enum), before the other column changes: a rewrite (ER206). Last,
// once nothing uses it, the old domain is dropped.
//
// A domain based on it is replaced the same way (see rebasedDomains),
// after it; the domains renamed aside are dropped last, dependents first.
//
// A generated column that uses a column of the domain is dropped and
// added again around the type changes (see regenerateAround). It is
// refused when a column of the domain is in a partition key (ER211), and
// when the bases have no cast (ER212).
func (p *planner) rebaseDomain(od, nd *model.Domain) {
	from, to := p.old.TypeSQL(od.Type), p.new.TypeSQL(nd.Type)
	if !castable(od.Type, nd.Type) {
		p.refuse(named(nd.Pos, nd.Name), NoCast, "domain %s changes its base type from %s to %s", nd.Name, from, to)
		return
	}
	aside := model.ShortenIdent("ergen_old_" + od.SQLName)
	p.add(&Step{Phase: PhaseTypes, What: "replace domain " + nd.SQLName + " by one of base type " + to, Pos: nd.Pos, Transactional: true,
		SQL: []string{"ALTER DOMAIN " + p.old.Qualify(od.SQLName) + " RENAME TO " + model.QuoteIdent(aside) + ";", postgres.CreateDomain(p.new, nd)}})
	for _, ot := range p.old.Tables {
		if nt := p.newTables[ot.Name]; nt != nil {
			p.rebaseColumns(ot, nt, od, nd)
		}
	}
	p.asideDomains = append(p.asideDomains, &Step{Phase: PhaseDropTypes, What: "drop the former domain " + nd.SQLName, Pos: nd.Pos,
		Transactional: true, SQL: []string{"DROP DOMAIN " + p.new.Qualify(aside) + ";"}})
}

// rebaseColumns retypes the columns of ot of the old domain od that nt
// keeps in the domain, to the new one, nd, in one step.
func (p *planner) rebaseColumns(ot, nt *model.Table, od, nd *model.Domain) {
	s := &Step{Phase: PhaseTables, What: "retype the columns of " + nt.Name + " of domain " + nd.SQLName, Transactional: true, Rewrites: true}
	var first *model.Column
	var moved []*model.Column
	for _, oc := range ot.Columns {
		nc := nt.Column(oc.Name)
		if !ofDomain(oc.Type, od) || nc == nil || !ofDomain(nc.Type, nd) || oc.Type.Array != nc.Type.Array {
			continue // dropped or retyped by columns, from the old domain
		}
		if !p.rebaseable(ot, oc, nc, od) {
			return
		}
		col := model.QuoteIdent(nc.Name)
		if oc.Default != "" {
			s.SQL = append(s.SQL, p.alter(p.new, nt, "ALTER COLUMN "+col+" DROP DEFAULT"))
		}
		change := "ALTER COLUMN " + col + " TYPE " + p.new.TypeSQL(nc.Type)
		base := arrayOf(nd.Type, nc.Type.Array)
		switch {
		case nc.GeneratedAs != "":
			// computed anew; PostgreSQL refuses USING for it
		case od.Type.Base == model.EnumType || nd.Type.Base == model.EnumType:
			change += " USING " + col + "::text::" + p.castType(model.Type{Base: model.Text}, base)
		default:
			change += " USING " + col + "::" + p.castType(arrayOf(od.Type, oc.Type.Array), base)
		}
		s.SQL = append(s.SQL, p.alter(p.new, nt, change))
		if oc.Default != "" && oc.Default == nc.Default {
			s.SQL = append(s.SQL, p.alter(p.new, nt, "ALTER COLUMN "+col+" SET DEFAULT "+nc.Default))
		}
		for _, l := range p.retypeLocks(oc) {
			if !slices.Contains(s.Locks, l) {
				s.Locks = append(s.Locks, l)
			}
		}
		if first == nil {
			first = nc
		}
		moved = append(moved, oc)
	}
	if first == nil {
		return
	}
	p.regenerateAround(ot, nt, moved, s)
	s.Pos = first.Pos
	p.hazard(s, columnSpan(first), RewriteType, "column %s.%s changes from domain %s over %s to one over %s",
		nt.Name, first.Name, nd.Name, p.old.TypeSQL(od.Type), p.new.TypeSQL(nd.Type))
	for _, q := range ot.AllPartitions() { // before partitions are created or dropped
		if l := (Lock{q.Name, AccessExclusive}); !slices.Contains(s.Locks, l) {
			s.Locks = append(s.Locks, l)
		}
	}
	p.ownLocks[s] = true
	p.add(s)
}

// rebaseable refuses the retyping of oc, a column of the old domain od,
// where PostgreSQL cannot do it.
func (p *planner) rebaseable(ot *model.Table, oc, nc *model.Column, od *model.Domain) bool {
	if inPartitionKey(ot, oc.Name) {
		p.refuse(columnSpan(nc), Repartition, "column %s.%s of the partition key changes the base type of its domain %s", ot.Name, nc.Name, od.Name)
		return false
	}
	return true
}

// regenerateAround puts, around the type changes of s, the generated
// columns of ot that use a column of moved dropped first and added again
// last, as regenerate does for other type changes: PostgreSQL retypes no
// column a generated column uses. The foreign keys that reference such a
// column go before s and come back after (see rereference); this runs
// before any table is planned. One NEW drops is dropped first in s
// (ER202, --allow drop) instead of by columns; one NEW makes plain is
// made so by changeColumn (DROP EXPRESSION, which keeps its values), in
// a phase before s.
func (p *planner) regenerateAround(ot, nt *model.Table, moved []*model.Column, s *Step) {
	var drops, adds []string
	for _, g := range ot.Columns {
		if !slices.ContainsFunc(g.GeneratedFrom, func(c *model.Column) bool { return slices.Contains(moved, c) }) {
			continue
		}
		ng := nt.Column(g.Name)
		if ng != nil && ng.GeneratedAs == "" {
			continue // plain before s
		}
		p.regen[nt.Name+"\x00"+g.Name] = true
		drops = append(drops, p.alter(p.old, nt, "DROP COLUMN "+model.QuoteIdent(g.Name)))
		if ng == nil {
			p.hazard(s, columnSpan(g), DropColumn, "column %s.%s is gone", ot.Name, g.Name)
			continue
		}
		p.rereference(ot, g)
		adds = append(adds, p.alter(p.new, nt, "ADD COLUMN "+postgres.ColumnDefinition(p.new, ng)))
		p.hazard(s, columnSpan(ng), RewriteAdd, "generated column %s.%s is dropped and added again, since PostgreSQL cannot change the type of a column it uses in place",
			nt.Name, ng.Name)
	}
	s.SQL = append(append(drops, s.SQL...), adds...)
}

// ofDomain reports whether a column of type t holds values of domain d
// itself (or arrays of them).
func ofDomain(t model.Type, d *model.Domain) bool {
	return t.Base == model.DomainType && t.Domain.SQLName == d.SQLName
}
