package importer_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// A column is serial only when it owns its sequence as a serial column
// does. One that takes numbers from another column's sequence, nullable
// or not, keeps its nextval default, and its table is created after the
// serial that creates the sequence: the model reproduces the database.
func TestImportSharedSequence(t *testing.T) {
	res := importCase(t, pgtest.Conn(t), `CREATE TABLE z (id serial PRIMARY KEY);
		CREATE TABLE s (id int DEFAULT nextval('z_id_seq'), n int NOT NULL DEFAULT nextval('z_id_seq'));`)
	if len(res.Notes) > 0 {
		t.Errorf("notes on a sequence the model reproduces: %v\n%s", res.Notes, res.Source)
	}
	contains(t, res, "id serial pk as z_pkey", "id integer? = nextval('public.z_id_seq'::regclass)",
		"n integer = nextval('public.z_id_seq'::regclass)", "!sequence z_id_seq")
}

// A sequence a column owns otherwise than a serial column's (the column
// nullable, the sequence named or typed otherwise) is declared, the
// column keeps its default, and the ownership is noted, once.
func TestImportOwnedSequence(t *testing.T) {
	res := importCase(t, pgtest.Conn(t), `CREATE SEQUENCE q;
		CREATE TABLE s2 (id int DEFAULT nextval('q'));
		ALTER SEQUENCE q OWNED BY s2.id;
		CREATE SEQUENCE r AS integer START 7;
		CREATE TABLE s3 (id int NOT NULL DEFAULT nextval('r'));
		ALTER SEQUENCE r OWNED BY s3.id;
		CREATE TABLE s4 (id int);
		CREATE SEQUENCE s4_id_seq AS smallint OWNED BY s4.id;
		ALTER TABLE s4 ALTER id SET DEFAULT nextval('s4_id_seq');`)
	contains(t, res, "sequence q", "id integer? = nextval('public.q'::regclass)",
		"sequence r as integer start 7", "id integer = nextval('public.r'::regclass)", "!serial",
		"sequence s4_id_seq as smallint", "id integer? = nextval('public.s4_id_seq'::regclass)")
	noted(t, res, "column id: the sequence it owns is q in the database, none in the model",
		"column id: the sequence it owns is r (integer start 7 increment 1 min 1 max 2147483647 cache 1) in the database, none in the model",
		"column id: the sequence it owns is s4_id_seq (smallint start 1 increment 1 min 1 max 32767 cache 1) in the database, none in the model")
	for _, seq := range []string{"q", "r", "s4_id_seq"} {
		var about []string
		for _, n := range res.Notes {
			if strings.Contains(n.Msg, "sequence "+seq+" ") || strings.Contains(n.Msg, "owns is "+seq+" ") {
				about = append(about, n.String())
			}
		}
		if len(about) != 1 {
			t.Errorf("%d notes mention %q, want one: %q", len(about), seq, about)
		}
	}
}

// The names PostgreSQL gives serial and identity sequences depend on
// which table is created first: entity N's n_id, of table m, gets
// m_n_id_seq1 when table m_n's id took m_n_id_seq. The import puts M_n
// first, though m sorts before it, and reproduces both names, with
// nothing to note.
func TestImportSequenceNamesInCreationOrder(t *testing.T) {
	for _, typ := range []string{"integer generated always as identity", "serial"} {
		src := "entity M { table \"m_n\"\n id " + typ + " pk }\nentity N { table \"m\"\n n_id " + typ + " pk }\n"
		s, diags := generator.Load("t.er", []byte(src))
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		ddl, err := postgres.DDL(s, "t.er")
		if err != nil {
			t.Fatal(err)
		}
		res := importCase(t, pgtest.Conn(t), string(ddl))
		if len(res.Notes) > 0 {
			t.Errorf("%s: notes on sequences the model reproduces: %v\n%s", typ, res.Notes, res.Source)
		}
	}
}

// A column of another table's row type is kept, as a type by name, and
// its entity comes after that table's, so that the model's DDL creates
// the type first and reproduces the database.
func TestImportRowTypeColumn(t *testing.T) {
	res := importCase(t, pgtest.Conn(t), `CREATE TABLE zz (x int); CREATE TABLE a (id int PRIMARY KEY, b_row zz, arr zz[]);`)
	contains(t, res, "b_row public.zz?", "arr public.zz[]?")
	if len(res.Notes) > 0 {
		t.Errorf("notes on columns the model reproduces: %v", res.Notes)
	}
	if a, zz := strings.Index(string(res.Source), "entity A "), strings.Index(string(res.Source), "entity Zz "); a < zz {
		t.Errorf("entity A before Zz, whose row type it uses:\n%s", res.Source)
	}
}
