package golang

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
	fixed "github.com/ergen-dev/ergen/generator/golang/runtime"
	"github.com/ergen-dev/ergen/generator/model"
)

// entity declares an entity's Table and its Keys (runtime/table.go): the
// input structs of Create, Patch and Find, the Ordering values, and the
// constant SQL of every statement on its rows, with where their values
// sit in the rows. A statement the table has none of (Update without a
// primary key, List without a key, Copy of a type pgx cannot COPY) is ""
// in the Table, which the runtime answers with ErrNoStatement.
func (f *file) entity(tb *table) {
	g := f.g
	t := tb.t
	cols := insertable(t)
	name := g.n.create(tb)
	tb.Create = name
	ins := g.newInsert(t, cols)
	create := f.sqlConst(name, ins.sql("", false)+" RETURNING "+tb.allColumns())
	createOverriding, identity := f.overriding(name, cols, func() string {
		return ins.sql("", true) + " RETURNING " + tb.allColumns()
	})
	params := noType
	if len(cols) > 0 {
		tb.Params = g.n.paramsType(name)
		doc := fmt.Sprintf("%s is what Create inserts as %s.", tb.Params, article(words(t)))
		if copyable(cols) {
			doc = fmt.Sprintf("%s is what Create and Copy insert as %s.", tb.Params, article(words(t)))
		}
		f.paramsStruct(tb.Params, doc, cols)
		params = jen.Id(tb.Params)
	}

	key, composite := noType, false
	if pk := t.PrimaryKey; pk != nil {
		key, composite = f.keyGoType(tb, pk.Columns), len(pk.Columns) > 1
	}
	update, updateAt, patch, patchType := noSQL, nilValue, noSQL, noType
	if set := updatable(t); len(set) > 0 {
		update = f.sqlConst(g.n.update(tb), g.updateSQL(t, set))
		updateAt = f.intsLit(columnPositions(t, append(append([]*model.Column{}, set...), t.PrimaryKey.Columns...)))
		typ, sql := f.patch(tb, set)
		patch, patchType = sql, jen.Id(typ)
	}
	del := noSQL
	if pk := t.PrimaryKey; pk != nil {
		del = f.sqlConst(g.n.delete(tb), "DELETE FROM "+g.tableSQL(t)+" WHERE "+g.whereEq(pk.Columns, "", 1))
	}
	list, listAfter, listKey := noSQL, noSQL, nilValue
	if tb.key != nil {
		lname := g.n.list(tb)
		order := colList(tb.key, "")
		list = f.sqlConst(lname, g.selectAll(tb)+" ORDER BY "+order+" LIMIT $1")
		lhs, rhs := g.rowTuple(tb.key, 1)
		listAfter = f.sqlConst(lname+"After", g.selectAll(tb)+" WHERE "+lhs+" > "+rhs+" ORDER BY "+order+" LIMIT $"+strconv.Itoa(len(tb.key)+1))
		listKey = f.intsLit(columnPositions(t, tb.key))
	}
	count := f.sqlConst(g.n.count(tb), "SELECT count(*) FROM "+g.tableSQL(t))
	filterType, find, filterColumns, orders := f.filter(tb)
	copyTable, copyColumns, copyDefault := f.copySpec(tb, cols)

	tb.Var = g.n.tableVar(tb)
	f.tableDoc(tb, orders)
	// runtime.Table's fields, each named by a comment.
	named := func(value jen.Code, what string) jen.Code { return jen.Add(value, tableNote(what)) }
	elems := inFieldOrder[fixed.Table[any, any, any, any, any]](map[string]jen.Code{
		"composite":           named(boolLit(composite), "whether the primary key is composite"),
		"createSQL":           named(create, "Create"),
		"createOverridingSQL": named(createOverriding, "Create when every identity's field is nil"),
		"identity":            named(identity, "Create's fields of identity columns"),
		"updateSQL":           named(update, "Update"),
		"update":              named(updateAt, "Update's parameters among the row's columns"),
		"patchSQL":            named(patch, "Patch"),
		"deleteSQL":           named(del, "Delete"),
		"listSQL":             named(list, "List"),
		"listAfterSQL":        named(listAfter, "List after a row"),
		"key":                 named(listKey, "List's key among the row's columns"),
		"countSQL":            named(count, "Count"),
		"findSQL":             named(find, "Find"),
		"filter":              named(filterColumns, "Find's filter columns"),
		"copyTable":           named(copyTable, "Copy's table"),
		"copyColumns":         named(copyColumns, "Copy's columns"),
		"copyDefault":         named(copyDefault, copyNote(cols)),
	})
	f.decl(jen.Var().Id(tb.Var).Op("=").Op("&").Id("Table").Types(jen.Id(tb.Struct), key, params, patchType, jen.Id(filterType)).
		Custom(jen.Options{Open: "{", Close: "}", Multi: true}, elems...))
	f.keys(tb, ins)
}

