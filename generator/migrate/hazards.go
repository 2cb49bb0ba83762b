package migrate

// Hazard codes are stable: scripts and reviews refer to them. README.md in
// this directory says, for each, why it is a hazard and what to do.
const (
	DropTable        = "ER201"
	DropColumn       = "ER202"
	DropEnum         = "ER203"
	EnumValueRemoved = "ER204"
	EnumReordered    = "ER205"
	RewriteType      = "ER206"
	RewriteAdd       = "ER207"
	NotNullNoDefault = "ER208"
	// ER209, "ergen does not plan this change yet", is retired: every
	// change it refused is planned, or refused by a code that says why.
	LooksRenamed    = "ER210"
	Repartition     = "ER211"
	NoCast          = "ER212"
	LockedExclusion = "ER213"
	DropSequence    = "ER214"
	DropExtension   = "ER215"
	// UndeclaredSequence: a default of NEW takes from a sequence NEW no
	// longer declares, a contradiction in NEW.
	UndeclaredSequence = "ER216"
	// RenameMovesValues: after a rename, a table's columns differ from
	// OLD's other than by name.
	RenameMovesValues = "ER217"
	// NestedDropExpression: a generated column of a table with
	// sub-partitions becomes plain.
	NestedDropExpression = "ER218"
)

// Hazard describes a kind of change that loses data, rewrites a table or
// cannot be done safely.
type Hazard struct {
	Code    string
	Summary string // appended to the refusal's message
	// Allow is the --allow flag that accepts the hazard, or "" when ergen
	// never plans the change.
	Allow string
	How   string // the hint
}

var hazards = map[string]Hazard{
	DropTable: {DropTable, "dropping a table deletes its rows", "drop",
		"keep the entity, or drop the table once nothing needs its rows"},
	DropColumn: {DropColumn, "dropping a column deletes its values", "drop",
		"keep the attribute, or drop it once nothing reads it"},
	DropEnum: {DropEnum, "dropping an enum type", "drop",
		"keep the enum until no column uses it"},
	EnumValueRemoved: {EnumValueRemoved, "PostgreSQL cannot remove a value from an enum type", "",
		"keep the value; to retire it, add a CHECK that rejects it"},
	EnumReordered: {EnumReordered, "PostgreSQL cannot reorder the values of an enum type", "",
		"keep the existing values in their order; new values may go anywhere"},
	RewriteType: {RewriteType, "this change rewrites the table, or builds its indexes anew, under an ACCESS EXCLUSIVE lock", "rewrite",
		"add a column of the new type, copy the values in batches, then switch"},
	RewriteAdd: {RewriteAdd, "a column filled by a sequence, a volatile default or a generation expression rewrites the table under an ACCESS EXCLUSIVE lock", "rewrite",
		"add the column with a constant default or none, then fill it in batches"},
	NotNullNoDefault: {NotNullNoDefault, "a NOT NULL column without a default cannot be added to a table that has rows", "",
		"give the attribute a default (`= ...`), or add it optional (`?`) and make it required once every row has a value"},
	Repartition: {Repartition, "PostgreSQL cannot change how a table is partitioned", "",
		"create a table partitioned the new way beside it, copy the rows, then swap the names"},
	NoCast: {NoCast, "PostgreSQL has no cast between these types, so ALTER COLUMN ... TYPE would fail", "",
		"add an attribute of the new type beside it, fill it with an UPDATE that converts each value, then drop the old one"},
	LockedExclusion: {LockedExclusion, "PostgreSQL builds an exclusion constraint's index under an ACCESS EXCLUSIVE lock, and cannot add one NOT VALID", "rewrite",
		"add it while the table is small or writes can wait, or check the rule in the application until then"},
	DropSequence: {DropSequence, "dropping a sequence loses its position: one made again starts anew", "drop",
		"keep the sequence while anything may take values from it"},
	DropExtension: {DropExtension, "DROP EXTENSION drops, for the whole database, the extension's types, functions and operators, and any table it owns with its rows", "drop",
		"keep the extension while anything in the database may use it"},
	UndeclaredSequence: {UndeclaredSequence, "NEW's own DDL would fail: the default calls nextval on a sequence NEW does not create", "",
		"declare the sequence in NEW again, or change the default (to an identity, a serial, or another sequence NEW declares)"},
	RenameMovesValues: {RenameMovesValues, "no RENAME carries values from one column to another", "",
		"rename in two migrations: first name the foreign key's columns with `column ...` in the relationship, then rename"},
	NestedDropExpression: {NestedDropExpression, "PostgreSQL 15 drops no generation expression from a table with sub-partitions (DROP EXPRESSION recurses one level only)", "",
		"add a plain attribute beside it, fill it with an UPDATE, then drop the generated one"},
	LooksRenamed: {LooksRenamed, "this drop and add look like a rename, which would lose the data", "",
		"if it is a rename, declare it with `was`; to drop one and add the other, make two migrations"},
}

// Hazards returns every hazard, by code.
func Hazards() []Hazard {
	out := make([]Hazard, 0, len(hazards))
	for _, code := range []string{DropTable, DropColumn, DropEnum, EnumValueRemoved, EnumReordered,
		RewriteType, RewriteAdd, NotNullNoDefault, LooksRenamed, Repartition, NoCast, LockedExclusion,
		DropSequence, DropExtension, UndeclaredSequence, RenameMovesValues, NestedDropExpression} {
		out = append(out, hazards[code])
	}
	return out
}
