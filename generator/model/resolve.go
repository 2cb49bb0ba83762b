package model

import (
	"errors"
	"slices"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/ergen-dev/ergen/dsl"
)

var errUnknownType = errors.New("unknown type")

// Resolve checks a parsed file and builds its model. It reports every
// problem it finds, not just the first: a bad item is recorded and skipped,
// and checking goes on. When the diagnostics hold an error the model is
// incomplete and must not be emitted.
func Resolve(f *dsl.File) (*Schema, dsl.Diagnostics) {
	return resolve(f, false)
}

// ResolveConsuming is Resolve for a caller that is done with f once it
// returns: it takes each attribute out of f's tree as soon as it is a
// column. An entity's attributes are most of a file's tree, which is
// larger than the model (100 MB for 10,000 entities, against a model of
// 95 MB), and without them the collector can reclaim that part of the
// tree while the relationships and checks resolve, instead of holding
// the whole tree and the whole model at once.
func ResolveConsuming(f *dsl.File) (*Schema, dsl.Diagnostics) {
	return resolve(f, true)
}

func resolve(f *dsl.File, consume bool) (*Schema, dsl.Diagnostics) {
	entities := 0
	for _, d := range f.Decls {
		if d.Entity != nil {
			entities++
		}
	}
	r := &resolver{
		f:        f,
		s:        &Schema{File: f.Name},
		enums:    map[string]*Enum{},
		extPos:   map[string]dsl.Pos{},
		types:    map[string]*ExternalType{},
		domains:  map[string]*Domain{},
		entities: make(map[string]*Entity, entities),
		plurals:  make(map[string]string, entities),
		snakes:   make(map[string]string, entities),
		consume:  consume,
		columns:  columnIndex{},
		roles:    roleIndex{},
		uniques:  uniqueIndex{},
		hashes:   columnHashes{},
	}
	r.s.ExtensionPos = r.extPos
	r.resolve()
	return r.s, r.diags.Sort()
}

type resolver struct {
	f     *dsl.File
	s     *Schema
	diags dsl.Diagnostics

	enums    map[string]*Enum
	extPos   map[string]dsl.Pos // where each extension is declared
	entities map[string]*Entity
	// types holds the external types by the name they are used with:
	// declared ones, and each undeclared one at its first use.
	types map[string]*ExternalType
	// domains holds the declared domains by name; domainDecls is
	// parallel to s.Domains.
	domains     map[string]*Domain
	domainDecls []*dsl.DomainDecl

	entityDecls []*dsl.EntityDecl // parallel to s.Entities
	relDecls    []*dsl.RelationshipDecl
	arcDecls    []*pendingArc // exclusive arcs, split into relDecls
	// lists are entity-level unique/index clauses, resolved after the
	// relationships so that they may name FK columns.
	lists []pendingList
	// uniqueLists holds the pending unique lists of each table, for
	// `references`; built on first use.
	uniqueLists map[*Table][]*dsl.IndexDecl

	// columns finds the columns of a table by name while its attributes
	// are resolved.
	columns columnIndex

	// keyEnds, roles and uniques follow the keys added to each table
	// (relindex.go).
	keyEnds map[*Table]keyEnd
	roles   roleIndex
	uniques uniqueIndex
	// hashes are the hashes of columns by which uniques and each wide
	// table's coverIndex find column sets: one hash per column for both.
	hashes columnHashes

	// pkNames holds the names given with `pk as NAME` on an attribute,
	// for the primary key built from it.
	pkNames map[*Column]string

	// named holds the declared columns a 1:N or 1:1 names in its
	// `columns`, which other foreign keys may share; partial the
	// optional keys whose NOT NULL columns must turn out shared
	// (sharedcolumns.go).
	named   map[*Column]bool
	partial []partialKey

	// tables is allTables, fixed once the relationships are resolved.
	tables []*Table

	// plurals and snakes remember inflected words and snake_case names:
	// entity names recur in every relationship, and English inflection
	// runs a list of regular expressions per word.
	plurals map[string]string
	snakes  map[string]string

	// consume drops each attribute from f's tree once it is resolved
	// (see ResolveConsuming).
	consume bool
}

