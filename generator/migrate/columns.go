package migrate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// columns plans the columns of a table both models have: added, dropped
// and changed, each in a step of its own, but the type changes, all in
// one (see retypeStep); the generated columns of regen and the type
// changes of the columns they use in one (see regenerate).
func (p *planner) columns(ot, nt *model.Table, regen map[string]bool) {
	for _, oc := range ot.Columns {
		if nt.Column(oc.Name) == nil && !p.regen[ot.Name+"\x00"+oc.Name] { // or dropped by regenerateAround
			if nc := p.lookalike(ot, nt, oc); nc != nil && !oc.Declared {
				how := fmt.Sprintf("if the relationship's role changed, declare it: `as NEW was OLD`; if the column is named with "+
					"`column`, declare the rename there: `column %s was %s`; to drop one and add the other, make two migrations", nc.Name, oc.Name)
				p.refuseHint(columnSpan(nc), LooksRenamed, how, "foreign key column %s.%s is new and %s.%s is gone, both %s, in a key to %s",
					nt.Name, nc.Name, ot.Name, oc.Name, p.new.TypeSQL(nc.Type), nc.ForeignKey.RefTable.Name)
				continue
			} else if nc != nil {
				p.refuse(columnSpan(nc), LooksRenamed, "column %s.%s is new and %s.%s is gone, both %s (write `%s %s was %s` if it is a rename)",
					nt.Name, nc.Name, ot.Name, oc.Name, p.new.TypeSQL(nc.Type), nc.Name, nc.Type.SQL(), oc.Name)
				continue
			}
			if inPartitionKey(ot, oc.Name) {
				// A key that reads the whole row: PostgreSQL drops the
				// column, and the rows keep partitions their key's new
				// value no longer routes to.
				p.refuse(columnSpan(oc), Repartition, "column %s.%s of the partition key is gone", ot.Name, oc.Name)
				continue
			}
			s := p.add(&Step{Phase: PhaseTables, What: "drop column " + ot.Name + "." + oc.Name, Pos: oc.Pos,
				Transactional: true, SQL: []string{p.alter(p.old, ot, "DROP COLUMN IF EXISTS "+model.QuoteIdent(oc.Name))},
				Locks: []Lock{{ot.Name, AccessExclusive}}})
			if how := p.becameManyToMany(ot, oc); how != "" {
				p.hazardHint(s, columnSpan(oc), DropColumn, how, "column %s.%s is gone", ot.Name, oc.Name)
			} else {
				p.hazard(s, columnSpan(oc), DropColumn, "column %s.%s is gone", ot.Name, oc.Name)
			}
		}
	}
	var inner []*Step
	for _, nc := range nt.Columns {
		oc := ot.Column(nc.Name)
		switch {
		case oc == nil:
			p.addColumn(nt, nc)
		case p.regen[nt.Name+"\x00"+nc.Name]:
		case len(regen) > 0 && p.retyped[ot.Name+"\x00"+oc.Name]:
			// The type change goes between the drop and the add of the
			// generated columns, in their transaction, and a change of
			// collation with it, in its step (see retypeStep).
			first := len(p.steps)
			p.changeColumn(nt, oc, nc)
			for _, s := range p.steps[first:] {
				if s.Phase == PhaseTables {
					inner = append(inner, s)
				}
			}
			p.steps = slices.DeleteFunc(p.steps, func(s *Step) bool { return slices.Contains(inner, s) })
		default:
			p.changeColumn(nt, oc, nc)
		}
	}
	if len(regen) > 0 {
		p.regenerate(ot, nt, regen, inner)
	}
}

// addColumn adds a column. PostgreSQL stores a constant default in the
// catalog instead of writing it into every row; a sequence, an identity,
// a volatile default or a stored generated column rewrites the table, and a NOT NULL column without a
// default fails on a table with rows. A column added to a table with a
// partition key over the whole row is refused (ER211): the key's value
// of every row changes, and the rows stay where they are (see
// wholeRowKey).
func (p *planner) addColumn(t *model.Table, c *model.Column) {
	if wholeRowKey(t) {
		p.refuse(columnSpan(c), Repartition, "new column %s.%s changes the partition key, which reads the whole row", t.Name, c.Name)
		return
	}
	s := p.add(&Step{Phase: PhaseTables, What: "add column " + t.Name + "." + c.Name, Pos: c.Pos, Transactional: true,
		SQL:   []string{p.alter(p.new, t, "ADD COLUMN IF NOT EXISTS "+postgres.ColumnDefinition(p.new, c))},
		Locks: []Lock{{t.Name, AccessExclusive}}})
	switch {
	case c.Type.IsSerial() || c.Identity != model.NoIdentity || volatile(c.Default) || c.GeneratedAs != "":
		s.Rewrites = true
		p.hazard(s, columnSpan(c), RewriteAdd, "new column %s.%s", t.Name, c.Name)
	case !c.Nullable && c.Default == "":
		p.refuse(columnSpan(c), NotNullNoDefault, "new column %s.%s is NOT NULL", t.Name, c.Name)
	}
}

