// Package migrate plans the change of a PostgreSQL database from the DDL
// of one model (OLD) to that of another (NEW), as an ordered list of steps
// that keep the tables readable and writable while they run.
//
// The planner compares the relational layer of the two resolved models
// (tables, columns, keys, checks, foreign keys, indexes, enums), whose
// names generator/model derived once; it never derives a name itself, so
// that the database a migration produces is the one NEW's DDL creates.
// Every statement is rendered by generator/postgres, as in that DDL.
//
// Safe by default means: no step holds a lock that blocks writers for
// longer than a catalog update, except where a hazard says so and the user
// allowed it. Indexes are built CONCURRENTLY, foreign keys and checks are
// added NOT VALID and validated in a transaction of their own, and NOT NULL
// is set behind a validated CHECK, so that PostgreSQL skips its scan.
package migrate

import (
	"cmp"
	"slices"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// Options are the user's choices.
type Options struct {
	// Allow names the hazards the user accepts, by flag ("drop",
	// "rewrite"); a step with any other hazard is refused.
	Allow []string
	// LockTimeout is set before every step ("5s" when empty): a step that
	// waits longer for its locks fails instead of queueing every writer
	// behind it.
	LockTimeout string
}

// Plan is an ordered list of steps; applying them in order to a database
// holding OLD's schema gives NEW's.
type Plan struct {
	Steps       []*Step
	LockTimeout string
	// Down is the way back from NEW to OLD (see Down), when it loses no
	// data: Files writes it as down files, JSON as "down".
	Down *Plan
}

// Phase orders the steps: every step of a phase comes after every step of
// the phases before it.
type Phase int

const (
	PhaseRename          Phase = iota // renames declared with was
	PhaseTypes                        // new enum types and enum values
	PhaseTakeOver                     // unique indexes built before the key over the same columns they take over is dropped
	PhaseDropForeignKeys              // foreign keys that go away or must be re-added
	PhaseDrop                         // keys, checks and indexes that go away or change
	PhaseBoundChecks                  // checks that let a partition be attached with new bounds without a scan
	PhaseTables                       // tables and columns
	PhaseRenameIndexes                // indexes NEW names otherwise, built alike
	PhaseNotNullCheck                 // NOT VALID checks standing for NOT NULL
	PhaseIndexes                      // indexes built concurrently
	PhaseValidateNotNull              // validating those checks
	PhaseSetNotNull                   // SET NOT NULL, which the valid check makes a catalog update
	PhaseKeys                         // primary and unique keys, over the indexes built
	PhaseConstraints                  // checks and foreign keys, NOT VALID
	PhaseValidate                     // validating them
	PhaseDropReplaced                 // indexes that new indexes or keys on the same columns replace, once those are built
	PhaseComments
	PhaseDropTypes
)

var phaseNames = [...]string{"rename", "types", "take-over", "drop-foreign-keys", "drop", "bound-checks", "tables", "rename-indexes", "not-null-check", "indexes",
	"validate-not-null", "set-not-null", "keys", "constraints", "validate", "drop-replaced", "comments", "drop-types"}

func (p Phase) String() string { return phaseNames[p] }

// Step is one transaction, or one statement that cannot run in one.
type Step struct {
	Phase Phase
	// What says what the step does, for people: "add foreign key fk_orders_user".
	What string
	SQL  []string
	// Transactional is false for statements PostgreSQL refuses inside a
	// transaction block (CREATE INDEX CONCURRENTLY, ALTER TYPE ... ADD VALUE
	// by ergen's rule); such a step holds exactly one statement.
	Transactional bool
	Locks         []Lock
	// Scans is set when the step reads every row of a table; Rewrites when
	// it writes the table anew.
	Scans, Rewrites bool
	// Hazards are the codes of the allowed hazards the step carries.
	Hazards []string
	// Pos is the declaration in NEW (in OLD for what NEW no longer has)
	// that caused the step.
	Pos dsl.Pos
	// drops names the index, key or exclusion constraint of OLD that the
	// step drops; builds the index of NEW that it builds (see
	// buildIndexIn). Empty for any other step.
	drops, builds string
	// rebuild is, on the step that drops what an interrupted build of an
	// index left behind, that index's build, the step after it (see
	// buildIndexIn); nil on any other step.
	rebuild *Step
}

// Lock is a table lock a step takes.
type Lock struct {
	Table string // unquoted name, without the schema
	Mode  string // as pg_locks.mode names it: AccessExclusiveLock, ...
}

// Lock modes, as pg_locks spells them.
const (
	AccessExclusive      = "AccessExclusiveLock"
	ShareRowExclusive    = "ShareRowExclusiveLock"
	Share                = "ShareLock"
	ShareUpdateExclusive = "ShareUpdateExclusiveLock"
	RowShare             = "RowShareLock"
	AccessShare          = "AccessShareLock"
)

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Steps) == 0 }

