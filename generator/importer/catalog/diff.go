package catalog

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// Difference is one way a database's catalog differs from a model's.
type Difference struct {
	// Table is the table the difference is in, or "" for one of the
	// schema's enums or other objects.
	Table string
	// Msg says what differs, naming the object: `column status: type is
	// text in the database, integer in the model`.
	Msg string
	// Name is set when only an object's name differs.
	Name bool
	// Order is set when only the order of a table's columns differs:
	// what an import must reproduce, but not a drift, since a migration
	// adds a column last and PostgreSQL cannot move one.
	Order bool
}

func (d Difference) String() string {
	if d.Table == "" {
		return d.Msg
	}
	return "table " + d.Table + ": " + d.Msg
}

// Diff lists how db, a catalog read from a database, differs from model,
// the catalog a model implies ([Expect]): objects on one side only, and,
// for objects found on both (keys, checks, foreign keys and indexes are
// paired by what they are, not by name, so that a renamed constraint is
// one difference), every property that differs. Checks, predicates and
// expression keys compare by their canonical form (see Expr), and
// exactly where db settled the model's spelling (Catalog.Settled): a
// regrouping (`a or b and c` against `(a or b) and c`) or another cast
// then differs too. The list is in a fixed order: enums, then tables by
// name, then the schema's other objects.
func Diff(model, db *Catalog) []Difference {
	d := &differ{settled: db.Settled}
	d.enums(model, db)
	d.domains(model, db)
	for _, name := range union(names(model.Tables, tableName), names(db.Tables, tableName)) {
		mt, dt := model.Table(name), db.Table(name)
		switch {
		case mt == nil:
			d.add("", "table %s is in the database, not in the model", name)
		case dt == nil:
			d.add("", "table %s is in the model, not in the database", name)
		default:
			d.table(mt, dt)
		}
	}
	for _, o := range db.Others {
		if !slices.Contains(model.Others, o) {
			d.add("", "%s is in the database; a model cannot describe it", o)
		}
	}
	for _, o := range model.Others {
		// A sequence the model declares that a column owns in the
		// database is reported as the column's.
		if !slices.Contains(db.Others, o) && !ownedSequence(db, o) {
			d.add("", "%s is in the model, not in the database", o)
		}
	}
	return d.out
}

// ownedSequence reports whether o, one of the Others of a model, is a
// sequence that a column of db owns, with the same settings.
func ownedSequence(db *Catalog, o string) bool {
	seq, ok := strings.CutPrefix(o, "sequence ")
	if !ok {
		return false
	}
	for _, t := range db.Tables {
		if slices.ContainsFunc(t.Columns, func(c Column) bool { return c.Sequence == seq }) {
			return true
		}
	}
	return false
}

type differ struct {
	cur string
	out []Difference
	// settled are the model's spellings the server judged (db's
	// Catalog.Settled).
	settled Spellings
}

func (d *differ) add(table, format string, args ...any) {
	d.out = append(d.out, Difference{Table: table, Msg: fmt.Sprintf(format, args...)})
}

func (d *differ) note(format string, args ...any) { d.add(d.cur, format, args...) }

// prop reports one property that differs.
func (d *differ) prop(what, prop string, model, db any) {
	if model != db {
		d.note("%s: %s is %s in the database, %s in the model", what, prop, show(db), show(model))
	}
}

// exact reports prop of what, an expression that is m in the model and g
// in the database, when the two texts differ and the server judged m as
// the model's spelling of the database's object named name (settled, by
// name): g is then m wherever the server stores the two alike, so texts
// that differ are rules that differ, though their canonical forms match.
func (d *differ) exact(what, prop string, settled map[string]string, name string, m, g Expr) {
	if s, ok := settled[name]; ok && s == string(m) {
		d.prop(what, prop, m, g)
	}
}

func show(v any) string {
	switch v := v.(type) {
	case string:
		if v == "" {
			return "none"
		}
		return v
	case Expr:
		if v == "" {
			return "none"
		}
		return string(v)
	case []string:
		return "(" + strings.Join(v, ", ") + ")"
	}
	return fmt.Sprint(v)
}

// identitySettings shows the settings of an identity's sequence as .er
// writes them, in parentheses, or says there are none.
func identitySettings(s string) string {
	if s == "" {
		return "the defaults"
	}
	return "(" + s + ")"
}

