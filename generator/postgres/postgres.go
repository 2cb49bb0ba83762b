// Package postgres emits PostgreSQL DDL (15 and later) for a resolved model.
// It decides every clause here, in Go, and renders the statements through
// templates/schema.sql.tmpl; it never re-checks the model.
package postgres

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"
	"unicode/utf8"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/templates"
)

var schemaTmpl = template.Must(template.New("schema.sql.tmpl").
	Option("missingkey=error").
	Funcs(template.FuncMap{"join": strings.Join}).
	ParseFS(templates.FS, "schema.sql.tmpl"))

// schemaView is the data of schema.sql.tmpl: finished SQL, in order.
type schemaView struct {
	Header   string   // model.GeneratedHeader
	Preamble []string // CREATE EXTENSION, CREATE SCHEMA, CREATE TYPE
	Tables   []tableView
	Deferred []string // ALTER TABLE ... ADD CONSTRAINT for cycles
	NotValid []string // ALTER TABLE ... ADD CONSTRAINT ... NOT VALID
	Indexes  []string
	Comments []string
}

type tableView struct {
	Name  string
	Lines []string // columns, then constraints
	// PartitionBy ends CREATE TABLE of a partitioned table, whose
	// Partitions are created right after it.
	PartitionBy string
	Partitions  []string
}

// Options control Emit.
type Options struct {
	// Source names the .er file in the header; pass the base name so
	// that output does not depend on where ergen runs.
	Source string
}

// FileName is the name Emit gives the DDL.
const FileName = "schema.sql"

// Emit renders the DDL of s as one file, FileName: ergen's entry shape for
// every emitter (see model.File).
func Emit(s *model.Schema, opts Options) ([]model.File, error) {
	ddl, err := DDL(s, opts.Source)
	if err != nil {
		return nil, err
	}
	return []model.File{{Name: FileName, Data: ddl}}, nil
}

// preamble writes what comes before the tables, in the order PostgreSQL
// can create it, and returns its pieces.
func (e *emitter) preamble() []int {
	var preamble []int
	// Extensions come first: a type, operator class or function they
	// provide may be used anywhere after.
	for _, x := range e.s.Extensions {
		e.str("CREATE EXTENSION IF NOT EXISTS ").ident(x).str(";")
		preamble = append(preamble, e.piece())
	}
	if e.s.Name != "" {
		e.str("CREATE SCHEMA IF NOT EXISTS ").ident(e.s.Name).str(";")
		preamble = append(preamble, e.piece())
	}
	// Standalone sequences before the tables whose defaults use them.
	for _, sq := range e.s.Sequences {
		e.str("CREATE SEQUENCE ").qualified(sq.Name).str(SequenceOptions(sq.Settings, false)).str(";")
		preamble = append(preamble, e.piece())
	}
	for _, en := range e.s.Enums {
		preamble = append(preamble, e.createEnum(en).piece())
	}
	// Domains come after the enums they may be based on, each after the
	// domains before it.
	for _, d := range e.s.Domains {
		preamble = append(preamble, e.createDomain(d).piece())
	}
	return preamble
}

