// Package model is ergen's one validated model of a schema. Resolve turns a
// parsed .er file into a Schema, checking every rule about entities and
// relationships once; the emitters (DDL, Go, review output) only read it.
//
// The model has two layers. The conceptual layer (Entity, Relationship)
// says what the user declared. The relational layer (Table, Column, Key,
// ForeignKey, Index) is derived from it once, in Resolve: where each FK
// lives, which columns it has, which index covers it, in which order tables
// are created. Emitters never derive any of it again.
package model

import (
	"github.com/ergen-dev/ergen/dsl"
)

// Schema is a resolved .er file.
type Schema struct {
	// Name is the PostgreSQL schema, or "" for the default (public).
	Name string
	// NameSpan is where the name is written (`schema shop`), so that what
	// follows from it (a schema move) points there; zero without one.
	NameSpan dsl.Span
	// Extensions are the PostgreSQL extensions the model needs, in
	// declaration order: operator classes (pg_trgm's gin_trgm_ops) and
	// functions for defaults and checks.
	Extensions []string
	// ExtensionPos is where each of Extensions is declared, for what
	// points at the declaration (a migration that drops the extension).
	ExtensionPos map[string]dsl.Pos
	// File is the source file name, as given to Resolve.
	File string

	// Types are the external types declared with `type`, in declaration
	// order; an external type used without a declaration is only on
	// the columns that use it.
	Types []*ExternalType
	Enums []*Enum
	// Domains are the declared domains, in declaration order, which is
	// an order PostgreSQL can create them in.
	Domains []*Domain
	// Sequences are the standalone sequences, in declaration order
	// (see Sequence).
	Sequences     []*Sequence
	Entities      []*Entity
	Relationships []*Relationship
	// Arcs are the exclusive arcs, in declaration order; each of their
	// parents is also one of Relationships.
	Arcs []*Arc
	// GoImports are the packages the model's `go "..."` types would
	// import into the generated Go, each where it is written, in
	// declaration order (see CheckGoImports).
	GoImports []GoImport
	// Tables lists every table in an order PostgreSQL can create them:
	// a table comes after every table it references, except along the FKs
	// marked Deferred, which close cycles and are added after all tables.
	Tables []*Table
}

// Qualify returns the quoted, schema-qualified name of an object.
func (s *Schema) Qualify(name string) string {
	if s.Name == "" {
		return QuoteIdent(name)
	}
	return QuoteIdent(s.Name) + "." + QuoteIdent(name)
}

// Entity is a declared entity. Its table holds its attributes plus the FK
// columns that its relationships place on it.
type Entity struct {
	Pos   dsl.Pos
	Name  string // as declared: User
	Table *Table
}

// Enum is an enumerated type, created with CREATE TYPE ... AS ENUM.
type Enum struct {
	Pos     dsl.Pos
	Name    string // as declared: OrderStatus
	SQLName string // order_status
	Values  []string
}

// Table is a relational table: an entity's, or an M:N junction.
type Table struct {
	Pos  dsl.Pos
	Name string // unquoted, at most 63 bytes
	// NameAt is where Name is written: the `table "..."` string, or the
	// entity or junction name it derives from, or, for a junction named
	// after its entities, the relationship's header.
	NameAt  dsl.Span
	Comment string

	Entity       *Entity       // nil for a junction table
	Relationship *Relationship // the M:N relationship of a junction table

	Columns     []*Column
	PrimaryKey  *Key // nil when the table has none
	Uniques     []*Key
	Checks      []*Check
	ForeignKeys []*ForeignKey
	Indexes     []*Index
	// Exclusions are the table's EXCLUDE constraints (exclusion.go).
	Exclusions []*Exclusion
	// Partitioning is set for a partitioned table (partition.go).
	Partitioning *Partitioning

	// Referenced lists the FKs of other tables (or this one) that point
	// here, in declaration order: what a delete of a row here reaches.
	Referenced []*ForeignKey

	order int // declaration order, for deterministic sorting
	// cover finds the key or index that covers a column list in a table
	// of many foreign keys (coverindex.go); nil in one of few.
	cover *coverIndex
}

