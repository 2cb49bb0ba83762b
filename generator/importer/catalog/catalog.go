// Package catalog reads a schema back from PostgreSQL's system catalogs
// and computes, from an ergen model alone, what those catalogs should hold.
//
// It serves `ergen import`, which turns what [Read] returns into a model,
// the drift check, which compares [Read] with [Expect] through [Diff], and
// the tests: ergen's DDL is only right if the server ends up with the
// tables, keys, actions and indexes the model describes, so tests apply the
// DDL, [Read] the result and compare it with [Expect]:
//
//	if diff := cmp.Diff(catalog.Expect(schema), got); diff != "" { ... }
//
// Both sides are plain values in a fixed order, so the comparison needs no
// options. The catalog is read from pg_extension, pg_class, pg_attribute, pg_attrdef,
// pg_constraint, pg_index, pg_type, pg_enum and pg_description rather than
// information_schema, which has no indexes, enum labels, array dimensions
// or comments, and shows only objects the current role has privileges on.
// Spellings are the server's own: types as format_type
// prints them, expressions as pg_get_expr prints them, with search_path set
// to pg_catalog alone so that every name outside pg_catalog is qualified
// whatever the caller's search_path is. [Expect] produces exactly those
// spellings from the model (serial becomes integer with a nextval default,
// varchar(50) becomes character varying(50), and so on), and [Expr] compares
// expressions up to the decorations PostgreSQL adds when it stores them.
package catalog

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
)

// Catalog is one PostgreSQL schema (namespace) as the server stores it.
type Catalog struct {
	Schema string
	// Extensions are the extensions installed in the database, whatever
	// their schema, but plpgsql, which every database has; by name.
	Extensions []string
	Enums      []Enum   // by name
	Domains    []Domain // by name
	Tables     []Table  // by name
	// Others lists, by kind and name, the objects of the schema that are
	// neither tables, enums nor domains (views, sequences no column owns,
	// composite types, functions, triggers; collations, operators, text
	// search configurations and the like: see objectsSQL), which an ergen model cannot
	// describe: "view active_users"; and what a model cannot say of its
	// tables, keys and indexes (see propertiesSQL), their columns,
	// partitions, sequences and domains (see settingsSQL): "UNLOGGED
	// table events", "index orders_pkey on orders WITH (fillfactor=70)",
	// "rule no_delete on orders".
	Others []string
	// Uncreatable lists, as format_type spells them ("public.floatrange"),
	// the schema's own types a column or domain of the schema may have
	// that no extension brought and that a model can neither create nor
	// name as a type by name of another's: composite types but tables',
	// range types and their multiranges, shell types. The importer
	// leaves out a column or domain of one. Expect leaves it empty and
	// Diff does not compare it (Others lists them).
	Uncreatable []string
	// ByName lists, as format_type spells them ("public.vector"), the
	// types the schema's columns and domains use that no extension
	// brought and that a model names by name without creating them: the
	// schema's own base types, and any type of another schema but
	// pg_catalog's and information_schema's, enums and domains included.
	// The importer keeps a column or domain of one with a note that the
	// type must exist before the model's DDL, which fails without it.
	// Expect leaves it empty and Diff does not compare it.
	ByName []string
	// Settled holds the spellings of ReadPreferring the server answered
	// for, alike or not (see shorten.go): the expressions they spell
	// compare as text (Diff). Read leaves it empty.
	Settled Spellings
}

// Enum is an enumerated type.
type Enum struct {
	Name    string
	Values  []string // in declaration (sort) order
	Comment string
}