// New plans the migration from old to new. The diagnostics list every
// change refused, positioned at the declaration that caused it; the plan
// is nil when there is any.
func New(old, new *model.Schema, opts Options) (*Plan, dsl.Diagnostics) {
	old, move := moveSchema(old, new)
	p := newPlanner(old, new, opts)
	if move != nil && len(move.SQL) > 0 {
		p.add(move)
	}
	p.extensions()
	p.sequences()
	p.enums()
	p.domains()
	p.dropTables()
	p.pairIndexes()
	for _, nt := range new.Tables {
		if ot := p.oldTables[nt.Name]; ot != nil {
			p.alterTable(ot, nt)
		}
	}
	p.renameIndexes()
	p.createTables()
	p.dropDomains()
	p.dropEnums()
	p.dropSequences()
	p.dropExtensions()
	if p.diags.HasErrors() {
		return nil, p.diags.Sort()
	}
	slices.SortStableFunc(p.steps, func(a, b *Step) int { return cmp.Compare(a.Phase, b.Phase) })
	timeout := opts.LockTimeout
	if timeout == "" {
		timeout = "5s"
	}
	return &Plan{Steps: p.steps, LockTimeout: timeout}, nil
}

func schemaLabel(name string) string {
	if name == "" {
		return "public"
	}
	return name
}

type planner struct {
	old, new  *model.Schema
	allow     map[string]bool
	steps     []*Step
	diags     dsl.Diagnostics
	oldTables map[string]*model.Table
	newTables map[string]*model.Table
	// droppedKeys holds the keys (table and columns) of OLD that are
	// dropped or changed, or that the foreign keys referencing them must
	// not reference while the migration changes their table (see
	// rereference): those foreign keys go first and come back after.
	droppedKeys map[string]bool
	// retyped holds the columns (table and column) whose type or
	// collation changes: an ALTER COLUMN ... TYPE, which PostgreSQL
	// refuses on a column a generated column uses.
	retyped map[string]bool
	// retypes holds, by table, the step that changes the types of its
	// columns (see retypeStep).
	retypes map[string]*retype
	// rechecked holds the checks (table and name) that a type change
	// drops and adds again NOT VALID (see recheck).
	rechecked map[string]bool
	// replaced holds the foreign keys of OLD (table and name) that are
	// dropped, so their comments are gone.
	replaced map[string]bool
	// asideDomains drop the domains rebaseDomain renamed aside.
	asideDomains []*Step
	// regen holds the generated columns (table and column) dropped and
	// added again (see regenerated), or dropped, around the retyping of a
	// domain's columns (see regenerateAround).
	regen map[string]bool
	// ownLocks holds the steps on a partitioned table that list the
	// locks they take on its partitions themselves.
	ownLocks map[*Step]bool
	// oldNames and newNames hold the names of every index, key and
	// exclusion constraint of OLD and of NEW: one namespace, the schema's.
	oldNames, newNames map[string]bool
	// indexPairs pairs an index of OLD with the index of NEW it becomes
	// under another name (see pairIndexes); indexRenames lists the pairs
	// the planned tables keep, as names, and their first one's position.
	indexPairs   map[*model.Index]*model.Index
	indexRenames [][2]string
	renamedAt    dsl.Pos
	// taken holds the unique indexes of OLD that a new key takes as they
	// are (see takenIndex): keys records them, and indexes keeps them.
	taken map[*model.Index]bool
}