// volatile reports whether a default may differ from row to row, which
// makes PostgreSQL compute it for every existing row when the column is
// added. Defaults are kept by name: the functions below are the volatile
// ones a default plausibly calls.
func volatile(expr string) bool {
	e := strings.ToLower(expr)
	for _, f := range []string{"random(", "gen_random_uuid(", "nextval(", "clock_timestamp(", "uuid_generate_", "timeofday("} {
		if strings.Contains(e, f) {
			return true
		}
	}
	return false
}

// changeColumn plans the change of one column: its type, default and
// nullability. Comments are planned with the table's.
func (p *planner) changeColumn(t *model.Table, oc, nc *model.Column) {
	if changesGeneration(oc, nc) {
		// An identity needs NOT NULL first, and keeps it until it is
		// dropped.
		if nc.Identity != model.NoIdentity {
			p.nullability(t, oc, nc)
			p.changeGeneration(t, oc, nc)
		} else {
			p.changeGeneration(t, oc, nc)
			p.nullability(t, oc, nc)
		}
		return
	}
	switch {
	case oc.GeneratedAs != "" && nc.GeneratedAs == "" && (subpartitioned(t) || subpartitioned(p.oldTables[t.Name])):
		// PostgreSQL 15 applies DROP EXPRESSION to a partitioned table's
		// partitions without recursing further, and refuses it there
		// for a partition that has partitions of its own.
		p.refuse(columnSpan(nc), NestedDropExpression, "generated column %s.%s becomes a plain column, and %s has sub-partitions", t.Name, nc.Name, t.Name)
	case oc.GeneratedAs != "" && nc.GeneratedAs == "":
		// DROP EXPRESSION keeps the values, and the column stops
		// depending on the ones it was computed from, which may then
		// change type: it goes before them.
		p.add(&Step{Phase: PhaseDrop, What: "make " + t.Name + "." + nc.Name + " a plain column", Pos: nc.Pos, Transactional: true,
			SQL:   []string{p.alter(p.new, t, "ALTER COLUMN "+model.QuoteIdent(nc.Name)+" DROP EXPRESSION")},
			Locks: []Lock{{t.Name, AccessExclusive}}})
	}
	oldType, newType := p.old.TypeSQL(oc.Type), p.new.TypeSQL(nc.Type)
	if oldType != newType {
		p.changeType(t, oc, nc)
	} else if oc.Type.Collation != nc.Type.Collation {
		p.changeCollation(t, oc, nc)
	}
	if oc.Identity != model.NoIdentity && nc.Identity != model.NoIdentity {
		p.alterIdentity(t, oc, nc, "")
	}
	if oldType == newType && oc.Default != nc.Default && !nc.Type.IsSerial() {
		action := "DROP DEFAULT"
		if nc.Default != "" {
			action = "SET DEFAULT " + nc.Default
		}
		p.add(&Step{Phase: PhaseTables, What: "change the default of " + t.Name + "." + nc.Name, Pos: nc.Pos,
			Transactional: true, SQL: []string{p.alter(p.new, t, "ALTER COLUMN "+model.QuoteIdent(nc.Name)+" "+action)},
			Locks: []Lock{{t.Name, AccessExclusive}}})
	}
	p.nullability(t, oc, nc)
}

// nullability plans a column becoming required or optional.
func (p *planner) nullability(t *model.Table, oc, nc *model.Column) {
	switch {
	case oc.Nullable && !nc.Nullable:
		p.setNotNull(t, nc)
	case !oc.Nullable && nc.Nullable:
		p.add(&Step{Phase: PhaseTables, What: "make " + t.Name + "." + nc.Name + " optional", Pos: nc.Pos,
			Transactional: true, SQL: []string{p.alter(p.new, t, "ALTER COLUMN "+model.QuoteIdent(nc.Name)+" DROP NOT NULL")},
			Locks: []Lock{{t.Name, AccessExclusive}}})
	}
}

