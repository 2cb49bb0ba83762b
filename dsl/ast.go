package dsl

import "github.com/alecthomas/participle/v2/lexer"

// The AST is the grammar: each struct is one production of the .er language
// and its tags are participle's grammar. The AST stays close to what the user
// typed (names and keywords as strings); resolution into typed, checked values
// happens in generator/model, never here.
//
// Keywords are contextual: they are lexed as identifiers and matched by the
// grammar where they can appear, so an attribute may be called "check",
// "table" or "order". Newlines are tokens (EOL) because they end attributes.

// File is one .er source file.
type File struct {
	Pos   lexer.Position
	Decls []*Decl `parser:"( EOL | \";\" | @@ )*"`

	// Name is the file name given to Parse; Source is its content. They let
	// later stages quote the offending line without re-reading the file.
	Name   string `parser:""`
	Source []byte `parser:""`
	// Parts are the files a model split over several files was joined
	// from (see Join); Source is then empty.
	Parts []*File `parser:""`
}

// Decl is one top-level declaration.
type Decl struct {
	Schema       *SchemaDecl       `parser:"  @@"`
	Extension    *ExtensionDecl    `parser:"| @@"`
	Type         *TypeDecl         `parser:"| @@"`
	Domain       *DomainDecl       `parser:"| @@"`
	Enum         *EnumDecl         `parser:"| @@"`
	Entity       *EntityDecl       `parser:"| @@"`
	Relationship *RelationshipDecl `parser:"| @@"`
	Sequence     *SequenceDecl     `parser:"| @@"`
}

// SequenceDecl declares a standalone sequence, which no column owns, for
// defaults that take numbers from it: `sequence actor_actor_id_seq` with
// `actor_id integer = nextval('actor_actor_id_seq'::regclass)`.
type SequenceDecl struct {
	Pos  lexer.Position
	Name *Name `parser:"\"sequence\" @@"`
	// Options are the settings that differ from CREATE SEQUENCE's
	// defaults, on the same line: `sequence order_no as integer start 1000`.
	Options []*SequenceOption `parser:"@@*"`
}

// SequenceOption is one setting of a sequence: `as integer`,
// `increment 10`, `start 1000`, `minvalue 1`, `maxvalue 99999`,
// `cache 20` or `cycle`.
type SequenceOption struct {
	Pos    lexer.Position
	EndPos lexer.Position
	As     string `parser:"  \"as\" @( \"smallint\" | \"integer\" | \"bigint\" )"`
	Word   string `parser:"| @( \"increment\" | \"start\" | \"minvalue\" | \"maxvalue\" | \"cache\" )"`
	Minus  bool   `parser:"  @\"-\"?"`
	Value  string `parser:"  @Number"`
	Cycle  bool   `parser:"| @\"cycle\""`
}

// SchemaDecl places every object in a PostgreSQL schema: `schema shop`.
type SchemaDecl struct {
	Pos  lexer.Position
	Name *Name `parser:"\"schema\" @@"`
}

// ExtensionDecl asks for a PostgreSQL extension: `extension pg_trgm`,
// `extension "uuid-ossp"`.
type ExtensionDecl struct {
	Pos  lexer.Position
	Name *String `parser:"\"extension\" @@"`
}

// TypeDecl names a PostgreSQL type that ergen does not know, so that it
// is taken exactly as written (never as a misspelling of a known type),
// and may choose the Go type the generated code uses for it: `type ltree`,
// `type public.vector go "github.com/pgvector/pgvector-go.Vector"`.
type TypeDecl struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Name   *TypeName `parser:"\"type\" @@"`
	Go     *String   `parser:"( \"go\" @@ )?"`
}

// TypeName is a type's name, schema-qualified or not: `ltree`,
// `public.vector`.
type TypeName struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Value  string `parser:"@Ident ( @\".\" @Ident )?"`
}

// DomainDecl declares a domain: a type with constraints of its own, used
// as an attribute's type: `domain Year integer check (value >= 1901)`.
type DomainDecl struct {
	Pos     lexer.Position
	EndPos  lexer.Position
	Name    *Name           `parser:"\"domain\" @@"`
	SQLName *Name           `parser:"( \"as\" @@ )?"` // the type's name, instead of the derived one
	Type    *TypeRef        `parser:"@@"`
	Options []*DomainOption `parser:"@@*"`
}