func newPlanner(old, new *model.Schema, opts Options) *planner {
	p := &planner{old: old, new: new, allow: map[string]bool{},
		oldTables: map[string]*model.Table{}, newTables: map[string]*model.Table{},
		droppedKeys: map[string]bool{}, retyped: map[string]bool{}, rechecked: map[string]bool{}, retypes: map[string]*retype{}, replaced: map[string]bool{}, regen: map[string]bool{}, ownLocks: map[*Step]bool{},
		oldNames: indexNames(old), newNames: indexNames(new), indexPairs: map[*model.Index]*model.Index{}, taken: map[*model.Index]bool{}}
	for _, a := range opts.Allow {
		p.allow[a] = true
	}
	for _, t := range old.Tables {
		p.oldTables[t.Name] = t
	}
	for _, t := range new.Tables {
		p.newTables[t.Name] = t
	}
	// Keys are compared before any step is planned, since foreign keys
	// on every table depend on them.
	for _, ot := range old.Tables {
		nt := p.newTables[ot.Name]
		for _, k := range keysOf(ot) {
			if nt == nil || !slices.ContainsFunc(keysOf(nt), func(n keyDef) bool { return n.equal(k) }) {
				p.droppedKeys[keyID(ot.Name, k.key.Columns)] = true
			}
		}
		if nt == nil {
			continue
		}
		for _, oc := range ot.Columns {
			if nc := nt.Column(oc.Name); nc != nil && (p.typeSQL(old, oc) != p.typeSQL(new, nc) || oc.Type.Collation != nc.Type.Collation) {
				p.retyped[ot.Name+"\x00"+oc.Name] = true
			}
		}
	}
	// The foreign keys to drop around a change of what they reference are
	// marked before any table is planned too.
	p.rereferenceRegenerated()
	p.rereferenceRebound()
	return p
}

// add appends a step.
func (p *planner) add(s *Step) *Step {
	p.steps = append(p.steps, s)
	return s
}

// hazard records that a step carries a hazard: allowed, it is listed on
// the step; otherwise the change is refused.
func (p *planner) hazard(s *Step, at span, code string, format string, args ...any) {
	p.hazardHint(s, at, code, hazards[code].How, format, args...)
}

// hazardHint is hazard with a hint of the change's own, for a refusal
// whose way around is not the hazard's.
func (p *planner) hazardHint(s *Step, at span, code, how string, format string, args ...any) {
	h := hazards[code]
	if h.Allow != "" && p.allow[h.Allow] {
		s.addHazard(code)
		return
	}
	p.refuseHint(at, code, how, format, args...)
}

// addHazard lists code among the hazards of s: each once, in order,
// however many of the step's changes carry it.
func (s *Step) addHazard(code string) {
	if i, found := slices.BinarySearch(s.Hazards, code); !found {
		s.Hazards = slices.Insert(s.Hazards, i, code)
	}
}

// refuse reports a change ergen will not plan.
func (p *planner) refuse(at span, code string, format string, args ...any) {
	p.refuseHint(at, code, hazards[code].How, format, args...)
}

// refuseHint is refuse with a hint of the change's own, for a change
// whose way around is not the hazard's.
func (p *planner) refuseHint(at span, code, how string, format string, args ...any) {
	h := hazards[code]
	end := at.end
	if end == (dsl.Pos{}) {
		end = at.pos
	}
	d := p.diags.Errorf(at.pos, end, format, args...)
	d.Code = code
	d.Msg += ": " + h.Summary
	if h.Allow != "" {
		d.Hintf("%s; to accept it, pass --allow %s", how, h.Allow)
	} else {
		d.Hintf("%s", how)
	}
}

// span is what a diagnostic underlines.
type span struct{ pos, end dsl.Pos }

// named underlines a name written at pos.
func named(pos dsl.Pos, name string) span { return span{pos, pos.Advance(name)} }

// columnSpan underlines a declared column's name; a column ergen derived
// (an FK column) is pointed at, in its relationship.
func columnSpan(c *model.Column) span {
	if c.Declared {
		return named(c.Pos, c.Name)
	}
	return span{pos: c.Pos}
}

// tableSpan underlines an entity's name, or points at a junction's
// relationship.
func tableSpan(t *model.Table) span {
	if t.Entity != nil {
		return named(t.Pos, t.Entity.Name)
	}
	return span{pos: t.Pos}
}
