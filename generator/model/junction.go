package model

import (
	"slices"

	"github.com/ergen-dev/ergen/dsl"
)

// manyToMany resolves an M:N relationship into its junction table.
// idx is the relationship's position in Schema.Relationships, which orders
// its junction among the tables.
func (r *resolver) manyToMany(rel *Relationship, d *dsl.RelationshipDecl, o *relOptions, idx int) {
	j, pkAttr := r.junctionTable(rel, o, idx)
	kind, keyName, ok := r.junctionKind(o, pkAttr)
	if !ok {
		return
	}
	rel.JunctionKey = kind
	keyCol := r.junctionKeyColumn(rel, j, kind, keyName)
	// Foreign keys, left side first; their columns lead the table.
	at := 0
	if kind == SurrogateKey {
		at = 1
		j.Columns = slices.DeleteFunc(j.Columns, func(c *Column) bool { return c == keyCol })
		j.Columns = slices.Insert(j.Columns, 0, keyCol)
	}
	var fkCols [2][]*Column
	for i, ent := range [2]*Entity{rel.Left, rel.Right} {
		s := &o.sides[i]
		refs, ok := r.refKey(rel, ent.Table, nil)
		if !ok {
			return
		}
		cols, ok := r.fkColumns(rel, j, rel.Roles[i], refs, s, &at)
		if !ok {
			return
		}
		for _, c := range cols {
			if c.Nullable {
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "junction column %s cannot be nullable", dsl.QuoteName(c.Name))
			}
		}
		fkCols[i] = cols
		r.foreignKey(rel, j, ent.Table, cols, refs, rel.Roles[i], s, o, i)
	}
	if kind == LineKey {
		// The line number follows the first side's columns.
		j.Columns = slices.DeleteFunc(j.Columns, func(c *Column) bool { return c == keyCol })
		j.Columns = slices.Insert(j.Columns, len(fkCols[0]), keyCol)
	}
	r.junctionKeys(rel, j, kind, keyCol, fkCols)
	r.keyName(j, o.key)
	// The block's unique and index clauses are resolved with the entities'.
	for _, l := range o.lists {
		l.table = j
		r.lists = append(r.lists, l)
	}
}

// JunctionName is the name ergen gives rel's junction table when the
// model names none: the left entity's snake_case name and the right
// one's plural (person_documents), before ShortenIdent cuts it to
// PostgreSQL's 63 bytes. The Go emitter makes the junction's Go names
// from it in full.
func (rel *Relationship) JunctionName() string { return junctionName(rel, SnakeCase, Plural) }

// junctionName is JunctionName with the snake_case and plural of the
// caller's (the resolver remembers each word's).
func junctionName(rel *Relationship, snake, plural func(string) string) string {
	return snake(rel.Left.Name) + "_" + plural(snake(rel.Right.Name))
}

// junctionTable creates rel's junction table with the relationship's own
// attributes, and returns the attribute marked pk, if any. The attributes
// come first so that FK columns can be declared among them (to give one a
// default, say).
func (r *resolver) junctionTable(rel *Relationship, o *relOptions, idx int) (j *Table, pkAttr *Column) {
	j = rel.Junction
	if j == nil {
		j = &Table{Pos: rel.Pos, NameAt: rel.Span, Name: ShortenIdent(junctionName(rel, r.snake, r.plural))}
	}
	if o.table != nil {
		j.Name = ShortenIdent(o.table.Unquote())
		j.NameAt = dsl.SpanOf(pos(o.table.Pos), pos(o.table.EndPos))
	}
	j.Relationship = rel
	j.Comment = o.comment
	j.order = len(r.s.Entities) + idx
	rel.Junction = j
	for _, a := range o.attributes {
		c, pk := r.attribute(j, a)
		if c == nil {
			continue
		}
		rel.Attributes = append(rel.Attributes, c)
		if pk {
			if pkAttr != nil {
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "junction %s has more than one attribute marked pk", dsl.QuoteName(j.Name))
				continue
			}
			pkAttr = c
		}
	}
	return j, pkAttr
}

