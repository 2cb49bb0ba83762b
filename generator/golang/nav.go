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
	parentSQL := f.sqlConst(name+"Parent", g.selectAll(parent)+" WHERE "+g.whereEq(fk.RefColumns, "", 1))
	where := g.selectAll(child) + " WHERE " + g.whereEq(fk.Columns, "", 1)
	if !one {
		where += child.orderBy("")
	}
	childrenSQL := f.sqlConst(name+"Children", where)

	composite := len(fk.Columns) > 1
	keyType, args, keyed := f.refKeyOf(fk)
	childType := jen.Id(child.Struct)
	children := jen.Code(childType) // and what a batch has per key
	if !one {
		children = jen.Index().Add(childType)
	}
	perKey := children
	batch, counts := noType, noType
	batchSQL, keyAt, countSQL := noSQL, nilValue, noSQL
	if batchable(fk) {
		batchSQL = f.sqlConst(name+"Batch", g.batchSQL(child, fk, keyed))
		if keyed {
			batch = jen.Map(keyType).Add(perKey)
			keyAt = f.intsLit(g.keyAt(child.t, 0, fk.Columns, fk.RefColumns, composite))
		} else if one {
			batch = jen.Index().Op("*").Add(childType)
		} else {
			batch = jen.Index().Add(perKey)
		}
		if !one {
			countSQL = f.sqlConst(name+"Count", g.countSQL(child, fk, keyed))
			counts = int64s
			if keyed {
				counts = jen.Map(keyType).Int64()
			}
		}
	}
	f.refDoc(name, child, fk, keyed)
	f.decl(jen.Var().Id(name).Op("=").Op("&").Id("Ref").Types(childType, jen.Id(parent.Struct), keyType, children, batch, counts).
		Values(inFieldOrder[fixed.Ref[any, any, any, any, any, any]](map[string]jen.Code{
			"parentSQL": parentSQL, "fk": f.intsLit(columnPositions(child.t, fk.Columns)),
			"childrenSQL": childrenSQL, "args": args, "batchSQL": batchSQL, "keyAt": keyAt, "countSQL": countSQL,
		})...))
}

// refDoc documents the Ref of a foreign key: what each of the runtime's
// functions gives for it.
func (f *file) refDoc(name string, child *table, fk *model.ForeignKey, keyed bool) {
	g := f.g
	parent := g.info[fk.RefTable]
	rel := fk.Relationship
	// Written into one buffer: a package has a Ref per foreign key.
	var b strings.Builder
	b.Grow(512)
	text := b.WriteString
	text(name + " is the foreign key of " + g.tableSQL(child.t) + " to " + g.tableSQL(parent.t) + " (" + rel.Label() + ").")
	text(" ParentOf gives the " + fk.Role + " of " + article(words(child.t)))
	if !fk.Required() {
		text(", or ErrNotFound when it has none")
	}
	text("; ChildrenOf, given the " + columnNames(fk.RefColumns) + " of " + article(fk.Role) + ", its ")
	switch {
	case rel.Card == model.OneToOne:
		text(words(child.t) + ", or ErrNotFound.")
	case child.key != nil:
		text(pluralWords(child.t) + " in key order (" + columnNames(child.key) + ").")
	default:
		text(pluralWords(child.t) + ".")
	}
	switch {
	case !batchable(fk):
		text(" Its key has an array column, so it has no query over many " + plural(fk.Role) + ".")
	case keyed:
		keyedBy := columnNames(fk.Columns)
		if len(fk.Columns) > 1 {
			keyedBy = g.refKeyType(fk) + " (" + columnNames(g.info[fk.RefTable].keyCols(fk.RefColumns)) + ")"
		}
		text(" ChildrenOfMany loads them for many " + plural(fk.Role) + " in one query, keyed by " + keyedBy + ": " + article(fk.Role) + " without any has no entry.")
	default:
		text(" ChildrenOfMany loads them for many " + plural(fk.Role) + " in one query, those of keys[i] at i: PostgreSQL matches the keys, as the foreign key does; Go's == would not.")
	}
	if batchable(fk) && rel.Card != model.OneToOne {
		text(" CountChildrenOf counts them, the same way.")
	}
	f.doc(wrapText(b.String(), 76))
}

