package golang

import (
	"strconv"

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
func (f *file) patch(tb *table, set []*model.Column) (typ string, sql jen.Code) {
	g := f.g
	t := tb.t
	typ = g.n.patchType(tb)
	fields := make([]field, len(set))
	// UPDATE t SET a = CASE WHEN $2 THEN $3 ELSE a END, ... WHERE ...
	// RETURNING ..., written into one buffer.
	var buf [2048]byte
	b := g.s.AppendQualified(append(buf[:0], "UPDATE "...), t.Name)
	b = append(b, " SET "...)
	first := len(t.PrimaryKey.Columns) + 1
	for i, c := range set {
		fields[i] = field{g.n.field(c), f.optType(c), ""}
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(model.AppendIdent(b, c.Name), " = CASE WHEN $"...)
		b = append(strconv.AppendInt(b, int64(first+2*i), 10), " THEN $"...)
		b = append(strconv.AppendInt(b, int64(first+2*i+1), 10), " ELSE "...)
		b = append(model.AppendIdent(b, c.Name), " END"...)
	}
	b = g.appendWhereEq(append(b, " WHERE "...), t.PrimaryKey.Columns, "", 1)
	b = append(append(b, " RETURNING "...), tb.allColumns()...)
	f.docf("%s is what Patch writes to %s: the columns to write, each written", typ, article(words(t)))
	f.doc("only when set (Set(v); Set[*T](nil), or Set[[]T](nil) for a slice, writes")
	f.doc("NULL to a nullable column).")
	f.decl(structType(typ, fields))
	sql = f.sqlConst(g.n.patch(tb), string(b))
	return typ, sql
}

// upsertSQL is, for the primary key or a UNIQUE key whose columns an
// INSERT writes, an INSERT of Create's params that updates the row with
// that key when there is one:
//
//	INSERT INTO users AS t (name, email) VALUES ($1, $2)
//	ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name
//
// A column with a default, whose nil means "the default" on insert, means
// "as it is" on update: COALESCE($n, t.col). A key that has a column the
// database fills (serial, ALWAYS identity) never conflicts, and has no
// upsert; one of a BY DEFAULT identity conflicts when given its value.
// upsertSQL is the INSERT ... ON CONFLICT (key) DO UPDATE of upserts.
func (g *gen) upsertSQL(in *insert, key []*model.Column, overriding bool) string {
	insert, assign := g.upsertParts(in, key, overriding)
	if assign == "" {
		// Every column is the key: the row is written as it is, so that
		// RETURNING has it.
		col := model.QuoteIdent(key[0].Name)
		assign = col + " = EXCLUDED." + col
	}
	return insert + " ON CONFLICT (" + colList(key, "") + ") DO UPDATE SET " + assign + " RETURNING " + colList(in.t.Columns, "t")
}

// upsertParts are the INSERT in, into its table aliased t, and the
// assignments of its DO UPDATE on a conflict on key, comma-separated, ""
// for none: each column but the key's takes the value given, except that
// a column with a default keeps the stored value when its parameter is
// NULL (nil meant "the default" for the insert); overriding is
// insertRows'. The assignments are written into one buffer.
func (g *gen) upsertParts(in *insert, key []*model.Column, overriding bool) (string, string) {
	var buf [1024]byte
	b := buf[:0]
	set := setParams(in.cols)
	for i, c := range in.cols {
		if inCols(c, key) {
			continue
		}
		if len(b) > 0 {
			b = append(b, ", "...)
		}
		b = append(model.AppendIdent(b, c.Name), " = "...)
		switch {
		case set[i] != 0: // an Opt: kept when not set, as a patch does
			b = append(strconv.AppendInt(append(b, "CASE WHEN $"...), int64(set[i]), 10), "::boolean THEN EXCLUDED."...)
			b = append(model.AppendIdent(b, c.Name), " ELSE t."...)
			b = append(model.AppendIdent(b, c.Name), " END"...)
		case defaulted(c): // a default, the column's or its domain's, or an identity, as insertRows reads it
			b = append(strconv.AppendInt(append(b, "COALESCE($"...), int64(i+1), 10), "::"...)
			b = append(append(b, g.defaultedParamType(c)...), ", t."...)
			b = append(model.AppendIdent(b, c.Name), ')')
		default:
			b = model.AppendIdent(append(b, "EXCLUDED."...), c.Name)
		}
	}
	return in.sql("t", overriding), string(b)
}

func allIn(cols, in []*model.Column) bool {
	for _, c := range cols {
		if !inCols(c, in) {
			return false
		}
	}
	return true
}