// Table is an ordinary or partitioned table.
type Table struct {
	Name    string
	Comment string
	// PartitionBy is the partition key of a partitioned table, as
	// pg_get_partkeydef prints it ("RANGE (payment_date)"), or "";
	// compared as an expression, since a key may be one.
	PartitionBy Expr
	// PartitionOf names the table this one is a partition of, qualified
	// when it is in another schema ("other.t"), or is "".
	PartitionOf string
	// Partitions are the partitions of a partitioned table, by name. Read
	// folds a partition of a table it reads into this list instead of
	// listing it among the tables: its columns, keys and indexes are the
	// parent's.
	Partitions  []Partition
	Columns     []Column // in column order
	PrimaryKey  *Key
	Uniques     []Key        // by name
	Checks      []Check      // by name
	ForeignKeys []ForeignKey // by name
	Exclusions  []Exclusion  // by name
	// Indexes lists every index of the table, by name, including the ones
	// that implement its PRIMARY KEY and UNIQUE constraints.
	Indexes []Index
}

// Column is a table column.
type Column struct {
	Name string
	// Type is format_type(atttypid, atttypmod): "integer",
	// "character varying(50)", "public.mood[]". An array type is written
	// with one [] whatever its declared dimensions.
	Type string
	// Dims is attndims: how many [] the column was declared with.
	Dims    int
	NotNull bool
	// Default is the default expression, "" for none. Serial columns have
	// nextval('schema.seq'::regclass); identity columns have none.
	Default Expr
	// Identity is "ALWAYS", "BY DEFAULT" or "".
	Identity string
	// IdentitySettings are the settings of an identity column's sequence
	// that are not the ones the column gets by itself, as .er writes them
	// after identity ("start 1000 increment 5"), or "".
	IdentitySettings string
	// IdentitySequence is the name of an identity column's sequence,
	// which PostgreSQL derives as a serial column's (SEQUENCE NAME
	// gives another), or "".
	IdentitySequence string
	Comment          string
	// Collation is the column's collation when it is not its type's
	// default ("C"), or "", qualified where its name alone would not
	// find it (see collationNameSQL).
	Collation string
	// Generated is set for a GENERATED ALWAYS AS (expr) STORED column,
	// whose expression is then Default.
	Generated bool
	// Sequence is the sequence of the schema the column owns (OWNED BY,
	// as a serial column's; an identity column's is not listed), spelt as
	// Others spells a standalone sequence: "orders_id_seq (integer start
	// 1 increment 1 min 1 max 2147483647 cache 1)"; "" for none.
	Sequence string
}

// Partition is one partition of a partitioned table.
type Partition struct {
	Name string
	// Bound is pg_get_expr of relpartbound: "FOR VALUES IN ('de', 'fr')",
	// "DEFAULT".
	Bound Expr
	// PartitionBy and Partitions are set for a partition partitioned in
	// turn, as a table's are.
	PartitionBy Expr
	Partitions  []Partition
}

// Key is a PRIMARY KEY or UNIQUE constraint.
type Key struct {
	Name    string
	Columns []string // in key order
	Comment string
}

// Check is a CHECK constraint.
type Check struct {
	Name string
	// Def is pg_get_constraintdef ("CHECK ((price >= (0)::numeric))"),
	// or where Read confirmed with the server that a shorter text is
	// stored the same, that text ("CHECK ((price >= 0))"; see shorten.go).
	Def     Expr
	Comment string
	// NotValid is set for a constraint added NOT VALID and not validated
	// since: existing rows may violate it.
	NotValid bool
}

// Referential actions, as confdeltype and confupdtype spell them in SQL.
const (
	NoAction   = "NO ACTION"
	Restrict   = "RESTRICT"
	Cascade    = "CASCADE"
	SetNull    = "SET NULL"
	SetDefault = "SET DEFAULT"
)

// ForeignKey is a FOREIGN KEY constraint.
type ForeignKey struct {
	Name       string
	Columns    []string // in constraint order
	RefSchema  string
	RefTable   string
	RefColumns []string // paired with Columns
	OnDelete   string   // NoAction, Restrict, Cascade, SetNull or SetDefault
	// OnDeleteColumns are the columns ON DELETE SET NULL or SET DEFAULT
	// changes when the constraint lists them (PostgreSQL 15); nil for all.
	OnDeleteColumns []string
	OnUpdate        string
	// Match is "SIMPLE", "FULL" or "PARTIAL".
	Match             string
	Deferrable        bool
	InitiallyDeferred bool
	Comment           string
	// NotValid is set for a constraint added NOT VALID and not validated.
	NotValid bool
}

