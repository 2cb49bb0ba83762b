package importer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
)

// column is one column of a table, as an attribute.
type column struct {
	c       *catalog.Column
	typ     string // .er type, "" when omitted
	serial  bool
	def     string // default as .er writes it
	genAs   string // the parenthesised expression of a stored generated column, or ""
	comment string // quoted
	omit    string // why the column cannot be declared, or ""
	notes   []string
}

// entity is one table: an entity, or the junction of an M:N.
type entity struct {
	t           *catalog.Table
	name        string
	tableClause bool
	cols        map[string]*column

	// Set by infer.
	junction   *relationship // the M:N whose junction this table is
	shared     *relationship // the 1:1 whose shared key is this table's key
	consumed   map[string]bool
	inferNotes []string
	why        string // why a table with two foreign keys is no junction
	// colChecks are the CHECK expressions written on a column, by column;
	// tableChecks the ones written on the table.
	colChecks   map[string][]string
	tableChecks []string
	// colCheckNames and tableCheckNames are their constraints' names.
	colCheckNames   map[string][]string
	tableCheckNames []string
	// notValid holds the names of the checks added NOT VALID.
	notValid map[string]bool
	// Set by adjust: a junction or shared key that ergen did not
	// reproduce is not inferred again.
	noJunction, noShared bool
	demoted              string // the difference that made it an entity
	// undeclare leaves out the FK columns ergen adds by itself.
	undeclare bool
	diffs     []string
	// placed are the notes the last render wrote inside the block.
	placed []string
}

func (e *entity) demote(why string) bool {
	if e.demoted == "" {
		e.demoted = why
	}
	switch {
	case e.junction != nil && !e.noJunction:
		e.noJunction = true
		return true
	case e.shared != nil && !e.noShared:
		e.noShared = true
		return true
	}
	return false
}

func (e *entity) allNotes() []string {
	out := slices.Concat(e.inferNotes, e.diffs, e.placed)
	if e.junction != nil {
		// A junction's columns are noted in its relationship's block.
		for _, c := range e.t.Columns {
			if col := e.cols[c.Name]; col.omit != "" {
				out = append(out, col.omit)
			}
		}
	}
	return out
}

// side is one foreign key of a relationship.
type side struct {
	fk            *catalog.ForeignKey
	parent        *entity
	role          string
	roleClause    bool
	nameClause    bool
	columnsClause bool
	refsClause    bool
	noIndex       bool
}

// relationship is an inferred relationship; why explains the inference.
type relationship struct {
	card     string // 1:N, 1:1, M:N
	shared   bool
	child    *entity // 1:N and 1:1: the table holding the foreign key
	junction *entity // M:N
	side     []*side // one, or two for M:N (left first)
	key      string  // M:N: composite, surrogate, line
	keyCol   string
	keyAttr  bool // the surrogate key is declared as an attribute
	why      string
	arc      *arc // the exclusive arc this 1:N is a member of, or nil
}

// infer decides, for every table and foreign key, what it is in the
// model. It is run again when adjust turns a junction or shared key back
// into an entity.
func (im *importer) infer() {
	for _, ent := range im.ents {
		ent.junction, ent.shared, ent.consumed, ent.inferNotes, ent.why = nil, nil, map[string]bool{}, nil, ""
		_, notes := partitionClauses(ent.t)
		ent.inferNotes = append(ent.inferNotes, notes...)
		ent.inferNotes = append(ent.inferNotes, im.leftNotes[ent.t.Name]...)
		im.placeChecks(ent)
	}
	for _, ent := range im.ents {
		if rel, why := im.junction(ent); rel != nil {
			ent.junction = rel
			im.rels = append(im.rels, rel)
		} else if why != "" {
			ent.why = "an entity, not the junction of an M:N: " + why
		}
	}
	for _, ent := range im.ents {
		if ent.junction != nil {
			continue
		}
		roles := names{}
		var rels []*relationship
		for i := range ent.t.ForeignKeys {
			fk := &ent.t.ForeignKeys[i]
			if why := im.inexpressible(ent, fk); why != "" {
				ent.inferNotes = append(ent.inferNotes, fmt.Sprintf("foreign key %s: %s", fk.Name, why))
				continue
			}
			if fk.Match != "SIMPLE" && fk.Match != "FULL" {
				ent.inferNotes = append(ent.inferNotes, fmt.Sprintf("foreign key %s: MATCH %s; a model's foreign keys are MATCH SIMPLE", fk.Name, fk.Match))
			}
			rels = append(rels, im.oneToN(ent, fk, roles))
		}
		im.rels = append(im.rels, im.joinArcs(ent, rels)...)
	}
}