// DDL renders the DDL of s. source names the .er file in the header; pass
// the base name so that output does not depend on where ergen runs.
func DDL(s *model.Schema, source string) ([]byte, error) {
	e := &emitter{s: s, text: make([]byte, 0, chunkSize+chunkSize/4)}
	var deferred, notValid, indexes, comments []int
	type table struct{ name, first, end int } // pieces first..end-1 are its lines
	tables := make([]table, 0, len(s.Tables))
	preamble := e.preamble()
	for _, t := range s.Tables {
		name := e.qualified(t.Name).piece()
		first := e.count()
		e.tableLines(t)
		tables = append(tables, table{name, first, e.count()})
		for _, fk := range t.ForeignKeys {
			switch {
			case fk.NotValid:
				e.str("ALTER TABLE ").qualified(t.Name).str(" ADD ").foreignKey(fk).str(" NOT VALID;")
				notValid = append(notValid, e.piece())
			case fk.Deferred:
				e.str("ALTER TABLE ").qualified(t.Name).str(" ADD ").foreignKey(fk).str(";")
				deferred = append(deferred, e.piece())
			}
		}
		notValid = e.notValidChecks(t, notValid)
		for _, ix := range t.Indexes {
			e.index(t, ix, false)
			indexes = append(indexes, e.piece())
		}
		comments = e.comments(t, comments)
	}

	pieces := e.finish()
	pick := func(idx []int) []string {
		if len(idx) == 0 {
			return nil
		}
		out := make([]string, len(idx))
		for i, k := range idx {
			out[i] = pieces[k]
		}
		return out
	}
	v := schemaView{
		Header:   model.GeneratedHeader(source),
		Preamble: pick(preamble),
		Tables:   make([]tableView, len(tables)),
		Deferred: pick(deferred),
		NotValid: pick(notValid),
		Indexes:  pick(indexes),
		Comments: pick(comments),
	}
	if len(tables) == 0 {
		v.Tables = nil
	}
	for i, t := range tables {
		v.Tables[i] = tableView{Name: pieces[t.name], Lines: pieces[t.first:t.end:t.end],
			PartitionBy: partitionBy(s.Tables[i]), Partitions: CreatePartitions(s, s.Tables[i])}
	}
	var b bytes.Buffer
	// The template adds a few bytes of layout per piece.
	b.Grow(e.size + 8*len(pieces) + 1024)
	if err := schemaTmpl.Execute(&b, v); err != nil {
		return nil, fmt.Errorf("postgres: rendering DDL: %w", err)
	}
	return normalize(b.Bytes()), nil
}

func (e *emitter) createEnum(en *model.Enum) *emitter {
	e.str("CREATE TYPE ").qualified(en.SQLName).str(" AS ENUM (")
	for i, val := range en.Values {
		if i > 0 {
			e.str(", ")
		}
		e.literal(val)
	}
	return e.str(");")
}

// createDomain writes CREATE DOMAIN with the domain's default, NOT NULL
// and checks, each check under its name.
func (e *emitter) createDomain(d *model.Domain) *emitter {
	e.str("CREATE DOMAIN ").qualified(d.SQLName).str(" AS ").typ(d.Type).collate(d.Type)
	if d.Default != "" {
		e.str(" DEFAULT ").str(d.Default)
	}
	if d.NotNull {
		e.str(" NOT NULL")
	}
	for _, ck := range d.Checks {
		e.str(" CONSTRAINT ").ident(ck.Name).str(" CHECK ").str(ck.Expr)
	}
	return e.str(";")
}

// emitter writes the DDL as pieces of SQL, each named by its index: a
// line of a table, a statement. A piece is written into text, then
// becomes a substring of one string per chunk of about chunkSize bytes,
// so that the tens of thousands of pieces of a large schema cost a few
// allocations, not one or more each.
type emitter struct {
	s      *model.Schema
	text   []byte   // pieces not yet turned into strings
	ends   []int    // where each of them ends in text
	pieces []string // the pieces done
	size   int      // bytes in every piece

	quoted []bool // scratch: whether each column name of a table is quoted

	// omitFK leaves foreign keys out of tableLines (see CreateTable).
	omitFK func(*model.ForeignKey) bool
}

const chunkSize = 32 << 10

// piece ends the piece being written and returns its index.
func (e *emitter) piece() int {
	e.ends = append(e.ends, len(e.text))
	n := e.count() - 1
	if len(e.text) >= chunkSize {
		e.flush()
	}
	return n
}

// count is the number of pieces ended so far.
func (e *emitter) count() int { return len(e.pieces) + len(e.ends) }