// Index is an index of a table.
type Index struct {
	Name    string
	Columns []string // key columns in order; "" for an expression key
	// Exprs holds, for each key, the expression of an expression key as
	// pg_get_indexdef prints it and "" for a column; nil when every key
	// is a column.
	Exprs []Expr
	// KeyOptions holds, for each key, its operator class when it is not
	// the type's default, then DESC and a NULLS order that is not the
	// direction's default, space-separated: "", "DESC", "NULLS FIRST",
	// "text_pattern_ops DESC NULLS LAST"; nil when every key has none.
	KeyOptions []string
	Include    []string // INCLUDE columns in order
	Unique     bool
	// NullsNotDistinct is set for a unique index whose NULLs conflict.
	NullsNotDistinct bool
	Primary          bool
	// Constraint names the PRIMARY KEY, UNIQUE or EXCLUDE constraint the
	// index implements, or is "" for an index created on its own.
	Constraint string
	Method     string // access method: "btree", "hash", ...
	Predicate  Expr   // WHERE clause of a partial index, or ""
	Comment    string
	// Collations holds, for each key, its collation when it is not the
	// column's, or for an expression key the expression's, own, and ""
	// otherwise; nil when no key has one. PostgreSQL keeps a COLLATE
	// over the whole of an expression key ((lower(code) collate "C"))
	// so, apart from the expression. A collation its name alone would
	// not find is qualified (see collationNameSQL).
	Collations []string
	// Invalid is set for an index PostgreSQL neither uses nor enforces:
	// what a CREATE INDEX CONCURRENTLY that failed or was cancelled
	// leaves behind (a unique one that met a duplicate, say).
	Invalid bool
}

// Table returns the table with the given name, or nil.
func (c *Catalog) Table(name string) *Table {
	for i := range c.Tables {
		if c.Tables[i].Name == name {
			return &c.Tables[i]
		}
	}
	return nil
}

// Enum returns the enum with the given name, or nil.
func (c *Catalog) Enum(name string) *Enum {
	for i := range c.Enums {
		if c.Enums[i].Name == name {
			return &c.Enums[i]
		}
	}
	return nil
}

// Column returns the column with the given name, or nil.
func (t *Table) Column(name string) *Column {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i]
		}
	}
	return nil
}

// ForeignKey returns the foreign key with the given name, or nil.
func (t *Table) ForeignKey(name string) *ForeignKey {
	for i := range t.ForeignKeys {
		if t.ForeignKeys[i].Name == name {
			return &t.ForeignKeys[i]
		}
	}
	return nil
}

// Unique returns the UNIQUE constraint with the given name, or nil.
func (t *Table) Unique(name string) *Key {
	for i := range t.Uniques {
		if t.Uniques[i].Name == name {
			return &t.Uniques[i]
		}
	}
	return nil
}

// Check returns the CHECK constraint with the given name, or nil.
func (t *Table) Check(name string) *Check {
	for i := range t.Checks {
		if t.Checks[i].Name == name {
			return &t.Checks[i]
		}
	}
	return nil
}

// Index returns the index with the given name, or nil.
func (t *Table) Index(name string) *Index {
	for i := range t.Indexes {
		if t.Indexes[i].Name == name {
			return &t.Indexes[i]
		}
	}
	return nil
}