// DomainOption is one clause of a domain: a check, a default or NOT NULL.
type DomainOption struct {
	Pos       lexer.Position
	EndPos    lexer.Position
	Check     *Paren  `parser:"  \"check\" @@"`
	CheckName *Name   `parser:"  ( \"as\" @@ )?"`
	Default   *Expr   `parser:"| ( \"=\" | \"default\" ) @@"`
	NotNull   bool    `parser:"| @( \"not\" \"null\" )"`
	Collate   *String `parser:"| \"collate\" @@"` // the domain's collation: `collate "C"`
}

// EnumDecl declares an enumerated type: `enum Status { pending paid }`.
type EnumDecl struct {
	Pos    lexer.Position
	Name   *Name        `parser:"\"enum\" @@"`
	Type   *Name        `parser:"( \"as\" @@ )?"`        // the type's name, instead of the derived one
	Was    *Name        `parser:"( \"was\" @@ )? \"{\""` // the enum's name in the model this one replaces
	Values []*EnumValue `parser:"( EOL | \",\" | @@ )* \"}\""`
}

// EnumValue is one label of an enum, bare or quoted, and the label it
// replaces: `'shipped' was 'sent'`.
type EnumValue struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Value  string `parser:"@(Ident | String)"`
	Was    string `parser:"( \"was\" @(Ident | String) )?"`
}

// EntityDecl declares an entity, which becomes a table. Its items end at a
// line break or ";" (or the closing brace), so that a misspelt option is an
// error where it stands, not the start of another attribute.
type EntityDecl struct {
	Pos   lexer.Position
	Name  *Name         `parser:"\"entity\" @@"`
	Was   *Name         `parser:"( \"was\" @@ )? \"{\""` // the name in the model this one replaces
	Items []*EntityItem `parser:"( EOL | \";\" )* ( @@ (?= ( EOL | \";\" | \"}\" ) ) ( EOL | \";\" )* )* \"}\""`
}

// EntityItem is one line of an entity block: a table-level clause or an
// attribute. Clauses come first so that "unique (a, b)" is a constraint while
// "unique text" is an attribute named unique.
type EntityItem struct {
	Pos        lexer.Position
	PrimaryKey *ColumnList  `parser:"  ( \"pk\" | \"primary\" \"key\" ) @@"`
	PKName     *Name        `parser:"  ( \"as\" @@ )?"`
	Unique     *IndexDecl   `parser:"| \"unique\" @@"`
	Index      *IndexDecl   `parser:"| \"index\" @@"`
	Check      *Paren       `parser:"| \"check\" @@"`
	CheckName  *Name        `parser:"  ( \"as\" @@ )?"`
	NotValid   bool         `parser:"  @( \"not\" \"valid\" )?"` // the check is added NOT VALID
	Comment    *String      `parser:"| \"comment\" (?= String) @@"`
	Table      *String      `parser:"| \"table\" (?= String) @@"`
	Partition  *Partition   `parser:"| \"partition\" (?= ( \"by\" | Ident ( \"default\" | \"from\" | \"in\" | \"with\" | \"of\" ) ) ) @@"`
	Exclude    *ExcludeDecl `parser:"| \"exclude\" (?= ( \"using\" | \"(\" ) ) @@"`
	Attribute  *Attribute   `parser:"| @@"`
}

// Partition partitions an entity's table, `partition by range (paid_at)`
// (or list, hash), or declares one of its partitions, a table of its own:
// `partition p2025 from ('2025-01-01') to ('2026-01-01')`,
// `partition eu in ('de', 'fr')`, `partition p0 with (modulus 4, remainder 0)`,
// `partition other default`. Bounds are SQL, copied as written.
type Partition struct {
	Pos    lexer.Position
	EndPos lexer.Position
	By     *PartitionBy    `parser:"  \"by\" @@"`
	Bound  *PartitionBound `parser:"| @@"`
}

// PartitionBy is the method and key of a partitioned table. A key is
// written as an index's: a column, a function call over columns or a
// parenthesised expression, and an operator class:
// `partition by range (lower(name))`.
type PartitionBy struct {
	Pos    lexer.Position
	Method *Name    `parser:"@@"`
	Key    *KeyList `parser:"@@"`
}

// KeyList is a parenthesised list of keys written as an index's.
type KeyList struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Keys   []*IndexKey `parser:"\"(\" EOL* @@ ( EOL* \",\" EOL* @@ )* EOL* \")\""`
}

