package golang

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// tableFile generates a table's row type, and for an entity its Table,
// its Keys and the Refs of its foreign keys, for a junction its Junction
// and the Throughs of its two sides: data holding the table's constant
// SQL, which the runtime's generic functions (runtime/table.go, ref.go,
// link.go) run, typed for the table.
func (g *gen) tableFile(tb *table) *file {
	f := g.newFile()
	f.rowStruct(tb)
	f.keyType(tb)
	f.refKeyTypes(tb)
	if tb.t.Entity != nil {
		f.arcFuncs(tb)
		f.entity(tb)
		for _, fk := range tb.t.ForeignKeys {
			f.ref(tb, fk)
		}
	} else {
		f.junction(tb)
	}
	return f
}

// defaultAs is a column's default expression as a value of its type typ,
// for COALESCE($n::typ, default): COALESCE resolves its arguments to one
// type by implicit casts alone, where a default is assigned to its column
// (an integer 0 to a money or text column), so an expression is cast to
// the column's type explicitly. A single quoted literal is left as it is:
// it has no type of its own and takes the parameter's.
func defaultAs(def, typ string) string {
	base, _, _ := strings.Cut(typ, "(") // numeric(10,2) is a numeric
	if quotedLiteral(def) || numericLiteral(def) && numericTypes[base] {
		return def
	}
	return "(" + def + ")::" + typ
}

// numericTypes are the types a numeric literal converts to implicitly.
var numericTypes = map[string]bool{"smallint": true, "integer": true, "bigint": true, "numeric": true, "real": true, "double precision": true}

// numericLiteral reports whether s is a number written out: 0, -1, 2.5.
func numericLiteral(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" || s == "." {
		return false
	}
	dot := false
	for _, c := range s {
		switch {
		case c == '.' && !dot:
			dot = true
		case c < '0' || c > '9':
			return false
		}
	}
	return true
}

// quotedLiteral reports whether s is one SQL string literal, in which a
// doubled quote stands for a quote.
func quotedLiteral(s string) bool {
	if len(s) < 2 || s[0] != '\'' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] != '\'' {
			continue
		}
		if i+1 < len(s) && s[i+1] == '\'' {
			i++ // a doubled quote inside the literal
			continue
		}
		return i == len(s)-1
	}
	return false
}

func (f *file) rowStruct(tb *table) {
	t := tb.t
	if t.Entity != nil {
		f.docf("%s is a row of %s.", tb.Struct, f.g.tableSQL(t))
	} else {
		f.docf("%s is a row of %s, the junction of %s.", tb.Struct, f.g.tableSQL(t), t.Relationship.Label())
	}
	if t.Comment != "" {
		f.doc("")
		f.doc(t.Comment)
	}
	fields := make([]field, len(t.Columns))
	// append(dest, &r.ID, &r.Name): the fields' addresses, an expression
	// of the row's own names, written as text (see literal.go).
	dest := f.literal().raw("append(dest")
	for i, c := range t.Columns {
		fields[i] = field{f.g.n.field(c), f.columnGoType(c), c.Comment}
		dest.raw(", &r.").raw(f.g.n.field(c))
	}
	appended := dest.raw(")").code()
	f.decl(structType(tb.Struct, fields))
	f.decl(scanDestMethod(tb.Struct, appended))
}

// keyType declares the struct of a composite key, by which batch loading
// keys the children of many rows.
func (f *file) keyType(tb *table) {
	if tb.KeyType == "" {
		return
	}
	f.docf("%s is the key of %s (%s).", tb.KeyType, article(tb.Struct), columnNames(tb.key))
	var fields []field
	for _, c := range tb.key {
		fields = append(fields, field{f.g.n.field(c), f.baseGoType(c.Type), ""})
	}
	f.decl(structType(tb.KeyType, fields))
}

// insertable are the columns an INSERT or COPY writes: all but those the
// database always fills (serial, ALWAYS identity and stored generated
// columns). A BY DEFAULT identity column is written when given a value,
// and takes the next value of its identity otherwise (see defaulted).
func insertable(t *model.Table) []*model.Column {
	var out []*model.Column
	for _, c := range t.Columns {
		if !c.Type.IsSerial() && c.Identity != model.IdentityAlways && c.GeneratedAs == "" {
			out = append(out, c)
		}
	}
	return out
}

// defaulted reports whether an INSERT of column c may leave it to the
// database, its field of Create's params a pointer, nil for "the
// default": a column with a default, its own or its domain's, or a BY
// DEFAULT identity column.
func defaulted(c *model.Column) bool {
	return c.InsertDefault() != "" || c.Identity == model.IdentityByDefault
}