// refKeyOf is how a Ref or Through takes the key fk refers to: its Go
// type (the one column's, or the struct of a composite key), the field of
// that struct for each column of fk (nil for one column, see keyFields),
// and whether a batch over many keys returns a map by it (a key column
// that is an array has no batch; see batchable and mapKey).
func (f *file) refKeyOf(fk *model.ForeignKey) (keyType, args jen.Code, keyed bool) {
	keyed = batchable(fk)
	for _, c := range fk.Columns {
		keyed = keyed && mapKey(c.Type)
	}
	if len(fk.Columns) == 1 {
		return f.baseGoType(fk.Columns[0].Type), nilValue, keyed
	}
	return jen.Id(f.g.refKeyType(fk)), f.intsLit(f.g.keyFields(fk)), keyed
}

// columnPositions are the positions of cols among the columns of t, the
// scan targets of its rows.
func columnPositions(t *model.Table, cols []*model.Column) []int {
	out := make([]int, len(cols))
	for i, c := range cols {
		out[i] = columnIndex(t, c)
	}
	return out
}

// keyFields are, for each column of a composite foreign key, the field of
// the struct of the key it refers to (see refKeyType) holding its value.
func (g *gen) keyFields(fk *model.ForeignKey) []int {
	fields := g.info[fk.RefTable].structOf(fk.RefColumns).cols
	out := make([]int, len(fk.RefColumns))
	for i, rc := range fk.RefColumns {
		out[i] = slices.Index(fields, rc)
	}
	return out
}

// mapKey reports whether a column's Go type can key the map a batch
// function returns: Go's == on the values must be PostgreSQL's = on them,
// or a caller's lookup would miss rows the query found. Only the types
// whose = is equality of their Go values may: integers, boolean, uuid,
// inet and cidr, enums, and text and varchar in a collation that compares
// bytes (the default, C, POSIX or ucs_basic; a nondeterministic collation
// finds other spellings equal, and ergen knows a collation by its name
// alone). Every other type takes the keys in order: those Go cannot
// compare (numeric holds a *big.Int; bytea, json and arrays are slices),
// those whose Go equality differs from the SQL one (time.Time compares
// the location, so 12:00Z and 13:00+01 differ; intervals compare fields,
// 1 day = 24 hours in SQL; char(n) ignores trailing spaces in SQL; a float
// NaN equals itself in SQL only; a pgtype.Time is NULL unless Valid is
// set), citext, whose = ignores case, and any other type ergen knows by
// name only or whose Go type a `go` clause chose, whose equality it
// cannot know.
func mapKey(t model.Type) bool {
	u := t.Underlying() // a domain compares as its base type
	if u.Array > 0 || chosenGoType(u) != "" || !bytewiseCollation(t.Collation) || !bytewiseCollation(t.TypeCollation()) {
		return false
	}
	switch u.Base {
	case model.Smallint, model.Integer, model.Bigint, model.Smallserial, model.Serial, model.Bigserial,
		model.Boolean, model.UUID, model.Inet, model.Cidr, model.EnumType, model.Text, model.Varchar:
		return true
	}
	return false
}