// PartitionBound is a partition: its name and the rows it holds. A
// partition may be partitioned in turn, `partition eu in ('de', 'fr')
// partition by range (paid_on)`, and its own partitions name it with
// `of`: `partition eu_2025 of eu from ('2025-01-01') to ('2026-01-01')`.
type PartitionBound struct {
	Pos     lexer.Position
	EndPos  lexer.Position
	Name    *Name        `parser:"@@"`
	Of      *Name        `parser:"( \"of\" @@ )?"`
	Default bool         `parser:"(  @\"default\""`
	Range   *RangeBound  `parser:" | @@"`
	In      *Paren       `parser:" | \"in\" @@"`
	Hash    *HashBound   `parser:" | @@ )"`
	By      *PartitionBy `parser:"( \"partition\" \"by\" @@ )?"`
}

// RangeBound is a range partition's bounds: from inclusive, to exclusive.
type RangeBound struct {
	From *Paren `parser:"\"from\" @@"`
	To   *Paren `parser:"\"to\" @@"`
}

// HashBound is a hash partition's modulus and remainder.
type HashBound struct {
	Pos       lexer.Position
	EndPos    lexer.Position
	Modulus   string `parser:"\"with\" \"(\" \"modulus\" @Number"`
	Remainder string `parser:"\",\" \"remainder\" @Number \")\""`
}

// Attribute is a column: a name, a type and options in any order.
type Attribute struct {
	Pos     lexer.Position
	EndPos  lexer.Position
	Name    *Name         `parser:"@@"`
	Type    *TypeRef      `parser:"@@"`
	Options []*AttrOption `parser:"@@*"`
}

// TypeRef is a type as written: `numeric(10, 2)`, `text[]?`, `Status`,
// `public.vector(3)`.
type TypeRef struct {
	Pos      lexer.Position
	EndPos   lexer.Position
	Name     string          `parser:"@Ident ( @\".\" @Ident )?"` // schema-qualified or not
	Second   string          `parser:"@( \"precision\" | \"varying\" )?"`
	Params   []string        `parser:"( \"(\" @( Number | Ident ) ( \",\" @( Number | Ident ) )* \")\" )?"` // geometry(Point, 4326)
	Fields   *IntervalFields `parser:"@@?"`                                                                 // interval day to second(3)
	TimeZone string          `parser:"( @( \"with\" | \"without\" ) \"time\" \"zone\" )?"`
	Array    []string        `parser:"@( \"[\" \"]\" )*"`
	Nullable bool            `parser:"@\"?\"?"`
}

// IntervalFields restrict an interval to some of its fields, with the
// precision of its seconds: `day to second(3)`, `year to month`,
// `second(0)`.
type IntervalFields struct {
	Pos       lexer.Position
	EndPos    lexer.Position
	From      string `parser:"@( \"year\" | \"month\" | \"day\" | \"hour\" | \"minute\" | \"second\" )"`
	To        string `parser:"( \"to\" @( \"year\" | \"month\" | \"day\" | \"hour\" | \"minute\" | \"second\" ) )?"`
	Precision string `parser:"( \"(\" @Number \")\" )?"`
}

// AttrOption is one option of an attribute.
type AttrOption struct {
	Pos        lexer.Position
	EndPos     lexer.Position
	PrimaryKey bool   `parser:"  @( \"pk\" | \"primary\" \"key\" )"`
	Unique     bool   `parser:"| @\"unique\""`
	Default    *Expr  `parser:"| ( \"=\" | \"default\" ) @@"`
	Check      *Paren `parser:"| \"check\" @@"`
	Identity   string `parser:"| \"generated\" @( \"always\" | \"by\" \"default\" ) \"as\" \"identity\""`
	// IdentitySettings are the settings of the identity's sequence,
	// in parentheses after it, as a sequence declaration writes them:
	// `generated always as identity (start 1000 increment 5)`.
	IdentitySettings []*SequenceOption `parser:"  ( \"(\" @@+ \")\" )?"`
	Generated        *Paren            `parser:"| \"generated\" @@"` // a stored generated column: `generated (price * qty)`
	Comment          *String           `parser:"| \"comment\" @@"`
	Go               *String           `parser:"| \"go\" @@"`      // the Go type of the attribute's field, instead of its type's
	Collate          *String           `parser:"| \"collate\" @@"` // the column's collation: `collate "C"`
	Was              *Name             `parser:"| \"was\" @@"`     // the attribute's name in the model this one replaces

	// NotValid adds the check written just before it NOT VALID.
	NotValid bool `parser:"| @( \"not\" \"valid\" )"`
	// Name names the pk, unique or check written just before it.
	Name *Name `parser:"| \"as\" @@"`
}