// showSet shows the columns an ON DELETE SET NULL or SET DEFAULT lists,
// or "all" when it lists none.

func showSet(cols []string) string {
	if cols == nil {
		return "all"
	}
	return show(cols)
}

func tableName(t Table) string { return t.Name }

func names[T any](xs []T, name func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = name(x)
	}
	return out
}

// union returns the names of a and b, sorted, each once.
func union(a, b []string) []string {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

func (d *differ) enums(model, db *Catalog) {
	for _, name := range union(names(model.Enums, func(e Enum) string { return e.Name }), names(db.Enums, func(e Enum) string { return e.Name })) {
		me, de := model.Enum(name), db.Enum(name)
		switch {
		case me == nil:
			d.add("", "enum %s is in the database, not in the model", name)
		case de == nil:
			d.add("", "enum %s is in the model, not in the database", name)
		default:
			d.cur = ""
			d.prop("enum "+name, "the list of values", show(me.Values), show(de.Values))
			d.prop("enum "+name, "the comment", me.Comment, de.Comment)
		}
	}
}

func (d *differ) table(mt, dt *Table) {
	d.cur = dt.Name
	d.prop("the table", "the comment", mt.Comment, dt.Comment)
	d.columns(mt, dt)
	if !mt.PartitionBy.Equal(dt.PartitionBy) {
		d.prop("the table", "the partitioning", mt.PartitionBy, dt.PartitionBy)
	}
	d.partitions(mt.Partitions, dt.Partitions)
	switch mp, dp := mt.PrimaryKey, dt.PrimaryKey; {
	case mp == nil && dp != nil:
		d.note("primary key %s %s is in the database, not in the model", dp.Name, show(dp.Columns))
	case mp != nil && dp == nil:
		d.note("primary key %s %s is in the model, not in the database", mp.Name, show(mp.Columns))
	case mp != nil:
		d.prop("the primary key", "the column list", show(mp.Columns), show(dp.Columns))
		if mp.Name != dp.Name {
			d.out = append(d.out, Difference{Table: d.cur, Name: true, Msg: fmt.Sprintf("the primary key is named %s in the database, %s in the model", dp.Name, mp.Name)})
		}
		d.prop("the primary key", "the comment", mp.Comment, dp.Comment)
	}
	pair(d, "unique key", mt.Uniques, dt.Uniques,
		func(k Key) string { return show(k.Columns) },
		func(k Key) string { return k.Name },
		func(what string, m, g Key) {
			d.prop(what, "the comment", m.Comment, g.Comment)
			mi, gi := keyIndex(mt, m.Name), keyIndex(dt, g.Name)
			d.prop(what, "INCLUDE", show(mi.Include), show(gi.Include))
			d.prop(what, "NULLS NOT DISTINCT", mi.NullsNotDistinct, gi.NullsNotDistinct)
		})
	pair(d, "check", mt.Checks, dt.Checks,
		func(c Check) string { return Expr(strings.TrimSuffix(string(c.Def), " NOT VALID")).Canonical() },
		func(c Check) string { return c.Name },
		func(what string, m, g Check) {
			if m.Name == g.Name {
				md, _ := cutNotValid(m.Def)
				gd, _ := cutNotValid(g.Def)
				d.exact(what, "the definition", d.settled.Checks[d.cur], g.Name, Expr(md), Expr(gd))
			}
			d.prop(what, "the comment", m.Comment, g.Comment)
			d.prop(what, "NOT VALID", m.NotValid, g.NotValid)
		})
	pair(d, "foreign key", mt.ForeignKeys, dt.ForeignKeys,
		func(f ForeignKey) string {
			return show(f.Columns) + " -> " + f.RefSchema + "." + f.RefTable + show(f.RefColumns)
		},
		func(f ForeignKey) string { return f.Name },
		func(what string, m, g ForeignKey) {
			d.prop(what, "ON DELETE", m.OnDelete, g.OnDelete)
			d.prop(what, "the columns ON DELETE sets", showSet(m.OnDeleteColumns), showSet(g.OnDeleteColumns))
			d.prop(what, "ON UPDATE", m.OnUpdate, g.OnUpdate)
			d.prop(what, "MATCH", m.Match, g.Match)
			d.prop(what, "DEFERRABLE", m.Deferrable, g.Deferrable)
			d.prop(what, "INITIALLY DEFERRED", m.InitiallyDeferred, g.InitiallyDeferred)
			d.prop(what, "the comment", m.Comment, g.Comment)
			d.prop(what, "NOT VALID", m.NotValid, g.NotValid)
		})
	d.exclusions(mt, dt)
	d.indexes(mt, dt)
}

// indexes compares the indexes of a table that implement no key, and
// the comments of those that do.
func (d *differ) indexes(mt, dt *Table) {
	// Indexes that implement a key were compared as the key; the index of
	// an exclusion constraint is compared here too, for its key options.
	own := func(ixs []Index) []Index {
		return slices.DeleteFunc(slices.Clone(ixs), func(ix Index) bool { return ix.Constraint != "" && ix.Unique })
	}
	// A comment on the index of a key is the index's, not the key's.
	for _, g := range dt.Indexes {
		if g.Constraint == "" || !g.Unique {
			continue
		}
		if i := slices.IndexFunc(mt.Indexes, func(m Index) bool { return m.Constraint == g.Constraint }); i >= 0 {
			d.prop("index "+g.Name, "the comment", mt.Indexes[i].Comment, g.Comment)
		}
	}
	pair(d, "index", own(mt.Indexes), own(dt.Indexes),
		func(ix Index) string { return ix.described(show(ix.Columns)) },
		func(ix Index) string { return ix.Name },
		func(what string, m, g Index) {
			if m.Name == g.Name {
				d.exact(what, "the predicate", d.settled.Predicates[d.cur], g.Name, m.Predicate, g.Predicate)
			}
			d.prop(what, "the comment", m.Comment, g.Comment)
			d.keyExprs(what, m, g)
			d.prop(what, "the key options", show(m.KeyOptions), show(g.KeyOptions))
			d.prop(what, "the key collations", show(m.Collations), show(g.Collations))
			d.prop(what, "INCLUDE", show(m.Include), show(g.Include))
			d.prop(what, "NULLS NOT DISTINCT", m.NullsNotDistinct, g.NullsNotDistinct)
			if g.Invalid && !m.Invalid {
				d.note("%s: left invalid in the database by a build that failed or was cancelled; PostgreSQL neither uses nor enforces it", what)
			}
		})
}

// keyExprs reports the expression keys of m and g, one index of the
// model and of the database, when they differ: all of them by their
// canonical forms, else each key whose model's spelling the server
// judged (Catalog.Settled) as it is.
func (d *differ) keyExprs(what string, m, g Index) {
	if mk, gk := showExprs(m.Exprs), showExprs(g.Exprs); mk != gk {
		d.prop(what, "the key expressions", mk, gk)
		return
	}
	settled := d.settled.Keys[d.cur][g.Name]
	if m.Name != g.Name || len(settled) != len(m.Exprs) {
		return
	}
	for k, x := range m.Exprs {
		if settled[k] != "" && settled[k] == string(x) {
			d.prop(what, fmt.Sprintf("the expression of key %d", k+1), x, g.Exprs[k])
		}
	}
}

// keyIndex is the index implementing the key name of t, or none.
func keyIndex(t *Table, name string) Index {
	for _, ix := range t.Indexes {
		if ix.Constraint == name {
			return ix
		}
	}
	return Index{}
}

// showExprs shows index keys' expressions in canonical form.
func showExprs(es []Expr) string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Canonical()
	}
	return show(out)
}

