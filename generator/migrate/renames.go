package migrate

import (
	"slices"
	"strings"

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
	old, new, rn, diags := prepare(oldFile, newFile)
	if diags.HasErrors() {
		return nil, diags
	}
	return planRenamed(old, new, oldFile, rn, opts)
}

// prepare resolves both models and collects the renames NEW declares.
func prepare(oldFile, newFile *dsl.File) (old, new *model.Schema, rn *renamer, diags dsl.Diagnostics) {
	old, diags = model.Resolve(oldFile)
	if diags.HasErrors() {
		return nil, nil, nil, diags
	}
	new, diags = model.Resolve(newFile)
	if diags.HasErrors() {
		return nil, nil, nil, diags
	}
	rn, back := newRenamer(), newRenamer()
	rn.back, rn.old = back, old
	rn.collect(oldFile, newFile)
	rn.collectEnums(oldFile, newFile)
	rn.collectJunctions(oldFile, newFile)
	rn.collectDroppedVias(oldFile, newFile)
	rn.collectValues(oldFile, newFile)
	rn.collectRoles(oldFile, newFile)
	rn.collectJunctionTables(oldFile, newFile)
	rn.collectJunctionAttributes(oldFile, newFile)
	rn.collectColumns(oldFile, newFile)
	if rn.diags.HasErrors() {
		return nil, nil, nil, rn.diags.Sort()
	}
	return old, new, rn, nil
}

// planRenamed plans from old, the model of oldFile, to new, with the
// renames of rn applied to oldFile's declarations.
func planRenamed(old, new *model.Schema, oldFile *dsl.File, rn *renamer, opts Options) (*Plan, dsl.Diagnostics) {
	if rn.empty() {
		return New(old, new, opts)
	}
	renamedFile, diags := dsl.Reparse(oldFile)
	if diags.HasErrors() {
		return nil, diags
	}
	rn.apply(renamedFile)
	renamed, diags := model.Resolve(renamedFile)
	if diags.HasErrors() {
		return nil, diags
	}
	if pinFKColumns(old, renamed, renamedFile) {
		// Pinned columns that do not resolve leave the foreign key to
		// take others, which renameSteps refuses.
		if pinned, diags := model.Resolve(renamedFile); !diags.HasErrors() {
			renamed = pinned
		}
	}
	renameEnumDefaults(old, renamed)
	carryColumnRenames(old, renamed)
	plan, diags := New(renamed, new, opts)
	if plan == nil {
		return nil, diags
	}
	steps, diags := renameSteps(old, renamed, new)
	if diags.HasErrors() {
		return nil, diags
	}
	plan.Steps = append(steps, plan.Steps...)
	return plan, nil
}

// renamer holds the renames NEW declares that apply to OLD: entity names,
// and attribute names by OLD's entity name.
type renamer struct {
	roles     map[int][]string             // index of OLD's relationship -> its new roles
	values    map[string]map[string]string // enum name -> old label -> new value as written
	entities  map[string]string            // old entity name -> new
	enums     map[string]string            // old enum name -> new
	enumTypes map[string]*dsl.Name         // old enum name -> its new type name (`as`), when it changes
	tables    map[string]*dsl.String       // old entity name -> its new table name (`table "..."`), when it changes
	junctions map[string]string            // old via name of an M:N's junction -> new
	// vias and junctionTables hold, by index of OLD's relationship, the
	// `via` and the `table "..."` NEW declares for its junction, when
	// they change (nil: none).
	vias           map[int]*dsl.Name
	junctionTables map[int]*dsl.String
	attributes     map[string]map[string]string // old entity name -> old attribute -> new
	// junctionAttributes holds, by index of OLD's relationship, the
	// attributes of its block (an M:N's junction columns) NEW renames:
	// old attribute -> new.
	junctionAttributes map[int]map[string]string
	// columns holds, by index of OLD's relationship, the foreign key
	// columns it names with `column` that NEW renames with `was`.
	columns map[int][]columnRename
	// old is OLD's model, whose derived names some renames compare with.
	old   *model.Schema
	diags dsl.Diagnostics
	// back holds the same renames from NEW's side, NEW's names to OLD's,
	// for the way back.
	back *renamer
}

