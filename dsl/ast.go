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
	Decls []*Decl `( EOL | ";" | @@ )*`

	// Name is the file name given to Parse; Source is its content. They let
	// later stages quote the offending line without re-reading the file.
	Name   string `parser:""`
	Source []byte `parser:""`
}

// Decl is one top-level declaration.
type Decl struct {
	Schema       *SchemaDecl       `  @@`
	Enum         *EnumDecl         `| @@`
	Entity       *EntityDecl       `| @@`
	Relationship *RelationshipDecl `| @@`
}

// SchemaDecl places every object in a PostgreSQL schema: `schema shop`.
type SchemaDecl struct {
	Pos  lexer.Position
	Name *Name `"schema" @@`
}

// EnumDecl declares an enumerated type: `enum Status { pending paid }`.
type EnumDecl struct {
	Pos     lexer.Position
	Name    *Name        `"enum" @@ "{"`
	Values  []*EnumValue `( EOL | "," | @@ )* "}"`
}

// EnumValue is one label of an enum, bare or quoted.
type EnumValue struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Value  string `@(Ident | String)`
}

// EntityDecl declares an entity, which becomes a table.
type EntityDecl struct {
	Pos   lexer.Position
	Name  *Name         `"entity" @@ "{"`
	Items []*EntityItem `( EOL | ";" | @@ )* "}"`
}

// EntityItem is one line of an entity block: a table-level clause or an
// attribute. Clauses come first so that "unique (a, b)" is a constraint while
// "unique text" is an attribute named unique.
type EntityItem struct {
	Pos        lexer.Position
	PrimaryKey *ColumnList `  ( "pk" | "primary" "key" ) @@`
	Unique     *ColumnList `| "unique" @@`
	Index      *ColumnList `| "index" @@`
	Check      *Paren      `| "check" @@`
	Comment    *String     `| "comment" @@`
	Table      *String     `| "table" @@`
	Attribute  *Attribute  `| @@`
}

// Attribute is a column: a name, a type and options in any order.
type Attribute struct {
	Pos     lexer.Position
	EndPos  lexer.Position
	Name    *Name         `@@`
	Type    *TypeRef      `@@`
	Options []*AttrOption `@@*`
}

// TypeRef is a type as written: `numeric(10, 2)`, `text[]?`, `Status`.
type TypeRef struct {
	Pos      lexer.Position
	EndPos   lexer.Position
	Name     string   `@Ident`
	Second   string   `@( "precision" | "varying" )?`
	Params   []string `( "(" @Number ( "," @Number )* ")" )?`
	TimeZone string   `( @( "with" | "without" ) "time" "zone" )?`
	Array    []string `@( "[" "]" )*`
	Nullable bool     `@"?"?`
}

// AttrOption is one option of an attribute.
type AttrOption struct {
	Pos        lexer.Position
	PrimaryKey bool     `  @( "pk" | "primary" "key" )`
	Unique     bool     `| @"unique"`
	Default    *Expr    `| ( "=" | "default" ) @@`
	Check      *Paren   `| "check" @@`
	Identity   string   `| "generated" @( "always" | "by" "default" ) "as" "identity"`
	Comment    *String  `| "comment" @@`
}

// RelationshipDecl declares a relationship between two entities.
type RelationshipDecl struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Left   *Name          `"relationship" @@`
	Card   *Card          `@@`
	Right  *Name          `@@`
	Header []*RelHeader   `@@*`
	Items  []*RelItem     `( "{" ( EOL | ";" | @@ )* "}" )?`
}

// Card is the cardinality token: 1:1, 1:N or M:N.
type Card struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Value  string `@Card`
}

// RelHeader is a clause on the relationship's first line.
type RelHeader struct {
	Pos       lexer.Position
	EndPos    lexer.Position
	Via       *Name   `  "via" @@`
	Roles     []*Name `| "as" @@ ( "," @@ )?`
	SharedKey bool    `| @( "shared" "key" )`
}