func (d *differ) columns(mt, dt *Table) {
	for _, dc := range dt.Columns {
		mc := mt.Column(dc.Name)
		if mc == nil {
			d.note("column %s is in the database, not in the model", dc.Name)
			continue
		}
		what := "column " + dc.Name
		d.prop(what, "the type", mc.Type, dc.Type)
		d.prop(what, "the number of array dimensions", mc.Dims, dc.Dims)
		d.prop(what, "NOT NULL", mc.NotNull, dc.NotNull)
		if !mc.Default.Equal(dc.Default) {
			d.prop(what, "the default", mc.Default, dc.Default)
		}
		d.prop(what, "the identity", mc.Identity, dc.Identity)
		d.prop(what, "the name of its identity's sequence", mc.IdentitySequence, dc.IdentitySequence)
		if mc.IdentitySettings != dc.IdentitySettings {
			d.note("%s: the settings of its identity are %s in the database, %s in the model", what,
				identitySettings(dc.IdentitySettings), identitySettings(mc.IdentitySettings))
		}
		d.prop(what, "the comment", mc.Comment, dc.Comment)
		d.prop(what, "the collation", mc.Collation, dc.Collation)
		d.prop(what, "GENERATED ... STORED", mc.Generated, dc.Generated)
		d.prop(what, "the sequence it owns", mc.Sequence, dc.Sequence)
	}
	for _, mc := range mt.Columns {
		if dt.Column(mc.Name) == nil {
			d.note("column %s is in the model, not in the database", mc.Name)
		}
	}
	order := func(t *Table) []string {
		var out []string
		for _, c := range t.Columns {
			if mt.Column(c.Name) != nil && dt.Column(c.Name) != nil {
				out = append(out, c.Name)
			}
		}
		return out
	}
	if mo, do := order(mt), order(dt); !slices.Equal(mo, do) {
		d.note("the column order is %s in the database, %s in the model", show(do), show(mo))
		d.out[len(d.out)-1].Order = true
	}
}