// plural is Plural, remembering each inflected word for this Resolve.
func (r *resolver) plural(snake string) string {
	i := strings.LastIndexByte(snake, '_')
	head, word := snake[:i+1], snake[i+1:]
	if word == "" {
		return snake
	}
	p, ok := r.plurals[word]
	if !ok {
		p = Plural(word)
		r.plurals[word] = p
	}
	if head == "" {
		return p
	}
	return head + p
}

// snake is SnakeCase, remembering each name for this Resolve.
func (r *resolver) snake(name string) string {
	s, ok := r.snakes[name]
	if !ok {
		s = SnakeCase(name)
		r.snakes[name] = s
	}
	return s
}

func pos(p lexer.Position) dsl.Pos { return dsl.FromLexer(p) }

// at returns the span of a name for diagnostics.
func at(n *dsl.Name) (dsl.Pos, dsl.Pos) { return pos(n.Pos), pos(n.EndPos) }

func (r *resolver) resolve() {
	r.declarations()
	r.sequences()
	r.domainBodies()
	for i, e := range r.s.Entities {
		r.entity(e, r.entityDecls[i])
	}
	r.splitArcs()
	r.relationships()
	r.arcs()
	r.tables = r.allTables()
	r.entityLists()
	r.partitions()
	r.exclusions()
	r.checkGenerated()
	r.checkCheckNames()
	r.checkIndexable()
	r.checkLimits()
	r.fkIndexes()
	r.checkNames()
	r.checkSequenceRefs()
	r.checkRequiredCycles()
	r.orderTables()
	r.cascadeWarnings()
	r.lookalikeWarnings()
	r.narrowWarnings()
	r.mixedScriptWarnings()
}

// declarations collects the schema, enums, entities and relationships, so
// that references may point forward.
func (r *resolver) declarations() {
	var schema *dsl.SchemaDecl
	for _, d := range r.f.Decls {
		switch {
		case d.Schema != nil:
			if schema != nil {
				r.schemaAgain(schema, d.Schema)
				continue
			}
			schema = d.Schema
			r.s.Name = ShortenIdent(d.Schema.Name.Value)
			r.s.NameSpan = dsl.SpanOf(at(d.Schema.Name))
		case d.Extension != nil:
			r.extension(d.Extension)
		case d.Type != nil:
			r.typeDecl(d.Type)
		case d.Domain != nil:
			r.domainDecl(d.Domain)
		case d.Enum != nil:
			r.enum(d.Enum)
		case d.Entity != nil:
			name := d.Entity.Name.Value
			p, e := at(d.Entity.Name)
			if prev, ok := r.entities[name]; ok {
				r.diags.Errorf(p, e, "duplicate entity %s", dsl.QuoteName(name)).Hintf("%s is already declared at %s", dsl.QuoteName(name), dsl.Where(prev.Pos, p))
				continue
			}
			if _, ok := r.enums[name]; ok {
				r.diags.Errorf(p, e, "entity %s has the name of an enum", dsl.QuoteName(name)).Hintf("rename one of them")
				continue
			}
			ent := &Entity{Pos: p, Name: name}
			ent.Table = &Table{Pos: p, NameAt: dsl.SpanOf(p, e), Entity: ent, order: len(r.s.Entities)}
			r.entities[name] = ent
			r.s.Entities = append(r.s.Entities, ent)
			r.entityDecls = append(r.entityDecls, d.Entity)
		case d.Relationship != nil:
			r.relDecls = append(r.relDecls, d.Relationship)
		}
	}
}

// schemaAgain checks a second schema declaration. Each file of a model
// split over several files may name the schema it describes, so the same
// name in another file is accepted; anything else is declared twice.
func (r *resolver) schemaAgain(first, d *dsl.SchemaDecl) {
	p, e := at(d.Name)
	fp, _ := at(first.Name)
	switch {
	case fp.File == p.File:
		r.diags.Errorf(p, e, "schema declared twice").Hintf("a file describes one PostgreSQL schema")
	case first.Name.Value != d.Name.Value:
		r.diags.Errorf(p, e, "schema %s differs from schema %s declared at %s", dsl.QuoteName(d.Name.Value), dsl.QuoteName(first.Name.Value), dsl.Where(fp, p)).
			Hintf("the files of a model describe one PostgreSQL schema")
	}
}

