package golang

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/ergen-dev/ergen/generator/model"
)

// orderBy is the ORDER BY of rows of tb: its key, or nothing.
func (tb *table) orderBy(alias string) string {
	if tb.key == nil {
		return ""
	}
	return " ORDER BY " + colList(tb.key, alias)
}

// ref declares the Ref of a foreign key of an entity's table (see
// runtime/ref.go): the SQL of the way up (the referenced row), the way
// down (the referencing rows, or the one partner of a 1:1), and the
// batch loading and counting of the way down for many parents, with the
// positions of the key in the rows. What the runtime's functions return
// for it is part of its type.
func (f *file) ref(child *table, fk *model.ForeignKey) {
	g := f.g
	parent := g.info[fk.RefTable]
	rel := fk.Relationship
	one := rel.Card == model.OneToOne
	name := g.n.ref(child, fk)
	parentSQL := f.sqlConst(name+"Parent", fmt.Sprintf("SELECT %s FROM %s WHERE %s", colList(parent.t.Columns, ""), g.tableSQL(parent.t), g.whereEq(fk.RefColumns, "", 1)))
	where := fmt.Sprintf("SELECT %s FROM %s WHERE %s", colList(child.t.Columns, ""), g.tableSQL(child.t), g.whereEq(fk.Columns, "", 1))
	if !one {
		where += child.orderBy("")
	}
	childrenSQL := f.sqlConst(name+"Children", where)

	composite := len(fk.Columns) > 1
	keyed := batchable(fk)
	for _, c := range fk.Columns {
		keyed = keyed && mapKey(c.Type)
	}
	var keyType jen.Code = f.baseGoType(fk.Columns[0].Type)
	args := jen.Code(jen.Nil())
	if composite {
		keyType = jen.Id(g.refKeyType(fk))
		args = jen.Index().Int().Values(g.keyFields(fk)...)
	}
	childType := jen.Id(child.Struct)
	children := jen.Code(jen.Index().Add(childType))
	perKey := jen.Code(jen.Index().Add(childType))
	if one {
		children = childType
		perKey = childType
	}
	var batch, counts jen.Code = jen.Struct(), jen.Struct()
	batchSQL, keyAt, countSQL := jen.Code(jen.Lit("")), jen.Code(jen.Nil()), jen.Code(jen.Lit(""))
	if batchable(fk) {
		batchSQL = f.sqlConst(name+"Batch", g.batchSQL(child, fk, keyed))
		if keyed {
			batch = jen.Map(keyType).Add(perKey)
			keyAt = jen.Index().Int().Values(g.keyAt(child.t, 0, fk.Columns, fk.RefColumns, composite)...)
		} else if one {
			batch = jen.Index().Op("*").Add(childType)
		} else {
			batch = jen.Index().Add(perKey)
		}
		if !one {
			countSQL = f.sqlConst(name+"Count", g.countSQL(child, fk, keyed))
			counts = jen.Index().Int64()
			if keyed {
				counts = jen.Map(keyType).Int64()
			}
		}
	}
	f.refDoc(name, child, fk, keyed)
	f.decl(jen.Var().Id(name).Op("=").Op("&").Id("Ref").Types(childType, jen.Id(parent.Struct), keyType, children, batch, counts).
		Values(parentSQL, jen.Index().Int().Values(g.columnPositions(child.t, fk.Columns)...), childrenSQL, args, batchSQL, keyAt, countSQL))
}

// refDoc documents the Ref of a foreign key: what each of the runtime's
// functions gives for it.
func (f *file) refDoc(name string, child *table, fk *model.ForeignKey, keyed bool) {
	g := f.g
	parent := g.info[fk.RefTable]
	rel := fk.Relationship
	text := fmt.Sprintf("%s is the foreign key of %s to %s (%s). ParentOf gives the %s of %s",
		name, g.tableSQL(child.t), g.tableSQL(parent.t), rel.Label(), fk.Role, article(words(child.t)))
	if !fk.Required() {
		text += ", or ErrNotFound when it has none"
	}
	text += fmt.Sprintf("; ChildrenOf, given the %s of %s, its ", columnNames(fk.RefColumns), article(fk.Role))
	switch {
	case rel.Card == model.OneToOne:
		text += words(child.t) + ", or ErrNotFound."
	case child.key != nil:
		text += fmt.Sprintf("%s in key order (%s).", pluralWords(child.t), columnNames(child.key))
	default:
		text += pluralWords(child.t) + "."
	}
	switch {
	case !batchable(fk):
		text += fmt.Sprintf(" Its key has an array column, so it has no query over many %s.", plural(fk.Role))
	case keyed:
		keyedBy := columnNames(fk.Columns)
		if len(fk.Columns) > 1 {
			keyedBy = fmt.Sprintf("%s (%s)", g.refKeyType(fk), columnNames(fk.RefColumns))
		}
		text += fmt.Sprintf(" ChildrenOfMany loads them for many %s in one query, keyed by %s: %s without any has no entry.",
			plural(fk.Role), keyedBy, article(fk.Role))
	default:
		text += fmt.Sprintf(" ChildrenOfMany loads them for many %s in one query, those of keys[i] at i: PostgreSQL matches the keys, as the foreign key does; Go's == would not.",
			plural(fk.Role))
	}
	if batchable(fk) && rel.Card != model.OneToOne {
		text += " CountChildrenOf counts them, the same way."
	}
	f.doc(wrapText(text, 76))
}

