package catalog

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// ExpectUnindexed lists, as UnindexedForeignKeys does, the foreign keys
// that the model allows to have no index leading with their columns: those
// marked `no index` that no key or index covers either.
func ExpectUnindexed(s *model.Schema) []string {
	var out []string
	for _, t := range s.Tables {
		for _, fk := range t.ForeignKeys {
			if fk.CoveredBy() == "" {
				out = append(out, t.Name+"."+fk.Name)
			}
		}
	}
	slices.Sort(out)
	return out
}

// Expect returns the catalog that applying s's DDL to an empty database
// must produce, computed from the model alone: the tables, columns, keys,
// checks, foreign keys, indexes, enums and comments the model declares,
// spelled as Read reports them.
//
// It encodes the facts PostgreSQL adds on its own: a serial column is an
// integer type whose default is nextval of a sequence the server names
// (see model.SequenceName), PRIMARY KEY columns are NOT NULL, every PRIMARY KEY
// and UNIQUE constraint is backed by a unique btree index of the same name,
// foreign keys are MATCH SIMPLE unless declared MATCH FULL. It applies no naming rule of ergen's: names
// are taken from the model as they are, so a name the server would have
// truncated or that the model got wrong shows up as a difference.
func Expect(s *model.Schema) *Catalog {
	schema := s.Name
	if schema == "" {
		schema = "public"
	}
	c := &Catalog{Schema: schema}
	if len(s.Extensions) > 0 {
		c.Extensions = slices.Clone(s.Extensions)
	}
	for _, e := range s.Enums {
		c.Enums = append(c.Enums, Enum{Name: e.SQLName, Values: slices.Clone(e.Values)})
	}
	expectDomains(s, c)
	// Relations in creation order, for the names the server picks for
	// serial and identity sequences.
	rels := map[string]bool{}
	// Standalone sequences are created first, with their settings.
	for _, sq := range s.Sequences {
		c.Others = append(c.Others, "sequence "+sq.Name+sequenceOptions(sq.Settings))
		rels[sq.Name] = true
	}
	for _, mt := range s.Tables {
		t := Table{Name: mt.Name, Comment: mt.Comment}
		var seqs []string
		for _, mc := range mt.Columns {
			col, seq := expectColumn(s, schema, mc, rels)
			if seq != "" {
				seqs = append(seqs, seq)
			}
			t.Columns = append(t.Columns, col)
		}
		if pk := mt.PrimaryKey; pk != nil {
			t.PrimaryKey = &Key{Name: pk.Name, Columns: columnNames(pk.Columns)}
			t.Indexes = append(t.Indexes, Index{Name: pk.Name, Columns: columnNames(pk.Columns), Unique: true, Primary: true, Constraint: pk.Name, Method: "btree"})
		}
		for _, k := range mt.Uniques {
			t.Uniques = append(t.Uniques, Key{Name: k.Name, Columns: columnNames(k.Columns)})
			t.Indexes = append(t.Indexes, Index{Name: k.Name, Columns: columnNames(k.Columns), Include: includeNames(k.Include),
				Unique: true, NullsNotDistinct: k.NullsNotDistinct, Constraint: k.Name, Method: "btree"})
		}
		for _, ck := range mt.Checks {
			t.Checks = append(t.Checks, expectCheck(ck))
		}
		for _, fk := range mt.ForeignKeys {
			t.ForeignKeys = append(t.ForeignKeys, expectForeignKey(schema, fk))
		}
		for _, ix := range mt.Indexes {
			t.Indexes = append(t.Indexes, expectIndex(mt, ix))
		}
		expectExclusions(&t, mt)
		if pt := mt.Partitioning; pt != nil {
			t.PartitionBy = Expr(pt.SQL())
			t.Partitions = expectPartitions(pt, rels)
		}
		c.Tables = append(c.Tables, t)

		rels[mt.Name] = true
		for _, n := range seqs {
			rels[n] = true
		}
		for _, ix := range t.Indexes {
			rels[ix.Name] = true // PRIMARY KEY and UNIQUE indexes exist now
		}
	}
	c.sort()
	return c
}

// expectForeignKey is the constraint PostgreSQL holds for fk.
func expectForeignKey(schema string, fk *model.ForeignKey) ForeignKey {
	f := ForeignKey{
		Name: fk.Name, Columns: columnNames(fk.Columns),
		RefSchema: schema, RefTable: fk.RefTable.Name, RefColumns: columnNames(fk.RefColumns),
		OnDelete: string(fk.OnDelete.Action), OnUpdate: string(fk.OnUpdate.Action), Match: "SIMPLE",
		Deferrable:        fk.Deferrable != model.NotDeferrable,
		InitiallyDeferred: fk.Deferrable == model.DeferrableDeferred,
		NotValid:          fk.NotValid,
	}
	// A relationship's comment is on its constraint, except for an M:N
	// relationship, whose comment is its junction table's.
	if fk.Relationship == nil || fk.Relationship.Junction == nil {
		f.Comment = fk.Comment
	}
	if fk.MatchFull {
		f.Match = "FULL"
	}
	if fk.SetColumns != nil {
		f.OnDeleteColumns = columnNames(fk.SetColumns)
	}
	return f
}