// identities are the positions among cols of the BY DEFAULT identity
// columns, which an INSERT leaves to their identities when their fields
// are all nil (see runtime/table.go's insertSQL).
func identities(cols []*model.Column) []int {
	var out []int
	for i, c := range cols {
		if c.Identity == model.IdentityByDefault {
			out = append(out, i)
		}
	}
	return out
}

// nullDefault reports whether column c is nullable and has a default, so
// that an INSERT may give it a value, NULL or its default: its field is
// an Opt, the zero Opt the default (see paramsStruct).
func nullDefault(c *model.Column) bool {
	return c.Nullable && c.InsertDefault() != ""
}

// setParams are, for each column of cols, the parameter telling whether
// its Opt field is set (see nullDefault), 0 for a column without one:
// they follow the parameters of the columns' values, in order, as the
// runtime's fieldArgs appends them.
func setParams(cols []*model.Column) []int {
	out := make([]int, len(cols))
	next := len(cols) + 1
	for i, c := range cols {
		if nullDefault(c) {
			out[i] = next
			next++
		}
	}
	return out
}

// paramsStruct declares the input of an INSERT: a column with a default is
// a pointer, nil meaning "the default", or an Opt when it is nullable as
// well, the zero Opt meaning "the default" and Set[*T](nil) NULL
// (Set[[]T](nil) for a slice; the comment spells it for the field, since
// Set(nil) does not compile: T cannot be inferred from nil).
func (f *file) paramsStruct(name, doc string, cols []*model.Column) {
	f.doc(doc)
	fields := make([]field, len(cols))
	for i, c := range cols {
		fields[i] = field{f.g.n.field(c), f.columnGoType(c), ""}
		if nullDefault(c) {
			fields[i].typ = f.optType(c)
			fields[i].comment = "unset: DEFAULT " + c.InsertDefault() + "; " + fmt.Sprintf("Set[%#v](nil)", f.columnGoType(c)) + ": NULL"
			continue
		}
		if defaulted(c) {
			fields[i].typ = f.optional(c.Type)
			fields[i].comment = "nil: DEFAULT " + c.InsertDefault()
			if c.Identity == model.IdentityByDefault {
				fields[i].comment = "nil: DEFAULT, the next value of its identity"
			}
		}
	}
	f.decl(structType(name, fields))
}

// insert is the INSERT of cols into t that Create runs, and so do the
// upserts of t's keys, which insert the same columns into t aliased t:
// what follows the table is made once, without OVERRIDING USER VALUE
// and with it (see insertRows).
type insert struct {
	g    *gen
	t    *model.Table
	cols []*model.Column
	rows [2]string // insertRows without and with overriding, "" until made
}

func (g *gen) newInsert(t *model.Table, cols []*model.Column) *insert {
	return &insert{g: g, t: t, cols: cols}
}

// sql is the INSERT into t, aliased alias when one is given.
func (in *insert) sql(alias string, overriding bool) string {
	i := 0
	if overriding {
		i = 1
	}
	if in.rows[i] == "" {
		in.rows[i] = in.g.insertRows(in.t, in.cols, overriding)
	}
	into := "INSERT INTO " + in.g.tableSQL(in.t)
	if alias != "" {
		into += " AS " + alias
	}
	return into + in.rows[i]
}

// insertRows writes what follows "INSERT INTO t" in an INSERT of cols:
// " (a, b) VALUES ($1, $2)", or " DEFAULT VALUES" for no column. A
// column with a default takes it when its parameter is NULL, or when
// nullable, when its Opt is not set (see setParams). A BY DEFAULT
// identity column takes the value of its parameter, or with overriding
// the next value of its identity (OVERRIDING USER VALUE), the INSERT run
// when each such field is nil. A table has one identity column as a
// rule; where it has several and a call gives some of them, the others
// take nextval of their sequences.
func (g *gen) insertRows(t *model.Table, cols []*model.Column, overriding bool) string {
	if len(cols) == 0 {
		return " DEFAULT VALUES"
	}
	several := len(identities(cols)) > 1
	set := setParams(cols)
	vals := make([]string, len(cols))
	for i, c := range cols {
		vals[i] = g.valueParam(i+1, c)
		switch def := c.InsertDefault(); {
		case set[i] != 0:
			typ := g.defaultedParamType(c)
			vals[i] = "CASE WHEN $" + strconv.Itoa(set[i]) + "::boolean THEN $" + strconv.Itoa(i+1) + "::" + typ + " ELSE " + defaultAs(def, typ) + " END"
		case def != "":
			typ := g.defaultedParamType(c)
			vals[i] = "COALESCE($" + strconv.Itoa(i+1) + "::" + typ + ", " + defaultAs(def, typ) + ")"
		case c.Identity == model.IdentityByDefault && several && !overriding:
			// pg_get_serial_sequence finds the sequence by its column,
			// whatever its name (renaming a table keeps its sequences').
			typ := g.defaultedParamType(c)
			vals[i] = fmt.Sprintf("COALESCE($%d::%s, nextval(pg_get_serial_sequence(%s, %s))::%s)",
				i+1, typ, model.QuoteLiteral(g.tableSQL(t)), model.QuoteLiteral(c.Name), typ)
		}
	}
	values := " VALUES "
	if overriding {
		values = " OVERRIDING USER VALUE VALUES "
	}
	return " (" + colList(cols, "") + ")" + values + "(" + strings.Join(vals, ", ") + ")"
}