// pair matches the objects of one kind by key and reports the ones on one
// side only, names that differ, and what same compares.
func pair[T any](d *differ, kind string, inModel, inDB []T, match, rawName func(T) string, same func(what string, m, g T)) {
	// Messages name an object as SQL does (quoted when it must be) and
	// show its definition as PostgreSQL prints it, where it has one;
	// match, a canonical form, only pairs objects.
	name := func(x T) string { return model.QuoteIdent(rawName(x)) }
	key := func(x T) string {
		if s, ok := any(x).(interface{ shown() string }); ok {
			return s.shown()
		}
		return match(x)
	}
	byKey := map[string][]T{}
	for _, m := range inModel {
		byKey[match(m)] = append(byKey[match(m)], m)
	}
	// The object of the same name among equals is paired first, whatever
	// the order: of two indexes over code, people_code and people_own, the
	// model's people_own is people_own's, not people_code's, read before.
	named := make(map[int]T)
	for j, g := range inDB {
		ms := byKey[match(g)]
		if i := slices.IndexFunc(ms, func(m T) bool { return rawName(m) == rawName(g) }); i >= 0 {
			named[j] = ms[i]
			byKey[match(g)] = slices.Delete(ms, i, i+1)
		}
	}
	var unmatched []T
	for j, g := range inDB {
		m, ok := named[j]
		if ms := byKey[match(g)]; !ok && len(ms) > 0 {
			m, ok = ms[0], true
			byKey[match(g)] = ms[1:]
		}
		if !ok {
			unmatched = append(unmatched, g)
			continue
		}
		what := kind + " " + name(g)
		if rawName(m) != rawName(g) {
			d.out = append(d.out, Difference{Table: d.cur, Name: true, Msg: fmt.Sprintf("%s %s %s: named %s in the model", kind, name(g), key(g), name(m))})
			what = kind + " " + key(g)
		}
		same(what, m, g)
	}
	for _, g := range unmatched {
		d.note("%s %s %s is in the database, not in the model", kind, name(g), key(g))
	}
	for _, m := range inModel {
		if ms := byKey[match(m)]; slices.ContainsFunc(ms, func(x T) bool { return rawName(x) == rawName(m) }) {
			d.note("%s %s %s is in the model, not in the database", kind, name(m), key(m))
		}
	}
}

// described is an index with its keys shown as keys: unique, the keys,
// the method and the predicate.
func (ix Index) described(keys string) string {
	k := keys + " " + ix.Method
	if ix.Unique {
		k = "unique " + k
	}
	if ix.Predicate != "" {
		k += " WHERE " + ix.Predicate.Canonical()
	}
	return k
}

// shown is an index as messages show it: its expression keys as
// PostgreSQL prints them, where the pairing (described with the columns
// alone) has "" for each.
func (ix Index) shown() string {
	keys := slices.Clone(ix.Columns)
	for i, e := range ix.Exprs {
		if e != "" && i < len(keys) {
			keys[i] = string(e)
		}
	}
	return ix.described(show(keys))
}

// The definitions messages show, as PostgreSQL prints them.
func (c Check) shown() string     { return string(c.Def) }
func (x Exclusion) shown() string { return string(x.Def) }
func (p Partition) shown() string { return string(p.Bound) }
