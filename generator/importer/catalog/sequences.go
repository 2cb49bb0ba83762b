package catalog

import (
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/model"
)

// sequenceOptionsSQL is, for the pg_class row c, what a standalone
// sequence sets that `CREATE SEQUENCE name` would not: " (integer start 1
// increment 1 min 1 max 2147483647 cache 1)"; NULL when it is a sequence
// with PostgreSQL's defaults, or not a sequence. A model's sequence
// (model.Sequence) gets the same text from its settings (expect.go's
// sequenceOptions), so only settings that differ show as a difference.
const sequenceOptionsSQL = `
  SELECT ' (' || format_type(s.seqtypid, NULL) || ' start ' || s.seqstart || ' increment ' || s.seqincrement
         || ' min ' || s.seqmin || ' max ' || s.seqmax || ' cache ' || s.seqcache
         || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END || ')'
  FROM pg_sequence s
  WHERE s.seqrelid = c.oid
    AND NOT (s.seqtypid = 'bigint'::regtype AND s.seqstart = 1 AND s.seqincrement = 1 AND s.seqmin = 1
             AND s.seqmax = 9223372036854775807 AND s.seqcache = 1 AND NOT s.seqcycle)`

// identitySequencesSQL reads the name, type and settings of the sequence
// of each identity column (pg_depend's internal dependency of the
// sequence on the column), and whether its type is the column's.
const identitySequencesSQL = `
SELECT a.attrelid, a.attname::text, sc.relname::text, s.seqtypid = a.atttypid,
       format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_depend d ON d.refclassid = 'pg_class'::regclass AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum
  AND d.classid = 'pg_class'::regclass AND d.deptype = 'i'
JOIN pg_class sc ON sc.oid = d.objid
JOIN pg_sequence s ON s.seqrelid = d.objid
WHERE ` + ownTablesSQL + ` AND a.attidentity <> '' AND NOT a.attisdropped`

// identitySequences sets the IdentitySettings of the identity columns
// read, what .er writes after identity for their sequences' settings,
// and their IdentitySequence. A
// sequence of another type than its column's, which .er cannot write,
// is one of Others: "owned sequence things_code_seq of things.code
// (bigint start 1 increment 1 min 1 max 9223372036854775807 cache 1)",
// spelt as a standalone sequence's are but never "sequence ...", which
// the importer reads as one it declares.
func (r *reader) identitySequences() error {
	rows, err := r.tx.Query(r.ctx, identitySequencesSQL, r.ns)
	if err != nil {
		return err
	}
	var oid uint32
	var name, seq string
	var sameType bool
	var s model.SequenceSettings
	_, err = pgx.ForEachRow(rows, []any{&oid, &name, &seq, &sameType, &s.Type, &s.Start, &s.Increment, &s.Min, &s.Max, &s.Cache, &s.Cycle}, func() error {
		t := r.byOID[oid]
		if t == nil {
			return nil
		}
		if c := t.Column(name); c != nil {
			c.IdentitySettings, c.IdentitySequence = s.Source(false), seq
		}
		if !sameType {
			r.cat.Others = append(r.cat.Others, "owned sequence "+seq+" of "+t.Name+"."+name+spellSettings(s))
		}
		return nil
	})
	return err
}

// ownedSequencesSQL reads the sequence of the schema each column owns
// through OWNED BY (pg_depend's automatic dependency of the sequence on
// the column, which serial makes), with its settings as othersSQL spells
// a standalone sequence's: Diff compares them, so that settings a serial
// column's sequence has of its own (INCREMENT BY 10, START WITH 100, AS
// smallint) are a difference of the column's.
const ownedSequencesSQL = `
SELECT d.refobjid, a.attname::text, c.relname::text || COALESCE((` + sequenceOptionsSQL + `), '')
FROM pg_depend d
JOIN pg_class c ON c.oid = d.objid AND c.relkind = 'S'
JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'
  AND c.relnamespace = $1`

// ownedSequences sets the Sequence of the columns that own one.
func (r *reader) ownedSequences() error {
	rows, err := r.tx.Query(r.ctx, ownedSequencesSQL, r.ns)
	if err != nil {
		return err
	}
	var oid uint32
	var name, seq string
	_, err = pgx.ForEachRow(rows, []any{&oid, &name, &seq}, func() error {
		t := r.byOID[oid]
		if t == nil {
			return nil
		}
		if c := t.Column(name); c != nil {
			c.Sequence = seq
		}
		return nil
	})
	return err
}

// serialSequence is how Read spells the sequence a serial column of type
// typ (integer, bigint, smallint) creates and owns, named name.
func serialSequence(name, typ string) string {
	return name + sequenceOptions(model.DefaultSequenceSettings(typ))
}

// SequenceName is the name of a sequence spelt as Others and
// Column.Sequence spell one: "orders_id_seq (integer start 1 ...)".
func SequenceName(spelled string) string {
	name, _ := SplitSequence(spelled)
	return name
}

// SplitSequence parts a sequence spelt as Others and Column.Sequence
// spell one into its name and what follows " (": its settings, "integer
// start 1 ... cache 1)", or "" when they are CREATE SEQUENCE's defaults.
func SplitSequence(spelled string) (name, settings string) {
	name, settings, _ = strings.Cut(spelled, " (")
	return name, settings
}