// RelationshipDecl declares a relationship between two entities.
type RelationshipDecl struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Left   *Name        `parser:"\"relationship\" @@"`
	Others []*Name      `parser:"( \"|\" @@ )*"` // the other parents of an exclusive arc: Post | Photo | Video
	Card   *Card        `parser:"@@"`
	Right  *Name        `parser:"@@"`
	Header []*RelHeader `parser:"@@*"`
	Items  []*RelItem   `parser:"( \"{\" ( EOL | \";\" | @@ )* \"}\" )?"`
}

// Card is the cardinality token: 1:1, 1:N or M:N.
type Card struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Value  string `parser:"@Card"`
}

// RelHeader is a clause on the relationship's first line.
type RelHeader struct {
	Pos       lexer.Position
	EndPos    lexer.Position
	Via       *Name   `parser:"  \"via\" @@"`
	ViaWas    *Name   `parser:"| \"was\" \"via\" @@"` // the junction's via name in the model this one replaces
	Roles     []*Name `parser:"| \"as\" @@ ( \",\" @@ )?"`
	RolesWas  []*Name `parser:"| \"was\" @@ ( \",\" @@ )?"` // the roles in the model this one replaces
	SharedKey bool    `parser:"| @( \"shared\" \"key\" )"`
}

// RelItem is one line of a relationship block. Policy clauses that may name
// a side (M:N) try the sided form first: `on delete Order cascade`. The
// clauses, each led by its keyword, may share a line; an attribute ends at
// a line break, ";" or the closing brace, as in an entity.
type RelItem struct {
	Pos        lexer.Position
	EndPos     lexer.Position
	Required   bool          `parser:"  @\"required\""`
	Optional   bool          `parser:"| @\"optional\""`
	On         *OnClause     `parser:"| @@"`
	Deferrable *Deferrable   `parser:"| @@"`
	Constraint *SidedName    `parser:"| \"constraint\" @@"`
	Column     *SidedColumns `parser:"| ( \"column\" | \"columns\" ) @@"`
	References *ColumnList   `parser:"| \"references\" @@"`
	NoIndex    *NoIndex      `parser:"| @@"`
	Key        *JunctionKey  `parser:"| \"key\" @@"`
	Match      string        `parser:"| \"match\" @( \"full\" | \"simple\" )"`
	NotValid   bool          `parser:"| @( \"not\" \"valid\" )"` // the FK is added NOT VALID
	Unique     *IndexDecl    `parser:"| \"unique\" @@"`
	Index      *IndexDecl    `parser:"| \"index\" @@"`
	Table      *String       `parser:"| \"table\" (?= String) @@"`
	Comment    *String       `parser:"| \"comment\" (?= String) @@"`
	Attribute  *Attribute    `parser:"| @@ (?= ( EOL | \";\" | \"}\" ) )"`
}

// OnClause is `on delete [Side] ACTION` or `on update [Side] ACTION`.
type OnClause struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Event  string  `parser:"\"on\" @( \"delete\" | \"update\" )"`
	Side   *Name   `parser:"( @@ (?= ( \"no\" \"action\" | \"restrict\" | \"cascade\" | \"set\" ) ) )?"`
	Action *Action `parser:"@@"`
}

// Action is a referential action as written. Columns limits SET NULL or
// SET DEFAULT to some of the FK's columns: `set null (author_id)`
// (PostgreSQL 15); the grammar takes it after any action so that the
// resolver can say where it does not apply.
type Action struct {
	Pos     lexer.Position
	EndPos  lexer.Position
	Words   []string    `parser:"@( \"no\" \"action\" | \"restrict\" | \"cascade\" | \"set\" \"null\" | \"set\" \"default\" )"`
	Columns *ColumnList `parser:"@@?"`
}

// Deferrable is `deferrable [initially deferred|immediate]` or `not deferrable`.
type Deferrable struct {
	Pos        lexer.Position
	EndPos     lexer.Position
	Not        bool   `parser:"( @\"not\" \"deferrable\""`
	Deferrable bool   `parser:"| @\"deferrable\""`
	Initially  string `parser:"  ( \"initially\" @( \"deferred\" | \"immediate\" ) )? )"`
}