// Column returns the column with the given name, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Named returns the column of t that a name written in the model (in a
// key, index, `references`, `column` or `on delete` clause) refers to, or
// nil. Every clause looks columns up here, so a name means the same column
// in all of them: the name cut as PostgreSQL cuts it (ColumnIdent), which
// is how attributes are named and how the user's expressions read it. A
// foreign key column ergen derives is named with ShortenIdent instead,
// so the name it derives from, written in full, finds it too.
func (t *Table) Named(written string) *Column {
	if c := t.Column(ColumnIdent(written)); c != nil {
		return c
	}
	if c := t.Column(ShortenIdent(written)); c != nil && !c.Declared {
		return c
	}
	return nil
}

// Label is how diagnostics and review output name the table's rows: the
// entity name, or the junction table's name.
func (t *Table) Label() string {
	if t.Entity != nil {
		return t.Entity.Name
	}
	return t.Name
}

// label is Label cut by dsl.NameExcerpt, as the model's diagnostics write
// it: an entity's name may be a megabyte long.
func (t *Table) label() string { return dsl.NameExcerpt(t.Label()) }

// Identity is a column's GENERATED ... AS IDENTITY clause.
type Identity int

const (
	NoIdentity Identity = iota
	IdentityAlways
	IdentityByDefault
)

// SQL returns the clause, or "" for NoIdentity.
func (i Identity) SQL() string {
	switch i {
	case IdentityAlways:
		return "GENERATED ALWAYS AS IDENTITY"
	case IdentityByDefault:
		return "GENERATED BY DEFAULT AS IDENTITY"
	}
	return ""
}

// Column is a table column.
type Column struct {
	Pos      dsl.Pos
	Table    *Table
	Name     string
	Type     Type
	Nullable bool
	// Declared is false for columns ergen added (FK and junction columns).
	// It sits beside Nullable so that the two bools share a word: a
	// model of 10,000 entities holds 100,000 columns, and 8 bytes more
	// take each to the next size class, 32 bytes larger.
	Declared bool
	Default  string // SQL expression as written, or ""
	Identity Identity
	// IdentitySettings are the settings of an identity column's
	// sequence: those written after identity, CREATE SEQUENCE's defaults
	// for the column's type otherwise.
	IdentitySettings SequenceSettings
	Comment          string
	// A column's checks are those of Table.Checks whose Column is it, in
	// the order written.

	// GeneratedAs is the parenthesised expression of a stored generated
	// column (GENERATED ALWAYS AS (...) STORED), or "": PostgreSQL
	// computes its value from the row's other columns on every write.
	GeneratedAs string
	// GeneratedFrom are the columns of the table that GeneratedAs names
	// (a word that names a column counts, even where the expression means
	// something else by it): PostgreSQL will not change their types while
	// the generated column exists.
	GeneratedFrom []*Column

	// ForeignKey is set when the column belongs to a foreign key: the
	// first one resolved that owns it, ForeignKeys[0]. Only
	// addForeignKey sets the two.
	ForeignKey *ForeignKey
	// ForeignKeys are every foreign key through the column, ForeignKey
	// first: more than one when keys share it (a tenant's id named in
	// the `columns` of several relationships; see sharedcolumns.go).
	ForeignKeys []*ForeignKey
}

// Generated reports whether the database fills the column on insert when
// no value is given: serial types, identity, or a default.
func (c *Column) Generated() bool {
	return c.Type.IsSerial() || c.Identity != NoIdentity || c.InsertDefault() != ""
}

// Key is a PRIMARY KEY or UNIQUE constraint.
type Key struct {
	Pos     dsl.Pos
	Name    string
	Columns []*Column
	// Include lists the INCLUDE columns of a UNIQUE constraint: stored in
	// its index, not part of the key.
	Include []*Column
	// NullsNotDistinct makes two rows with NULL in the same key column
	// conflict (PostgreSQL 15).
	NullsNotDistinct bool
}

