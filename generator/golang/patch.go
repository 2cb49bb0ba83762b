package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/ergen-dev/ergen/generator/model"
)

// updatable are the columns an UPDATE by primary key may write: all but
// the key and identity columns the database always fills; none when the
// table has no primary key.
func updatable(t *model.Table) []*model.Column {
	if t.PrimaryKey == nil {
		return nil
	}
	var set []*model.Column
	for _, c := range t.Columns {
		if !inCols(c, t.PrimaryKey.Columns) && c.Identity != model.IdentityAlways && c.GeneratedAs == "" {
			set = append(set, c)
		}
	}
	return set
}

// patch declares the partial update of a row by primary key: a struct of
// one Opt per updatable column, and one constant statement in which each
// column is written when its flag is set and keeps its value otherwise:
//
//	UPDATE users SET name = CASE WHEN $2 THEN $3 ELSE name END, ... WHERE id = $1
//
// One statement per table, rather than one per set of columns given,
// keeps the SQL constant (one prepared statement in pgx's cache, checked
// once against PostgreSQL) and can write NULL, which COALESCE($n, col)
// could not. A column left as it is costs nothing more: PostgreSQL writes
// a new row version on any UPDATE, and one whose indexed columns keep
// their values stays a HOT update. What it does differ in: a trigger
// declared UPDATE OF a column fires even when the patch leaves it.
func (f *file) patch(tb *table) {
	t := tb.t
	set := updatable(t)
	if len(set) == 0 {
		return
	}
	g := f.g
	name := g.n.patch(tb)
	typ := g.n.patchType(tb)
	fields := make([]field, len(set))
	assign := make([]string, len(set))
	first := len(t.PrimaryKey.Columns) + 1
	var args []jen.Code
	for i, c := range set {
		fn := g.n.field(c)
		fields[i] = field{fn, jen.Id("Opt").Types(f.columnGoType(c)), ""}
		col := model.QuoteIdent(c.Name)
		assign[i] = fmt.Sprintf("%s = CASE WHEN $%d THEN $%d ELSE %s END", col, first+2*i, first+2*i+1, col)
		args = append(args, sel("p", fn).Dot("Set"), sel("p", fn).Dot("arg").Call())
	}
	f.docf("%s is the input of %s: the columns to write, each written only", typ, name)
	f.doc("when set (Set(v); Set[*T](nil) writes NULL to a nullable column).")
	f.decl(structType(typ, fields))
	sql := f.sqlConst(name, fmt.Sprintf("UPDATE %s SET %s WHERE %s RETURNING %s",
		g.tableSQL(t), strings.Join(assign, ", "), g.whereEq(t.PrimaryKey.Columns, "", 1), colList(t.Columns, "")))
	decl, use := f.keyParams(t.PrimaryKey.Columns)
	f.docf("%s writes the fields of p that are set to the %s with the given", name, words(t))
	f.docf("%s, leaving its other columns as they are, and returns the row as", columnNames(t.PrimaryKey.Columns))
	f.doc("stored, or ErrNotFound.")
	f.method(name, append(decl, jen.Id("p").Id(typ)), rowResult(tb.Struct), one("r", tb.Struct, "opUpdate", sql, append(use, args...))...)
}

// upserts declares, for the primary key and each UNIQUE key whose columns
// an INSERT writes, an INSERT of Create's params that updates the row
// with that key when there is one:
//
//	INSERT INTO users AS t (name, email) VALUES ($1, $2)
//	ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name
//
// A column with a default, whose nil means "the default" on insert, means
// "as it is" on update: COALESCE($n, t.col). A key that has a column the
// database fills (serial, identity) never conflicts, and has no upsert.
func (f *file) upserts(tb *table) {
	t := tb.t
	if tb.Params == "" {
		return
	}
	cols := insertable(t)
	keys := t.Uniques
	if t.PrimaryKey != nil {
		keys = append([]*model.Key{t.PrimaryKey}, keys...)
	}
	for i, k := range keys {
		if !allIn(k.Columns, cols) || (i > 0 && t.PrimaryKey != nil && sameCols(k.Columns, t.PrimaryKey.Columns)) {
			continue
		}
		name := f.g.n.upsert(tb, k.Columns, k == t.PrimaryKey)
		sql := f.sqlConst(name, f.g.upsertSQL(t, cols, k.Columns))
		f.docf("%s inserts p, or when %s with its %s exists (%s),", name, article(words(t)), columnNames(k.Columns), k.Name)
		f.doc("writes p's other columns to that row, a column with a default left as it")
		f.doc("is when its field is nil; it returns the row as stored.")
		f.method(name, []jen.Code{jen.Id("p").Id(tb.Params)}, rowResult(tb.Struct), one("r", tb.Struct, "opInsert", sql, f.g.fieldArgs(cols, "p"))...)
	}
}

// upsertSQL is the INSERT ... ON CONFLICT (key) DO UPDATE of upserts.
func (g *gen) upsertSQL(t *model.Table, cols, key []*model.Column) string {
	insert, assign := g.upsertParts(t, cols, key)
	if len(assign) == 0 {
		// Every column is the key: the row is written as it is, so that
		// RETURNING has it.
		col := model.QuoteIdent(key[0].Name)
		assign = []string{col + " = EXCLUDED." + col}
	}
	return fmt.Sprintf("%s ON CONFLICT (%s) DO UPDATE SET %s RETURNING %s", insert, colList(key, ""), strings.Join(assign, ", "), colList(t.Columns, "t"))
}

// upsertParts are the INSERT of cols into t, aliased t, and the
// assignments of its DO UPDATE on a conflict on key: each column but the
// key's takes the value given, except that a column with a default keeps
// the stored value when its parameter is NULL (nil meant "the default"
// for the insert).
func (g *gen) upsertParts(t *model.Table, cols, key []*model.Column) (string, []string) {
	var assign []string
	for i, c := range cols {
		if inCols(c, key) {
			continue
		}
		col := model.QuoteIdent(c.Name)
		v := "EXCLUDED." + col
		if c.Default != "" {
			v = fmt.Sprintf("COALESCE($%d::%s, t.%s)", i+1, g.s.TypeSQL(c.Type), col)
		}
		assign = append(assign, col+" = "+v)
	}
	insert := strings.Replace(g.insertSQL(t, cols), "INSERT INTO "+g.tableSQL(t), "INSERT INTO "+g.tableSQL(t)+" AS t", 1)
	return insert, assign
}

func allIn(cols, in []*model.Column) bool {
	for _, c := range cols {
		if !inCols(c, in) {
			return false
		}
	}
	return true
}