func newRenamer() *renamer {
	return &renamer{roles: map[int][]string{}, values: map[string]map[string]string{}, entities: map[string]string{},
		attributes: map[string]map[string]string{}, enums: map[string]string{}, enumTypes: map[string]*dsl.Name{},
		tables: map[string]*dsl.String{}, junctions: map[string]string{}, vias: map[int]*dsl.Name{}, junctionTables: map[int]*dsl.String{},
		columns: map[int][]columnRename{}, junctionAttributes: map[int]map[string]string{}}
}

func (rn *renamer) empty() bool {
	return len(rn.roles) == 0 && len(rn.values) == 0 && len(rn.entities) == 0 && len(rn.attributes) == 0 &&
		len(rn.enums) == 0 && len(rn.enumTypes) == 0 && len(rn.tables) == 0 && len(rn.junctions) == 0 &&
		len(rn.vias) == 0 && len(rn.junctionTables) == 0 && len(rn.columns) == 0 && len(rn.junctionAttributes) == 0
}

func label(v string) string { return (&dsl.String{Value: v}).Unquote() }

func relationships(f *dsl.File) []*dsl.RelationshipDecl {
	var out []*dsl.RelationshipDecl
	for _, d := range f.Decls {
		if d.Relationship != nil {
			out = append(out, d.Relationship)
		}
	}
	return out
}

// rolesOf are a relationship's roles as the model derives them: written
// with `as`, or the snake_case entity names.
func rolesOf(r *dsl.RelationshipDecl) []string {
	for _, h := range r.Header {
		if len(h.Roles) > 0 {
			out := make([]string, len(h.Roles))
			for i, n := range h.Roles {
				out[i] = model.SnakeCase(n.Value)
			}
			return out
		}
	}
	if r.Card.Value == "M:N" {
		return []string{model.SnakeCase(r.Left.Value), model.SnakeCase(r.Right.Value)}
	}
	return []string{model.SnakeCase(r.Left.Value)}
}

// findRelationship returns the index of OLD's relationship between the
// entities NEW's r names (by OLD's names for them), of r's cardinality,
// with roles; -1 if none.
func (rn *renamer) findRelationship(olds []*dsl.RelationshipDecl, r *dsl.RelationshipDecl, roles []string) int {
	left, right := rn.oldEntity(r.Left.Value), rn.oldEntity(r.Right.Value)
	return slices.IndexFunc(olds, func(o *dsl.RelationshipDecl) bool {
		return o.Left.Value == left && o.Right.Value == right && o.Card.Value == r.Card.Value && slices.Equal(rolesOf(o), roles)
	})
}

// oldRoles are the roles of NEW's relationship r in OLD: those its `was`
// after the roles names, else r's own as OLD writes or derives them (from
// OLD's names for its entities).
func (rn *renamer) oldRoles(r *dsl.RelationshipDecl) []string {
	for _, h := range r.Header {
		if len(h.RolesWas) > 0 {
			was := make([]string, len(h.RolesWas))
			for i, n := range h.RolesWas {
				was[i] = model.SnakeCase(n.Value)
			}
			return was
		}
	}
	as := *r
	as.Left, as.Right = &dsl.Name{Value: rn.oldEntity(r.Left.Value)}, &dsl.Name{Value: rn.oldEntity(r.Right.Value)}
	return rolesOf(&as)
}

// collectRoles reads `was` in relationship headers: OLD must have the
// relationship, between the same entities (renamed or not), with the old
// roles, or already the new ones.
func (rn *renamer) collectRoles(oldFile, newFile *dsl.File) {
	olds := relationships(oldFile)
	find := func(d *dsl.RelationshipDecl, roles []string) int { return rn.findRelationship(olds, d, roles) }
	for j, d := range relationships(newFile) {
		for _, h := range d.Header {
			if len(h.RolesWas) == 0 {
				continue
			}
			was := make([]string, len(h.RolesWas))
			for i, n := range h.RolesWas {
				was[i] = model.SnakeCase(n.Value)
			}
			if k := find(d, was); k >= 0 {
				rn.roles[k] = rolesOf(d)
				rn.back.roles[j] = was
			} else if find(d, rolesOf(d)) < 0 && !rn.columnsRenamedBefore(olds, d) {
				rn.errorf(h.RolesWas[0], "relationship %s %s %s was %s, but the old model has no such relationship with those roles",
					d.Left.Value, d.Card.Value, d.Right.Value, strings.Join(was, ", ")).
					Hintf("`was` names the roles as the old model has them (written with `as`, or the entity names)")
			}
		}
	}
}