func (r *resolver) extension(d *dsl.ExtensionDecl) {
	name := d.Name.Unquote()
	p, e := pos(d.Name.Pos), pos(d.Name.EndPos)
	switch {
	case name == "":
		r.diags.Errorf(p, e, "empty extension name")
	case r.extPos[name] != (dsl.Pos{}):
		r.diags.Errorf(p, e, "extension %s declared twice", dsl.QuoteName(name)).Hintf("it is already declared at %s", dsl.Where(r.extPos[name], p))
	default:
		r.s.Extensions = append(r.s.Extensions, name)
		r.extPos[name] = p
	}
}

func (r *resolver) enum(d *dsl.EnumDecl) {
	name := d.Name.Value
	p, e := at(d.Name)
	if prev, ok := r.enums[name]; ok {
		r.diags.Errorf(p, e, "duplicate enum %s", dsl.QuoteName(name)).Hintf("%s is already declared at %s", dsl.QuoteName(name), dsl.Where(prev.Pos, p))
		return
	}
	en := &Enum{Pos: p, Name: name, SQLName: ShortenIdent(SnakeCase(name))}
	if d.Type != nil {
		en.SQLName = ShortenIdent(d.Type.Value)
	}
	seen := map[string]bool{}
	for _, v := range d.Values {
		label := (&dsl.String{Value: v.Value}).Unquote()
		vp, ve := pos(v.Pos), pos(v.EndPos)
		switch {
		case seen[label]:
			r.diags.Errorf(vp, ve, "duplicate value %s in enum %s", dsl.QuoteName(label), dsl.QuoteName(name))
		case label == "":
			r.diags.Errorf(vp, ve, "empty value in enum %s", dsl.QuoteName(name))
		case len(label) > MaxIdentLen:
			r.diags.Errorf(vp, ve, "enum value %s is longer than %d bytes", dsl.QuoteName(label), MaxIdentLen).Hintf("PostgreSQL limits enum labels to %d bytes", MaxIdentLen)
		default:
			en.Values = append(en.Values, label)
		}
		seen[label] = true
	}
	if len(d.Values) == 0 {
		r.diags.Errorf(p, e, "enum %s has no values", dsl.QuoteName(name)).Hintf("list its values: enum %s { a b c }", dsl.NameExcerpt(name))
	}
	r.enums[name] = en
	r.s.Enums = append(r.s.Enums, en)
}

// entity resolves an entity's attributes and table-level clauses.
func (r *resolver) entity(ent *Entity, d *dsl.EntityDecl) {
	t := ent.Table
	t.Name = ShortenIdent(r.plural(r.snake(ent.Name)))
	var pkClause *dsl.ColumnList
	var pkName *dsl.Name
	var pkAttrs []*Column
	var tableSet bool
	for _, it := range d.Items {
		switch {
		case it.Attribute != nil:
			if r.misreadClause(it.Attribute, true, false) {
				continue
			}
			c, pk := r.attribute(t, it.Attribute)
			if c != nil && pk {
				pkAttrs = append(pkAttrs, c)
			}
			if r.consume {
				it.Attribute = nil // nothing after this reads it
			}
		case it.PrimaryKey != nil:
			if pkClause != nil {
				r.diags.Errorf(pos(it.Pos), pos(it.PrimaryKey.Pos), "primary key declared twice in %s", dsl.QuoteName(ent.Name))
				continue
			}
			pkClause, pkName = it.PrimaryKey, it.PKName
		case it.Unique != nil:
			r.lists = append(r.lists, pendingList{t, "unique", it.Unique})
		case it.Index != nil:
			r.lists = append(r.lists, pendingList{t, "index", it.Index})
		case it.Check != nil:
			ck := &Check{Pos: pos(it.Pos), Expr: r.checkExpr(it.Check), NotValid: it.NotValid}
			if it.CheckName != nil {
				ck.Name, ck.Named = ShortenIdent(it.CheckName.Value), true
			}
			t.Checks = append(t.Checks, ck)
		case it.Comment != nil:
			t.Comment = it.Comment.Unquote()
		case it.Table != nil:
			name := it.Table.Unquote()
			if tableSet {
				r.diags.Errorf(pos(it.Table.Pos), pos(it.Table.EndPos), "table name given twice for %s", dsl.QuoteName(ent.Name))
			}
			if name == "" {
				r.diags.Errorf(pos(it.Table.Pos), pos(it.Table.EndPos), "empty table name")
				continue
			}
			tableSet = true
			t.Name = ShortenIdent(name)
			t.NameAt = dsl.SpanOf(pos(it.Table.Pos), pos(it.Table.EndPos))
		}
	}
	r.primaryKey(ent, pkClause, pkName, pkAttrs)
}