// IndexLeadingWith returns the first index (by name) whose leading key
// columns are exactly cols, in any order, or nil. Such an index serves the
// lookups PostgreSQL makes on the referencing side of a foreign key when a
// referenced row is deleted or its key updated.
func (t *Table) IndexLeadingWith(cols []string) *Index {
	for i := range t.Indexes {
		ix := &t.Indexes[i]
		if len(ix.Columns) < len(cols) || ix.Predicate != "" || ix.Method != "btree" {
			continue
		}
		lead := slices.Clone(ix.Columns[:len(cols)])
		want := slices.Clone(cols)
		slices.Sort(lead)
		slices.Sort(want)
		if slices.Equal(lead, want) {
			return ix
		}
	}
	return nil
}

// UnindexedForeignKeys lists, as "table.constraint", every foreign key no
// index leads with, sorted: each delete or key update of a referenced row
// then scans the referencing table.
func (c *Catalog) UnindexedForeignKeys() []string {
	var out []string
	for i := range c.Tables {
		t := &c.Tables[i]
		for _, fk := range t.ForeignKeys {
			if t.IndexLeadingWith(fk.Columns) == nil {
				out = append(out, t.Name+"."+fk.Name)
			}
		}
	}
	slices.Sort(out)
	return out
}

// Beginner starts a transaction; *pgx.Conn, *pgxpool.Pool and pgx.Tx (as a
// savepoint) all satisfy it.
type Beginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// Read returns the catalog of the named schema ("" means public). It reads
// inside a transaction (a savepoint when db is a pgx.Tx) that it rolls
// back, with search_path set to pg_catalog for the duration, so that names
// outside pg_catalog are always printed schema-qualified. It sees what the
// transaction sees, uncommitted DDL included.
func Read(ctx context.Context, db Beginner, schema string) (*Catalog, error) {
	return ReadPreferring(ctx, db, schema, Spellings{})
}

// ReadPreferring is Read, with each CHECK, predicate and expression key
// that prefer spells read as prefer spells it where the server stores it
// as it stores the database's (see shorten.go; those it answered for
// are Settled): a model's BETWEEN, LIKE or IN then reads back as
// written, not as PostgreSQL prints it, so that what is planned or
// compared against the model sees no change where there is none.
func ReadPreferring(ctx context.Context, db Beginner, schema string, prefer Spellings) (*Catalog, error) {
	if schema == "" {
		schema = "public"
	}
	tx, err := db.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // read only; nothing to undo
	if _, err := tx.Exec(ctx, "SET LOCAL search_path = pg_catalog"); err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	r := reader{ctx: ctx, tx: tx, cat: &Catalog{Schema: schema}, byOID: map[uint32]*Table{}, attname: map[attnum]string{}, bounds: map[string]Expr{}, prefer: prefer}
	if err := tx.QueryRow(ctx, "SELECT oid FROM pg_namespace WHERE nspname = $1", schema).Scan(&r.ns); err != nil {
		if err == pgx.ErrNoRows {
			return nil, fmt.Errorf("catalog: schema %q does not exist", schema)
		}
		return nil, fmt.Errorf("catalog: looking up schema %q: %w", schema, err)
	}
	for _, step := range []func() error{r.extensions, r.enums, r.domains, r.tables, r.columns, r.identitySequences, r.ownedSequences, r.constraints, r.nameMissing, r.indexes, r.others, r.objects, r.uncreatable, r.properties, r.settings, r.shortenChecks, r.shortenDomainChecks, r.preferIndexes} {
		if err := step(); err != nil {
			return nil, fmt.Errorf("catalog: reading schema %q: %w", schema, err)
		}
	}
	r.foldPartitions()
	r.cat.sort()
	return r.cat, nil
}

type reader struct {
	ctx   context.Context
	tx    pgx.Tx
	ns    uint32
	cat   *Catalog
	byOID map[uint32]*Table // by pg_class oid, pointing into cat.Tables
	// attname names the columns read, by table and attribute number.
	attname map[attnum]string
	// bounds holds each partition's FOR VALUES clause, by name.
	bounds map[string]Expr
	// missing lists the columns of other schemas' tables that foreign
	// keys reference, to name once every constraint is read.
	missing []*string
	missNum []attnum
	// prefer holds the spellings to try first (ReadPreferring).
	prefer Spellings
}