// SidedName is a name with an optional side: `fk_x` or `Order fk_x`. A
// word that begins another clause is not a name, so that
// `constraint fk_x on delete cascade` shares a line (see RelItem).
type SidedName struct {
	Pos  lexer.Position
	Side *Name   `parser:"( @@ (?! ( \"required\" | \"optional\" | \"on\" | \"not\" | \"deferrable\" | \"constraint\" | \"column\" | \"columns\" | \"references\" | \"no\" | \"key\" | \"unique\" | \"index\" | \"table\" | \"comment\" | \"match\" ) ) (?= ( Ident | String ) ) )?"`
	Name *String `parser:"@@"`
}

// SidedColumns names FK columns: `dept_id`, `(b, c)` or `Order (order_ref)`,
// and what the model this one replaces named them: `author_ref was user_ref`.
type SidedColumns struct {
	Pos        lexer.Position
	Side       *Name       `parser:"( @@ (?! ( \"required\" | \"optional\" | \"on\" | \"not\" | \"deferrable\" | \"constraint\" | \"column\" | \"columns\" | \"references\" | \"no\" | \"key\" | \"unique\" | \"index\" | \"table\" | \"comment\" | \"match\" | \"was\" ) ) (?= ( Ident | \"(\" ) ) )?"`
	Single     *Name       `parser:"( @@"`
	Columns    *ColumnList `parser:"| @@ )"`
	WasSingle  *Name       `parser:"( \"was\" ( @@"`
	WasColumns *ColumnList `parser:"| @@ ) )?"`
}

// NoIndex turns off the FK index: `no index` or `no index Product`. The
// keywords are captured so that the node exists without a side.
type NoIndex struct {
	Pos     lexer.Position
	EndPos  lexer.Position
	NoIndex bool  `parser:"@( \"no\" \"index\" )"`
	Side    *Name `parser:"( (?! ( \"required\" | \"optional\" | \"on\" | \"not\" | \"deferrable\" | \"constraint\" | \"column\" | \"columns\" | \"references\" | \"no\" | \"key\" | \"unique\" | \"index\" | \"table\" | \"comment\" | \"match\" ) ) @@ )?"`
}

// JunctionKey chooses the junction table's primary key:
// `key composite`, `key surrogate [(id)]`, `key line [(line_no)]`, each
// optionally named: `key composite as film_actor_pkey`. `key as NAME`
// alone names the key a relationship makes without choosing its kind (a
// junction's composite key, a shared key).
type JunctionKey struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Kind   string `parser:"(?= ( \"composite\" | \"surrogate\" | \"line\" | \"as\" ) ) @( \"composite\" | \"surrogate\" | \"line\" )?"`
	Column *Name  `parser:"( \"(\" @@ \")\" )?"`
	Name   *Name  `parser:"( \"as\" @@ )?"`
}

// IndexDecl is the body of a `unique` or `index` clause: its keys, then
// options in any order: `(lower(email)) using hash`, `(a, b desc) include
// (c) where (deleted_at is null) as uq_live_a_b`. Expressions are Paren
// nodes, taken verbatim from the source like checks and defaults.
type IndexDecl struct {
	Pos    lexer.Position
	EndPos lexer.Position
	// Index is set by `unique index (...)`: a UNIQUE index, never a
	// constraint, even over plain columns (the model refuses it after
	// `index`).
	Index   bool           `parser:"@\"index\"?"`
	Keys    []*IndexKey    `parser:"\"(\" EOL* @@ ( EOL* \",\" EOL* @@ )* EOL* \")\""`
	Options []*IndexOption `parser:"@@*"`
}

// IndexKey is one key of an index: a column, a function call over columns
// (`lower(email)`) or a parenthesised expression, then a collation, an
// operator class, the sort order and where NULLs sort, each optional.
type IndexKey struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Expr   *Paren `parser:"( @@"`
	Column *Name  `parser:"| @@"`
	Args   *Paren `parser:"  @@? )"`
	// Collate is the key's collation, `name collate "C"`, for this index
	// only; the column keeps its own.
	Collate *String `parser:"( \"collate\" @@ )?"`
	OpClass *Name   `parser:"( (?! ( \"asc\" | \"desc\" | \"nulls\" ) ) @@ )?"`
	Order   string  `parser:"@( \"asc\" | \"desc\" )?"`
	Nulls   string  `parser:"( \"nulls\" @( \"first\" | \"last\" ) )?"`
}

// IndexOption is one option of an index or unique key.
type IndexOption struct {
	Pos              lexer.Position
	EndPos           lexer.Position
	Using            *Name       `parser:"  \"using\" @@"`
	Include          *ColumnList `parser:"| \"include\" @@"`
	Where            *Paren      `parser:"| \"where\" @@"`
	NullsNotDistinct bool        `parser:"| @( \"nulls\" \"not\" \"distinct\" )"`
	Name             *Name       `parser:"| \"as\" @@"`
}