// Check is a CHECK constraint; Expr is the parenthesised SQL as written.
type Check struct {
	Pos    dsl.Pos
	Name   string
	Expr   string
	Column *Column // set for a column-level check
	// Named is set when the model gives the name (`as NAME`); otherwise
	// it is derived once the table's name is final.
	Named bool
	// NotValid adds the check NOT VALID (`not valid`), after the table:
	// PostgreSQL does not check the rows written before it.
	NotValid bool
}

// Index is an index created with CREATE INDEX: one declared with `index
// (...)`, a `unique (...)` that a UNIQUE constraint cannot express (partial,
// over expressions, or with a sort order), or the one ergen adds for a
// foreign key that no key or index already leads with.
type Index struct {
	Pos  dsl.Pos
	Name string
	// Keys are the index's keys in order. Columns lists the keys that are
	// plain columns, in the same order, for readers that only need them.
	Keys    []IndexKey
	Columns []*Column
	Unique  bool
	// Method is the access method as PostgreSQL names it: btree, hash,
	// gin, gist, brin or spgist.
	Method           string
	Include          []*Column
	Where            string // the predicate of a partial index, parenthesised; or ""
	NullsNotDistinct bool
	ForeignKey       *ForeignKey // set for an FK index
}

// IndexKey is one key of an index: a column or an expression, with its
// operator class and order when given.
type IndexKey struct {
	Column *Column // nil for an expression
	Expr   string  // the expression as written: lower(email), (a + b)
	// Collation is the key's own collation (`name collate "C"`), or ""
	// for its column's.
	Collation string
	OpClass   string
	Desc      bool
	Nulls     string // "FIRST", "LAST" or "" for the order's default
}

// Serves reports whether the index serves every lookup by the columns it
// leads with, as the FK checks of a delete make: a btree over plain
// columns, for all rows, in their own collations. A partial, expression
// or collated index never does.
func (ix *Index) Serves() bool {
	return ix.Method == "btree" && ix.Where == "" && len(ix.Columns) == len(ix.Keys) && !ix.collated()
}

// RefAction is a referential action; its value is the SQL spelling.
type RefAction string

const (
	NoAction   RefAction = "NO ACTION"
	Restrict   RefAction = "RESTRICT"
	Cascade    RefAction = "CASCADE"
	SetNull    RefAction = "SET NULL"
	SetDefault RefAction = "SET DEFAULT"
)

// Blocks reports whether the action refuses the change while rows refer to
// the key (RESTRICT at once, NO ACTION at the end of the statement or, when
// deferred, of the transaction).
func (a RefAction) Blocks() bool { return a == NoAction || a == Restrict }

// Deferrability is a constraint's DEFERRABLE clause.
type Deferrability int

const (
	NotDeferrable Deferrability = iota
	DeferrableImmediate
	DeferrableDeferred
)

// SQL returns the clause, or "" for NotDeferrable (PostgreSQL's default).
func (d Deferrability) SQL() string {
	switch d {
	case DeferrableImmediate:
		return "DEFERRABLE INITIALLY IMMEDIATE"
	case DeferrableDeferred:
		return "DEFERRABLE INITIALLY DEFERRED"
	}
	return ""
}

// ForeignKey is a foreign key constraint, derived from one side of a
// relationship.
type ForeignKey struct {
	Pos        dsl.Pos // the relationship's declaration
	Name       string
	Table      *Table
	Columns    []*Column
	RefTable   *Table
	RefColumns []*Column
	// OnDelete and OnUpdate are the referential actions, with where the
	// .er file wrote them (Policy and PolicySpan in policy.go take the
	// event as an argument).
	OnDelete   Policy
	OnUpdate   Policy
	Deferrable Deferrability
	// MatchFull makes a composite FK with some but not all columns NULL
	// an error, instead of a row that references nothing (MATCH SIMPLE).
	MatchFull bool
	// NotValid adds the FK NOT VALID (`not valid`): rows written before
	// it are not checked, as pg_dump keeps a constraint added that way.
	// The DDL adds it with ALTER TABLE after the tables, since CREATE
	// TABLE would validate it.
	NotValid   bool
	notValidAt *dsl.Span // where `not valid` is written (keepSpan)
	// SetColumns are the columns ON DELETE SET NULL or SET DEFAULT
	// changes when the clause lists them (PostgreSQL 15); nil for all.
	// ActionColumns (setcolumns.go) gives the columns an action changes.
	SetColumns []*Column
	Comment    string

	// Role names what the referenced row is to the referencing one
	// ("user", "manager"); it names the constraint and the Go accessors.
	Role string
	// Relationship is the relationship this FK implements; Side is 0 for
	// 1:N and 1:1, and 0 or 1 (left or right entity) for M:N.
	Relationship *Relationship
	Side         int

	// Index is the index ergen creates for the FK, or nil when a key or
	// another index already leads with its columns, or the user said
	// `no index`.
	Index *Index
	// IndexOff records `no index`.
	IndexOff bool
	// Deferred is true when the FK closes a cycle between tables: it is
	// added with ALTER TABLE after every table exists.
	Deferred bool
}