type attnum struct {
	rel uint32
	num int16
}

// names returns the names of the columns numbered nums of relation rel.
// A table of another schema, which foreign keys may reference, is not
// read: its names are looked up after the constraints (see nameMissing).
func (r *reader) names(rel uint32, nums []int16) []string {
	if len(nums) == 0 {
		return nil
	}
	out := make([]string, len(nums))
	for i, n := range nums {
		name, ok := r.attname[attnum{rel, n}]
		if !ok {
			r.missNum = append(r.missNum, attnum{rel, n})
			r.missing = append(r.missing, &out[i])
		}
		out[i] = name
	}
	return out
}

// nameMissing names the referenced columns of other schemas' tables.
func (r *reader) nameMissing() error {
	for i, a := range r.missNum {
		err := r.tx.QueryRow(r.ctx, "SELECT attname::text FROM pg_attribute WHERE attrelid = $1 AND attnum = $2", a.rel, a.num).Scan(r.missing[i])
		if err != nil {
			return err
		}
	}
	return nil
}

// ownTablesSQL is the condition every query about table objects puts on
// the table, c: a table of the schema read ($1), ordinary or partitioned
// (relkind r, p). Views, sequences and foreign tables are noted apart.
const ownTablesSQL = `c.relnamespace = $1 AND c.relkind IN ('r', 'p')`

// parentNameSQL is the name, as text, of the parent table p of a
// partition, in a query of the schema whose oid is $1: bare when p is in
// that schema, else qualified as regclass prints it.
const parentNameSQL = `CASE WHEN p.relnamespace = $1 THEN p.relname::text ELSE p.oid::regclass::text END`

// extensions reads the extensions, and notes among Others one installed
// in a schema other than public or pg_catalog ("extension citext WITH
// SCHEMA ext") that the schema uses (a column or domain of its type, a
// CHECK, default or index using its functions or operators): a model's
// CREATE EXTENSION puts it in the first schema of the search path,
// public, where the types and functions the model names by their schema
// are not. One the schema does not use changes nothing for its model.
func (r *reader) extensions() error {
	rows, err := r.tx.Query(r.ctx, `SELECT e.extname::text, n.nspname::text,
		EXISTS (SELECT 1 FROM pg_depend m
		        LEFT JOIN pg_depend a ON a.refclassid = m.classid AND a.refobjid = m.objid AND a.deptype = 'i'
		        JOIN pg_depend d ON d.deptype = 'n' AND (d.refclassid = m.classid AND d.refobjid = m.objid
		                                                 OR d.refclassid = a.classid AND d.refobjid = a.objid)
		        WHERE m.refclassid = 'pg_extension'::regclass AND m.refobjid = e.oid AND m.deptype = 'e'
		          AND `+dependentInSchemaSQL+`)
		FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
		WHERE e.extname <> 'plpgsql'`, r.ns)
	if err != nil {
		return err
	}
	var name, schema string
	var used bool
	_, err = pgx.ForEachRow(rows, []any{&name, &schema, &used}, func() error {
		r.cat.Extensions = append(r.cat.Extensions, name)
		if schema != "public" && schema != "pg_catalog" && used {
			r.cat.Others = append(r.cat.Others, "extension "+name+" WITH SCHEMA "+schema)
		}
		return nil
	})
	return err
}

const enumsSQL = `
SELECT t.typname::text, e.enumlabel::text, coalesce(d.description, '')
FROM pg_type t
JOIN pg_enum e ON e.enumtypid = t.oid
LEFT JOIN pg_description d ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0
WHERE t.typnamespace = $1 AND t.typtype = 'e'
ORDER BY t.typname, e.enumsortorder`

