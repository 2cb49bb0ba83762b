// Package importer turns a PostgreSQL schema, read from the catalog by
// importer/catalog, into an .er model whose DDL reproduces it.
//
// Tables become entities and foreign keys relationships, inferred by the
// rules in infer.go. Which names must be written is asked of the model
// itself: the model is resolved, the names ergen derived compared with
// the database's, and only those that differ written out. The catalog the
// final model implies ([catalog.Expect]) is then compared with the
// database's ([catalog.Diff]): every difference left, and everything the
// language cannot say, is returned as a Note and written into the model as
// a comment where it belongs, so nothing is dropped silently.
package importer

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/review/format"
)

// Note is something of the database that the model does not reproduce.
type Note struct {
	// Table is the table it concerns, or "" for the schema.
	Table string `json:"table,omitempty"`
	Msg   string `json:"message"`
}

func (n Note) String() string {
	if n.Table == "" {
		return n.Msg
	}
	return "table " + n.Table + ": " + n.Msg
}

// Result is an imported model.
type Result struct {
	// Source is the .er model, in the canonical layout of ergen fmt.
	Source []byte
	// Notes lists what the model does not reproduce, in file order.
	Notes []Note
	// Model is Source resolved.
	Model *model.Schema
}

// FileName is the name the imported model is resolved under, in
// diagnostics and generated headers.
const FileName = "import.er"

// Import returns the model of the catalog c. An error means ergen could
// not make a model that resolves, which is a bug to report with the schema.
func Import(c *catalog.Catalog) (*Result, error) {
	return importWith(c, nil)
}

// importWith imports c, naming the entity of a table, or the enum of a
// type (key "enum:" and its name), as prefer says where it has one.
func importWith(c *catalog.Catalog, prefer map[string]string) (*Result, error) {
	usable, invalid := usableIndexes(c)
	im := newImporter(usable)
	im.full = c
	im.schemaNote = invalid
	im.prefer = prefer
	im.declare()
	im.orderEntities()
	im.infer()
	for {
		res, err := im.build()
		var u *unresolved
		if !errors.As(err, &u) || !im.giveWay(u.diags) {
			return res, err
		}
		// Each round weakens at least one object, of finitely many.
		im.rels, im.explicit = nil, false
		for _, ent := range im.ents {
			ent.undeclare = false
		}
		im.infer()
	}
}

// build settles the model as inferred and returns the import.
func (im *importer) build() (*Result, error) {
	s, err := im.settle()
	for round := 0; err == nil && round < 8 && im.demote(s); round++ {
		s, err = im.settle()
	}
	if err != nil {
		return nil, err
	}
	if s, err = im.undeclareForeignKeys(); err != nil {
		return nil, err
	}
	im.verify(s)
	out, diags := format.Source(FileName, im.render())
	if diags.HasErrors() {
		return nil, fmt.Errorf("importer: formatting the imported model: %v", diags)
	}
	return &Result{Source: out, Notes: im.allNotes(), Model: s}, nil
}

// settle finds the names that must be written and returns the model.
func (im *importer) settle() (*model.Schema, error) {
	// Probe which names ergen derives, with every referential action left
	// out: a derived FK column that is not the declared one would
	// otherwise fail the actions' checks before it can be compared. Table
	// names come first, since the other names are made from them.
	for range 6 {
		// The model as it stands is probe enough when it resolves, and
		// final when it teaches nothing: most rounds need one load.
		probe, diags := im.load()
		final := !diags.HasErrors()
		if !final {
			im.probe = true
			probe, diags = im.load()
			im.probe = false
		}
		if diags.HasErrors() && im.nameCollisions(diags) {
			continue
		}
		if diags.HasErrors() {
			// A derived FK column took the name of another column: name
			// every FK's columns, and learn the other names.
			if !im.allColumns() {
				continue
			}
			im.explicit = true
			break
		}
		again, learnt := im.adjustNames(probe)
		if !again {
			// The names of keys, checks and indexes are made from the
			// table's and its columns' only, so one probe learns them.
			if keys := im.adjustKeyNames(probe); !keys && !learnt && final {
				return probe, nil
			}
			break
		}
	}
	s, diags := im.load()
	if diags.HasErrors() && !im.explicit {
		im.explicit = true
		s, diags = im.load()
	}
	if diags.HasErrors() {
		return nil, &unresolved{diags, im.render()}
	}
	return s, nil
}