// inexpressible says why fk cannot be a relationship, or returns "".
func (im *importer) inexpressible(ent *entity, fk *catalog.ForeignKey) string {
	if why := im.fkLeft[fkID{ent.t.Name, fk.Name}]; why != "" {
		return why
	}
	if fk.RefSchema != im.cat.Schema {
		return fmt.Sprintf("references a table of schema %s; a model holds one schema", fk.RefSchema)
	}
	parent := im.byTable[fk.RefTable]
	if parent == nil || parent.junction != nil {
		return fmt.Sprintf("references %s, which is not an entity of the model", fk.RefTable)
	}
	if !isKey(parent.t, fk.RefColumns) {
		return fmt.Sprintf("references (%s) of %s, which is neither its primary key nor a UNIQUE constraint", strings.Join(fk.RefColumns, ", "), fk.RefTable)
	}
	uses := im.keyUses(ent)
	if why := sharedInexpressible(fk, uses); why != "" {
		return why
	}
	nullable := 0
	for i, name := range fk.Columns {
		c, rc := ent.cols[name], parent.cols[fk.RefColumns[i]]
		switch {
		case c.omit != "" || rc.omit != "":
			return fmt.Sprintf("column %s or %s.%s cannot be declared", name, fk.RefTable, fk.RefColumns[i])
		case !canReference(c.c, rc.c):
			return fmt.Sprintf("column %s is %s but references %s.%s of type %s; a model's FK column has the type it references, or another integer or text type", name, c.c.Type, fk.RefTable, fk.RefColumns[i], rc.c.Type)
		case c.serial || c.c.Identity != "":
			return fmt.Sprintf("column %s is generated by the database; a model's FK column is not", name)
		}
		if !c.c.NotNull {
			nullable++
		}
	}
	if nullable != 0 && nullable != len(fk.Columns) && !setsNullable(ent, fk) && !keepsShared(ent, fk, uses) {
		return "some of its columns are nullable and some NOT NULL; a model's foreign key is required or optional as a whole, unless its ON DELETE SET NULL lists the nullable ones"
	}
	return ""
}