func (r *reader) enums() error {
	rows, err := r.tx.Query(r.ctx, enumsSQL, r.ns)
	if err != nil {
		return err
	}
	var name, label, comment string
	_, err = pgx.ForEachRow(rows, []any{&name, &label, &comment}, func() error {
		n := len(r.cat.Enums)
		if n == 0 || r.cat.Enums[n-1].Name != name {
			r.cat.Enums = append(r.cat.Enums, Enum{Name: name, Comment: comment})
			n++
		}
		r.cat.Enums[n-1].Values = append(r.cat.Enums[n-1].Values, label)
		return nil
	})
	return err
}

const tablesSQL = `
SELECT c.oid, c.relname::text, coalesce(d.description, ''),
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) ELSE '' END,
       coalesce((SELECT ` + parentNameSQL + `
                 FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
                 WHERE i.inhrelid = c.oid AND c.relispartition), ''),
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) ELSE '' END
FROM pg_class c
LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
WHERE ` + ownTablesSQL

func (r *reader) tables() error {
	rows, err := r.tx.Query(r.ctx, tablesSQL, r.ns)
	if err != nil {
		return err
	}
	var oids []uint32
	var oid uint32
	var t Table
	var bound, partitionBy string
	_, err = pgx.ForEachRow(rows, []any{&oid, &t.Name, &t.Comment, &partitionBy, &t.PartitionOf, &bound}, func() error {
		oids = append(oids, oid)
		t.PartitionBy = Expr(partitionBy)
		if t.PartitionOf != "" {
			r.bounds[t.Name] = Expr(bound)
		}
		r.cat.Tables = append(r.cat.Tables, t)
		return nil
	})
	if err != nil {
		return err
	}
	// Sort now so that the pointers handed out below stay valid.
	idx := make([]int, len(oids))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(r.cat.Tables[a].Name, r.cat.Tables[b].Name) })
	sorted := make([]Table, len(idx))
	for i, j := range idx {
		sorted[i] = r.cat.Tables[j]
	}
	r.cat.Tables = sorted
	for i, j := range idx {
		r.byOID[oids[j]] = &r.cat.Tables[i]
	}
	return nil
}

var columnsSQL = `
SELECT a.attrelid, a.attnum, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attndims::int, a.attnotnull,
       coalesce(pg_get_expr(ad.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE ad.adrelid END), ''), a.attidentity::text, coalesce(d.description, ''),
       coalesce(CASE WHEN a.attcollation <> (SELECT ty.typcollation FROM pg_type ty WHERE ty.oid = a.atttypid)
                     THEN ` + collationNameSQL("a.attcollation") + ` END, ''),
       a.attgenerated = 's'
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_description d ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
WHERE ` + ownTablesSQL + ` AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum`

func (r *reader) columns() error {
	rows, err := r.tx.Query(r.ctx, columnsSQL, r.ns)
	if err != nil {
		return err
	}
	var oid uint32
	var num int16
	var col Column
	var def, identity string
	_, err = pgx.ForEachRow(rows, []any{&oid, &num, &col.Name, &col.Type, &col.Dims, &col.NotNull, &def, &identity, &col.Comment, &col.Collation, &col.Generated}, func() error {
		t := r.byOID[oid]
		if t == nil {
			return fmt.Errorf("column %s of unknown relation %d", col.Name, oid)
		}
		r.attname[attnum{oid, num}] = col.Name
		col.Default = Expr(def)
		switch identity {
		case "a":
			col.Identity = "ALWAYS"
		case "d":
			col.Identity = "BY DEFAULT"
		default:
			col.Identity = ""
		}
		t.Columns = append(t.Columns, col)
		return nil
	})
	return err
}