// defaultedParamType is the type a parameter of column c is cast to where
// NULL stands for its default (COALESCE): its domain's base type, so that
// the default is taken before any domain check is, and one type for every
// use of the parameter in a statement (an upsert's insert and update);
// without a length, which the cast would cut the value to (see
// model.Schema.CastSQL).
func (g *gen) defaultedParamType(c *model.Column) string {
	return g.s.CastSQL(c.Type.Underlying())
}

// thenCols is first followed by the columns of then not in it: an ORDER
// BY that sorts by a foreign key and then by the key, naming each column
// once.
func thenCols(first, then []*model.Column) []*model.Column {
	out := append([]*model.Column{}, first...)
	for _, c := range then {
		if !inCols(c, out) {
			out = append(out, c)
		}
	}
	return out
}

func inCols(c *model.Column, cols []*model.Column) bool {
	for _, x := range cols {
		if x == c {
			return true
		}
	}
	return false
}

// deletePolicies says in words what deleting a row of t does to the rows
// that refer to it, one line per relationship.
func deletePolicies(t *model.Table) []string {
	var out []string
	for _, fk := range t.Referenced {
		children := pluralWords(fk.Table)
		switch {
		case fk.OnDelete.Action.Blocks():
			out = append(out, fmt.Sprintf("It is refused while %s refer to it (%s: ON DELETE %s): a *ForeignKeyError.", children, fk.Relationship.Label(), fk.OnDelete.Action))
		case fk.OnDelete.Action == model.Cascade:
			out = append(out, fmt.Sprintf("It deletes the %s that refer to it (%s: ON DELETE CASCADE).", children, fk.Relationship.Label()))
		case fk.OnDelete.Action == model.SetNull:
			out = append(out, fmt.Sprintf("It leaves the %s that refer to it without a %s (%s: ON DELETE SET NULL).", children, strings.ReplaceAll(fk.Role, "_", " "), fk.Relationship.Label()))
		case fk.OnDelete.Action == model.SetDefault:
			out = append(out, fmt.Sprintf("It sets the %s of the %s that refer to it to its default (%s: ON DELETE SET DEFAULT).", columnNames(fk.Columns), children, fk.Relationship.Label()))
		}
	}
	return out
}

// copyable reports whether pgx can COPY the columns: it writes COPY in
// binary format and has no binary codec for timetz, nor for most types
// ergen knows by name only (binaryExternal) or a Go type a `go` clause
// chose, which may have only a text form.
func copyable(cols []*model.Column) bool {
	for _, c := range cols {
		if c.Type.Base == model.TimeTZ || c.Type.Go != "" || c.Type.Base == model.ExternalBase && !binaryExternal(c.Type) {
			return false
		}
	}
	return true
}

// columnWords is the name the Go names of column c are made from: its
// SQL name, except for a foreign key column ergen derived from the role
// and the referenced column's name (mentor_id), whose SQL name, when the
// two are longer than PostgreSQL's 63 bytes, is shortened with a hash
// of them (model.ShortenIdent): its Go names take the derived name in
// full, the model's words, not the hash of an identifier limit.
func columnWords(c *model.Column) string {
	fk := c.ForeignKey
	if c.Declared || fk == nil || len(c.Name) < model.MaxIdentLen {
		return c.Name
	}
	i := slices.Index(fk.Columns, c)
	if i < 0 {
		return c.Name
	}
	rc := fk.RefColumns[i]
	if model.ShortenIdent(model.FKColumnName(fk.Role, rc.Name)) != c.Name {
		return c.Name
	}
	return model.FKColumnName(fk.Role, columnWords(rc))
}

// tableWords is, as columnWords is for a column, the name the Go names
// of the table t are made from: its SQL name, except for a junction
// named after its entities (person_documents), whose SQL name, when
// longer than 63 bytes, is shortened with a hash: its Go names take the
// name in full.
func tableWords(t *model.Table) string {
	rel := t.Relationship
	if t.Entity != nil || rel == nil || len(t.Name) < model.MaxIdentLen {
		return t.Name
	}
	full := rel.JunctionName()
	if model.ShortenIdent(full) != t.Name {
		return t.Name
	}
	return full
}