// wrapText breaks text into lines of at most width bytes, between words.
func wrapText(text string, width int) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(text) {
		if i > 0 && n+1+len(w) > width {
			b.WriteString("\n")
			n = 0
		} else if i > 0 {
			b.WriteString(" ")
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

// columnPositions are the positions of cols among the columns of t, the
// scan targets of its rows.
func (g *gen) columnPositions(t *model.Table, cols []*model.Column) []jen.Code {
	out := make([]jen.Code, len(cols))
	for i, c := range cols {
		out[i] = jen.Lit(columnIndex(t, c))
	}
	return out
}

// keyFields are, for each column of a composite foreign key, the field of
// the struct of the key it refers to (see refKeyType) holding its value.
func (g *gen) keyFields(fk *model.ForeignKey) []jen.Code {
	parent := g.info[fk.RefTable]
	fields := parent.key
	if rk := parent.refKey(fk.RefColumns); rk != nil {
		fields = rk.cols
	}
	out := make([]jen.Code, len(fk.RefColumns))
	for i, rc := range fk.RefColumns {
		out[i] = jen.Lit(slices.Index(fields, rc))
	}
	return out
}

// keyArg is v.name as a key value: dereferenced when the column's field
// is a pointer (the caller has ruled out nil).
func keyArg(c *model.Column, v, name string) jen.Code {
	if nilIsNull(c) {
		return deref(v, name)
	}
	return sel(v, name)
}

// mapKey reports whether a column's Go type can key the map a batch
// method returns: Go's == on the values must be PostgreSQL's = on them,
// or a caller's lookup would miss rows the query found. That excludes the
// types Go cannot compare (numeric holds a *big.Int; bytea, json and
// arrays are slices) and those whose Go equality differs from the SQL
// one: time.Time compares the location (12:00Z and 13:00+01 are equal in
// SQL), intervals compare fields (1 day = 24 hours in SQL), char(n)
// ignores trailing spaces in SQL, a float NaN equals itself in SQL only,
// and a pgtype.Time is NULL unless Valid is set.
func mapKey(t model.Type) bool {
	t = t.Underlying() // a domain compares as its base type
	if t.Array > 0 {
		return false
	}
	switch t.Base {
	case model.Numeric, model.JSON, model.JSONB, model.Bytea, model.Time, model.Interval,
		model.Timestamp, model.TimestampTZ, model.Date, model.Char, model.Real, model.DoublePrecision:
		return false
	}
	return true
}

// batchable reports whether the children of many parents can be loaded
// in one query, passing one array per key column: not when a key column
// is itself an array, since unnest flattens every dimension and an array
// of arrays would arrive as their elements.
func batchable(fk *model.ForeignKey) bool {
	for _, c := range fk.Columns {
		if c.Type.Array > 0 {
			return false
		}
	}
	return true
}

// refKey is the struct of cols when a composite foreign key refers to
// them and they are not the table's key, or nil.
func (tb *table) refKey(cols []*model.Column) *refKey {
	for _, rk := range tb.refKeys {
		if sameCols(rk.cols, cols) {
			return rk
		}
	}
	return nil
}

// refKeyType names the struct of the columns fk refers to.
func (g *gen) refKeyType(fk *model.ForeignKey) string {
	parent := g.info[fk.RefTable]
	if rk := parent.refKey(fk.RefColumns); rk != nil {
		return rk.Type
	}
	return parent.KeyType
}

// refKeyTypes declares the structs of the column sets composite foreign
// keys refer to besides tb's key, by which batch loading keys its maps.
// A row with a NULL in such a column set has no key: no foreign key
// matches it.
func (f *file) refKeyTypes(tb *table) {
	for _, rk := range tb.refKeys {
		f.docf("%s is the unique key (%s) of %s that foreign keys refer to.", rk.Type, columnNames(rk.cols), article(words(tb.t)))
		var fields []field
		for _, c := range rk.cols {
			fields = append(fields, field{f.g.n.field(c), f.baseGoType(c.Type), ""})
		}
		f.decl(structType(rk.Type, fields))
	}
}

// keyAt are the positions among the scan targets of a row of t (after
// skip others) of the foreign key columns cols, by which a batch method's
// map is keyed: the one column, or one per field of the struct of a
// composite key, in the struct's order (the columns of the referenced
// key, refs, or of its table's key).
func (g *gen) keyAt(t *model.Table, skip int, cols, refs []*model.Column, composite bool) []jen.Code {
	if !composite {
		return []jen.Code{jen.Lit(skip + columnIndex(t, cols[0]))}
	}
	var fields []*model.Column
	parent := g.info[refs[0].Table]
	if rk := parent.refKey(refs); rk != nil {
		fields = rk.cols
	} else {
		fields = parent.key
	}
	at := make([]jen.Code, len(fields))
	for j, kc := range fields {
		for i, rc := range refs {
			if rc == kc {
				at[j] = jen.Lit(skip + columnIndex(t, cols[i]))
			}
		}
	}
	return at
}

// batchInput is how a method over many parents takes their keys: the
// parameter (a slice of the key column's Go type, or of the struct of a
// composite key), the statements filling one local slice per key column
// from it, and the arrays the query gets.
type batchInput struct {
	keyed     bool // whether every key column can key a Go map (mapKey)
	composite bool
	keyType   batchKey
	param     string
	prep      []jen.Code
	arrays    []jen.Code
}

// batchKeys declares the parameter of a method over many parents of fk;
// call it after the method's name is declared.
func (f *file) batchKeys(fk *model.ForeignKey) batchInput {
	g := f.g
	in := batchInput{keyed: true, composite: len(fk.Columns) > 1}
	for _, c := range fk.Columns {
		in.keyed = in.keyed && mapKey(c.Type)
	}
	params := g.n.params()
	if !in.composite {
		in.keyType = batchKey{typ: f.baseGoType(fk.Columns[0].Type)}
		in.param = params.batchParam(fk.Columns[0])
		in.arrays = []jen.Code{jen.Id(in.param)}
		return in
	}
	in.keyType = batchKey{name: g.refKeyType(fk)}
	in.param = params.batchKeysParam(fk.Role)
	var fill []jen.Code
	for i, c := range fk.Columns {
		local := params.batchParam(c)
		in.prep = append(in.prep, jen.Id(local).Op(":=").Make(jen.Index().Add(f.baseGoType(fk.RefColumns[i].Type)), jen.Len(jen.Id(in.param))))
		fill = append(fill, jen.Id(local).Index(jen.Id("i")).Op("=").Add(sel("k", g.n.field(fk.RefColumns[i]))))
		in.arrays = append(in.arrays, jen.Id(local))
	}
	in.prep = append(in.prep, jen.For(jen.List(jen.Id("i"), jen.Id("k")).Op(":=").Range().Id(in.param)).Block(fill...))
	return in
}

// batchKey is the type of a batch method's keys: the struct of a
// composite key's columns, by name, or the one column's Go type.
type batchKey struct {
	name string
	typ  *jen.Statement
}

func (k batchKey) code() jen.Code {
	if k.typ != nil {
		return k.typ.Clone()
	}
	return jen.Id(k.name)
}

// batchSQL is the query of a batch method: by map key, or numbering the
// keys WITH ORDINALITY (see batch).
func (g *gen) batchSQL(child *table, fk *model.ForeignKey, keyed bool) string {
	if keyed {
		order := " ORDER BY " + colList(thenCols(fk.Columns, child.key), "")
		return fmt.Sprintf("SELECT %s FROM %s%s", colList(child.t.Columns, ""), g.batchFrom(child, fk, keyed, "", ""), order)
	}
	order := " ORDER BY k.i"
	if child.key != nil {
		order += ", " + colList(child.key, "c")
	}
	return fmt.Sprintf("SELECT k.i, %s FROM %s%s", colList(child.t.Columns, "c"), g.batchFrom(child, fk, keyed, "", ""), order)
}

// batchFrom is the FROM and WHERE of a query over the children of many
// parents, whose keys are one array parameter per key column: the child
// table (as alias, when given) with a condition on its foreign key when
// keyed, or else the keys numbered WITH ORDINALITY (k.i) joined to the
// children (as alias, or c). join is SQL joined after the child table.
func (g *gen) batchFrom(child *table, fk *model.ForeignKey, keyed bool, alias, join string) string {
	// A composite key's arrays hold the referenced key's values, of its
	// type: an FK column may be narrower (integer toward bigint), and
	// PostgreSQL compares the two.
	casts := make([]string, len(fk.Columns))
	for i, c := range fk.Columns {
		if len(fk.Columns) > 1 {
			c = fk.RefColumns[i]
		}
		casts[i] = g.arrayParam(i+1, c)
	}
	if keyed {
		table := g.tableSQL(child.t)
		if alias != "" {
			table += " AS " + alias
		}
		arg := "$1"
		if fk.Columns[0].Type.ComparedAs().Base == model.EnumType {
			arg = casts[0]
		}
		where := fmt.Sprintf("%s = ANY(%s)", g.cmpCol(alias, fk.Columns[0]), arg)
		if len(fk.Columns) > 1 {
			where = fmt.Sprintf("(%s) IN (SELECT * FROM unnest(%s))", g.cmpList(fk.Columns, alias), joinComma(casts))
		}
		return fmt.Sprintf("%s%s WHERE %s", table, join, where)
	}
	if alias == "" {
		alias = "c"
	}
	kcols := make([]string, len(fk.Columns))
	on := make([]string, len(fk.Columns))
	for i, c := range fk.Columns {
		kcols[i] = fmt.Sprintf("k%d", i+1)
		on[i] = fmt.Sprintf("%s = k.k%d", g.cmpCol(alias, c), i+1)
	}
	return fmt.Sprintf("unnest(%s) WITH ORDINALITY AS k(%s, i) JOIN %s AS %s ON %s%s",
		joinComma(casts), joinComma(kcols), g.tableSQL(child.t), alias, joinAnd(on), join)
}

// arrayParam is the SQL of parameter i, an array of column c's values.
// pgx knows no enum type of the schema, so an enum array travels as text[]
// and PostgreSQL casts it; for a domain over an enum, to the enum's array,
// which the column compares with as the enum (see cmpCol).
func (g *gen) arrayParam(i int, c *model.Column) string {
	if cast := g.enumArrayCast(c.Type); cast != "" {
		return fmt.Sprintf("$%d%s", i, cast)
	}
	return fmt.Sprintf("$%d::%s[]", i, g.s.TypeSQL(c.Type))
}

func joinComma(parts []string) string { return strings.Join(parts, ", ") }

// junction generates the M:N helpers: Link, which adds a pair or, for a
// pair already linked, writes the relationship's attributes; Unlink; the
// one link by its key; and the other side's rows through the junction,
// with its attributes, both ways, for one row and for many.
//
// A junction's link key is the pair of foreign keys, or for a junction
// keyed by line number (key line) its primary key: the same pair may
// then be on several lines, Link writes the line with its key and Unlink
// removes that one line.
func (f *file) junction(jt *table) {
	g := f.g
	t := jt.t
	rel := t.Relationship
	key := linkKey(t)
	cols := insertable(t)
	link := g.n.link(jt)
	params := g.n.paramsType(link)
	f.paramsStruct(params, fmt.Sprintf("%s is the input of %s: the pair and the relationship's attributes.", params, link), cols)
	insert, set := g.upsertParts(t, cols, key)
	if len(set) == 0 {
		sql := f.sqlConst(link, fmt.Sprintf("%s ON CONFLICT (%s) DO NOTHING", insert, colList(key, "")))
		f.docf("%s links %s and %s (%s). Linking a linked pair", link, article(rel.Roles[0]), article(rel.Roles[1]), rel.Label())
		f.doc("changes nothing: it reports whether a link was added.")
		f.method(link, []jen.Code{jen.Id("p").Id(params)}, jen.Params(jen.Bool(), jen.Error()), exec("execAny", "opInsert", sql, g.fieldArgs(cols, "p")))
	} else {
		// xmax is 0 in a row version the statement inserted, and the
		// locking transaction where ON CONFLICT updated the row.
		sql := f.sqlConst(link, fmt.Sprintf("%s ON CONFLICT (%s) DO UPDATE SET %s RETURNING t.xmax = 0", insert, colList(key, ""), strings.Join(set, ", ")))
		f.docf("%s links %s and %s (%s), or when the %s", link, article(rel.Roles[0]), article(rel.Roles[1]), rel.Label(), linkWords(t, key))
		f.doc("is linked already, writes p's attributes to the link (one with a default")
		f.doc("stays as it is when its field is nil). It reports whether a link was added.")
		f.method(link, []jen.Code{jen.Id("p").Id(params)}, jen.Params(jen.Bool(), jen.Error()),
			jen.Return(jen.Id("queryBool").Call(codes([]jen.Code{jen.Id("ctx"), jen.Id("q").Dot("db"), jen.Id("opInsert"), sql}, g.fieldArgs(cols, "p")...)...)))
	}

	unlink := g.n.unlink(jt)
	sql := f.sqlConst(unlink, fmt.Sprintf("DELETE FROM %s WHERE %s", g.tableSQL(t), g.whereEq(key, "", 1)))
	decl, use := f.keyParams(key)
	f.docf("%s removes the link between %s and %s (%s)", unlink, article(rel.Roles[0]), article(rel.Roles[1]), rel.Label())
	f.docf("with the given %s and reports whether there was one.", columnNames(key))
	f.method(unlink, decl, jen.Params(jen.Bool(), jen.Error()), exec("execAny", "opDelete", sql, use))

	get := g.n.get(jt)
	f.getBy(jt, get, fmt.Sprintf("%s returns the link (%s) with the given %s, or ErrNotFound.", get, rel.Label(), columnNames(key)), key)

	for side := range 2 {
		f.through(jt, side)
		f.throughBatch(jt, side)
	}
}

// linkKey is the key Link and Unlink find a link by: the pair of foreign
// keys, or the primary key of a junction keyed by line number, where the
// pair is not unique.
func linkKey(t *model.Table) []*model.Column {
	fks := t.Relationship.ForeignKeys
	pair := append(append([]*model.Column{}, fks[0].Columns...), fks[1].Columns...)
	if t.PrimaryKey == nil || sameCols(t.PrimaryKey.Columns, pair) {
		return pair
	}
	for _, k := range t.Uniques {
		if sameCols(k.Columns, pair) {
			return pair
		}
	}
	return t.PrimaryKey.Columns
}

// linkWords names what Link finds a link by, in its comment.
func linkWords(t *model.Table, key []*model.Column) string {
	fks := t.Relationship.ForeignKeys
	if len(key) == len(fks[0].Columns)+len(fks[1].Columns) && allIn(fks[0].Columns, key) && allIn(fks[1].Columns, key) {
		return "pair"
	}
	return "line (" + columnNames(key) + ")"
}

// through lists the rows on the far side of a junction for one row on the
// near side, each with its junction row.
func (f *file) through(jt *table, side int) {
	g := f.g
	t := jt.t
	rel := t.Relationship
	near, far := rel.ForeignKeys[side], rel.ForeignKeys[1-side]
	other := g.info[far.RefTable]
	row := jt.through[side]
	f.docf("%s is %s linked through %s, with the link's own columns.", row.Type, article(far.Role), t.Name)
	f.decl(structType(row.Type, []field{{row.Far, jen.Id(other.Struct), ""}, {row.Link, jen.Id(jt.Struct), ""}}))
	f.decl(rowMethod(row.Type, "scanDest", jen.Index().Any(),
		jen.Return(jen.Append(sel("r", row.Far).Dot("scanDest").Call(), sel("r", row.Link).Dot("scanDest").Call().Op("...")))))
	name := g.n.through(jt, near, far)
	on := make([]string, len(far.Columns))
	for i := range far.Columns {
		on[i] = fmt.Sprintf("%s = %s", g.cmpCol("x", far.RefColumns[i]), g.cmpCol("j", far.Columns[i]))
	}
	order := ""
	if jt.key != nil {
		order = " ORDER BY " + colList(jt.key, "j")
	}
	sql := f.sqlConst(name, fmt.Sprintf("SELECT %s, %s FROM %s AS j JOIN %s AS x ON %s WHERE %s%s",
		colList(other.t.Columns, "x"), colList(t.Columns, "j"), g.tableSQL(t), g.tableSQL(other.t), joinAnd(on), g.whereEq(near.Columns, "j", 1), order))
	decl, use := f.keyParams(near.Columns)
	f.docf("%s returns the %s linked to the %s with the given %s", name, plural(far.Role), near.Role, columnNames(near.RefColumns))
	f.docf("(%s), each with its %s.", rel.Label(), jt.Struct)
	f.method(name, decl, jen.Params(jen.Index().Id(row.Type), jen.Error()), collect(row.Type, codes([]jen.Code{sql}, use...)...)...)
}

func joinAnd(parts []string) string {
	s := ""
	for i, p := range parts {
		if i > 0 {
			s += " AND "
		}
		s += p
	}
	return s
}