// primaryKey sets the primary key of ent's table from its `pk (...)`
// clause or its attributes marked pk, whichever it declares, and names it.
func (r *resolver) primaryKey(ent *Entity, pkClause *dsl.ColumnList, pkName *dsl.Name, pkAttrs []*Column) {
	t := ent.Table
	switch {
	case pkClause != nil && len(pkAttrs) > 0:
		r.diags.Errorf(pos(pkClause.Pos), pos(pkClause.EndPos), "primary key of %s declared both on attribute %s and as a list", dsl.QuoteName(ent.Name), dsl.QuoteName(pkAttrs[0].Name)).
			Hintf("keep one: `pk` on a single attribute, or `pk (a, b)` for a composite key")
	case pkClause != nil:
		cols, ok := r.columnList(t, pkClause, "primary key")
		if ok {
			t.PrimaryKey = &Key{Pos: pos(pkClause.Pos), Columns: cols}
		}
	case len(pkAttrs) > 1:
		c := pkAttrs[1]
		r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "%s has more than one attribute marked pk", dsl.QuoteName(ent.Name)).
			Hintf("for a composite key write `pk (%s, %s)` as its own line", pkAttrs[0].Name, c.Name)
	case len(pkAttrs) == 1:
		t.PrimaryKey = &Key{Pos: pkAttrs[0].Pos, Columns: pkAttrs}
	}
	if pk := t.PrimaryKey; pk != nil {
		for _, c := range pk.Columns {
			if c.Nullable {
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "primary key column %s cannot be nullable", dsl.QuoteName(c.Name)).
					Hintf("remove the ? after its type")
			}
		}
		pk.Name = ObjectName(PrimaryKeyObject, t.Name)
		if pkName != nil {
			pk.Name = ShortenIdent(pkName.Value)
		} else if n, ok := r.pkNames[pk.Columns[0]]; ok && len(pkAttrs) == 1 {
			pk.Name = n
		}
	}
}

// attribute resolves one attribute into a column of t; pk reports whether
// it was marked as the primary key.
func (r *resolver) attribute(t *Table, a *dsl.Attribute) (c *Column, pk bool) {
	np, ne := at(a.Name)
	// Attribute names also appear in the user's CHECK and default
	// expressions, which ergen does not rewrite. PostgreSQL cuts every
	// identifier in SQL text to 63 bytes, so a long attribute name is cut
	// the same way (not shortened with a hash) and the expressions still
	// name the column.
	name := ColumnIdent(a.Name.Value)
	if prev := r.columns.of(t, name); prev != nil {
		d := r.diags.Errorf(np, ne, "duplicate attribute %s in %s", dsl.QuoteName(a.Name.Value), dsl.QuoteName(t.Label()))
		if name != a.Name.Value {
			d.Hintf("PostgreSQL cuts names to %d bytes, and this one is then %s like the attribute at %d:%d", MaxIdentLen, dsl.QuoteName(name), prev.Pos.Line, prev.Pos.Column)
		}
		return nil, false
	}
	typ, ok := r.typeRef(a.Type)
	if !ok || r.typeFirst(a, typ) {
		return nil, false
	}
	c = &Column{Pos: np, Table: t, Name: name, Type: typ, Nullable: a.Type.Nullable, Declared: true}
	pk = r.attrOptions(t, c, a)
	r.checkAttribute(c, a)
	t.Columns = append(t.Columns, c)
	r.columns.add(t, c)
	return c, pk
}

// columnIndex finds the columns of tables by name while they are
// resolved: by a table's list while it is short, by a map of it once it
// is long, so that an entity of many thousand attributes, keys or
// indexes takes linear time, not quadratic.
type columnIndex map[*Table]*namedColumns

// namedColumns is the map of a long table's columns by name.
type namedColumns struct {
	byName map[string]*Column
	// n is len(t.Columns) when byName was last in step with it: a
	// column added or removed elsewhere makes of build byName again
	// (columns are renamed nowhere; they are reordered, which the map
	// does not see).
	n int
}

