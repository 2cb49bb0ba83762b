// Package postgres emits PostgreSQL DDL (15 and later) for a resolved model.
// It decides every clause here, in Go, and renders the statements through
// templates/schema.sql.tmpl; it never re-checks the model.
package postgres

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"text/template"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/templates"
)

var schemaTmpl = template.Must(template.New("schema.sql.tmpl").
	Option("missingkey=error").
	ParseFS(templates.FS, "schema.sql.tmpl"))

// schemaView is the data of schema.sql.tmpl: finished SQL, in order.
type schemaView struct {
	Source   string
	Preamble []string // CREATE SCHEMA, CREATE TYPE
	Tables   []tableView
	Deferred []string // ALTER TABLE ... ADD CONSTRAINT for cycles
	Indexes  []string
	Comments []string
}

type tableView struct {
	Name  string
	Lines []string // columns, then constraints
}

// Emit renders the DDL of s. source names the .er file in the header; pass
// the base name so that output does not depend on where ergen runs.
func Emit(s *model.Schema, source string) ([]byte, error) {
	v := schemaView{Source: source}
	if s.Name != "" {
		v.Preamble = append(v.Preamble, fmt.Sprintf("CREATE SCHEMA IF NOT EXISTS %s;", model.QuoteIdent(s.Name)))
	}
	for _, e := range s.Enums {
		vals := make([]string, len(e.Values))
		for i, val := range e.Values {
			vals[i] = QuoteLiteral(val)
		}
		v.Preamble = append(v.Preamble, fmt.Sprintf("CREATE TYPE %s AS ENUM (%s);", s.Qualify(e.SQLName), strings.Join(vals, ", ")))
	}
	for _, t := range s.Tables {
		v.Tables = append(v.Tables, tableView{Name: s.Qualify(t.Name), Lines: tableLines(s, t)})
		for _, fk := range t.ForeignKeys {
			if fk.Deferred {
				v.Deferred = append(v.Deferred, fmt.Sprintf("ALTER TABLE %s ADD %s;", s.Qualify(t.Name), foreignKey(s, fk)))
			}
		}
		for _, ix := range t.Indexes {
			v.Indexes = append(v.Indexes, fmt.Sprintf("CREATE INDEX %s ON %s (%s);", model.QuoteIdent(ix.Name), s.Qualify(t.Name), columnList(ix.Columns)))
		}
		v.Comments = append(v.Comments, comments(s, t)...)
	}
	var b bytes.Buffer
	if err := schemaTmpl.Execute(&b, v); err != nil {
		return nil, fmt.Errorf("postgres: rendering DDL: %w", err)
	}
	return normalize(b.Bytes()), nil
}

// tableLines returns the column definitions, aligned, then the table's
// constraints, each named so that errors and migrations can refer to them.
func tableLines(s *model.Schema, t *model.Table) []string {
	var lines []string
	width := 0
	for _, c := range t.Columns {
		width = max(width, len(model.QuoteIdent(c.Name)))
	}
	for _, c := range t.Columns {
		var b strings.Builder
		fmt.Fprintf(&b, "%-*s %s", width, model.QuoteIdent(c.Name), s.TypeSQL(c.Type))
		if c.Identity != model.NoIdentity {
			b.WriteString(" " + c.Identity.SQL())
		}
		if !c.Nullable {
			b.WriteString(" NOT NULL")
		}
		if c.Default != "" {
			b.WriteString(" DEFAULT " + c.Default)
		}
		lines = append(lines, b.String())
	}
	if pk := t.PrimaryKey; pk != nil {
		lines = append(lines, fmt.Sprintf("CONSTRAINT %s PRIMARY KEY (%s)", model.QuoteIdent(pk.Name), columnList(pk.Columns)))
	}
	for _, k := range t.Uniques {
		lines = append(lines, fmt.Sprintf("CONSTRAINT %s UNIQUE (%s)", model.QuoteIdent(k.Name), columnList(k.Columns)))
	}
	for _, ck := range t.Checks {
		lines = append(lines, fmt.Sprintf("CONSTRAINT %s CHECK %s", model.QuoteIdent(ck.Name), ck.Expr))
	}
	for _, fk := range t.ForeignKeys {
		if !fk.Deferred {
			lines = append(lines, foreignKey(s, fk))
		}
	}
	return lines
}

// foreignKey writes an FK constraint with its effective actions spelled
// out, defaults included, so that a reader never has to know them.
func foreignKey(s *model.Schema, fk *model.ForeignKey) string {
	sql := fmt.Sprintf("CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s) ON DELETE %s ON UPDATE %s",
		model.QuoteIdent(fk.Name), columnList(fk.Columns), s.Qualify(fk.RefTable.Name), columnList(fk.RefColumns), fk.OnDelete, fk.OnUpdate)
	if d := fk.Deferrable.SQL(); d != "" {
		sql += " " + d
	}
	return sql
}

func comments(s *model.Schema, t *model.Table) []string {
	var out []string
	table := s.Qualify(t.Name)
	if t.Comment != "" {
		out = append(out, fmt.Sprintf("COMMENT ON TABLE %s IS %s;", table, QuoteLiteral(t.Comment)))
	}
	for _, c := range t.Columns {
		if c.Comment != "" {
			out = append(out, fmt.Sprintf("COMMENT ON COLUMN %s.%s IS %s;", table, model.QuoteIdent(c.Name), QuoteLiteral(c.Comment)))
		}
	}
	for _, fk := range t.ForeignKeys {
		if fk.Comment != "" && fk.Relationship.Junction == nil {
			out = append(out, fmt.Sprintf("COMMENT ON CONSTRAINT %s ON %s IS %s;", model.QuoteIdent(fk.Name), table, QuoteLiteral(fk.Comment)))
		}
	}
	return out
}

func columnList(cols []*model.Column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = model.QuoteIdent(c.Name)
	}
	return strings.Join(names, ", ")
}

// QuoteLiteral writes a string literal, doubling single quotes. ergen's
// output assumes standard_conforming_strings (on since PostgreSQL 9.1), so
// backslashes need no escaping.
func QuoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

var blankRuns = regexp.MustCompile(`\n{3,}`)

// normalize trims trailing spaces, keeps at most one blank line in a row
// and ends the output with exactly one newline.
func normalize(b []byte) []byte {
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	out := blankRuns.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
	return []byte(strings.TrimSpace(out) + "\n")
}
