package runtime

// This file stands in for what ergen generates per schema, so that db.go
// compiles, vets and is tested here; it is not emitted. errors.go of a
// generated package declares packageName and the constraint tables, and
// every row type has a scanDest method.

const packageName = "runtime"

var foreignKeys = []ForeignKeyError{
	{Constraint: "fk_children_parent", Relationship: "Parent 1:N Child", Table: "children", RefTable: "parents", OnDelete: "RESTRICT", OnUpdate: "NO ACTION", child: "a child", children: "children", parent: "a parent"},
	{Constraint: "fk_picks_first", Relationship: "Item 1:N Pick", Table: "picks", RefTable: "items", OnDelete: "RESTRICT", OnUpdate: "NO ACTION", child: "a pick", children: "picks", parent: "an item", refKey: "id, kind"},
	{Constraint: "fk_picks_second", Relationship: "Item 1:N Pick as second", Table: "picks", RefTable: "items", OnDelete: "RESTRICT", OnUpdate: "NO ACTION", child: "a pick", children: "picks", parent: "an item", refKey: "id, kind"},
}

var uniques = []UniqueError{
	{Constraint: "uq_parents_name", Table: "parents", Columns: "name", words: "a parent"},
}

var checks = []CheckError{
	{Constraint: "ck_parents_n", Table: "parents", Expr: "n >= 0", words: "a parent"},
}

var exclusions = []ExclusionError{
	{Constraint: "ex_slots_during", Table: "slots", Def: "EXCLUDE USING gist (during WITH &&)", words: "a slot"},
}

var partitions = []partition{{Name: "items_any", Table: "items"}}

// schemaSQL is the DDL of the tables above, for the tests.
const schemaSQL = `
CREATE TABLE parents (
	id serial CONSTRAINT pk_parents PRIMARY KEY,
	name text NOT NULL CONSTRAINT uq_parents_name UNIQUE,
	n integer NOT NULL CONSTRAINT ck_parents_n CHECK (n >= 0)
);
CREATE TABLE children (
	id serial CONSTRAINT pk_children PRIMARY KEY,
	parent_id integer NOT NULL CONSTRAINT fk_children_parent REFERENCES parents ON DELETE RESTRICT DEFERRABLE,
	note text
);
CREATE TABLE slots (
	id serial CONSTRAINT pk_slots PRIMARY KEY,
	during int4range NOT NULL,
	CONSTRAINT ex_slots_during EXCLUDE USING gist (during WITH &&)
);
CREATE TABLE items (
	id integer,
	kind text,
	CONSTRAINT pk_items PRIMARY KEY (id, kind)
) PARTITION BY LIST (kind);
CREATE TABLE items_any PARTITION OF items DEFAULT;
CREATE TABLE picks (
	id serial CONSTRAINT pk_picks PRIMARY KEY,
	first_id integer NOT NULL,
	second_id integer NOT NULL,
	kind text NOT NULL,
	CONSTRAINT fk_picks_first FOREIGN KEY (first_id, kind) REFERENCES items ON DELETE RESTRICT,
	CONSTRAINT fk_picks_second FOREIGN KEY (second_id, kind) REFERENCES items ON DELETE RESTRICT
);
CREATE TABLE tags (
	id serial CONSTRAINT pk_tags PRIMARY KEY,
	name text NOT NULL DEFAULT 'untitled',
	at timestamptz NOT NULL DEFAULT now()
)`

// Parent is a row of parents.
type Parent struct {
	ID   int32
	Name string
	N    int32
}

func (r *Parent) scanDest(dest []any) []any { return append(dest, &r.ID, &r.Name, &r.N) }

// Child is a row of children.
type Child struct {
	ID       int32
	ParentID int32
	Note     *string
}

func (r *Child) scanDest(dest []any) []any { return append(dest, &r.ID, &r.ParentID, &r.Note) }