// constraintsSQL reads each constraint with its columns as attribute
// numbers in constraint order (conkey and confkey are ordered arrays),
// which Read names from the columns it has read (an exclusion constraint's
// are its index's, read there: an expression is attribute 0): naming them in SQL, with
// a subquery per constraint, takes most of the time of a large schema.
// A check's are not read: its definition says them, and one that reads
// the whole row (docs.* IS NOT NULL) has attribute 0, no column's.
const constraintsSQL = `
SELECT con.conrelid, con.conname::text, con.contype::text, CASE WHEN con.contype NOT IN ('x', 'c') THEN con.conkey END,
       con.confrelid, coalesce(fn.nspname::text, ''), coalesce(fc.relname::text, ''), con.confkey,
       con.confdeltype::text, con.confupdtype::text, con.confmatchtype::text,
       con.condeferrable, con.condeferred,
       CASE WHEN con.contype IN ('c', 'x') THEN pg_get_constraintdef(con.oid) ELSE '' END,
       coalesce(d.description, ''), NOT con.convalidated, coalesce(con.confdelsetcols, '{}'), ` + exclusionOperatorsSQL + `
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
LEFT JOIN pg_description d ON d.objoid = con.oid AND d.classoid = 'pg_constraint'::regclass AND d.objsubid = 0
WHERE ` + ownTablesSQL + ` AND con.conparentid = 0`

// actions maps confdeltype/confupdtype to SQL.
var actions = map[string]string{"a": NoAction, "r": Restrict, "c": Cascade, "n": SetNull, "d": SetDefault, " ": ""}

// matches maps confmatchtype to SQL.
var matches = map[string]string{"s": "SIMPLE", "f": "FULL", "p": "PARTIAL", " ": ""}

func (r *reader) constraints() error {
	rows, err := r.tx.Query(r.ctx, constraintsSQL, r.ns)
	if err != nil {
		return err
	}
	var (
		oid, refOID                             uint32
		name, kind, refSchema, refTable         string
		keys, refKeys, setKeys                  []int16
		operators                               []string
		onDelete, onUpdate, match, def, comment string
		deferrable, deferred, notValid          bool
	)
	_, err = pgx.ForEachRow(rows, []any{&oid, &name, &kind, &keys, &refOID, &refSchema, &refTable, &refKeys,
		&onDelete, &onUpdate, &match, &deferrable, &deferred, &def, &comment, &notValid, &setKeys, &operators}, func() error {
		t := r.byOID[oid]
		if t == nil {
			return fmt.Errorf("constraint %s of unknown relation %d", name, oid)
		}
		cols := r.names(oid, keys)
		refCols := r.names(refOID, refKeys)
		switch kind {
		case "p":
			t.PrimaryKey = &Key{Name: name, Columns: cols, Comment: comment}
		case "u":
			t.Uniques = append(t.Uniques, Key{Name: name, Columns: cols, Comment: comment})
		case "c":
			t.Checks = append(t.Checks, Check{Name: name, Def: Expr(def), Comment: comment, NotValid: notValid})
		case "x":
			t.Exclusions = append(t.Exclusions, Exclusion{Name: name, Def: Expr(def), Operators: operators, Comment: comment})
		case "f":
			t.ForeignKeys = append(t.ForeignKeys, ForeignKey{
				Name: name, Columns: cols, RefSchema: refSchema, RefTable: refTable, RefColumns: refCols,
				OnDelete: actions[onDelete], OnDeleteColumns: r.names(oid, setKeys), OnUpdate: actions[onUpdate], Match: matches[match],
				Deferrable: deferrable, InitiallyDeferred: deferred, Comment: comment, NotValid: notValid,
			})
		}
		// Constraint triggers (t) are outside what ergen generates.
		return nil
	})
	return err
}