// tableNotes are the ends of the lines of a Table's literal, the comma
// and the comment naming the field (", // Create"), the same in every
// file: made once, and held by every file's tree (jen only reads them).
var tableNotes = func() map[string]jen.Code {
	notes := map[string]jen.Code{}
	for _, what := range []string{
		"whether the primary key is composite", "Create", "Create when every identity's field is nil",
		"Create's fields of identity columns", "Update", "Update's parameters among the row's columns",
		"Patch", "Delete", "List", "List after a row", "List's key among the row's columns", "Count",
		"Find", "Find's filter columns", "Copy's table", "Copy's columns",
		copyDefaultNote, copyOptNote,
	} {
		notes[what] = jen.Op(",").Comment(what)
	}
	return notes
}()

// tableNote is the end of the line of the field of a Table that the
// comment what names.
func tableNote(what string) jen.Code {
	note, ok := tableNotes[what]
	if !ok {
		panic("golang: no note " + what + " in tableNotes")
	}
	return note
}

// updateSQL writes every column of set by the primary key.
func (g *gen) updateSQL(t *model.Table, set []*model.Column) string {
	var buf [1024]byte
	b := g.s.AppendQualified(append(buf[:0], "UPDATE "...), t.Name)
	b = append(b, " SET "...)
	for i, c := range set {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(model.AppendIdent(b, c.Name), " = $"...)
		b = append(strconv.AppendInt(b, int64(i+1), 10), g.valueCast(c)...)
	}
	return string(g.appendWhereEq(append(b, " WHERE "...), t.PrimaryKey.Columns, "", len(set)+1))
}

// copyNote names the copyDefault field of a Table of the params of cols:
// what takes the default, nil, and an unset Opt where there is one.
func copyNote(cols []*model.Column) string {
	for _, c := range cols {
		if nullDefault(c) {
			return copyOptNote
		}
	}
	return copyDefaultNote
}

const (
	copyDefaultNote = "Copy: nil takes the default"
	copyOptNote     = "Copy: nil takes the default, and so does an unset Opt"
)

// copySpec is what Copy needs: the table's identifier, the columns of
// Create's params and which of them take their default when nil (or, an
// Opt, unset); nil when pgx cannot COPY a column (see copyable).
func (f *file) copySpec(tb *table, cols []*model.Column) (table, columns, defaults jen.Code) {
	g := f.g
	t := tb.t
	if len(cols) == 0 || !copyable(cols) {
		return nilValue, nilValue, nilValue
	}
	tb.Copy = "Copy"
	ident := []string{t.Name}
	if g.s.Name != "" {
		ident = []string{g.s.Name, t.Name}
	}
	names := make([]string, len(cols))
	defs := make([]bool, len(cols))
	for i, c := range cols {
		names[i] = c.Name
		defs[i] = defaulted(c) // as the params struct has it (paramsStruct)
	}
	table = f.literal().strings(ident).code()
	columns = f.literal().strings(names).code()
	return table, columns, f.literal().bools(defs).code()
}