// isKey reports whether cols are exactly t's primary key or one of its
// UNIQUE constraints, in any order.
func isKey(t *catalog.Table, cols []string) bool {
	if t.PrimaryKey != nil && sameSet(t.PrimaryKey.Columns, cols) {
		return true
	}
	return slices.ContainsFunc(t.Uniques, func(k catalog.Key) bool { return sameSet(k.Columns, cols) })
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// oneToN infers the relationship of one foreign key: a 1:1 by shared key
// when its columns are exactly the table's primary key, a 1:1 by unique
// FK when they are exactly one of its UNIQUE constraints, else a 1:N.
func (im *importer) oneToN(ent *entity, fk *catalog.ForeignKey, roles names) *relationship {
	parent := im.byTable[fk.RefTable]
	rel := &relationship{card: "1:N", child: ent}
	s := im.side(ent, parent, fk, roles)
	rel.side = []*side{s}
	cols := strings.Join(fk.Columns, ", ")
	t := ent.t
	switch {
	case !ent.noShared && ent.shared == nil && t.PrimaryKey != nil && slices.Equal(t.PrimaryKey.Columns, fk.Columns) &&
		parent.t.PrimaryKey != nil && slices.Equal(parent.t.PrimaryKey.Columns, fk.RefColumns) && sameTypes(ent, parent, fk):
		rel.card, rel.shared = "1:1", true
		ent.shared = rel
		rel.why = fmt.Sprintf("1:1 by shared key: the columns of %s (%s) are the primary key of %s", fk.Name, cols, t.Name)
	default:
		for _, k := range t.Uniques {
			if slices.Equal(k.Columns, fk.Columns) && !ent.consumed[k.Name] {
				rel.card = "1:1"
				ent.consumed[k.Name] = true
				rel.why = fmt.Sprintf("1:1 by unique FK: the columns of %s (%s) are exactly the UNIQUE constraint %s", fk.Name, cols, k.Name)
				break
			}
		}
	}
	if parent.t.PrimaryKey == nil || !slices.Equal(parent.t.PrimaryKey.Columns, fk.RefColumns) {
		s.refsClause = true
	}
	return rel
}

// side describes one foreign key: its role, from its column names, and
// whether ergen's index for it is off.
func (im *importer) side(child, parent *entity, fk *catalog.ForeignKey, roles names) *side {
	s := &side{fk: fk, parent: parent}
	def := model.SnakeCase(parent.name)
	// The role is read from the first FK column: <role>_<referenced
	// column> (user_id), the referenced column itself (a role-less
	// user_id referencing user_id), ergen's constraint name
	// fk_<table>_<role>, or else the column's name without _id (a
	// reports_to column is the role reports_to).
	role := ""
	c0, r0 := fk.Columns[0], fk.RefColumns[0]
	fromName, named := strings.CutPrefix(fk.Name, string(model.ForeignKeyObject)+"_"+child.t.Name+"_")
	switch {
	case strings.HasSuffix(c0, "_"+r0):
		role = strings.TrimSuffix(c0, "_"+r0)
	case c0 == r0:
		role = def
	case named:
		role = fromName
	case len(fk.Columns) == 1:
		role = strings.TrimSuffix(c0, "_id")
	default:
		role = def
	}
	if !isName(role) || !isName(def) {
		role = def
	}
	if roles[role] && named && isName(fromName) && !roles[fromName] {
		role = fromName
	}
	s.role = roles.take(role)
	s.roleClause = s.role != def || parent == child
	s.noIndex = child.t.IndexLeadingWith(fk.Columns) == nil
	return s
}

// junction infers an M:N: a table with exactly two NOT NULL foreign keys,
// keyed as ergen keys a junction (composite, surrogate plus UNIQUE pair,
// or line number), with nothing else of its own but attributes, that no
// foreign key references. It returns why not when the table has two
// foreign keys but is not a junction.
func (im *importer) junction(ent *entity) (*relationship, string) {
	t := ent.t
	if len(t.ForeignKeys) != 2 || ent.noJunction {
		if ent.noJunction {
			return nil, "ergen would not lay out its junction as the database does (" + ent.demoted + ")"
		}
		return nil, ""
	}
	if im.referenced[t.Name] {
		return nil, "a foreign key references it"
	}
	if t.PrimaryKey == nil {
		return nil, "it has no primary key"
	}
	fks := [2]*catalog.ForeignKey{&t.ForeignKeys[0], &t.ForeignKeys[1]}
	for _, fk := range fks {
		if why := im.inexpressible(ent, fk); why != "" {
			return nil, fmt.Sprintf("foreign key %s: %s", fk.Name, why)
		}
		parent := im.byTable[fk.RefTable].t
		if parent.PrimaryKey == nil || !slices.Equal(parent.PrimaryKey.Columns, fk.RefColumns) {
			return nil, fmt.Sprintf("foreign key %s does not reference the primary key of %s", fk.Name, fk.RefTable)
		}
		if !sameTypes(ent, im.byTable[fk.RefTable], fk) {
			return nil, fmt.Sprintf("foreign key %s has columns of other types than the key it references", fk.Name)
		}
		for _, c := range fk.Columns {
			if !ent.cols[c].c.NotNull {
				return nil, fmt.Sprintf("column %s of foreign key %s is nullable", c, fk.Name)
			}
		}
	}
	if len(ent.tableChecks) > 0 {
		return nil, "it has CHECK constraints of its own"
	}
	for c := range ent.colChecks {
		if slices.Contains(fks[0].Columns, c) || slices.Contains(fks[1].Columns, c) {
			return nil, fmt.Sprintf("its foreign key column %s has a CHECK constraint", c)
		}
	}
	for _, c := range t.Columns {
		if col := ent.cols[c.Name]; col.omit == "" && !dsl.IsRelAttribute(c.Name, col.typ) {
			return nil, fmt.Sprintf("its column %s %s would read as a clause of the M:N's block", c.Name, col.typ)
		}
	}
	pk := t.PrimaryKey.Columns
	for _, order := range [2][2]int{{0, 1}, {1, 0}} {
		l, r := fks[order[0]], fks[order[1]]
		pair := append(slices.Clone(l.Columns), r.Columns...)
		rel := &relationship{card: "M:N", junction: ent}
		switch {
		case slices.Equal(pk, pair) && len(t.Uniques) == 0:
			rel.key = "composite"
		case len(pk) == len(l.Columns)+1 && slices.Equal(pk[:len(l.Columns)], l.Columns) && len(t.Uniques) == 0 &&
			ent.cols[pk[len(pk)-1]].c.Type == "integer" && !slices.Contains(r.Columns, pk[len(pk)-1]):
			rel.key, rel.keyCol = "line", pk[len(pk)-1]
		case len(pk) == 1 && !slices.Contains(pair, pk[0]) && ent.cols[pk[0]].omit == "" &&
			len(t.Uniques) == 1 && slices.Equal(t.Uniques[0].Columns, pair):
			rel.key, rel.keyCol = "surrogate", pk[0]
			k := ent.cols[pk[0]]
			// ergen's own surrogate is a bigint identity with its
			// sequence's defaults; any other key column is declared as
			// an attribute marked pk.
			rel.keyAttr = k.c.Type != "bigint" || k.c.Identity != "BY DEFAULT" || k.c.IdentitySettings != "" || k.def != "" || k.comment != "" ||
				len(ent.colChecks[pk[0]]) > 0
		default:
			continue
		}
		rel.side = im.junctionSides(ent, l, r)
		rel.why = fmt.Sprintf("M:N: %s has exactly two NOT NULL foreign keys (%s, %s), a %s key, and no foreign key references it",
			t.Name, l.Name, r.Name, rel.key)
		return rel, ""
	}
	return nil, "its key is none of ergen's junction keys (both foreign keys; a bigint identity plus UNIQUE over both; the first foreign key plus a line number)"
}

// junctionSides are the sides of the M:N whose junction is ent, from its
// foreign keys l and r. The sides of a self-reference are one entity, so
// only a role can name them: one that leads a clause is replaced, its
// columns and constraint name then written out (settle).
func (im *importer) junctionSides(ent *entity, l, r *catalog.ForeignKey) []*side {
	roles := names{}
	sides := []*side{im.side(ent, im.byTable[l.RefTable], l, roles), im.side(ent, im.byTable[r.RefTable], r, roles)}
	if l.RefTable != r.RefTable {
		return sides
	}
	for _, s := range sides {
		s.roleClause = true
		if !dsl.IsSideName(s.role) {
			s.role = roles.take(s.role + "_side")
		}
	}
	return sides
}

// canReference reports whether a model accepts FK column c toward key
// column rc: the same type, or a pair model.Type.CanReference accepts.
func canReference(c, rc *catalog.Column) bool {
	if c.Type == rc.Type && c.Dims == rc.Dims {
		return true
	}
	t, ok := model.CatalogType(c.Type, c.Dims)
	ref, refOK := model.CatalogType(rc.Type, rc.Dims)
	return ok && refOK && t.CanReference(ref)
}

// sameTypes reports whether each FK column has the type of the key column
// it references, so that the column ergen adds for it is the same.
func sameTypes(child, parent *entity, fk *catalog.ForeignKey) bool {
	for i, name := range fk.Columns {
		c, rc := child.cols[name].c, parent.cols[fk.RefColumns[i]].c
		// The column ergen adds takes its key's collation too.
		if c.Type != rc.Type || c.Dims != rc.Dims || c.Collation != rc.Collation {
			return false
		}
	}
	return true
}

// setsNullable reports whether fk's ON DELETE SET NULL lists every
// nullable column of fk, which lets a model keep the others NOT NULL.
func setsNullable(ent *entity, fk *catalog.ForeignKey) bool {
	if fk.OnDelete != catalog.SetNull || fk.OnDeleteColumns == nil {
		return false
	}
	for _, name := range fk.Columns {
		if !ent.cols[name].c.NotNull && !slices.Contains(fk.OnDeleteColumns, name) {
			return false
		}
	}
	return true
}