// changeType changes a column's type, with its default dropped first and
// set again after, since the old default may not cast.
//
// A serial column changes as the integer type it is, and its sequence
// with it (serial to bigserial), so that it can reach the new type's
// largest value.
func (p *planner) changeType(t *model.Table, oc, nc *model.Column) {
	col := model.QuoteIdent(nc.Name)
	from, to := oc.Type.Referencing(), nc.Type.Referencing()
	newType := p.new.TypeSQL(to)
	if !castable(from, to) {
		p.refuse(columnSpan(nc), NoCast, "column %s.%s changes from %s to %s", t.Name, nc.Name, p.old.TypeSQL(from), newType)
		return
	}
	if inPartitionKey(t, nc.Name) {
		p.refuse(columnSpan(nc), Repartition, "column %s.%s of the partition key changes from %s to %s", t.Name, nc.Name, p.old.TypeSQL(from), newType)
		return
	}
	var before, after []string
	if oc.Default != "" {
		before = append(before, p.alter(p.new, t, "ALTER COLUMN "+col+" DROP DEFAULT"))
	}
	// PostgreSQL's own cast is the one it knows to keep storage; USING is
	// only written for a rewrite, and goes through text from and to enums
	// (see castType for the type it casts to).
	keeps := keepsStorage(from, to)
	// Without COLLATE the column would take its new type's default.
	change := "ALTER COLUMN " + col + " TYPE " + newType + nc.Type.CollateSQL()
	switch {
	case keeps || nc.GeneratedAs != "":
		// A generated column is computed anew in its new type; PostgreSQL
		// refuses USING for it.
	case oc.Type.Base == model.EnumType || nc.Type.Base == model.EnumType:
		change += " USING " + col + "::text::" + p.castType(model.Type{Base: model.Text}, to)
	default:
		change += " USING " + col + "::" + p.castType(from, to)
	}
	var rechecked []*model.Check
	if keeps {
		rechecked = p.recheck(t, oc)
	}
	if oc.Type.IsSerial() && nc.Type.IsSerial() {
		after = append(after, "ALTER SEQUENCE "+p.new.Qualify(model.SerialSequence(t.Name, nc.Name))+" AS "+newType+";")
	}
	if nc.Default != "" && !nc.Type.IsSerial() && !changesGeneration(oc, nc) {
		after = append(after, p.alter(p.new, t, "ALTER COLUMN "+col+" SET DEFAULT "+nc.Default))
	}
	s := p.retypeStep(t, nc, retype{before: before, changes: []string{change}, after: after, checks: rechecked, rewrites: !keeps,
		types: []string{t.Name + "." + nc.Name + " to " + newType}}, p.retypeLocks(oc))
	if !keeps {
		p.hazard(s, columnSpan(nc), RewriteType, "column %s.%s changes from %s to %s", t.Name, nc.Name, p.old.TypeSQL(from), newType)
	}
}

// recheck returns the checks of t that PostgreSQL would verify, reading
// every row under the ACCESS EXCLUSIVE lock, when the type or the
// collation of oc changes without a rewrite: the validated checks that mention the column (those
// NEW keeps alike; a changed one is dropped before). retypeStep drops
// them and adds them again NOT VALID in the type change's transaction, so
// that the change stays a catalog update and no row goes unchecked, and
// validates each in a transaction of its own, as a new check. A change
// of collation alone does the same. A check
// that another type change of the table re-added so is NOT VALID when
// this one runs: PostgreSQL does not verify it.
func (p *planner) recheck(t *model.Table, oc *model.Column) []*model.Check {
	var out []*model.Check
	for _, ck := range t.Checks {
		i := slices.IndexFunc(oc.Table.Checks, func(o *model.Check) bool { return o.Name == ck.Name && o.Expr == ck.Expr })
		key := t.Name + "\x00" + ck.Name
		if i < 0 || oc.Table.Checks[i].NotValid || p.rechecked[key] || !mentionsAny(ck.Expr, map[string]bool{oc.Name: true}) {
			continue
		}
		p.rechecked[key] = true
		out = append(out, ck)
	}
	return out
}