// RelItem is one line of a relationship block. Policy clauses that may name
// a side (M:N) try the sided form first: `on delete Order cascade`.
type RelItem struct {
	Pos        lexer.Position
	EndPos     lexer.Position
	Required   bool          `  @"required"`
	Optional   bool          `| @"optional"`
	On         *OnClause     `| @@`
	Deferrable *Deferrable   `| @@`
	Constraint *SidedName    `| "constraint" @@`
	Column     *SidedColumns `| ( "column" | "columns" ) @@`
	References *ColumnList   `| "references" @@`
	NoIndex    *NoIndex      `| @@`
	Key        *JunctionKey  `| "key" @@`
	Table      *String       `| "table" @@`
	Comment    *String       `| "comment" @@`
	Attribute  *Attribute    `| @@`
}

// OnClause is `on delete [Side] ACTION` or `on update [Side] ACTION`.
type OnClause struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Event  string  `"on" @( "delete" | "update" )`
	Side   *Name   `( @@ (?= ( "no" | "restrict" | "cascade" | "set" ) ) )?`
	Action *Action `@@`
}

// Action is a referential action as written.
type Action struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Words  []string `@( "no" "action" | "restrict" | "cascade" | "set" "null" | "set" "default" )`
}

// Deferrable is `deferrable [initially deferred|immediate]` or `not deferrable`.
type Deferrable struct {
	Pos       lexer.Position
	EndPos    lexer.Position
	Not       bool   `( @"not" "deferrable"`
	Initially string `| "deferrable" ( "initially" @( "deferred" | "immediate" ) )? )`
}

// SidedName is a name with an optional side: `fk_x` or `Order fk_x`.
type SidedName struct {
	Pos  lexer.Position
	Side *Name   `( @@ (?= ( Ident | String ) ) )?`
	Name *String `@@`
}

// SidedColumns names FK columns: `dept_id`, `(b, c)` or `Order (order_ref)`.
type SidedColumns struct {
	Pos     lexer.Position
	Side    *Name       `( @@ (?= ( Ident | "(" ) ) )?`
	Single  *Name       `( @@`
	Columns *ColumnList `| @@ )`
}

// NoIndex turns off the FK index: `no index` or `no index Product`.
type NoIndex struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Side   *Name `"no" "index" @@?`
}

// JunctionKey chooses the junction table's primary key:
// `key composite`, `key surrogate [(id)]`, `key line [(line_no)]`.
type JunctionKey struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Kind   string `@( "composite" | "surrogate" | "line" )`
	Column *Name  `( "(" @@ ")" )?`
}

// ColumnList is a parenthesised list of column names.
type ColumnList struct {
	Pos     lexer.Position
	EndPos  lexer.Position
	Columns []*Name `"(" EOL* @@ ( EOL* "," EOL* @@ )* EOL* ")"`
}

// Name is an identifier with its position, so that every name can be blamed.
type Name struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Value  string `@Ident`
}

// String is a quoted string with its position; Value keeps the quotes and
// is decoded by Text.
type String struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Value  string `@( String | Ident )`
}

// Expr is an SQL expression used as a default. Its text is taken verbatim
// from the source (see Text); the grammar only finds where it ends.
type Expr struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Terms  []*Term `@@ ( ( "+" | "-" | "*" | "/" | "%" | "||" ) @@ )*`
}

// Term is one operand of a default expression.
type Term struct {
	Sign   string   `@( "-" | "+" )?`
	Number string   `( @Number`
	String string   `| @String`
	Paren  *Paren   `| @@`
	Call   *Call    `| @@ )`
	Casts  []*Cast  `@@*`
}

// Call is a function call, a bare word such as true or current_timestamp,
// or a typed literal such as interval '1 day'.
type Call struct {
	Name    string `@Ident`
	Args    *Paren `( @@`
	Literal string `| @String )?`
}

// Cast is `::type`.
type Cast struct {
	Type *TypeRef `"::" @@`
}

// Paren is a balanced parenthesised run of tokens, such as a CHECK
// expression. Like Expr, its text is taken verbatim from the source.
type Paren struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Items  []*ParenItem `"(" @@* ")"`
}

// ParenItem is a nested group or any token other than a parenthesis.
type ParenItem struct {
	Group *Paren `  @@`
	Token string `| @~( "(" | ")" )`
}