// Cardinality is a relationship's kind.
type Cardinality int

const (
	OneToMany Cardinality = iota + 1
	OneToOne
	ManyToMany
)

func (c Cardinality) String() string {
	switch c {
	case OneToMany:
		return "1:N"
	case OneToOne:
		return "1:1"
	case ManyToMany:
		return "M:N"
	}
	return "?"
}

// JunctionKey is how an M:N junction table is keyed.
type JunctionKey int

const (
	// CompositeKey: PRIMARY KEY (left FK columns, right FK columns).
	CompositeKey JunctionKey = iota
	// SurrogateKey: a generated id column as PK, plus UNIQUE over the pair.
	SurrogateKey
	// LineKey: PRIMARY KEY (left FK columns, line number), so the same pair
	// may appear more than once.
	LineKey
)

func (k JunctionKey) String() string {
	return [...]string{"composite", "surrogate", "line"}[k]
}

// Relationship is a declared relationship.
type Relationship struct {
	// Span is the header, from the first entity to the last, for
	// diagnostics; Pos is where the relationship is declared.
	dsl.Span
	Card Cardinality
	// Left and Right are the entities as written: for 1:N and 1:1 Left is
	// the parent (referenced) and Right the child (referencing).
	Left, Right *Entity
	// Roles: for 1:N and 1:1, Roles[0] is the parent's role; for M:N one
	// role per side. Derived from entity names when not written.
	Roles [2]string
	// SharedKey is set for a 1:1 whose child's primary key is the FK.
	SharedKey bool

	// ForeignKeys: one for 1:N and 1:1 (on Right's table), two for M:N
	// (on the junction: left side first).
	ForeignKeys []*ForeignKey
	// Junction is the M:N junction table, and JunctionKey how it is keyed.
	Junction    *Table
	JunctionKey JunctionKey
	// Attributes are the M:N relationship's own columns on the junction.
	Attributes []*Column
	// Arc is the exclusive arc this 1:N is one parent of, or nil.
	Arc *Arc
}

// Label names the relationship in messages: `User 1:N Order`, with roles.
func (r *Relationship) Label() string { return r.labelBy(func(name string) string { return name }) }

// label is Label with each name cut by dsl.NameExcerpt, as the model's
// diagnostics write it: a name may be a megabyte long.
func (r *Relationship) label() string { return r.labelBy(dsl.NameExcerpt) }

func (r *Relationship) labelBy(written func(string) string) string {
	s := written(r.Left.Name) + " " + r.Card.String() + " " + written(r.Right.Name)
	if r.Card == ManyToMany {
		return s
	}
	if r.Roles[0] != "" && r.Roles[0] != SnakeCase(r.Left.Name) {
		s += " as " + written(r.Roles[0])
	}
	return s
}

// Required reports whether every referencing row must have a parent: the
// FK columns are NOT NULL. A key whose columns mix NULL and NOT NULL (a
// shared tenant_id NOT NULL, its own author_id nullable, or the NOT NULL
// ones kept by `on delete set null (...)`) is optional: under MATCH SIMPLE
// a row with any of them NULL references nothing.
func (fk *ForeignKey) Required() bool {
	for _, c := range fk.Columns {
		if c.Nullable {
			return false
		}
	}
	return true
}