// expectColumn is the catalog's view of column mc, and the name of its
// sequence ("" when it has none), given the relations created before it.
func expectColumn(s *model.Schema, schema string, mc *model.Column, rels map[string]bool) (Column, string) {
	mt := mc.Table
	col := Column{
		Name:    mc.Name,
		Type:    FormatType(s, mc.Type),
		Dims:    mc.Type.Array,
		NotNull: !mc.Nullable || (mt.PrimaryKey != nil && slices.Contains(mt.PrimaryKey.Columns, mc)),
		Default: Expr(qualifySequences(s, schema, mc.Default)),
		Comment: mc.Comment,
	}
	col.Collation = ownCollation(mc.Type)
	if mc.GeneratedAs != "" {
		// Read reports a generated column's expression as its default.
		col.Generated, col.Default = true, Expr(mc.GeneratedAs)
	}
	switch mc.Identity {
	case model.IdentityAlways:
		col.Identity = "ALWAYS"
	case model.IdentityByDefault:
		col.Identity = "BY DEFAULT"
	}
	if mc.Identity != model.NoIdentity {
		col.IdentitySettings = mc.IdentitySettings.Source(false)
	}
	if !mc.Type.IsSerial() && mc.Identity == model.NoIdentity {
		return col, ""
	}
	seq := model.SequenceName(mt.Name, mc.Name, func(n string) bool { return rels[n] })
	if mc.Identity != model.NoIdentity {
		col.IdentitySequence = seq
	}
	if mc.Type.IsSerial() {
		col.Default = Expr(fmt.Sprintf("nextval(%s::regclass)", model.QuoteLiteral(model.QuoteIdent(schema)+"."+model.QuoteIdent(seq))))
		col.Sequence = serialSequence(seq, col.Type)
	}
	return col, seq
}

// expectIndex is the catalog's record of an index of mt the model
// creates with CREATE INDEX. Its keys are as the server stores them
// (model.Table.StoredKey): a COLLATE over the whole of an expression is
// the key's collation, and an expression of a column alone is the
// column's key, with that COLLATE as Read names it (exprKeyCollation).
func expectIndex(mt *model.Table, ix *model.Index) Index {
	out := Index{Name: ix.Name, Include: includeNames(ix.Include), Unique: ix.Unique, NullsNotDistinct: ix.NullsNotDistinct,
		Method: ix.Method, Predicate: Expr(ix.Where)}
	exprs, opts := make([]Expr, len(ix.Keys)), make([]string, len(ix.Keys))
	keys := make([]model.IndexKey, len(ix.Keys))
	var anyExpr, anyOpt bool
	for i, k := range ix.Keys {
		if k.Column == nil {
			coll := exprKeyCollation(k.Expr)
			k = mt.StoredKey(k)
			k.Collation = coll
		}
		keys[i] = k
		if k.Column != nil {
			out.Columns = append(out.Columns, k.Column.Name)
		} else {
			out.Columns = append(out.Columns, "")
			exprs[i], anyExpr = Expr(k.Expr), true
		}
		var words []string
		if k.OpClass != "" {
			words = append(words, k.OpClass)
		}
		if k.Desc {
			words = append(words, "DESC")
		}
		// ASC sorts NULLs last and DESC first unless told otherwise.
		if k.Nulls == "FIRST" && !k.Desc || k.Nulls == "LAST" && k.Desc {
			words = append(words, "NULLS "+k.Nulls)
		}
		opts[i] = strings.Join(words, " ")
		anyOpt = anyOpt || opts[i] != ""
	}
	if anyExpr {
		out.Exprs = exprs
	}
	if anyOpt {
		out.KeyOptions = opts
	}
	out.Collations = keyCollations(keys)
	return out
}

// keyCollations are the collations of keys, an index's as stored, that
// differ from their columns', or are an expression's own, as Read
// reports them.
func keyCollations(keys []model.IndexKey) []string {
	var out []string
	for i, k := range keys {
		if k.Collation != "" && (k.Column == nil || k.Collation != k.Column.Type.Collation) {
			if out == nil {
				out = make([]string, len(keys))
			}
			out[i] = k.Collation
		}
	}
	return out
}

// includeNames is columnNames, nil for no columns as Read reports them.
func includeNames(cols []*model.Column) []string {
	if len(cols) == 0 {
		return nil
	}
	return columnNames(cols)
}

func columnNames(cols []*model.Column) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return names
}

