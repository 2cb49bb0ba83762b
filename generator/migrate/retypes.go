package migrate

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// retype is the statements of the step that changes the types of a
// table's columns: before the change (defaults and checks dropped), the
// ALTER COLUMN ... TYPE actions, and after it (sequences, defaults,
// checks); step is the step, once planned.
type retype struct {
	before, changes, after []string
	what                   []string
	step                   *Step
}

// retypeStep plans the type change of column c of t to newType, with the
// statements of r and its locks, in the step that changes the types of
// t's columns: one ALTER TABLE with an ALTER COLUMN ... TYPE for each,
// which PostgreSQL does in one pass, rewriting the table once for all of
// them, under one ACCESS EXCLUSIVE lock. The first type change of t
// plans the step, at c; the others join it.
func (p *planner) retypeStep(t *model.Table, c *model.Column, newType string, r retype, locks []Lock) *Step {
	all := p.retypes[t.Name]
	if all == nil {
		all = &retype{step: &Step{Phase: PhaseTables, Pos: c.Pos, Transactional: true}}
		p.retypes[t.Name] = all
		p.add(all.step)
	}
	all.before = append(all.before, r.before...)
	all.changes = append(all.changes, r.changes...)
	all.after = append(all.after, r.after...)
	all.what = append(all.what, t.Name+"."+c.Name+" to "+newType)
	s := all.step
	s.SQL = append(slices.Clone(all.before), p.alter(p.new, t, strings.Join(all.changes, ", ")))
	s.SQL = append(s.SQL, all.after...)
	s.What = "change the type of " + all.what[0]
	if len(all.what) > 1 {
		s.What = "change the types of " + strings.Join(all.what, ", ")
	}
	for _, l := range locks {
		if !slices.Contains(s.Locks, l) {
			s.Locks = append(s.Locks, l)
		}
	}
	return s
}
