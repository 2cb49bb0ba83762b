package migrate

import (
	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// Diff plans the migration from the model of oldFile to that of newFile,
// both valid. Renames are declared in NEW with `was` (an entity, an
// attribute), never guessed: OLD is resolved a second time with the
// renames applied to its declarations, and every name that differs
// between the two resolutions (table, column, key, check, foreign key,
// index, the sequence of a serial column) is renamed first. The rest of
// the plan is New's, from the renamed OLD to NEW, so that everything the
// model derives from a renamed name (FK columns of a default role,
// constraint and index names, junction tables) follows it.
//
// A `was` that names nothing in OLD is an error, unless OLD already has
// the new name (the rename was applied before).
func Diff(oldFile, newFile *dsl.File, opts Options) (*Plan, dsl.Diagnostics) {
	old, diags := model.Resolve(oldFile)
	if diags.HasErrors() {
		return nil, diags
	}
	new, diags := model.Resolve(newFile)
	if diags.HasErrors() {
		return nil, diags
	}
	rn := &renamer{entities: map[string]string{}, attributes: map[string]map[string]string{}}
	rn.collect(oldFile, newFile)
	if rn.diags.HasErrors() {
		return nil, rn.diags.Sort()
	}
	if rn.empty() {
		return New(old, new, opts)
	}
	renamedFile, diags := dsl.Parse(oldFile.Name, oldFile.Source)
	if diags.HasErrors() {
		return nil, diags
	}
	rn.apply(renamedFile)
	renamed, diags := model.Resolve(renamedFile)
	if diags.HasErrors() {
		return nil, diags
	}
	plan, diags := New(renamed, new, opts)
	if plan == nil {
		return nil, diags
	}
	steps := renameSteps(old, renamed, new)
	plan.Steps = append(steps, plan.Steps...)
	return plan, nil
}

// renamer holds the renames NEW declares that apply to OLD: entity names,
// and attribute names by OLD's entity name.
type renamer struct {
	entities   map[string]string            // old entity name -> new
	attributes map[string]map[string]string // old entity name -> old attribute -> new
	diags      dsl.Diagnostics
}

func (rn *renamer) empty() bool { return len(rn.entities) == 0 && len(rn.attributes) == 0 }

func entityDecls(f *dsl.File) map[string]*dsl.EntityDecl {
	out := map[string]*dsl.EntityDecl{}
	for _, d := range f.Decls {
		if d.Entity != nil {
			out[d.Entity.Name.Value] = d.Entity
		}
	}
	return out
}

func attributes(e *dsl.EntityDecl) map[string]bool {
	out := map[string]bool{}
	for _, it := range e.Items {
		if it.Attribute != nil {
			out[it.Attribute.Name.Value] = true
		}
	}
	return out
}

// collect reads the `was` clauses of NEW and checks each against OLD.
func (rn *renamer) collect(oldFile, newFile *dsl.File) {
	olds := entityDecls(oldFile)
	for _, d := range newFile.Decls {
		e := d.Entity
		if e == nil {
			continue
		}
		oldName := e.Name.Value
		if e.Was != nil {
			switch {
			case olds[e.Was.Value] != nil && olds[e.Name.Value] != nil:
				rn.errorf(e.Was, "entity %s was %s, but the old model has both", e.Name.Value, e.Was.Value).
					Hintf("remove `was %s`, or the old entity %s", e.Was.Value, e.Name.Value)
			case olds[e.Was.Value] != nil:
				oldName = e.Was.Value
				rn.entities[oldName] = e.Name.Value
			case olds[e.Name.Value] == nil:
				rn.errorf(e.Was, "entity %s was %s, but the old model has no entity %s", e.Name.Value, e.Was.Value, e.Was.Value).
					Hintf("`was` names the entity as the old model declares it")
			}
		}
		rn.collectAttributes(e, olds[oldName], oldName)
	}
}

func (rn *renamer) collectAttributes(e *dsl.EntityDecl, old *dsl.EntityDecl, oldName string) {
	var have map[string]bool
	if old != nil {
		have = attributes(old)
	}
	for _, it := range e.Items {
		a := it.Attribute
		if a == nil {
			continue
		}
		for _, o := range a.Options {
			if o.Was == nil {
				continue
			}
			switch {
			case have[o.Was.Value] && have[a.Name.Value]:
				rn.errorf(o.Was, "attribute %s was %s, but the old model has both", a.Name.Value, o.Was.Value).
					Hintf("remove `was %s`, or the old attribute %s", o.Was.Value, a.Name.Value)
			case have[o.Was.Value]:
				if rn.attributes[oldName] == nil {
					rn.attributes[oldName] = map[string]string{}
				}
				rn.attributes[oldName][o.Was.Value] = a.Name.Value
			case !have[a.Name.Value]:
				rn.errorf(o.Was, "attribute %s.%s was %s, but the old model has no such attribute", e.Name.Value, a.Name.Value, o.Was.Value).
					Hintf("`was` names the attribute as the old model declares it")
			}
		}
	}
}

func (rn *renamer) errorf(n *dsl.Name, format string, args ...any) *dsl.Diagnostic {
	return rn.diags.Errorf(dsl.FromLexer(n.Pos), dsl.FromLexer(n.EndPos), format, args...)
}

// apply renames, in OLD's declarations, the entities and attributes NEW
// renames, and every reference to them.
func (rn *renamer) apply(f *dsl.File) {
	entity := func(n *dsl.Name) {
		if n == nil {
			return
		}
		if to, ok := rn.entities[n.Value]; ok {
			n.Value = to
		}
	}
	attrs := func(entity string, names ...*dsl.Name) {
		for _, n := range names {
			if to, ok := rn.attributes[entity][n.Value]; ok {
				n.Value = to
			}
		}
	}
	list := func(entity string, l *dsl.ColumnList) {
		if l != nil {
			attrs(entity, l.Columns...)
		}
	}
	for _, d := range f.Decls {
		if e := d.Entity; e != nil {
			name := e.Name.Value
			for _, it := range e.Items {
				if it.Attribute != nil {
					attrs(name, it.Attribute.Name)
				}
				list(name, it.PrimaryKey)
				list(name, it.Unique)
				list(name, it.Index)
			}
			entity(e.Name)
		}
		if r := d.Relationship; r != nil {
			parent := r.Left.Value
			entity(r.Left)
			entity(r.Right)
			for _, it := range r.Items {
				list(parent, it.References)
				if it.On != nil {
					entity(it.On.Side)
				}
				if it.Constraint != nil {
					entity(it.Constraint.Side)
				}
				if it.Column != nil {
					entity(it.Column.Side)
				}
				if it.NoIndex != nil {
					entity(it.NoIndex.Side)
				}
			}
		}
	}
}

// renameSteps renames what the two resolutions of OLD name differently,
// one step per table, positioned at the table's declaration in NEW. The resolutions come from the same declarations, so
// their entities, relationships and each table's columns, keys, checks,
// foreign keys and indexes correspond in order.
func renameSteps(old, renamed, new *model.Schema) []*Step {
	var steps []*Step
	pos := map[string]dsl.Pos{}
	for _, t := range new.Tables {
		pos[t.Name] = t.Pos
	}
	var tables [][2]*model.Table
	for i, e := range old.Entities {
		tables = append(tables, [2]*model.Table{e.Table, renamed.Entities[i].Table})
	}
	for i, r := range old.Relationships {
		if r.Junction != nil {
			tables = append(tables, [2]*model.Table{r.Junction, renamed.Relationships[i].Junction})
		}
	}
	for _, pair := range tables {
		if s := renameTable(old, pair[0], pair[1]); s != nil {
			if p, ok := pos[pair[1].Name]; ok {
				s.Pos = p
			}
			steps = append(steps, s)
		}
	}
	return steps
}

func renameTable(s *model.Schema, from, to *model.Table) *Step {
	step := &Step{Phase: PhaseRename, What: "rename in table " + from.Name, Pos: to.Pos, Transactional: true,
		Locks: []Lock{{from.Name, AccessExclusive}}}
	table := s.Qualify(to.Name)
	if from.Name != to.Name {
		step.What = "rename table " + from.Name + " to " + to.Name
		step.SQL = append(step.SQL, "ALTER TABLE "+s.Qualify(from.Name)+" RENAME TO "+model.QuoteIdent(to.Name)+";")
	}
	for i, c := range from.Columns {
		if i >= len(to.Columns) {
			break
		}
		if c.Name != to.Columns[i].Name {
			step.SQL = append(step.SQL, "ALTER TABLE "+table+" RENAME COLUMN "+model.QuoteIdent(c.Name)+" TO "+model.QuoteIdent(to.Columns[i].Name)+";")
		}
		if c.Type.IsSerial() && (from.Name != to.Name || c.Name != to.Columns[i].Name) {
			if a, b := serialSequence(from.Name, c.Name), serialSequence(to.Name, to.Columns[i].Name); a != b {
				step.SQL = append(step.SQL, "ALTER SEQUENCE "+s.Qualify(a)+" RENAME TO "+model.QuoteIdent(b)+";")
			}
		}
	}
	constraint := func(a, b string) {
		if a != b {
			step.SQL = append(step.SQL, "ALTER TABLE "+table+" RENAME CONSTRAINT "+model.QuoteIdent(a)+" TO "+model.QuoteIdent(b)+";")
		}
	}
	if from.PrimaryKey != nil && to.PrimaryKey != nil {
		constraint(from.PrimaryKey.Name, to.PrimaryKey.Name)
	}
	for i := range min(len(from.Uniques), len(to.Uniques)) {
		constraint(from.Uniques[i].Name, to.Uniques[i].Name)
	}
	for i := range min(len(from.Checks), len(to.Checks)) {
		constraint(from.Checks[i].Name, to.Checks[i].Name)
	}
	for i := range min(len(from.ForeignKeys), len(to.ForeignKeys)) {
		constraint(from.ForeignKeys[i].Name, to.ForeignKeys[i].Name)
	}
	for i := range min(len(from.Indexes), len(to.Indexes)) {
		if a, b := from.Indexes[i].Name, to.Indexes[i].Name; a != b {
			step.SQL = append(step.SQL, "ALTER INDEX "+s.Qualify(a)+" RENAME TO "+model.QuoteIdent(b)+";")
		}
	}
	if len(step.SQL) == 0 {
		return nil
	}
	return step
}

// serialSequence is the name PostgreSQL gives the sequence of a serial
// column (ChooseRelationName's makeObjectName): table_column_seq, the
// longer of table and column cut first until it fits in 63 bytes.
func serialSequence(table, column string) string {
	const label = "seq"
	avail := model.MaxIdentLen - len(label) - 2
	t, c := table, column
	for len(t)+len(c) > avail {
		if len(t) > len(c) {
			t = t[:len(t)-1]
		} else {
			c = c[:len(c)-1]
		}
	}
	return t + "_" + c + "_" + label
}