// allColumns writes the columns of every foreign key out; it reports
// whether they all were already.
func (im *importer) allColumns() bool {
	all := true
	for _, rel := range im.rels {
		for _, s := range rel.side {
			all = all && s.columnsClause
			s.columnsClause = true
		}
	}
	return all
}

// undeclareForeignKeys leaves out of the entities the FK columns that
// ergen adds by itself where the database has them, as a hand-written
// model would; a table whose columns would then move keeps them declared.
func (im *importer) undeclareForeignKeys() (*model.Schema, error) {
	for _, ent := range im.ents {
		ent.undeclare = true
	}
	s, err := im.settle()
	if err == nil {
		moved := false
		for _, d := range catalog.Diff(catalog.Expect(s), im.cat) {
			if ent := im.byTable[d.Table]; !d.Name && ent != nil && ent.undeclare {
				ent.undeclare, moved = false, true
			}
		}
		if !moved {
			return s, nil
		}
		if s, err = im.settle(); err == nil {
			return s, nil
		}
	}
	for _, ent := range im.ents {
		ent.undeclare = false
	}
	return im.settle()
}

// load parses and resolves the rendered model, as generator.Load does;
// the importer is below the pipeline (generator runs it), so it calls the
// two stages itself.
func (im *importer) load() (*model.Schema, dsl.Diagnostics) {
	f, diags := dsl.Parse(FileName, im.render())
	if diags.HasErrors() {
		return nil, diags
	}
	return model.Resolve(f)
}

type importer struct {
	cat *catalog.Catalog
	// full is the catalog as read, invalid indexes included, which the
	// model is verified against (cat leaves them out: usableIndexes).
	full *catalog.Catalog
	// explicit writes every table, column and constraint name, for the
	// rare schema where a derived name collides with a declared one.
	explicit bool
	// probe renders no referential actions, to learn the derived names.
	probe bool

	enums        []*enumDecl
	enumByType   map[string]*enumDecl   // by format_type spelling
	domains      []*domainDecl          // in an order they can be declared
	domainByType map[string]*domainDecl // by format_type spelling
	ents         []*entity
	byTable      map[string]*entity
	rels         []*relationship
	referenced   map[string]bool   // tables some foreign key references
	prefer       map[string]string // names to give, see importWith
	// clauseReads caches whether an index clause parses.
	clauseReads map[string]bool
	schemaNote  []string

	// named holds the keys, checks, indexes and enums whose database
	// name ergen would not derive; nameAt, by line of the last render,
	// what each line declares.
	named  map[string]bool
	nameAt map[int][]nameRef
	// forced holds the names written only to end a collision
	// (nameCollisions), which go again where ergen derives them.
	forced map[string]bool

	// What gives way where the model would not resolve (fallback.go):
	// blockAt holds, by line of the last render, the foreign keys of
	// the relationship declared there; noActions the foreign keys
	// written without referential actions, fkLeft the ones left out,
	// and left the keys, checks and indexes left out, each with why;
	// leftNotes the notes of all three, by table.
	blockAt   map[int][]fkID
	noActions map[fkID]bool
	fkLeft    map[fkID]string
	left      map[string]string
	leftNotes map[string][]string
}

type enumDecl struct {
	e     *catalog.Enum
	name  string // "" when the enum cannot be declared
	notes []string
}

func newImporter(c *catalog.Catalog) *importer {
	im := &importer{cat: c, named: map[string]bool{}, forced: map[string]bool{}, noActions: map[fkID]bool{}, fkLeft: map[fkID]string{}, left: map[string]string{}, leftNotes: map[string][]string{}, clauseReads: map[string]bool{}, enumByType: map[string]*enumDecl{}, byTable: map[string]*entity{}, referenced: map[string]bool{}}
	for i := range c.Tables {
		for _, fk := range c.Tables[i].ForeignKeys {
			if fk.RefSchema == c.Schema && fk.RefTable != c.Tables[i].Name {
				im.referenced[fk.RefTable] = true
			}
		}
	}
	return im
}