// tableDoc documents an entity's Table: what each operation does on its
// rows where it is particular to the table.
func (f *file) tableDoc(tb *table, orders string) {
	t := tb.t
	text := fmt.Sprintf("%s is the table %s, for Create, Update, Patch, Delete, List, Count, Find and Copy (see Table).", tb.Var, f.g.tableSQL(t))
	switch {
	case t.PrimaryKey == nil:
		text += " It has no primary key, so no Update, Patch or Delete."
	case len(updatable(t)) == 0:
		text += fmt.Sprintf(" Every column is its primary key (%s) or filled by the database, so it has no Update or Patch.", columnNames(t.PrimaryKey.Columns))
	}
	if tb.key != nil {
		text += fmt.Sprintf(" List pages through it in key order (%s); Find in the orders %s.", columnNames(tb.key), orders)
	} else {
		text += " It has no key, so no List, and Find reads it in no particular order."
	}
	switch {
	case tb.Copy != "":
	case len(insertable(t)) == 0:
		text += " The database fills each of its columns, so Create takes struct{}{} and it has no Copy."
	default:
		text += " pgx cannot COPY one of its columns, so it has no Copy."
	}
	if lines := deletePolicies(t); len(lines) > 0 && t.PrimaryKey != nil {
		text += " Delete: " + lowerFirst(strings.Join(lines, " "))
	}
	f.doc(wrapText(text, 76))
}

// keys declares the Key of the primary key and of each UNIQUE key: the
// row by the key (Get), and where an INSERT writes the key's columns, the
// upsert on it (Upsert), which inserts as Create does.
func (f *file) keys(tb *table, ins *insert) {
	g := f.g
	t := tb.t
	cols := ins.cols
	keys := t.Uniques
	if t.PrimaryKey != nil {
		keys = append([]*model.Key{t.PrimaryKey}, keys...)
	}
	for i, k := range keys {
		if i > 0 && t.PrimaryKey != nil && slices.Equal(k.Columns, t.PrimaryKey.Columns) {
			continue
		}
		primary := k == t.PrimaryKey
		getName := g.n.get(tb)
		if !primary {
			getName = g.n.getBy(tb, k.Columns)
		}
		get := f.sqlConst(getName, g.selectAll(tb)+" WHERE "+g.whereKey(tb, k))
		upsert, overriding, identity, params := noSQL, noSQL, nilValue, noType
		if tb.Params != "" && allIn(k.Columns, cols) {
			stmt := g.n.upsert(tb, k.Columns, primary)
			upsert = f.sqlConst(stmt, g.upsertSQL(ins, k.Columns, false))
			overriding, identity = f.overriding(stmt, cols, func() string { return g.upsertSQL(ins, k.Columns, true) })
			params = jen.Id(tb.Params)
		}
		name := g.n.keyVar(tb, k.Columns)
		what := "primary key"
		if !primary {
			what = "unique key " + k.Name
		}
		text := name + " is the " + what + " of " + g.tableSQL(t) + " (" + columnNames(k.Columns) + "), for Get and Upsert (see Key)."
		if tb.Params == "" || !allIn(k.Columns, cols) {
			text = name + " is the " + what + " of " + g.tableSQL(t) + " (" + columnNames(k.Columns) + "), for Get (see Key); the database fills its columns, so it has no Upsert."
		}
		if nullsMatch(k) {
			text += " Its NULLs are not distinct: Get by nil for a nullable column finds the one row whose column is NULL, the row Upsert updates."
		}
		f.doc(wrapText(text, 76))
		f.decl(jen.Var().Id(name).Op("=").Op("&").Id("Key").Types(jen.Id(tb.Struct), f.getKeyType(tb, k), params).
			Values(inFieldOrder[fixed.Key[any, any, any]](map[string]jen.Code{
				"getSQL": get, "upsertSQL": upsert, "composite": boolLit(len(k.Columns) > 1),
				"upsertOverridingSQL": overriding, "identity": identity,
			})...))
	}
}