// bytewiseCollation reports whether a collation, named as a column or a
// domain names it, is one of PostgreSQL's own whose = compares bytes: ""
// (the database's, which PostgreSQL requires to be deterministic),
// default, C, POSIX and ucs_basic. Any other may have been created
// nondeterministic.
func bytewiseCollation(name string) bool {
	switch name {
	case "", "default", "C", "POSIX", "ucs_basic":
		return true
	}
	return false
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

// refKey is the struct of the composite key cols when it is not the
// table's key (KeyType), or nil; never the struct of a NULLS NOT
// DISTINCT key (see nullsKey), whose pointers could not key a map. Keys
// are matched as sets of columns: a foreign key may list the columns it
// refers to in another order than their key, and it refers to the same
// rows, so that its batches are keyed by the same struct.
func (tb *table) refKey(cols []*model.Column) *refKey {
	for _, rk := range tb.refKeys {
		if !rk.nulls && model.SameColumns(rk.cols, cols) {
			return rk
		}
	}
	return nil
}

// nullsKey is the struct Get takes for the composite NULLS NOT DISTINCT
// key cols of tb (see nullsMatch), or nil.
func (tb *table) nullsKey(cols []*model.Column) *refKey {
	for _, rk := range tb.refKeys {
		if rk.nulls && model.SameColumns(rk.cols, cols) {
			return rk
		}
	}
	return nil
}

// structOf is the struct of the composite key cols of tb: its own key's
// (KeyType) or another's (see refKey), whose fields may come in another
// order than cols. names.planKeys declares one for every composite key a
// statement takes.
func (tb *table) structOf(cols []*model.Column) *refKey {
	if model.SameColumns(cols, tb.key) {
		return &refKey{cols: tb.key, Type: tb.KeyType}
	}
	return tb.refKey(cols)
}

// keyCols is the key cols of tb in the order a statement takes its
// values: that of the fields of its struct for a composite key (see
// structOf), cols for a key of one column.
func (tb *table) keyCols(cols []*model.Column) []*model.Column {
	if len(cols) < 2 {
		return cols
	}
	return tb.structOf(cols).cols
}

// keyOrder is cols in the order of the key of tb they are the columns of
// (its primary or a unique key), or cols as they are: the order of the
// fields of the key's struct, whichever statement declares it first.
func (tb *table) keyOrder(cols []*model.Column) []*model.Column {
	keys := tb.t.Uniques
	if tb.t.PrimaryKey != nil {
		keys = append([]*model.Key{tb.t.PrimaryKey}, keys...)
	}
	for _, k := range keys {
		if model.SameColumns(k.Columns, cols) {
			return k.Columns
		}
	}
	return cols
}

// refKeyType names the struct of the columns fk refers to.
func (g *gen) refKeyType(fk *model.ForeignKey) string {
	return g.info[fk.RefTable].structOf(fk.RefColumns).Type
}

// refKeyTypes declares the structs of the column sets composite foreign
// keys refer to besides tb's key, by which batch loading keys its maps.
// A row with a NULL in such a column set has no key: no foreign key
// matches it (MATCH SIMPLE: a NULL in a foreign key skips the check, so
// a child with NULL never refers to the parent whose key column is NULL,
// even under NULLS NOT DISTINCT). The struct Get takes for a NULLS NOT
// DISTINCT key (see nullsMatch) is the exception: there a NULL is a value
// of the key, and a nullable column's field a pointer, nil for NULL.
func (f *file) refKeyTypes(tb *table) {
	for _, rk := range tb.refKeys {
		text := fmt.Sprintf("%s holds the columns of the key (%s) of %s.", rk.Type, columnNames(rk.cols), article(words(tb.t)))
		if rk.nulls {
			text = wrapText(text+" Its NULLs are not distinct: a nil field is NULL, and finds the row whose column is NULL.", 76)
		}
		f.doc(text)
		var fields []field
		for _, c := range rk.cols {
			typ := f.baseGoType(c.Type)
			if rk.nulls {
				typ = f.columnGoType(c)
			}
			fields = append(fields, field{f.g.n.field(c), typ, ""})
		}
		f.decl(structType(rk.Type, fields))
	}
}

// keyAt are the positions among the scan targets of a row of t (after
// skip others) of the foreign key columns cols, by which a batch's
// map is keyed: the one column, or one per field of the struct of a
// composite key, in the struct's order (the columns of the referenced
// key, refs, or of its table's key).
func (g *gen) keyAt(t *model.Table, skip int, cols, refs []*model.Column, composite bool) []int {
	if !composite {
		return []int{skip + columnIndex(t, cols[0])}
	}
	fields := g.info[refs[0].Table].structOf(refs).cols
	at := make([]int, len(fields))
	for j, kc := range fields {
		for i, rc := range refs {
			if rc == kc {
				at[j] = skip + columnIndex(t, cols[i])
			}
		}
	}
	return at
}

// batchSQL is the query of the children of many parents: by map key, or
// numbering the keys WITH ORDINALITY (see ref).
func (g *gen) batchSQL(child *table, fk *model.ForeignKey, keyed bool) string {
	if keyed {
		order := " ORDER BY " + colList(thenCols(fk.Columns, child.key), "")
		return "SELECT " + child.allColumns() + " FROM " + g.batchFrom(child, fk, keyed, "", "") + order
	}
	order := " ORDER BY k.i"
	if child.key != nil {
		order += ", " + colList(child.key, "c")
	}
	return "SELECT k.i, " + colList(child.t.Columns, "c") + " FROM " + g.batchFrom(child, fk, keyed, "", "") + order
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
		where := g.cmpCol(alias, fk.Columns[0]) + " = ANY(" + arg + ")"
		if len(fk.Columns) > 1 {
			where = "(" + g.cmpList(fk.Columns, alias) + ") IN (SELECT * FROM unnest(" + joinComma(casts) + "))"
		}
		return table + join + " WHERE " + where
	}
	if alias == "" {
		alias = "c"
	}
	kcols := make([]string, len(fk.Columns))
	on := make([]string, len(fk.Columns))
	for i, c := range fk.Columns {
		kcols[i] = "k" + strconv.Itoa(i+1)
		on[i] = g.cmpCol(alias, c) + " = k." + kcols[i]
	}
	return "unnest(" + joinComma(casts) + ") WITH ORDINALITY AS k(" + joinComma(kcols) + ", i) JOIN " +
		g.tableSQL(child.t) + " AS " + alias + " ON " + joinAnd(on) + join
}

