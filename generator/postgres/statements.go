package postgres

import (
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// The functions below render single statements and clauses exactly as
// Emit writes them, for the migration planner (generator/migrate), so that
// a table created by a migration and one created by the schema's DDL are
// spelled by the same code.

// one renders a single piece through a fresh emitter.
func one(s *model.Schema, write func(e *emitter)) string {
	e := &emitter{s: s}
	write(e)
	e.piece()
	return e.finish()[0]
}

// CreateTable is Emit's CREATE TABLE statement for t, leaving out the
// foreign keys for which omit returns true (and, as Emit does, the
// deferred ones); omit may be nil.
func CreateTable(s *model.Schema, t *model.Table, omit func(*model.ForeignKey) bool) string {
	e := &emitter{s: s, omitFK: omit}
	e.tableLines(t)
	lines := e.finish()
	var b strings.Builder
	b.WriteString("CREATE TABLE ")
	b.WriteString(s.Qualify(t.Name))
	b.WriteString(" (")
	if len(lines) > 0 {
		b.WriteString("\n    ")
		b.WriteString(strings.Join(lines, ",\n    "))
		b.WriteString("\n")
	}
	b.WriteString(")" + partitionBy(t) + ";")
	return b.String()
}

// ColumnDefinition is a column as ALTER TABLE ... ADD COLUMN takes it:
// name, type, identity, NOT NULL and default.
func ColumnDefinition(s *model.Schema, c *model.Column) string {
	return one(s, func(e *emitter) {
		e.ident(c.Name).str(" ").columnRest(c)
	})
}

// CreateEnum is Emit's CREATE TYPE statement for en.
func CreateEnum(s *model.Schema, en *model.Enum) string {
	return one(s, func(e *emitter) { e.createEnum(en) })
}

// CreateDomain is Emit's CREATE DOMAIN statement for d.
func CreateDomain(s *model.Schema, d *model.Domain) string {
	return one(s, func(e *emitter) { e.createDomain(d) })
}

// CreateIndex is ix's CREATE INDEX statement on t, as Emit writes it;
// concurrently adds that word.
func CreateIndex(s *model.Schema, t *model.Table, ix *model.Index, concurrently bool) string {
	return one(s, func(e *emitter) { e.index(t, ix, concurrently) })
}

// ForeignKeyConstraint is the CONSTRAINT ... FOREIGN KEY clause of fk, with
// its actions and deferrability, as in CREATE TABLE.
func ForeignKeyConstraint(s *model.Schema, fk *model.ForeignKey) string {
	return one(s, func(e *emitter) { e.foreignKey(fk) })
}

// ColumnList is a comma-separated list of quoted column names.
func ColumnList(cols []*model.Column) string {
	return one(nil, func(e *emitter) { e.columnList(cols) })
}

// Comments are the COMMENT statements Emit writes for t.
func Comments(s *model.Schema, t *model.Table) []string {
	e := &emitter{s: s}
	e.comments(t, nil)
	return e.finish()
}