// collectValues reads the `was` of NEW's enum values: OLD's enum of the
// same name must have the old label, or already the new one.
func (rn *renamer) collectValues(oldFile, newFile *dsl.File) {
	olds := map[string]map[string]bool{}
	for _, d := range oldFile.Decls {
		if d.Enum != nil {
			olds[d.Enum.Name.Value] = map[string]bool{}
			for _, v := range d.Enum.Values {
				olds[d.Enum.Name.Value][label(v.Value)] = true
			}
		}
	}
	for _, d := range newFile.Decls {
		if d.Enum == nil {
			continue
		}
		oldName := d.Enum.Name.Value
		if d.Enum.Was != nil && rn.enums[d.Enum.Was.Value] == oldName {
			oldName = d.Enum.Was.Value
		}
		have := olds[oldName]
		for _, v := range d.Enum.Values {
			if v.Was == "" {
				continue
			}
			switch was, is := label(v.Was), label(v.Value); {
			case have[was] && have[is]:
				rn.diags.Errorf(dsl.FromLexer(v.Pos), dsl.FromLexer(v.EndPos), "enum %s: value %s was %s, but the old model has both", d.Enum.Name.Value, v.Value, v.Was).
					Hintf("remove `was %s`", v.Was)
			case have[was]:
				rn.setValue(oldName, was, v.Value)
				rn.back.setValue(d.Enum.Name.Value, is, v.Was)
			case !have[is]:
				rn.diags.Errorf(dsl.FromLexer(v.Pos), dsl.FromLexer(v.EndPos), "enum %s: value %s was %s, but the old model has no such value", d.Enum.Name.Value, v.Value, v.Was).
					Hintf("`was` names the value as the old model declares it")
			}
		}
	}
}

func entityDecls(f *dsl.File) map[string]*dsl.EntityDecl {
	out := map[string]*dsl.EntityDecl{}
	for _, d := range f.Decls {
		if d.Entity != nil {
			out[d.Entity.Name.Value] = d.Entity
		}
	}
	return out
}

func attributes(attrs []*dsl.Attribute) map[string]bool {
	out := map[string]bool{}
	for _, a := range attrs {
		out[a.Name.Value] = true
	}
	return out
}

// entityAttributes are the attributes e declares.
func entityAttributes(e *dsl.EntityDecl) []*dsl.Attribute {
	var out []*dsl.Attribute
	for _, it := range e.Items {
		if it.Attribute != nil {
			out = append(out, it.Attribute)
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
				rn.back.entities[e.Name.Value] = oldName
			case olds[e.Name.Value] == nil:
				rn.errorf(e.Was, "entity %s was %s, but the old model has no entity %s", e.Name.Value, e.Was.Value, e.Was.Value).
					Hintf("`was` names the entity as the old model declares it")
			}
		}
		rn.collectAttributes(e, olds[oldName], oldName)
		rn.collectTable(e, olds[oldName], oldName)
	}
}

func (rn *renamer) collectAttributes(e *dsl.EntityDecl, old *dsl.EntityDecl, oldName string) {
	var have map[string]bool
	if old != nil {
		have = attributes(entityAttributes(old))
	}
	rn.collectWas(entityAttributes(e), have, wasScope{qualifier: e.Name.Value + ".", lacks: "the old model has no such attribute",
		hint: "`was` names the attribute as the old model declares it"}, func(from, to string) {
		setIn(rn.attributes, oldName, from, to)
		setIn(rn.back.attributes, e.Name.Value, to, from)
	})
}

// wasScope words the errors of collectWas: label opens each, qualifier
// goes before the attribute's name where OLD lacks it, lacks and hint
// say so.
type wasScope struct{ label, qualifier, lacks, hint string }

