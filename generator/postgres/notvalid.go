package postgres

import "github.com/ergen-dev/ergen/generator/model"

// check writes the CONSTRAINT ... CHECK clause of ck.
func (e *emitter) check(ck *model.Check) *emitter {
	return e.str("CONSTRAINT ").ident(ck.Name).str(" CHECK ").str(ck.Expr)
}

// notValidChecks writes, as pieces appended to idx, the ALTER TABLE
// statements that add t's `not valid` checks. CREATE TABLE validates
// every check it holds, so a check whose older rows stay unchecked is
// added after the table, as pg_dump restores one.
func (e *emitter) notValidChecks(t *model.Table, idx []int) []int {
	for _, ck := range t.Checks {
		if ck.NotValid {
			e.str("ALTER TABLE ").qualified(t.Name).str(" ADD ").check(ck).str(" NOT VALID;")
			idx = append(idx, e.piece())
		}
	}
	return idx
}

// CheckConstraint is the CONSTRAINT ... CHECK clause of ck, as in CREATE
// TABLE.
func CheckConstraint(ck *model.Check) string {
	return one(nil, func(e *emitter) { e.check(ck) })
}

// NotValidChecks are the statements Emit writes after t to add its `not
// valid` checks, for the migration planner, which creates tables alike.
func NotValidChecks(s *model.Schema, t *model.Table) []string {
	e := &emitter{s: s}
	e.notValidChecks(t, nil)
	return e.finish()
}