// declare names the enums and entities and describes each column.
func (im *importer) declare() {
	taken := im.preferred()
	if im.cat.Schema != "public" && !isName(im.cat.Schema) {
		im.schemaNote = append(im.schemaNote, fmt.Sprintf("schema %q: .er cannot write this name; the model is for the default schema", im.cat.Schema))
	}
	for i := range im.cat.Enums {
		e := &im.cat.Enums[i]
		d := &enumDecl{e: e}
		// The type's name is written with `as` when ergen would not
		// derive it from the enum's (adjustKeyNames).
		if name, ok := im.prefer["enum:"+e.Name]; ok && isName(name) {
			d.name = name
		} else if name := pascal(e.Name); isName(name) && (isName(e.Name) || model.SnakeCase(name) == e.Name) {
			d.name = taken.take(name)
		} else {
			d.notes = append(d.notes, fmt.Sprintf("enum %s: .er cannot write this name", e.Name))
		}
		for _, v := range e.Values {
			if _, ok := quote(v); !ok {
				d.notes = append(d.notes, fmt.Sprintf("enum %s: value %q holds a line break, which an .er string cannot", e.Name, v))
				d.name = ""
			}
		}
		if e.Comment != "" {
			d.notes = append(d.notes, fmt.Sprintf("enum %s: .er has no comment on an enum: %q", e.Name, e.Comment))
		}
		im.enums = append(im.enums, d)
		im.enumByType[model.QuoteIdent(im.cat.Schema)+"."+model.QuoteIdent(e.Name)] = d
	}
	im.declareDomains(taken)
	for i := range im.cat.Tables {
		t := &im.cat.Tables[i]
		if t.PartitionOf != "" {
			// Read folds the partitions of the schema's own tables: this
			// one's table is of another schema.
			im.schemaNote = append(im.schemaNote, fmt.Sprintf("table %s: a partition of %s, a table of another schema, which a model of this one cannot declare; the model leaves it out", t.Name, t.PartitionOf))
			continue
		}
		name, ok := im.prefer[t.Name]
		if !ok || !isName(name) {
			name = taken.take(entityName(t.Name))
		}
		ent := &entity{t: t, name: name, cols: map[string]*column{}}
		ent.tableClause = model.ShortenIdent(model.Plural(model.SnakeCase(ent.name))) != t.Name
		for j := range t.Columns {
			ent.cols[t.Columns[j].Name] = im.column(t, &t.Columns[j])
		}
		im.ents = append(im.ents, ent)
		im.byTable[t.Name] = ent
	}
}

// preferred reserves the names prefer gives to tables and types of the
// catalog, so that no derived name takes one of them.
func (im *importer) preferred() names {
	taken := names{}
	for _, t := range im.cat.Tables {
		if n, ok := im.prefer[t.Name]; ok {
			taken[n] = true
		}
	}
	for _, e := range im.cat.Enums {
		if n, ok := im.prefer["enum:"+e.Name]; ok {
			taken[n] = true
		}
	}
	return taken
}

// column describes a column as an attribute, or says why it cannot be one.
func (im *importer) column(t *catalog.Table, c *catalog.Column) *column {
	col := &column{c: c}
	fail := func(format string, args ...any) *column {
		col.omit = fmt.Sprintf("column %s: ", c.Name) + fmt.Sprintf(format, args...)
		return col
	}
	if !isName(c.Name) {
		return fail(".er cannot write this name")
	}
	typ, ok := im.erType(c)
	if !ok {
		return fail("%s", im.noSpelling(c.Type))
	}
	col.typ = typ
	if n := im.byNameNote(c.Type); n != "" {
		col.notes = append(col.notes, fmt.Sprintf("column %s: %s", c.Name, n))
	}
	if catalog.QualifiedCollation(c.Collation) {
		col.notes = append(col.notes, fmt.Sprintf("column %s: .er cannot write its collation %s, and the model's column has its type's", c.Name, c.Collation))
	}
	if c.Generated {
		col.genAs = generatedExpr(c)
		if col.genAs == "" {
			col.notes = append(col.notes, fmt.Sprintf("column %s: .er cannot write GENERATED ALWAYS AS (%s) STORED, and the model's column is a plain one", c.Name, c.Default))
		}
	} else if d, ok := im.sequenceDefault(c); ok {
		col.def = d
	} else if serial := im.serialOf(t, c); serial != "" {
		col.typ, col.serial = serial, true
	} else if strings.Contains(string(c.Default), "nextval(") {
		// The model cannot create the sequence, and a default naming a
		// missing one would make its DDL fail.
		col.notes = append(col.notes, fmt.Sprintf("column %s: the default %s takes numbers from a sequence a model cannot create", c.Name, c.Default))
	} else if c.Default != "" {
		d, ok := im.defaultExpr(c)
		if !ok {
			col.notes = append(col.notes, fmt.Sprintf("column %s: .er cannot write the default %s", c.Name, c.Default))
		} else {
			col.def = d
		}
	}
	if c.Comment != "" {
		if q, ok := quote(c.Comment); ok {
			col.comment = q
		} else {
			col.notes = append(col.notes, fmt.Sprintf("column %s: its comment holds a line break, which an .er string cannot", c.Name))
		}
	}
	return col
}