// collectWas checks the `was` of each of attrs, NEW's attributes, against
// have, the names OLD declares where they come from: a rename goes to
// set, an old name OLD does not have, or has beside the new one, is an
// error.
func (rn *renamer) collectWas(attrs []*dsl.Attribute, have map[string]bool, w wasScope, set func(from, to string)) {
	for _, a := range attrs {
		for _, o := range a.Options {
			if o.Was == nil {
				continue
			}
			switch {
			case have[o.Was.Value] && have[a.Name.Value]:
				rn.errorf(o.Was, "%sattribute %s was %s, but the old model has both", w.label, a.Name.Value, o.Was.Value).
					Hintf("remove `was %s`, or the old attribute %s", o.Was.Value, a.Name.Value)
			case have[o.Was.Value]:
				set(o.Was.Value, a.Name.Value)
			case !have[a.Name.Value]:
				rn.errorf(o.Was, "%sattribute %s%s was %s, but %s", w.label, w.qualifier, a.Name.Value, o.Was.Value, w.lacks).
					Hintf("%s", w.hint)
			}
		}
	}
}

func (rn *renamer) setValue(enum, label, value string) { setIn(rn.values, enum, label, value) }

func setIn[K comparable](m map[K]map[string]string, outer K, from, to string) {
	if m[outer] == nil {
		m[outer] = map[string]string{}
	}
	m[outer][from] = to
}

func (rn *renamer) errorf(n *dsl.Name, format string, args ...any) *dsl.Diagnostic {
	return rn.diags.Errorf(dsl.FromLexer(n.Pos), dsl.FromLexer(n.EndPos), format, args...)
}