// FormatType returns t as PostgreSQL's format_type prints the column type
// it creates (with search_path = pg_catalog, so enums are qualified): a
// serial type becomes its integer type, aliases their standard name
// (varchar(50) -> character varying(50), timestamptz -> timestamp with time
// zone, char -> character(1)), numeric(p) gets its scale, and an array of
// any number of dimensions is written with one [].
func FormatType(s *model.Schema, t model.Type) string {
	var name string
	p := func(i int) string { return strconv.Itoa(t.Params[i]) }
	n := len(t.Params)
	switch t.Base {
	case model.Smallint, model.Smallserial:
		name = "smallint"
	case model.Integer, model.Serial:
		name = "integer"
	case model.Bigint, model.Bigserial:
		name = "bigint"
	case model.Numeric:
		switch n {
		case 0:
			name = "numeric"
		case 1:
			name = "numeric(" + p(0) + ",0)"
		default:
			name = "numeric(" + p(0) + "," + p(1) + ")"
		}
	case model.Real:
		name = "real"
	case model.DoublePrecision:
		name = "double precision"
	case model.Varchar:
		name = "character varying"
		if n > 0 {
			name += "(" + p(0) + ")"
		}
	case model.Char:
		// Unlike varchar, char without a length means char(1).
		name = "character(1)"
		if n > 0 {
			name = "character(" + p(0) + ")"
		}
	case model.Interval:
		// format_type spells the fields and precision as the model does:
		// interval day to second(3), interval(3).
		name = model.Type{Base: model.Interval, Fields: t.Fields, Params: t.Params}.SQL()
	case model.Time, model.TimeTZ, model.Timestamp, model.TimestampTZ:
		name = map[model.BaseType]string{model.Time: "time", model.TimeTZ: "time", model.Timestamp: "timestamp", model.TimestampTZ: "timestamp"}[t.Base]
		if n > 0 {
			name += "(" + p(0) + ")"
		}
		if t.Base == model.TimeTZ || t.Base == model.TimestampTZ {
			name += " with time zone"
		} else {
			name += " without time zone"
		}
	case model.EnumType, model.DomainType:
		schema := s.Name
		if schema == "" {
			schema = "public"
		}
		if t.Base == model.EnumType {
			name = model.QuoteIdent(schema) + "." + model.QuoteIdent(t.Enum.SQLName)
		} else {
			name = model.QuoteIdent(schema) + "." + model.QuoteIdent(t.Domain.SQLName)
		}
	case model.ExternalBase:
		name = formatExternal(t)
	default:
		// text, boolean, date, interval, uuid, json, jsonb, bytea, inet,
		// cidr: the model's spelling is the server's.
		name = model.Type{Base: t.Base}.SQL()
	}
	if t.Array > 0 {
		name += "[]"
	}
	return name
}

// formatExternal is format_type's spelling of a type ergen knows by name
// only. PostgreSQL's own types are unqualified, with their standard names
// (varbit -> bit varying, bit -> bit(1)); any other type written without
// a schema is an extension's, which CREATE EXTENSION puts in the first
// schema of the default search path, public.
func formatExternal(t model.Type) string {
	x := t.External
	name := x.Name
	switch {
	case x.Schema == "pg_catalog" || x.Schema == "" && model.IsPostgresType(name):
		if name == "varbit" {
			name = "bit varying"
		}
	case x.Schema == "":
		name = "public." + model.QuoteIdent(name)
	default:
		name = model.QuoteIdent(x.Schema) + "." + model.QuoteIdent(name)
	}
	switch {
	case len(t.Modifiers) > 0:
		// As the type's typmod_out prints them, when it prints them as
		// written: PostGIS spells Point so whatever the case written.
		name += "(" + strings.Join(t.Modifiers, ",") + ")"
	case len(t.Params) > 0:
		ps := make([]string, len(t.Params))
		for i, p := range t.Params {
			ps[i] = strconv.Itoa(p)
		}
		name += "(" + strings.Join(ps, ",") + ")"
	case name == "bit":
		// Like char, bit without a length means bit(1).
		name = "bit(1)"
	}
	return name
}

// expectCheck is the constraint PostgreSQL holds for ck; the definition
// it prints ends in NOT VALID for a check added so.
func expectCheck(ck *model.Check) Check {
	c := Check{Name: ck.Name, Def: Expr("CHECK " + ck.Expr), NotValid: ck.NotValid}
	if ck.NotValid {
		c.Def += " NOT VALID"
	}
	return c
}

// sequenceOptions is what Read reports after a standalone sequence's
// name for settings other than CREATE SEQUENCE's defaults (see
// sequenceOptionsSQL), or "".
func sequenceOptions(st model.SequenceSettings) string {
	if st.IsDefault() {
		return ""
	}
	return spellSettings(st)
}

// spellSettings spells every setting of a sequence as Read does after
// its name: " (integer start 1 increment 1 min 1 max 2147483647 cache 1)".
func spellSettings(st model.SequenceSettings) string {
	s := fmt.Sprintf(" (%s start %d increment %d min %d max %d cache %d", st.Type, st.Start, st.Increment, st.Min, st.Max, st.Cache)
	if st.Cycle {
		s += " cycle"
	}
	return s + ")"
}