// ExcludeDecl is the body of an `exclude` clause, an exclusion constraint:
// no two rows may have every element compare true with its operator.
// `exclude using gist (room with =, during with &&) where (not cancelled)
// as no_double_booking`. The options are an index's (see IndexOption).
type ExcludeDecl struct {
	Pos     lexer.Position
	EndPos  lexer.Position
	Using   *Name          `parser:"( \"using\" @@ )?"`
	Elems   []*ExcludeElem `parser:"\"(\" EOL* @@ ( EOL* \",\" EOL* @@ )* EOL* \")\""`
	Options []*IndexOption `parser:"@@*"`
}

// ExcludeElem is one element of an exclusion constraint: a column, a
// function call over columns or a parenthesised expression, an optional
// collation and operator class, and the operator two rows are compared
// with.
type ExcludeElem struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Expr   *Paren `parser:"( @@"`
	Column *Name  `parser:"| @@"`
	Args   *Paren `parser:"  @@? )"`
	// Collate is the key's collation in this constraint's index, as an
	// index key's is.
	Collate  *String   `parser:"( \"collate\" @@ )?"`
	OpClass  *Name     `parser:"( (?! \"with\" ) @@ )?"`
	Operator *Operator `parser:"\"with\" @@"`
}

// Operator is an SQL operator, written as one run of operator characters:
// `=`, `&&`, `-|-`, `<>`.
type Operator struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Tokens []string `parser:"@( \"=\" | \"<>\" | \"!=\" | \"<=\" | \">=\" | \"<\" | \">\" | \"||\" | \"|\" | \"&\" | \"@\" | \"#\" | \"~\" | \"!\" | \"^\" | \"?\" | \"-\" | \"+\" | \"*\" | \"/\" | \"%\" )+"`
}

// ColumnList is a parenthesised list of column names.
type ColumnList struct {
	Pos     lexer.Position
	EndPos  lexer.Position
	Columns []*Name `parser:"\"(\" EOL* @@ ( EOL* \",\" EOL* @@ )* EOL* \")\""`
}

// Name is an identifier with its position, so that every name can be blamed.
type Name struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Value  string `parser:"@Ident"`
}

// String is a quoted string with its position; Value keeps the quotes and
// is decoded by Text.
type String struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Value  string `parser:"@( String | Ident )"`
}

// Expr is an SQL expression used as a default. Its text is taken verbatim
// from the source (see Text); the grammar only finds where it ends.
type Expr struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Terms  []*Term `parser:"@@ ( ( \"+\" | \"-\" | \"*\" | \"/\" | \"%\" | \"||\" ) @@ )*"`
}

// StringLiteral returns the expression's one term when it is a string
// literal alone, unsigned (`'pending'`, or with casts), or nil: the form
// of a default that names an enum value.
func (e *Expr) StringLiteral() *Term {
	if e == nil || len(e.Terms) != 1 || e.Terms[0].String == "" || e.Terms[0].Sign != "" {
		return nil
	}
	return e.Terms[0]
}

// Term is one operand of a default expression.
type Term struct {
	Sign   string  `parser:"@( \"-\" | \"+\" )?"`
	Number string  `parser:"( @Number"`
	String string  `parser:"| @String"`
	Paren  *Paren  `parser:"| @@"`
	Call   *Call   `parser:"| @@ )"`
	Casts  []*Cast `parser:"@@*"`
}

// Call is a function call, a bare word such as true or current_timestamp,
// or a typed literal such as interval '1 day'.
type Call struct {
	Name    string `parser:"@Ident"`
	Args    *Paren `parser:"( @@"`
	Literal string `parser:"| @String )?"`
}

// Cast is `::type`.
type Cast struct {
	Type *TypeRef `parser:"\"::\" @@"`
}

// Paren is a balanced parenthesised run of tokens, such as a CHECK
// expression. Like Expr, its text is taken verbatim from the source. Open
// captures the parenthesis so that an empty "()" is still a node: a struct
// that captures nothing is left nil by the parser, and the clause would
// vanish without a word.
type Paren struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Open   bool         `parser:"@\"(\""`
	Items  []*ParenItem `parser:"@@* \")\""`
}

// ParenItem is a nested group or any token other than a parenthesis.
type ParenItem struct {
	Group *Paren `parser:"  @@"`
	Token string `parser:"| @~( \"(\" | \")\" )"`
}