// arrayParam is the SQL of parameter i, an array of column c's values.
// pgx knows no enum type of the schema, so an enum array travels as text[]
// and PostgreSQL casts it; for a domain over an enum, to the enum's array,
// which the column compares with as the enum (see cmpCol). Other values
// are cast without a length or precision (see model.Schema.CompareSQL):
// a key longer than a char(4) column, cut to four letters, would find the parent whose
// key they are, and a key of 1.005 rounded to a numeric(10,2) that of 1.01.
// A domain's keys are cast to its base type, not to the domain: the keys
// are only compared, and a cast to the domain would run its checks, so
// that one key no row could hold failed the whole batch rather than find
// nothing. The column still compares by its base type's operator, which
// its index serves.
func (g *gen) arrayParam(i int, c *model.Column) string {
	if cast := g.enumArrayCast(c.Type); cast != "" {
		return "$" + strconv.Itoa(i) + cast
	}
	return "$" + strconv.Itoa(i) + "::" + g.s.CompareSQL(c.Type.Underlying().Referencing()) + "[]" // bigint[], not bigserial[]
}

func joinComma(parts []string) string { return strings.Join(parts, ", ") }

// junction declares the Junction of an M:N relationship (see
// runtime/link.go): Link, which adds a pair or, for a pair already
// linked, writes the relationship's attributes; Unlink; the one link by
// its key (GetLink); and a Through per side, the other side's rows
// through the junction, with its attributes, for one row and for many.
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
	// A junction's surrogate key (key surrogate), a BY DEFAULT identity,
	// is the database's: Link finds a link by its pair.
	cols := slices.DeleteFunc(insertable(t), func(c *model.Column) bool { return c.Identity == model.IdentityByDefault })
	link := g.n.link(jt)
	params := g.n.paramsType(link)
	f.paramsStruct(params, fmt.Sprintf("%s is what Link writes: the pair and the relationship's attributes.", params), cols)
	insert, set := g.upsertParts(g.newInsert(t, cols), key, false)
	var linkSQL jen.Code
	if set == "" {
		linkSQL = f.sqlConst(link, insert+" ON CONFLICT ("+colList(key, "")+") DO NOTHING")
	} else {
		// xmax is 0 in a row version the statement inserted, and the
		// locking transaction where ON CONFLICT updated the row.
		linkSQL = f.sqlConst(link, insert+" ON CONFLICT ("+colList(key, "")+") DO UPDATE SET "+set+" RETURNING t.xmax = 0")
	}
	unlink := f.sqlConst(g.n.unlink(jt), "DELETE FROM "+g.tableSQL(t)+" WHERE "+g.whereEq(jt.keyCols(key), "", 1))
	get := f.sqlConst(g.n.get(jt), g.selectAll(jt)+" WHERE "+g.whereEq(jt.keyCols(key), "", 1))

	jt.Var = g.n.tableVar(jt)
	text := fmt.Sprintf("%s is the junction %s of %s, for Link, Unlink and GetLink (see Junction), which find a link by its %s.", jt.Var, g.tableSQL(t), rel.Label(), linkWords(t, key))
	if len(set) == 0 {
		text += " Linking a linked pair changes nothing."
	} else {
		kept := "when its field is nil"
		if slices.ContainsFunc(cols, nullDefault) {
			kept = "when its field is nil, or its Opt unset"
		}
		text += " Linking a linked pair writes the attributes given (one with a default stays as it is " + kept + ")."
	}
	f.doc(wrapText(text, 76))
	f.decl(jen.Var().Id(jt.Var).Op("=").Op("&").Id("Junction").Types(jen.Id(jt.Struct), f.keyGoType(jt, key), jen.Id(params)).
		Values(inFieldOrder[fixed.Junction[any, any, any]](map[string]jen.Code{
			"linkSQL": linkSQL, "returning": boolLit(len(set) > 0), "unlinkSQL": unlink, "getSQL": get, "composite": boolLit(len(key) > 1),
		})...))

	for side := range 2 {
		f.through(jt, side)
	}
}