// apply renames, in OLD's declarations, the entities and attributes NEW
// renames, and every reference to them.
func (rn *renamer) apply(f *dsl.File) {
	entity := func(n *dsl.Name) { rename(rn.entities, n) }
	attrs, list, index := rn.attrs, rn.list, rn.index
	rel := 0
	for _, d := range f.Decls {
		if en := d.Enum; en != nil {
			for _, v := range en.Values {
				if to, ok := rn.values[en.Name.Value][label(v.Value)]; ok {
					v.Value = to
				}
			}
			rn.enumDecl(en)
		}
		if e := d.Entity; e != nil {
			name := e.Name.Value
			for _, it := range e.Items {
				if it.Attribute != nil {
					attrs(name, it.Attribute.Name)
					rn.typeOf(it.Attribute)
				}
				list(name, it.PrimaryKey)
				index(name, it.Unique)
				index(name, it.Index)
				rn.exclude(name, it.Exclude)
				rn.partition(name, it.Partition)
			}
			rn.tableOf(e)
			entity(e.Name)
		}
		if r := d.Relationship; r != nil {
			rn.renameRoles(r, rel)
			rn.renameColumns(r, rel)
			rn.junctionOf(r, rel)
			rel++
			parent := r.Left.Value
			entity(r.Left)
			for _, o := range r.Others { // an arc's other parents
				entity(o)
			}
			entity(r.Right)
			for _, it := range r.Items {
				list(parent, it.References)
				if it.Attribute != nil {
					rn.typeOf(it.Attribute)
				}
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

// renameRoles gives the k-th relationship of OLD the roles NEW declares
// it had, and renames the sides that name the old roles.
func (rn *renamer) renameRoles(r *dsl.RelationshipDecl, k int) {
	to, ok := rn.roles[k]
	if !ok {
		return
	}
	from := rolesOf(r)
	for _, it := range r.Items {
		for _, side := range []*dsl.Name{sideOf(it)} {
			if side == nil {
				continue
			}
			if i := slices.Index(from, model.SnakeCase(side.Value)); i >= 0 && i < len(to) {
				side.Value = to[i]
			}
		}
	}
	names := make([]*dsl.Name, len(to))
	for i, role := range to {
		names[i] = &dsl.Name{Value: role}
	}
	for _, h := range r.Header {
		if len(h.Roles) > 0 {
			h.Roles = names
			return
		}
	}
	r.Header = append(r.Header, &dsl.RelHeader{Roles: names})
}

func sideOf(it *dsl.RelItem) *dsl.Name {
	switch {
	case it.On != nil:
		return it.On.Side
	case it.Constraint != nil:
		return it.Constraint.Side
	case it.Column != nil:
		return it.Column.Side
	case it.NoIndex != nil:
		return it.NoIndex.Side
	}
	return nil
}

// renameSteps renames what the two resolutions of OLD name differently,
// one step per table, positioned at the table's declaration in NEW. The resolutions come from the same declarations, so
// their entities, relationships and each table's columns, keys, checks,
// foreign keys and indexes correspond in order.
func renameSteps(old, renamed, new *model.Schema) ([]*Step, dsl.Diagnostics) {
	var steps []*Step
	var diags dsl.Diagnostics
	pos := map[string]dsl.Pos{}
	for _, t := range new.Tables {
		pos[t.Name] = t.Pos
	}
	steps = append(steps, renameEnums(old, renamed, new)...)
	// Index names are the schema's: an index renamed onto the old name of
	// another table's index waits under a name of its own until every
	// table is renamed (into place, below).
	leaving := map[string]string{} // old index name -> its table
	for _, pair := range tablePairs(old, renamed) {
		for _, ix := range matching(pair[0].Indexes, pair[1].Indexes, func(ix *model.Index) int { return ix.Pos.Offset }) {
			if ix[0].Name != ix[1].Name {
				leaving[ix[0].Name] = pair[0].Name
			}
		}
	}
	var later [][2]string // a waiting name, and the index's new name
	taken := modelNames(old, renamed, new)
	waiting := temporaryNames("ergen_renaming_index_", len(leaving), taken) // enough for every leaving name
	for _, pair := range tablePairs(old, renamed) {
		// A rename may change more than names: a declared column that
		// was an FK column of a default role stops being one when the
		// role is renamed. pinFKColumns keeps such foreign keys on their
		// columns; should a table still have other columns, renaming
		// cannot carry their values (no known model gets here).
		from, to := pair[0], pair[1]
		if pairs := matching(from.Columns, to.Columns, func(c *model.Column) int { return c.Pos.Offset }); len(pairs) != len(from.Columns) || len(pairs) != len(to.Columns) {
			at := to.Pos
			if p, ok := pos[to.Name]; ok {
				at = p
			}
			d := diags.Errorf(at, at, "renaming changes the columns of table %s, not only their names (%s): %s",
				to.Name, unmatchedColumns(from, to, pairs), hazards[RenameMovesValues].Summary)
			d.Code = RenameMovesValues
			d.Hintf("%s", hazards[RenameMovesValues].How)
			continue
		}
		wait := func(from, to string) (string, bool) {
			if t, ok := leaving[to]; !ok || t == pair[0].Name {
				return "", false
			}
			name := waiting[len(later)]
			later = append(later, [2]string{name, to})
			return name, true
		}
		if s := renameTable(old, pair[0], pair[1], wait, taken); s != nil {
			if p, ok := pos[pair[1].Name]; ok {
				s.Pos = p
			}
			steps = append(steps, s)
		}
	}
	if len(later) > 0 {
		// Renaming an index locks the index, not its table.
		into := &Step{Phase: PhaseRename, What: "rename indexes into place", Pos: steps[len(steps)-1].Pos, Transactional: true}
		for _, l := range later {
			into.SQL = append(into.SQL, "ALTER INDEX "+old.Qualify(l[0])+" RENAME TO "+model.QuoteIdent(l[1])+";")
		}
		steps = append(steps, into)
	}
	return steps, diags
}

// tablePairs pairs each table of old, an entity's or a junction's, with
// the same table in renamed, old resolved again with NEW's renames.
func tablePairs(old, renamed *model.Schema) [][2]*model.Table {
	var tables [][2]*model.Table
	for i, e := range old.Entities {
		tables = append(tables, [2]*model.Table{e.Table, renamed.Entities[i].Table})
	}
	for i, r := range old.Relationships {
		if r.Junction != nil {
			tables = append(tables, [2]*model.Table{r.Junction, renamed.Relationships[i].Junction})
		}
	}
	return tables
}

// unmatchedColumns says which columns of from and to, two resolutions of
// a table, have no counterpart in pairs: a declared column that was a
// foreign key's under a default role, which the renamed role no longer
// names, stays a column of its own beside the foreign key's new one.
func unmatchedColumns(from, to *model.Table, pairs [][2]*model.Column) string {
	var gone, added []string
	for _, c := range from.Columns {
		if !slices.ContainsFunc(pairs, func(p [2]*model.Column) bool { return p[0] == c }) {
			gone = append(gone, c.Name)
		}
	}
	for _, c := range to.Columns {
		if !slices.ContainsFunc(pairs, func(p [2]*model.Column) bool { return p[1] == c }) {
			added = append(added, c.Name)
		}
	}
	var out []string
	if len(added) > 0 {
		out = append(out, "the foreign key would take new column "+strings.Join(added, ", "))
	}
	if len(gone) > 0 {
		out = append(out, "column "+strings.Join(gone, ", ")+" would be gone")
	}
	return strings.Join(out, "; ")
}

// matching pairs the objects of a table in two resolutions of the same
// declarations, in from's order: by the source offset they come from, and
// their order among the objects from the same offset (the columns of one
// foreign key, the two sides of an M:N). Offsets, unlike derived names, do
// not change with a rename.
func matching[T any](from, to []T, offset func(T) int) [][2]T {
	type key struct{ offset, n int }
	in := map[key]T{}
	seen := map[int]int{}
	for _, y := range to {
		o := offset(y)
		in[key{o, seen[o]}] = y
		seen[o]++
	}
	clear(seen)
	var pairs [][2]T
	for _, x := range from {
		o := offset(x)
		if y, ok := in[key{o, seen[o]}]; ok {
			pairs = append(pairs, [2]T{x, y})
		}
		seen[o]++
	}
	return pairs
}

func renameTable(s *model.Schema, from, to *model.Table, wait func(from, to string) (string, bool), taken map[string]bool) *Step {
	step := &Step{Phase: PhaseRename, What: "rename in table " + from.Name, Pos: to.Pos, Transactional: true,
		Locks: []Lock{{from.Name, AccessExclusive}}}

	table := s.Qualify(to.Name)
	if from.Name != to.Name {
		step.What = "rename table " + from.Name + " to " + to.Name
		step.SQL = append(step.SQL, "ALTER TABLE "+s.Qualify(from.Name)+" RENAME TO "+model.QuoteIdent(to.Name)+";")
	}
	columns := matching(from.Columns, to.Columns, func(c *model.Column) int { return c.Pos.Offset })
	step.SQL = append(step.SQL, renameColumns(table, columns, taken)...)
	// Renaming a column of a partitioned table renames it in every
	// partition too, and so does renaming a check, which the partitions
	// inherit. A foreign key's copies in the partitions keep their names:
	// renaming it locks the partitioned table alone.
	recurses := slices.ContainsFunc(columns, func(c [2]*model.Column) bool { return c[0].Name != c[1].Name })
	for _, c := range columns {
		// PostgreSQL names an identity column's sequence as a serial's.
		if c[0].Type.IsSerial() || c[0].Identity != model.NoIdentity {
			if a, b := model.SerialSequence(from.Name, c[0].Name), model.SerialSequence(to.Name, c[1].Name); a != b {
				step.SQL = append(step.SQL, "ALTER SEQUENCE "+s.Qualify(a)+" RENAME TO "+model.QuoteIdent(b)+";")
			}
		}
	}
	var constraints, indexes [][2]string
	constraint := func(a, b string) { constraints = append(constraints, [2]string{a, b}) }
	if from.PrimaryKey != nil && to.PrimaryKey != nil {
		constraint(from.PrimaryKey.Name, to.PrimaryKey.Name)
	}
	for _, k := range matching(from.Uniques, to.Uniques, func(k *model.Key) int { return k.Pos.Offset }) {
		constraint(k[0].Name, k[1].Name)
	}
	for _, c := range matching(from.Checks, to.Checks, func(c *model.Check) int { return c.Pos.Offset }) {
		recurses = recurses || c[0].Name != c[1].Name
		constraint(c[0].Name, c[1].Name)
	}
	for _, fk := range matching(from.ForeignKeys, to.ForeignKeys, func(fk *model.ForeignKey) int { return fk.Pos.Offset }) {
		constraint(fk[0].Name, fk[1].Name)
	}
	for _, x := range matching(from.Exclusions, to.Exclusions, func(x *model.Exclusion) int { return x.Pos.Offset }) {
		constraint(x[0].Name, x[1].Name) // and its index
	}
	for _, ix := range matching(from.Indexes, to.Indexes, func(ix *model.Index) int { return ix.Pos.Offset }) {
		if name, ok := wait(ix[0].Name, ix[1].Name); ok {
			indexes = append(indexes, [2]string{ix[0].Name, name})
			continue
		}
		indexes = append(indexes, [2]string{ix[0].Name, ix[1].Name})
	}
	step.SQL = append(step.SQL, renameAll(constraints, taken, func(a, b string) string {
		return "ALTER TABLE " + table + " RENAME CONSTRAINT " + model.QuoteIdent(a) + " TO " + model.QuoteIdent(b) + ";"
	})...)
	step.SQL = append(step.SQL, renameAll(indexes, taken, func(a, b string) string {
		return "ALTER INDEX " + s.Qualify(a) + " RENAME TO " + model.QuoteIdent(b) + ";"
	})...)
	if len(step.SQL) == 0 {
		return nil
	}
	if recurses {
		for _, q := range from.AllPartitions() {
			step.Locks = append(step.Locks, Lock{q.Name, AccessExclusive})
		}
	}
	return step
}

// renameAll renames objects from pairs[i][0] to pairs[i][1] with the
// statements stmt writes, each through a name of its own first when a new
// name is the old name of another (names swapped between columns carry
// the names derived from them along).
//
// The temporary names are ergen_renaming_N, skipping the names of taken
// (see modelNames); an object outside the models that has one makes the
// rename fail, in its transaction, with PostgreSQL's "already exists".
func renameAll(pairs [][2]string, taken map[string]bool, stmt func(a, b string) string) []string {
	var sql []string
	olds := map[string]bool{}
	var changed [][2]string
	for _, p := range pairs {
		if p[0] != p[1] {
			olds[p[0]] = true
			changed = append(changed, p)
		}
	}
	if !slices.ContainsFunc(changed, func(p [2]string) bool { return olds[p[1]] }) {
		for _, p := range changed {
			sql = append(sql, stmt(p[0], p[1]))
		}
		return sql
	}
	temps := temporaryNames("ergen_renaming_", len(changed), taken)
	for i, p := range changed {
		sql = append(sql, stmt(p[0], temps[i]))
	}
	for i, p := range changed {
		sql = append(sql, stmt(temps[i], p[1]))
	}
	return sql
}

// renameColumns renames columns of one table. When a new name is an old
// name of another column (names move along, as a renamed entity's role
// renames FK columns), every column first takes a name of its own.
func renameColumns(table string, pairs [][2]*model.Column, taken map[string]bool) []string {
	names := make([][2]string, len(pairs))
	for i, c := range pairs {
		names[i] = [2]string{c[0].Name, c[1].Name}
	}
	return renameAll(names, taken, func(a, b string) string {
		return "ALTER TABLE " + table + " RENAME COLUMN " + model.QuoteIdent(a) + " TO " + model.QuoteIdent(b) + ";"
	})
}

// attrs renames the attributes of entity that NEW renames.
func (rn *renamer) attrs(entity string, names ...*dsl.Name) {
	for _, n := range names {
		if to, ok := rn.attributes[entity][n.Value]; ok {
			n.Value = to
		}
	}
}

// list renames the columns of a column list of entity.
func (rn *renamer) list(entity string, l *dsl.ColumnList) {
	if l != nil {
		rn.attrs(entity, l.Columns...)
	}
}

// index renames the columns an index or unique clause names; a column
// inside an expression or a predicate is SQL text, which a rename does
// not rewrite here (carryColumnRenames renames it in the model).
func (rn *renamer) index(entity string, d *dsl.IndexDecl) {
	if d == nil {
		return
	}
	rn.keys(entity, d.Keys)
	for _, o := range d.Options {
		rn.list(entity, o.Include)
	}
}

// keys renames the keys that are columns; a call's name (lower of
// lower(name)) is a function's, whatever attribute has it.
func (rn *renamer) keys(entity string, keys []*dsl.IndexKey) {
	for _, k := range keys {
		if k.Column != nil && k.Args == nil {
			rn.attrs(entity, k.Column)
		}
	}
}

// exclude renames the columns an exclusion constraint names as elements
// and INCLUDE columns.
func (rn *renamer) exclude(entity string, d *dsl.ExcludeDecl) {
	if d == nil {
		return
	}
	for _, el := range d.Elems {
		if el.Column != nil && el.Args == nil {
			rn.attrs(entity, el.Column)
		}
	}
	for _, o := range d.Options {
		rn.list(entity, o.Include)
	}
}

// partition renames the columns of a partition key, the table's or a
// partition's partitioned in turn: PostgreSQL's RENAME COLUMN renames
// them at every level.
func (rn *renamer) partition(entity string, p *dsl.Partition) {
	switch {
	case p == nil:
	case p.By != nil:
		rn.keys(entity, p.By.Key.Keys)
	case p.Bound != nil && p.Bound.By != nil:
		rn.keys(entity, p.Bound.By.Key.Keys)
	}
}