func (e *emitter) flush() {
	all := string(e.text)
	start := 0
	for _, end := range e.ends {
		e.pieces = append(e.pieces, all[start:end])
		start = end
	}
	e.size += len(all)
	e.text, e.ends = e.text[:0], e.ends[:0]
}

// finish returns every piece; nothing may be written after it.
func (e *emitter) finish() []string {
	e.flush()
	return e.pieces
}

func (e *emitter) str(s string) *emitter {
	e.text = append(e.text, s...)
	return e
}

// ident writes an identifier as model.QuoteIdent does.
func (e *emitter) ident(name string) *emitter {
	e.text = model.AppendIdent(e.text, name)
	return e
}

// identQuoted is ident when model.NeedsQuoting(name) is known to be quote.
func (e *emitter) identQuoted(name string, quote bool) *emitter {
	if !quote {
		return e.str(name)
	}
	e.text = model.AppendQuoted(e.text, name, '"')
	return e
}

// qualified writes a schema-qualified name as model.Schema.Qualify does.
func (e *emitter) qualified(name string) *emitter {
	e.text = e.s.AppendQualified(e.text, name)
	return e
}

// literal writes a string literal as model.QuoteLiteral does.
func (e *emitter) literal(s string) *emitter {
	e.text = model.AppendLiteral(e.text, s)
	return e
}

func (e *emitter) columnList(cols []*model.Column) *emitter {
	e.text = model.AppendColumnList(e.text, cols)
	return e
}

// typ writes a column type as model.Schema.TypeSQL does.
func (e *emitter) typ(t model.Type) *emitter {
	e.text = e.s.AppendTypeSQL(e.text, t)
	return e
}

// collate writes the COLLATE clause of a column or domain given one.
func (e *emitter) collate(t model.Type) *emitter { return e.str(t.CollateSQL()) }

// tableLines writes the column definitions, aligned, then the table's
// constraints, each named so that errors and migrations can refer to them;
// one piece per line.
func (e *emitter) tableLines(t *model.Table) {
	// Names are padded to the longest quoted name in bytes, counting the
	// padding in characters (as fmt's %-*s does).
	width := 0
	e.quoted = e.quoted[:0]
	for _, c := range t.Columns {
		q := model.NeedsQuoting(c.Name)
		e.quoted = append(e.quoted, q)
		n := len(c.Name)
		if q {
			n += 2 + strings.Count(c.Name, `"`)
		}
		width = max(width, n)
	}
	for i, c := range t.Columns {
		start := len(e.text)
		e.identQuoted(c.Name, e.quoted[i])
		for pad := width - utf8.RuneCount(e.text[start:]); pad > 0; pad-- {
			e.text = append(e.text, ' ')
		}
		e.str(" ").columnRest(c)
		e.piece()
	}
	if pk := t.PrimaryKey; pk != nil {
		e.str("CONSTRAINT ").ident(pk.Name).str(" PRIMARY KEY (").columnList(pk.Columns).str(")").piece()
	}
	for _, k := range t.Uniques {
		e.str("CONSTRAINT ").ident(k.Name).str(" UNIQUE ")
		if k.NullsNotDistinct {
			e.str("NULLS NOT DISTINCT ")
		}
		e.str("(").columnList(k.Columns).str(")").str(model.IncludeSQL(k.Include)).piece()
	}
	for _, ck := range t.Checks {
		if !ck.NotValid { // added after the table (see notValidChecks)
			e.check(ck).piece()
		}
	}
	for _, x := range t.Exclusions {
		e.str("CONSTRAINT ").ident(x.Name).str(" ").str(x.SQL()).piece()
	}
	for _, fk := range t.ForeignKeys {
		if !fk.Deferred && !fk.NotValid && (e.omitFK == nil || !e.omitFK(fk)) {
			e.foreignKey(fk).piece()
		}
	}
}