// adjustNames compares the names ergen derived in s with the database's
// and writes out the ones that differ. When a table name had to be
// written it stops there and reports again: the other names are derived
// from table names, so s must be probed again. Otherwise learnt reports
// whether a foreign key's columns or name must now be written, which
// makes s differ from the model to write.
func (im *importer) adjustNames(s *model.Schema) (again, learnt bool) {
	tables := false
	for _, ent := range im.ents {
		if e := entityOf(s, ent.name); ent.junction == nil && e != nil && e.Table.Name != ent.t.Name && !ent.tableClause {
			ent.tableClause, tables = true, true
		}
	}
	for i, rel := range im.rels {
		if i < len(s.Relationships) && rel.junction != nil {
			if j := s.Relationships[i].Junction; j != nil && j.Name != rel.junction.t.Name && !rel.junction.tableClause {
				rel.junction.tableClause, tables = true, true
			}
		}
	}
	if tables {
		return true, false
	}
	for i, rel := range im.rels {
		if i >= len(s.Relationships) {
			break
		}
		mr := s.Relationships[i]
		for k, side := range rel.side {
			if k >= len(mr.ForeignKeys) {
				break
			}
			mfk := mr.ForeignKeys[k]
			if !side.nameClause && mfk.Name != side.fk.Name {
				side.nameClause, learnt = true, true
			}
			if !side.columnsClause && !slices.Equal(columnNames(mfk.Columns), side.fk.Columns) {
				side.columnsClause, learnt = true, true
			}
		}
	}
	return false, learnt
}

// demote turns back into plain entities the junctions and shared keys
// whose table ergen does not lay out as the database does, and reports
// whether it did.
func (im *importer) demote(s *model.Schema) bool {
	changed := false
	for _, d := range catalog.Diff(catalog.Expect(s), im.cat) {
		if d.Name {
			continue
		}
		if ent := im.byTable[d.Table]; ent != nil && ent.demote(d.Msg) {
			changed = true
		}
	}
	if changed {
		im.rels = nil
		im.infer()
	}
	return changed
}

func entityOf(s *model.Schema, name string) *model.Entity {
	for _, e := range s.Entities {
		if e.Name == name {
			return e
		}
	}
	return nil
}

func columnNames(cols []*model.Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

// verify records every difference left between the model's catalog and
// the database's, as notes of the table concerned.
func (im *importer) verify(s *model.Schema) {
	for _, d := range catalog.Diff(catalog.Expect(s), im.full) {
		msg := "not reproduced: " + d.Msg
		if ent := im.byTable[d.Table]; ent != nil {
			ent.diffs = append(ent.diffs, msg)
		} else {
			im.schemaNote = append(im.schemaNote, msg)
		}
	}
}

// allNotes lists the notes in the order the model shows them.
func (im *importer) allNotes() []Note {
	var out []Note
	for _, n := range im.schemaNote {
		out = append(out, Note{Msg: n})
	}
	for _, e := range im.enums {
		for _, n := range e.notes {
			out = append(out, Note{Msg: n})
		}
	}
	for _, d := range im.domains {
		for _, n := range d.notes {
			out = append(out, Note{Msg: n})
		}
	}
	for _, ent := range im.ents {
		for _, n := range ent.allNotes() {
			out = append(out, Note{Table: ent.t.Name, Msg: n})
		}
	}
	return out
}

// usableIndexes is c without the indexes left invalid by a build that
// failed or was cancelled, which PostgreSQL neither uses nor enforces: a
// model declares an index it means to have, and a migration to a model
// that declares it builds it again (dropping the invalid one first). The
// notes say which were left out.
func usableIndexes(c *catalog.Catalog) (*catalog.Catalog, []string) {
	var notes []string
	out := *c
	out.Tables = slices.Clone(c.Tables)
	for i := range out.Tables {
		t := &out.Tables[i]
		if !slices.ContainsFunc(t.Indexes, func(ix catalog.Index) bool { return ix.Invalid }) {
			continue
		}
		t.Indexes = slices.DeleteFunc(slices.Clone(t.Indexes), func(ix catalog.Index) bool {
			if ix.Invalid {
				notes = append(notes, fmt.Sprintf("index %s on %s is left invalid by a build that failed or was cancelled; the model leaves it out", ix.Name, t.Name))
			}
			return ix.Invalid
		})
	}
	return &out, notes
}