// overriding is what the runtime's insertSQL needs for the INSERT of
// cols named stmt: the statement made by sql, with OVERRIDING USER VALUE,
// run when the fields of cols' BY DEFAULT identity columns are all nil,
// and their positions; "" and nil when cols have none.
func (f *file) overriding(stmt string, cols []*model.Column, sql func() string) (jen.Code, jen.Code) {
	at := identities(cols)
	if len(at) == 0 {
		return noSQL, nilValue
	}
	return f.sqlConst(stmt+"Overriding", sql()), f.intsLit(at)
}

// keyGoType is the Go type of a key of tb with the columns cols: the
// column's base type, or the struct of a composite key's columns.
func (f *file) keyGoType(tb *table, cols []*model.Column) jen.Code {
	if len(cols) == 1 {
		return f.baseGoType(cols[0].Type)
	}
	return jen.Id(tb.structOf(cols).Type)
}

// nullsMatch reports whether Get finds a row of key k by NULL: k is
// NULLS NOT DISTINCT (PostgreSQL 15), so at most one row has NULL where
// the others match, and Upsert's ON CONFLICT takes that row, and a
// column of k is nullable. Its key's field of a nullable column is then
// a pointer, nil for NULL (see getKeyType), and Get's condition on that
// column matches NULL by NULL (see whereKey). A UNIQUE key whose NULLs
// are distinct finds no row by a NULL, so its key has no pointer.
func nullsMatch(k *model.Key) bool {
	if !k.NullsNotDistinct {
		return false
	}
	for _, c := range k.Columns {
		if c.Nullable {
			return true
		}
	}
	return false
}

// getKeyType is the Go type Get takes for the key k of tb: as keyGoType,
// but for a key that finds NULL (see nullsMatch), a nullable column's
// type as its row field has it, a pointer, and the struct with such
// fields (see nullsKeyStruct) for a composite key.
func (f *file) getKeyType(tb *table, k *model.Key) jen.Code {
	if !nullsMatch(k) {
		return f.keyGoType(tb, k.Columns)
	}
	if len(k.Columns) == 1 {
		return f.columnGoType(k.Columns[0])
	}
	return jen.Id(tb.nullsKey(k.Columns).Type)
}

// whereKey is the condition of Get by the key k, on parameters $1 on:
// whereEq, but for a key that finds NULL (see nullsMatch), each nullable
// column is "(c = $1 OR (c IS NULL AND $1::type IS NULL))". Not "c IS NOT
// DISTINCT FROM $1", which no index serves: with the parameter's value
// in the plan (a custom plan, as PostgreSQL makes for a statement whose
// generic plan costs more), the condition folds to "c = value" or to "c
// IS NULL", each a condition of the key's unique index. The cast is
// model.Schema.CompareSQL's, which neither cuts nor rounds the value,
// nor fails on one the column could not hold. The
// parameters come in the order of the fields of the key's struct (see
// structOf), which may not be the key's.
func (g *gen) whereKey(tb *table, k *model.Key) string {
	if !nullsMatch(k) {
		return g.whereEq(tb.keyCols(k.Columns), "", 1)
	}
	cols := k.Columns
	if len(cols) > 1 {
		cols = tb.nullsKey(cols).cols
	}
	parts := make([]string, len(cols))
	for i, c := range cols {
		eq := fmt.Sprintf("%s = $%d", g.cmpCol("", c), i+1)
		if c.Nullable {
			eq = fmt.Sprintf("(%s OR (%s IS NULL AND $%d::%s IS NULL))", eq, qualCol("", c), i+1, g.s.CompareSQL(c.Type.Underlying()))
		}
		parts[i] = eq
	}
	return strings.Join(parts, " AND ")
}