// keepsStorage reports whether PostgreSQL changes the type without
// rewriting the table (and without rebuilding its indexes): the new type
// accepts every old value as stored.
func keepsStorage(from, to model.Type) bool {
	switch {
	case from.Base == model.DomainType && !from.EnumDomain():
		// A domain's value is its base type's: to the base type itself
		// nothing is written (to another type, through the base type's
		// cast, PostgreSQL rewrites even where the base type would not).
		// A string type is written anew all the same (its collation is
		// applied again, by PostgreSQL 15's rules).
		return from.Underlying().Equal(to) && !stringType(to)
	case to.Base == model.DomainType && !to.EnumDomain():
		// Into a domain over the type likewise, unless it has a check or
		// NOT NULL: then every row is read and written again.
		return !constrained(to) && to.Underlying().Equal(from) && !stringType(from)
	case from.Array != to.Array:
		return false
	case from.Equal(to):
		return true
	}
	switch {
	case from.Base == model.Text && to.Base == model.Varchar:
		return len(to.Params) == 0
	case from.Base == to.Base && (from.Base == model.Time || from.Base == model.TimeTZ || from.Base == model.Timestamp || from.Base == model.TimestampTZ):
		// More digits of the seconds, or the most (6, as none), keep
		// every stored value.
		return len(to.Params) == 0 || to.Params[0] >= 6 || len(from.Params) > 0 && to.Params[0] >= from.Params[0]
	case from.Base == model.Varchar && to.Base == model.Varchar:
		return len(to.Params) == 0 || len(from.Params) > 0 && to.Params[0] >= from.Params[0]
	case from.Base == model.Varchar && to.Base == model.Text:
		return true
	case from.Base == model.Numeric && to.Base == model.Numeric:
		if len(to.Params) == 0 {
			return true
		}
		return len(from.Params) > 0 && to.Params[0] >= from.Params[0] && scale(from) == scale(to)
	case from.Base == model.Cidr && to.Base == model.Inet:
		return true
	case from.Base == model.Interval && to.Base == model.Interval:
		return intervalKeepsStorage(from, to)
	}
	return false
}

// stringType reports whether t is one of the collatable string types.
func stringType(t model.Type) bool {
	return t.Base == model.Text || t.Base == model.Varchar || t.Base == model.Char
}

// constrained reports whether values of the domain type t (through the
// domains it is based on) are checked: a CHECK or NOT NULL.
func constrained(t model.Type) bool {
	for ; t.Base == model.DomainType; t = t.Domain.Type {
		if len(t.Domain.Checks) > 0 || t.Domain.NotNull {
			return true
		}
	}
	return false
}

func scale(t model.Type) int {
	if len(t.Params) > 1 {
		return t.Params[1]
	}
	return 0
}

// setNotNull makes a column NOT NULL without the scan under ACCESS
// EXCLUSIVE that SET NOT NULL does on its own: a CHECK (col IS NOT NULL)
// is added NOT VALID, validated while writes go on, and then SET NOT NULL
// finds it and skips the scan; the check is dropped in the same step.
// When a NULL makes the validation fail, the check stays, NOT VALID, and
// refuses new NULLs meanwhile; the next run drops and adds it again.
func (p *planner) setNotNull(t *model.Table, c *model.Column) {
	check := model.QuoteIdent(model.ShortenIdent("ergen_nn_" + t.Name + "_" + c.Name))
	col := model.QuoteIdent(c.Name)
	// The check of an earlier run that failed to validate it (a NULL was
	// there) is dropped first, so that the migration runs again once the
	// NULLs are gone.
	p.add(&Step{Phase: PhaseNotNullCheck, What: "check that " + t.Name + "." + c.Name + " has no NULL", Pos: c.Pos,
		Transactional: true, SQL: []string{
			p.alter(p.new, t, "DROP CONSTRAINT IF EXISTS "+check),
			p.alter(p.new, t, "ADD CONSTRAINT "+check+" CHECK ("+col+" IS NOT NULL) NOT VALID"),
		},
		Locks: []Lock{{t.Name, AccessExclusive}}})
	p.add(&Step{Phase: PhaseValidateNotNull, What: "validate " + check, Pos: c.Pos, Transactional: true, Scans: true,
		SQL:   []string{p.alter(p.new, t, "VALIDATE CONSTRAINT "+check)},
		Locks: []Lock{{t.Name, ShareUpdateExclusive}}})
	p.add(&Step{Phase: PhaseSetNotNull, What: "make " + t.Name + "." + c.Name + " NOT NULL", Pos: c.Pos, Transactional: true,
		SQL: []string{
			p.alter(p.new, t, "ALTER COLUMN "+col+" SET NOT NULL"),
			p.alter(p.new, t, "DROP CONSTRAINT "+check),
		},
		Locks: []Lock{{t.Name, AccessExclusive}}})
}