// index writes the CREATE INDEX statement of ix.
func (e *emitter) index(t *model.Table, ix *model.Index, concurrently bool) {
	e.str("CREATE ")
	if ix.Unique {
		e.str("UNIQUE ")
	}
	e.str("INDEX ")
	if concurrently {
		e.str("CONCURRENTLY ")
	}
	e.ident(ix.Name).str(" ON ").qualified(t.Name).str(" ").str(ix.Spec()).str(";")
}

// foreignKey writes an FK constraint with its effective actions spelled
// out, defaults included, so that a reader never has to know them.
func (e *emitter) foreignKey(fk *model.ForeignKey) *emitter {
	e.str("CONSTRAINT ").ident(fk.Name).str(" FOREIGN KEY (").columnList(fk.Columns).
		str(") REFERENCES ").qualified(fk.RefTable.Name).str(" (").columnList(fk.RefColumns).str(")")
	if fk.MatchFull {
		e.str(" MATCH FULL")
	}
	e.str(" ON DELETE ").str(fk.OnDeleteSQL())
	e.str(" ON UPDATE ").str(string(fk.OnUpdate.Action))
	if d := fk.Deferrable.SQL(); d != "" {
		e.str(" ").str(d)
	}
	return e
}

// comments writes the COMMENT statements of t and appends their pieces
// to out.
func (e *emitter) comments(t *model.Table, out []int) []int {
	if t.Comment != "" {
		e.str("COMMENT ON TABLE ").qualified(t.Name).str(" IS ").literal(t.Comment).str(";")
		out = append(out, e.piece())
	}
	for _, c := range t.Columns {
		if c.Comment != "" {
			e.str("COMMENT ON COLUMN ").qualified(t.Name).str(".").ident(c.Name).str(" IS ").literal(c.Comment).str(";")
			out = append(out, e.piece())
		}
	}
	for _, fk := range t.ForeignKeys {
		if fk.Comment != "" && fk.Relationship.Junction == nil {
			e.str("COMMENT ON CONSTRAINT ").ident(fk.Name).str(" ON ").qualified(t.Name).str(" IS ").literal(fk.Comment).str(";")
			out = append(out, e.piece())
		}
	}
	return out
}

// QuoteLiteral writes a string literal, as model.QuoteLiteral does.
func QuoteLiteral(s string) string { return model.QuoteLiteral(s) }

// normalize trims trailing spaces, keeps at most one blank line in a row
// and ends the output with exactly one newline. It works in place, in one
// pass: every step only removes bytes, except the final newline.
func normalize(b []byte) []byte {
	w := 0 // b[:w] is the output so far
	for r := 0; r <= len(b); {
		end := bytes.IndexByte(b[r:], '\n')
		if end < 0 {
			end = len(b)
		} else {
			end += r
		}
		line := end
		for line > r && (b[line-1] == ' ' || b[line-1] == '\t') {
			line--
		}
		w += copy(b[w:], b[r:line])
		if end == len(b) {
			break
		}
		// A newline, unless two already end the output: a run of three
		// or more becomes one blank line.
		if w < 2 || b[w-1] != '\n' || b[w-2] != '\n' {
			b[w] = '\n'
			w++
		}
		r = end + 1
	}
	out := bytes.TrimSpace(b[:w])
	return append(out, '\n')
}

// columnRest writes what follows a column's name in its definition: the
// type, its generation expression, identity, NOT NULL and the default, as CREATE TABLE and ALTER
// TABLE ... ADD COLUMN both take it.
func (e *emitter) columnRest(c *model.Column) *emitter {
	e.typ(c.Type).collate(c.Type)
	if c.GeneratedAs != "" {
		e.str(" GENERATED ALWAYS AS ").str(c.GeneratedAs).str(" STORED")
	}
	if c.Identity != model.NoIdentity {
		e.str(" ").str(IdentitySQL(c))
	}
	if !c.Nullable {
		e.str(" NOT NULL")
	}
	if c.Default != "" {
		e.str(" DEFAULT ").str(c.Default)
	}
	return e
}