// linkKey is the key Link and Unlink find a link by: the pair of foreign
// keys, or the primary key of a junction keyed by line number, where the
// pair is not unique.
func linkKey(t *model.Table) []*model.Column {
	fks := t.Relationship.ForeignKeys
	pair := append(append([]*model.Column{}, fks[0].Columns...), fks[1].Columns...)
	if t.PrimaryKey == nil || slices.Equal(t.PrimaryKey.Columns, pair) {
		return pair
	}
	for _, k := range t.Uniques {
		if slices.Equal(k.Columns, pair) {
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

// through declares the Through of one side of a junction: the rows on
// the far side for a row on the near side, each with its junction row,
// and the same for many near rows in one query, taking their keys as
// batch loading does (see Ref): by the near key when it can key a Go map
// (the struct of a composite one), else in the order of the keys,
// numbered WITH ORDINALITY.
func (f *file) through(jt *table, side int) {
	g := f.g
	t := jt.t
	rel := t.Relationship
	near, far := rel.ForeignKeys[side], rel.ForeignKeys[1-side]
	other := g.info[far.RefTable]
	row := jt.through[side]
	f.docf("%s is %s linked through %s, with the link's own columns.", row.Type, article(far.Role), t.Name)
	f.decl(structType(row.Type, []field{{row.Far, jen.Id(other.Struct), ""}, {row.Link, jen.Id(jt.Struct), ""}}))
	f.decl(scanDestMethod(row.Type, sel("r", row.Link).Dot("scanDest").Call(sel("r", row.Far).Dot("scanDest").Call(jen.Id("dest")))))
	name := g.n.through(jt, near, far)
	on := make([]string, len(far.Columns))
	for i := range far.Columns {
		on[i] = g.cmpCol("x", far.RefColumns[i]) + " = " + g.cmpCol("j", far.Columns[i])
	}
	join := " JOIN " + g.tableSQL(other.t) + " AS x ON " + joinAnd(on)
	order := ""
	if jt.key != nil {
		order = " ORDER BY " + colList(jt.key, "j")
	}
	cols := colList(other.t.Columns, "x") + ", " + colList(t.Columns, "j")
	sql := f.sqlConst(name, "SELECT "+cols+" FROM "+g.tableSQL(t)+" AS j"+join+" WHERE "+g.whereEq(near.Columns, "j", 1)+order)

	composite := len(near.Columns) > 1
	keyType, args, keyed := f.refKeyOf(near)
	batch, batchSQL, keyAt := noType, noSQL, nilValue
	if batchable(near) {
		from := g.batchFrom(jt, near, keyed, "j", join)
		if keyed {
			batchSQL = f.sqlConst(name+"Batch", "SELECT "+cols+" FROM "+from+" ORDER BY "+colList(thenCols(near.Columns, jt.key), "j"))
			batch = jen.Map(keyType).Index().Id(row.Type)
			// A row is the far side's columns, then the junction's.
			keyAt = f.intsLit(g.keyAt(t, len(other.t.Columns), near.Columns, near.RefColumns, composite))
		} else {
			order := " ORDER BY k.i"
			if jt.key != nil {
				order += ", " + colList(jt.key, "j")
			}
			batchSQL = f.sqlConst(name+"Batch", "SELECT k.i, "+cols+" FROM "+from+order)
			batch = jen.Index().Index().Id(row.Type)
		}
	}
	text := fmt.Sprintf("%s lists the %s linked to %s (%s), each with its %s: Linked, given the %s of %s, in the junction's key order; LinkedOfMany for many %s in one query",
		name, plural(far.Role), article(near.Role), rel.Label(), jt.Struct, columnNames(near.RefColumns), article(near.Role), plural(near.Role))
	switch {
	case !batchable(near):
		text += ": none, as the key has an array column."
	case keyed:
		keyedBy := columnNames(near.Columns)
		if composite {
			keyedBy = fmt.Sprintf("%s (%s)", g.refKeyType(near), columnNames(g.info[near.RefTable].keyCols(near.RefColumns)))
		}
		text += fmt.Sprintf(", keyed by %s: %s without any has no entry.", keyedBy, article(near.Role))
	default:
		text += ", those of keys[i] at i: PostgreSQL matches the keys, as the foreign key does; Go's == would not."
	}
	f.doc(wrapText(text, 76))
	f.decl(jen.Var().Id(name).Op("=").Op("&").Id("Through").Types(jen.Id(row.Type), keyType, batch).
		Values(inFieldOrder[fixed.Through[any, any, any]](map[string]jen.Code{"sql": sql, "args": args, "batchSQL": batchSQL, "keyAt": keyAt})...))
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