// othersSQL lists what a model cannot hold: relations other than tables
// (a sequence only when no column owns it, as serial and identity columns
// do), composite types, functions, procedures and aggregates, and
// triggers other than the ones PostgreSQL adds for foreign keys; a
// function with what of the schema calls it (usedBySQL). Objects
// that belong to an extension are left out: they come with it; so are
// functions that are part of another object (pg_depend's internal
// dependency: a range type's constructors), which come with that one.
var othersSQL = `
SELECT kind || ' ' || name || CASE WHEN classid = 'pg_proc'::regclass THEN ` + usedBySQL + ` ELSE '' END FROM (
  SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence'
                        WHEN 'f' THEN 'foreign table' ELSE 'relation' END AS kind,
         c.relname::text || COALESCE((` + sequenceOptionsSQL + `), '') AS name,
         'pg_class'::regclass AS classid, c.oid
  FROM pg_class c
  WHERE c.relnamespace = $1 AND c.relkind IN ('v', 'm', 'S', 'f')
    AND NOT EXISTS (SELECT 1 FROM pg_depend dp WHERE dp.classid = 'pg_class'::regclass AND dp.objid = c.oid
                    AND dp.deptype IN ('a', 'i') AND dp.refclassid = 'pg_class'::regclass)
  UNION ALL
  SELECT 'composite type', t.typname::text, 'pg_type'::regclass, t.oid
  FROM pg_type t
  WHERE t.typnamespace = $1 AND t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
         p.proname::text || '(' || pg_get_function_identity_arguments(p.oid) || ')', 'pg_proc'::regclass, p.oid
  FROM pg_proc p
  WHERE p.pronamespace = $1
    AND NOT EXISTS (SELECT 1 FROM pg_depend dp WHERE dp.classid = 'pg_proc'::regclass AND dp.objid = p.oid AND dp.deptype = 'i')
  UNION ALL
  SELECT 'trigger', tg.tgname::text || ' on ' || c.relname::text, 'pg_trigger'::regclass, tg.oid
  FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
  WHERE c.relnamespace = $1 AND NOT tg.tgisinternal
) o
WHERE ` + notOfExtensionSQL("o.classid", "o.oid") + `
ORDER BY 1`

func (r *reader) others() error { return r.addOthers(othersSQL) }

// notOfExtensionSQL holds for the object oid (an SQL expression) of the
// system catalog class ('pg_type'::regclass) unless an extension brought
// it: the extension's CREATE EXTENSION makes such an object, so neither
// the model nor the notes of an import speak of it.
func notOfExtensionSQL(class, oid string) string {
	return "NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = " + class + " AND x.objid = " + oid + " AND x.deptype = 'e')"
}

// addOthers adds to Others the descriptions query finds, one a row, of
// what a model cannot hold.
func (r *reader) addOthers(query string) error {
	rows, err := r.tx.Query(r.ctx, query, r.ns)
	if err != nil {
		return err
	}
	var o string
	_, err = pgx.ForEachRow(rows, []any{&o}, func() error {
		r.cat.Others = append(r.cat.Others, o)
		return nil
	})
	return err
}

// sort puts every list in the documented order. Names are compared as
// bytes, so the order does not depend on any collation.
func (c *Catalog) sort() {
	slices.Sort(c.Extensions)
	slices.Sort(c.Others)
	slices.SortFunc(c.Enums, func(a, b Enum) int { return cmp.Compare(a.Name, b.Name) })
	c.sortDomains()
	slices.SortFunc(c.Tables, func(a, b Table) int { return cmp.Compare(a.Name, b.Name) })
	for i := range c.Tables {
		t := &c.Tables[i]
		slices.SortFunc(t.Uniques, func(a, b Key) int { return cmp.Compare(a.Name, b.Name) })
		slices.SortFunc(t.Checks, func(a, b Check) int { return cmp.Compare(a.Name, b.Name) })
		slices.SortFunc(t.ForeignKeys, func(a, b ForeignKey) int { return cmp.Compare(a.Name, b.Name) })
		slices.SortFunc(t.Exclusions, func(a, b Exclusion) int { return cmp.Compare(a.Name, b.Name) })
		slices.SortFunc(t.Indexes, func(a, b Index) int { return cmp.Compare(a.Name, b.Name) })
		sortPartitions(t.Partitions)
	}
}