// junctionKind is how the junction is keyed, from `key` and an attribute
// marked pk, and the name of its key column (composite keys have none);
// ok is false when the two disagree.
func (r *resolver) junctionKind(o *relOptions, pkAttr *Column) (kind JunctionKey, keyName string, ok bool) {
	kind = CompositeKey
	if o.key != nil {
		switch o.key.Kind {
		case "surrogate":
			kind, keyName = SurrogateKey, "id"
		case "line":
			kind, keyName = LineKey, "line_no"
		}
		if o.key.Column != nil {
			if kind == CompositeKey {
				p, e := at(o.key.Column)
				r.diags.Errorf(p, e, "a composite key is made of the two foreign keys and takes no column")
			}
			keyName = ColumnIdent(o.key.Column.Value)
		}
	}
	if pkAttr != nil {
		switch {
		case o.key == nil || o.key.Kind == "" && o.key.Column == nil: // `key as NAME` chooses no kind
			kind, keyName = SurrogateKey, pkAttr.Name
		case kind != SurrogateKey || keyName != pkAttr.Name:
			r.diags.Errorf(pkAttr.Pos, pkAttr.Pos.Advance(pkAttr.Name), "attribute %s is marked pk, but the junction has a %s key", dsl.QuoteName(pkAttr.Name), kind).
				Hintf("remove `pk`, or use `key surrogate (%s)`", pkAttr.Name)
			return kind, keyName, false
		}
	}
	return kind, keyName, true
}

// junctionKeyColumn is the surrogate or line-number column of the
// junction, declared among its attributes or added; nil for a composite
// key.
func (r *resolver) junctionKeyColumn(rel *Relationship, j *Table, kind JunctionKey, keyName string) *Column {
	if kind == CompositeKey {
		return nil
	}
	keyCol := j.Column(keyName)
	switch {
	case keyCol == nil && kind == SurrogateKey:
		keyCol = &Column{Pos: rel.Pos, Table: j, Name: keyName, Type: Type{Base: Bigint}, Identity: IdentityByDefault,
			IdentitySettings: DefaultSequenceSettings("bigint")}
		j.Columns = slices.Insert(j.Columns, 0, keyCol)
	case keyCol == nil:
		keyCol = &Column{Pos: rel.Pos, Table: j, Name: keyName, Type: Type{Base: Integer}}
		j.Columns = slices.Insert(j.Columns, 0, keyCol)
	case keyCol.Nullable:
		r.diags.Errorf(keyCol.Pos, keyCol.Pos.Advance(keyCol.Name), "key column %s cannot be nullable", dsl.QuoteName(keyCol.Name))
	}
	return keyCol
}

// junctionKeys gives the junction its primary key (and, with a surrogate
// key, the UNIQUE over the pair of FKs).
func (r *resolver) junctionKeys(rel *Relationship, j *Table, kind JunctionKey, keyCol *Column, fkCols [2][]*Column) {
	pkName := ObjectName(PrimaryKeyObject, j.Name)
	pair := append(slices.Clone(fkCols[0]), fkCols[1]...)
	switch kind {
	case CompositeKey:
		j.PrimaryKey = &Key{Pos: rel.Pos, Name: pkName, Columns: pair}
	case SurrogateKey:
		if n, ok := r.pkNames[keyCol]; ok {
			pkName = n
		}
		j.PrimaryKey = &Key{Pos: rel.Pos, Name: pkName, Columns: []*Column{keyCol}}
		j.Uniques = append(j.Uniques, &Key{Pos: rel.Pos, Name: ObjectName(UniqueObject, j.Name, columnsPart(pair)), Columns: pair})
	case LineKey:
		j.PrimaryKey = &Key{Pos: rel.Pos, Name: pkName, Columns: append(slices.Clone(fkCols[0]), keyCol)}
	}
}

// keyName gives the primary key a relationship makes (a junction's, a
// shared key) the name written with `key ... as NAME`.
func (r *resolver) keyName(t *Table, k *dsl.JunctionKey) {
	if k == nil || k.Name == nil || t.PrimaryKey == nil {
		return
	}
	name := ShortenIdent(k.Name.Value)
	if pk := t.PrimaryKey; pk.Name != ObjectName(PrimaryKeyObject, t.Name) && pk.Name != name {
		p, e := at(k.Name)
		r.diags.Errorf(p, e, "the primary key of %s is named twice: %s and %s", dsl.QuoteName(t.Label()), pk.Name, name).
			Hintf("keep one of the names")
		return
	}
	t.PrimaryKey.Name = name
}