// of is t's column named name, or nil: the first, as Table.Column finds.
func (x columnIndex) of(t *Table, name string) *Column {
	if len(t.Columns) < indexFrom {
		return t.Column(name)
	}
	nc := x[t]
	if nc == nil {
		nc = &namedColumns{}
		x[t] = nc
	}
	if nc.byName == nil || nc.n != len(t.Columns) {
		nc.n = len(t.Columns)
		nc.byName = make(map[string]*Column, len(t.Columns))
		for _, c := range t.Columns {
			if _, dup := nc.byName[c.Name]; !dup {
				nc.byName[c.Name] = c
			}
		}
	}
	return nc.byName[name]
}

// add notes c, just appended to t's columns.
func (x columnIndex) add(t *Table, c *Column) {
	if nc := x[t]; nc != nil && nc.n == len(t.Columns)-1 {
		nc.n++
		if _, dup := nc.byName[c.Name]; !dup {
			nc.byName[c.Name] = c
		}
	}
}

// inserted notes c, just inserted anywhere in t's columns, whose name no
// column of t had: which column of a name comes first is unchanged.
func (x columnIndex) inserted(t *Table, c *Column) {
	if nc := x[t]; nc != nil && nc.n == len(t.Columns)-1 {
		nc.n++
		nc.byName[c.Name] = c
	}
}

// namedColumn is Table.Named by r's index of t's columns.
func (r *resolver) namedColumn(t *Table, written string) *Column {
	if c := r.columns.of(t, ColumnIdent(written)); c != nil {
		return c
	}
	if c := r.columns.of(t, ShortenIdent(written)); c != nil && !c.Declared {
		return c
	}
	return nil
}

// attrOptions applies an attribute's options to c; it reports whether the
// attribute is marked pk.
func (r *resolver) attrOptions(t *Table, c *Column, a *dsl.Attribute) (pk bool) {
	name := c.Name
	var defaultSet, commentSet bool
	var named func(string) // names the pk, unique or check just before, for `as`
	var lastCheck *Check   // the check just before, for `not valid`
	for _, o := range a.Options {
		op := pos(o.Pos)
		if o.NotValid {
			r.checkNotValid(lastCheck, op, pos(o.EndPos))
			continue
		}
		if o.Name != nil {
			if named == nil {
				r.diags.Errorf(op, pos(o.Name.EndPos), "`as %s` names nothing", dsl.NameExcerpt(o.Name.Value)).
					Hintf("write it right after the pk, unique or check it names")
				continue
			}
			named(ShortenIdent(o.Name.Value))
			named = nil
			continue
		}
		named, lastCheck = nil, nil
		switch {
		case o.PrimaryKey:
			pk = true
			named = func(n string) {
				if r.pkNames == nil {
					r.pkNames = map[*Column]string{}
				}
				r.pkNames[c] = n
			}
		case o.Unique:
			k := &Key{Pos: op, Name: ObjectName(UniqueObject, t.Name, name), Columns: []*Column{c}}
			t.Uniques = append(t.Uniques, k)
			named = func(n string) { k.Name = n }
		case o.Default != nil:
			if defaultSet {
				r.diags.Errorf(op, pos(o.Default.EndPos), "attribute %s has two defaults", dsl.QuoteName(name))
			}
			defaultSet = true
			c.Default = r.f.Text(o.Default.Pos, o.Default.EndPos)
		case o.Check != nil:
			ck := &Check{Pos: op, Expr: r.checkExpr(o.Check), Column: c}
			t.Checks = append(t.Checks, ck)
			named = func(n string) { ck.Name, ck.Named = n, true }
			lastCheck = ck
		case o.Identity != "":
			// The parser joins the captured words: "always" or "bydefault".
			c.Identity = IdentityAlways
			if o.Identity != "always" {
				c.Identity = IdentityByDefault
			}
			c.IdentitySettings = r.identitySettings(t, c, o)
		case o.Generated != nil:
			c.GeneratedAs = r.checkExpr(o.Generated)
		case o.Go != nil:
			c.Type.Go = o.Go.Unquote()
			r.checkGoType(o.Go)
		case o.Collate != nil:
			r.columnCollation(c, op, o.Collate)
		case o.Comment != nil:
			if commentSet {
				r.diags.Errorf(op, pos(o.Comment.EndPos), "attribute %s has two comments", dsl.QuoteName(name))
			}
			commentSet = true
			c.Comment = o.Comment.Unquote()
		}
	}
	return pk
}