// retypeLocks are the locks of a type change of c: PostgreSQL rebuilds
// every foreign key the column is part of, on either side, and locks both
// tables of each, with their partitions. The foreign keys that count are those still there when
// the step runs: kept by NEW, with the same columns.
func (p *planner) retypeLocks(c *model.Column) []Lock {
	locks := []Lock{{c.Table.Name, AccessExclusive}}
	seen := map[string]bool{c.Table.Name: true}
	lock := func(fk *model.ForeignKey, table *model.Table) {
		nt := p.newTables[fk.Table.Name]
		if nt == nil || seen[table.Name] {
			return
		}
		if nfk := findFK(nt, fk.Name); nfk != nil && p.sameShape(fk, nfk) {
			seen[table.Name] = true
			locks = append(locks, Lock{table.Name, AccessExclusive})
			for _, q := range table.AllPartitions() {
				locks = append(locks, Lock{q.Name, AccessExclusive})
			}
		}
	}
	for _, fk := range c.Table.ForeignKeys {
		if slices.Contains(fk.Columns, c) {
			lock(fk, fk.RefTable)
		}
	}
	for _, fk := range c.Table.Referenced {
		if slices.Contains(fk.RefColumns, c) {
			lock(fk, fk.Table)
		}
	}
	return locks
}

// lookalike returns a declared column that NEW adds to the table with the
// type of oc, a declared column NEW drops: what a rename written without
// `was` looks like.
func (p *planner) lookalike(ot, nt *model.Table, oc *model.Column) *model.Column {
	if !oc.Declared {
		return lookalikeFKColumn(p, ot, nt, oc)
	}
	for _, nc := range nt.Columns {
		if nc.Declared && ot.Column(nc.Name) == nil && p.new.TypeSQL(nc.Type) == p.old.TypeSQL(oc.Type) {
			return nc
		}
	}
	return nil
}

// lookalikeFKColumn returns the new column that takes the place of oc, a
// foreign key's column that is gone, in a foreign key of nt to the same
// table: a `column` clause that changed, or a role that changed without
// `was`. Planned as a drop and an add, the references would be lost.
func lookalikeFKColumn(p *planner, ot, nt *model.Table, oc *model.Column) *model.Column {
	ofk := oc.ForeignKey
	if ofk == nil {
		return nil
	}
	i := slices.Index(ofk.Columns, oc)
	for _, nfk := range nt.ForeignKeys {
		if nfk.RefTable.Name != ofk.RefTable.Name || len(nfk.Columns) != len(ofk.Columns) {
			continue
		}
		nc := nfk.Columns[i]
		if !nc.Declared && ot.Column(nc.Name) == nil && p.new.TypeSQL(nc.Type) == p.old.TypeSQL(oc.Type) {
			return nc
		}
	}
	return nil
}

// becameManyToMany is the hint for dropping oc, a foreign key column of a
// 1:N whose two entities NEW relates M:N instead: the links it holds are
// what the junction should start with, and dropping it loses them. ""
// when oc is no such column.
func (p *planner) becameManyToMany(ot *model.Table, oc *model.Column) string {
	fk := oc.ForeignKey
	if fk == nil || fk.Relationship == nil || fk.Relationship.Card == model.ManyToMany {
		return ""
	}
	for _, r := range p.new.Relationships {
		if r.Card != model.ManyToMany || r.Junction == nil {
			continue
		}
		ends := []string{r.Left.Table.Name, r.Right.Table.Name}
		if slices.Contains(ends, ot.Name) && slices.Contains(ends, fk.RefTable.Name) {
			return fmt.Sprintf("the relationship became M:N: keep %s beside it for one migration, copy its links into %s "+
				"(INSERT INTO %s ... SELECT ... FROM %s WHERE %s IS NOT NULL), then drop it in the next",
				fk.Relationship.Label(), r.Junction.Name, r.Junction.Name, ot.Name, model.QuoteIdent(oc.Name))
		}
	}
	return ""
}

// subpartitioned reports whether t has a partition partitioned in turn.
func subpartitioned(t *model.Table) bool {
	return t != nil && slices.ContainsFunc(t.AllPartitions(), func(q *model.Partition) bool { return q.Partitioning != nil })
}
