package migrate

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// retype is the statements of the step that changes the types and
// collations of a table's columns: before the change (defaults and
// checks dropped), the ALTER COLUMN ... TYPE actions, and after it
// (sequences, defaults, checks); step is the step, once planned.
type retype struct {
	before, changes, after []string
	// types and collations say what changes, for the step's What.
	types, collations []string
	// checks are the checks PostgreSQL would verify under the lock (see
	// recheck); rechecks holds the statements that drop them and add
	// them again NOT VALID, and validates the steps that validate them.
	checks   []*model.Check
	rechecks map[string]bool
	// reindexes rebuild the indexes PostgreSQL keeps though their order
	// changes (see wholeRowIndexes), after the change, unless the table
	// is rewritten, which rebuilds every index.
	reindexes []string
	validates []*Step
	// rewrites is set once a change rewrites the table.
	rewrites bool
	step     *Step
}

// retypeStep plans a type or collation change of column c of t, with the
// statements of r and its locks, in the step that changes the types of
// t's columns: one ALTER TABLE with an ALTER COLUMN ... TYPE for each,
// which PostgreSQL does in one pass, rewriting the table once for all of
// them, under one ACCESS EXCLUSIVE lock. The first change of t plans the
// step, at c; the others join it.
//
// The checks of r.checks are dropped before the change and added again
// NOT VALID after it, in the step, and validated each in a step of its
// own: PostgreSQL would verify them, reading the table under the lock.
// Once a change of r.rewrites joins the step, they stay in place and are
// not validated apart: PostgreSQL verifies them as it writes each row of
// the new table, in the one pass the rewrite takes anyway, where dropping
// them would cost a scan of its own after it.
func (p *planner) retypeStep(t *model.Table, c *model.Column, r retype, locks []Lock) *Step {
	all := p.retypes[t.Name]
	if all == nil {
		all = &retype{step: &Step{Phase: PhaseTables, Pos: c.Pos, Transactional: true}, rechecks: map[string]bool{}}
		p.retypes[t.Name] = all
		p.add(all.step)
	}
	for _, ck := range r.checks {
		drop := p.alter(p.new, t, "DROP CONSTRAINT "+model.QuoteIdent(ck.Name))
		add := p.alter(p.new, t, "ADD "+postgres.CheckConstraint(ck)+" NOT VALID")
		all.rechecks[drop], all.rechecks[add] = true, true
		r.before, r.after = append(r.before, drop), append(r.after, add)
		if !ck.NotValid {
			all.validates = append(all.validates, p.validate(t, ck.Name, ck.Pos, []Lock{{t.Name, ShareUpdateExclusive}}))
		}
	}
	all.rewrites = all.rewrites || r.rewrites
	if all.rewrites {
		p.steps = slices.DeleteFunc(p.steps, func(s *Step) bool { return slices.Contains(all.validates, s) })
		all.validates = nil
		r.before = slices.DeleteFunc(r.before, func(s string) bool { return all.rechecks[s] })
		r.after = slices.DeleteFunc(r.after, func(s string) bool { return all.rechecks[s] })
		all.before = slices.DeleteFunc(all.before, func(s string) bool { return all.rechecks[s] })
		all.after = slices.DeleteFunc(all.after, func(s string) bool { return all.rechecks[s] })
	}
	all.before = append(all.before, r.before...)
	all.changes = append(all.changes, r.changes...)
	all.after = append(all.after, r.after...)
	for _, x := range r.reindexes {
		if !slices.Contains(all.reindexes, x) {
			all.reindexes = append(all.reindexes, x)
		}
	}
	all.types = append(all.types, r.types...)
	all.collations = append(all.collations, r.collations...)
	s := all.step
	s.SQL = append(slices.Clone(all.before), p.alter(p.new, t, strings.Join(all.changes, ", ")))
	s.SQL = append(s.SQL, all.after...)
	if !all.rewrites {
		s.SQL = append(s.SQL, all.reindexes...)
	}
	s.What = all.what()
	s.Rewrites = all.rewrites
	for _, l := range locks {
		if !slices.Contains(s.Locks, l) {
			s.Locks = append(s.Locks, l)
		}
	}
	return s
}

// what says what the step of r changes.
func (r *retype) what() string {
	var parts []string
	for _, k := range []struct {
		one, many string
		of        []string
	}{{"the type of ", "the types of ", r.types}, {"the collation of ", "the collations of ", r.collations}} {
		switch len(k.of) {
		case 0:
		case 1:
			parts = append(parts, k.one+k.of[0])
		default:
			parts = append(parts, k.many+strings.Join(k.of, ", "))
		}
	}
	what := "change " + strings.Join(parts, " and ")
	if len(r.collations) > 0 {
		what += ", rebuilding the indexes on the columns"
	}
	return what
}