// checkAttribute reports the combinations of type, identity, default and
// nullability that PostgreSQL refuses.
func (r *resolver) checkAttribute(c *Column, a *dsl.Attribute) {
	name, typ := c.Name, c.Type
	tp, te := pos(a.Type.Pos), pos(a.Type.EndPos)
	switch {
	case c.Identity != NoIdentity && !typ.IsInteger():
		r.diags.Errorf(tp, te, "identity column %s must be smallint, integer or bigint, not %s", dsl.QuoteName(name), typ.SQL())
	case c.Identity != NoIdentity && typ.IsSerial():
		r.diags.Errorf(tp, te, "column %s is both %s and an identity column", dsl.QuoteName(name), typ.SQL()).
			Hintf("use `integer generated always as identity`, or plain %s", typ.SQL())
	case c.Identity != NoIdentity && c.Default != "":
		r.diags.Errorf(tp, te, "identity column %s cannot have a default", dsl.QuoteName(name)).Hintf("the identity sequence is its default")
	case typ.IsSerial() && c.Default != "":
		r.diags.Errorf(tp, te, "%s column %s cannot have a default", typ.SQL(), dsl.QuoteName(name)).Hintf("%s already defaults to its sequence; use an integer type to give another default", typ.SQL())
	}
	r.checkEnumDefault(c, a)
	if c.Nullable && (typ.IsSerial() || c.Identity != NoIdentity) {
		kind := "identity"
		if typ.IsSerial() {
			kind = typ.SQL()
		}
		r.diags.Errorf(tp, te, "column %s cannot be nullable: %s columns are always NOT NULL", dsl.QuoteName(name), kind).
			Hintf("remove the ?")
	}
}

// typeRef resolves a written type.
func (r *resolver) typeRef(tr *dsl.TypeRef) (Type, bool) {
	if tr.Fields != nil {
		return r.intervalType(tr)
	}
	name := typeName(tr)
	p, e := pos(tr.Pos), pos(tr.EndPos)
	if typ, ok, err := r.domainType(tr, name); ok {
		if err != nil {
			r.diags.Errorf(p, e, "%v", err)
		}
		return typ, err == nil
	}
	// The parser captures "[" and "]" as separate words: two per dimension.
	typ, err := parseType(name, tr.Params, len(tr.Array)/2, r.enums)
	if err == nil {
		return typ, true
	}
	if errors.Is(err, errUnknownType) {
		if x := r.externalType(tr, name); x != nil {
			params, mods, perr := externalParams(tr.Params)
			if perr == nil {
				return Type{Base: ExternalBase, External: x, Params: params, Modifiers: mods, Array: len(tr.Array) / 2}, true
			}
			err = perr
		} else {
			d := r.diags.Errorf(p, p.Advance(tr.Name), "unknown type %s", dsl.QuoteName(name))
			r.unknownTypeHint(d, name)
			return Type{}, false
		}
	}
	r.diags.Errorf(p, e, "%v", err)
	return Type{}, false
}

// typeName is the name of a written type, all its words included:
// "double precision", "timestamp with time zone".
func typeName(tr *dsl.TypeRef) string {
	name := tr.Name
	if tr.Second != "" {
		name += " " + tr.Second
	}
	if tr.TimeZone != "" {
		name += " " + tr.TimeZone + " time zone"
	}
	return name
}

// checkExpr returns a CHECK expression as written, reporting an empty one,
// which PostgreSQL would reject as a syntax error.
func (r *resolver) checkExpr(p *dsl.Paren) string {
	expr := r.f.Text(p.Pos, p.EndPos)
	if len(p.Items) == 0 {
		r.diags.Errorf(pos(p.Pos), pos(p.EndPos), "empty check expression").Hintf("write the condition inside the parentheses, as in check (price >= 0)")
	}
	return expr
}

// columnList resolves a list of column names of t.
func (r *resolver) columnList(t *Table, l *dsl.ColumnList, what string) ([]*Column, bool) {
	var cols []*Column
	ok := true
	for _, n := range l.Columns {
		c := r.column(t, n, what)
		if c == nil {
			ok = false
			continue
		}
		if slices.Contains(cols, c) {
			p, e := at(n)
			r.diags.Errorf(p, e, "column %s listed twice in %s", dsl.QuoteName(n.Value), what)
			ok = false
			continue
		}
		cols = append(cols, c)
	}
	return cols, ok
}

// column resolves the name of a column of t, reporting an unknown one.
func (r *resolver) column(t *Table, n *dsl.Name, what string) *Column {
	c := r.namedColumn(t, n.Value)
	if c == nil {
		p, e := at(n)
		d := r.diags.Errorf(p, e, "unknown column %s in %s of %s", dsl.QuoteName(n.Value), what, dsl.QuoteName(t.Label()))
		if s := dsl.Suggest(n.Value, columnNames(t)); s != "" {
			d.Hintf("did you mean %s?", dsl.QuoteName(s))
		}
	}
	return c
}

func columnNames(t *Table) []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}

// checkIndexable reports keys and indexes over json columns: PostgreSQL
// has no equality operator (no btree operator class) for json, or arrays
// of it, so CREATE TABLE or CREATE INDEX would fail.
func (r *resolver) checkIndexable() {
	for _, t := range r.tables {
		check := func(cols []*Column, what string, p dsl.Pos) {
			for _, c := range cols {
				if c.Type.Base == JSON {
					r.diags.Errorf(p, p, "column %s of %s is %s, which cannot be part of %s", dsl.QuoteName(c.Name), dsl.QuoteName(t.Label()), c.Type.SQL(), what).
						Hintf("PostgreSQL cannot compare json values for equality; use jsonb")
				}
			}
		}
		if t.PrimaryKey != nil {
			check(t.PrimaryKey.Columns, "a primary key", t.PrimaryKey.Pos)
		}
		for _, k := range t.Uniques {
			check(k.Columns, "a unique key", k.Pos)
		}
		for _, ix := range t.Indexes {
			check(ix.Columns, "an index", ix.Pos)
		}
	}
}

// SameColumns reports whether a and b hold the same columns in any order.
func SameColumns(a, b []*Column) bool {
	if len(a) != len(b) {
		return false
	}
	for _, c := range a {
		if !slices.Contains(b, c) {
			return false
		}
	}
	return true
}

// leads reports whether cols are the leading columns of key, in any order:
// then an index on key serves lookups by cols.
func leads(cols, key []*Column) bool {
	return len(key) >= len(cols) && SameColumns(cols, key[:len(cols)])
}

// fkIndexes gives every FK an index unless a key or index of its table
// already leads with its columns, or the user turned it off. Without one,
// each delete or key update of a parent row scans the child table.
func (r *resolver) fkIndexes() {
	for _, t := range r.tables {
		if len(t.ForeignKeys) >= indexFrom {
			t.cover = newCoverIndex(t, r.hashes)
		}
		for _, fk := range t.ForeignKeys {
			if fk.IndexOff || t.Covered(fk.Columns) {
				continue
			}
			idx := &Index{Pos: fk.Pos, Name: ObjectName(IndexObject, t.Name, columnsPart(fk.Columns)), Keys: columnKeys(fk.Columns), Columns: fk.Columns, Method: "btree", ForeignKey: fk}
			fk.Index = idx
			t.Indexes = append(t.Indexes, idx)
			if t.cover != nil {
				t.cover.catchUp(t)
			}
		}
		// Number checks now that every table has its final name. A
		// column's checks are listed in its table's in the order written
		// (a column keeps no list of its own: most have none); before
		// counts those of each column met so far, named ones too.
		n := 0
		var before map[*Column]int
		for _, ck := range t.Checks {
			k := 0
			if ck.Column != nil {
				if before == nil {
					before = map[*Column]int{}
				}
				k = before[ck.Column]
				before[ck.Column]++
			}
			if ck.Named {
				continue
			}
			if ck.Column != nil {
				ck.Name = ObjectName(CheckObject, t.Name, ck.Column.Name)
				if k > 0 {
					ck.Name = ObjectName(CheckObject, t.Name, ck.Column.Name, ordinal(k+1))
				}
			} else {
				n++
				ck.Name = ObjectName(CheckObject, t.Name, ordinal(n))
			}
		}
	}
}

// allTables lists entity tables in declaration order, then junctions.
func (r *resolver) allTables() []*Table {
	ts := make([]*Table, 0, len(r.s.Entities)+len(r.s.Relationships))
	for _, e := range r.s.Entities {
		ts = append(ts, e.Table)
	}
	for _, rel := range r.s.Relationships {
		if rel.Junction != nil {
			ts = append(ts, rel.Junction)
		}
	}
	return ts
}
