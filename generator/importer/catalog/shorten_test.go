package catalog_test

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// shortenDDL has CHECKs as people write them, which PostgreSQL prints
// back with casts; want holds what Read should give back for each.
const shortenDDL = `
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE DOMAIN positive AS numeric CHECK (VALUE > 0);
CREATE TABLE t (
    price   numeric(10, 2) CONSTRAINT c_price CHECK (price >= 0),
    qty     integer CONSTRAINT c_qty CHECK (qty > -1),
    code    varchar(5) CONSTRAINT c_code CHECK (code <> ''),
    status  text CONSTRAINT c_status CHECK (status IN ('new', 'done')),
    kind    text CONSTRAINT c_kind CHECK (kind NOT IN ('x', 'y')),
    span    interval CONSTRAINT c_span CHECK (span < '1 day'),
    m       mood CONSTRAINT c_mood CHECK (m <> 'sad'),
    name    text CONSTRAINT c_name CHECK (length(name) < 10),
    big     bigint CONSTRAINT c_big CHECK (big::numeric < 1.5),
    ratio   real CONSTRAINT c_ratio CHECK (ratio::text <> 'NaN'),
    lo      integer,
    hi      integer,
    note    text,
    num     integer CONSTRAINT c_len CHECK (length(num::text) > 0),
    CONSTRAINT c_range CHECK (lo >= 0 AND (hi IS NULL OR hi > lo)),
    CONSTRAINT c_note CHECK (note IS NOT NULL OR NOT (lo > 1)),
    CONSTRAINT c_case CHECK ("note" <> 'AND (x)' AND note <> E'Q')
);
`

var shortenWant = map[string]string{
	"c_price":  "CHECK ((price >= 0))",
	"c_qty":    "CHECK ((qty > -1))",
	"c_code":   "CHECK ((code <> ''))",
	"c_status": "CHECK ((status in ('new', 'done')))",
	"c_kind":   "CHECK ((kind not in ('x', 'y')))",
	"c_span":   "CHECK ((span < '1 day'))",
	"c_mood":   "CHECK ((m <> 'sad'))",
	"c_name":   "CHECK ((length(name) < 10))",
	// bigint < numeric casts the column anyway, so the cast written goes;
	// real <> text would not, so the cast stays.
	"c_big":   "CHECK ((big < 1.5))",
	"c_ratio": "CHECK (((ratio)::text <> 'NaN'))",
	// Key words in lower case, and no parentheses around the operands of
	// AND and OR but those that need them.
	"c_range": "CHECK ((lo >= 0 and (hi is null or hi > lo)))",
	"c_note":  "CHECK ((note is not null or not (lo > 1)))",
	"c_case":  "CHECK ((note <> 'AND (x)' and note <> 'Q'))",
	// length(num) is no function: the server refuses the text without
	// the cast, and the others of the table are tried one by one.
	"c_len": "CHECK ((length((num)::text) > 0))",
}

// TestReadShortensChecks: Read gives each CHECK the shortest text that
// the server stores as it stored the original, and that text applied to
// a new table is printed back exactly as the original was.
func TestReadShortensChecks(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	exec(t, conn, shortenDDL)
	c := read(t, conn, "public")
	tbl := c.Table("t")
	if tbl == nil {
		t.Fatal("table t not read")
	}
	exec(t, conn, "CREATE TABLE copy (LIKE t)")
	for _, ck := range tbl.Checks {
		if want := shortenWant[ck.Name]; string(ck.Def) != want {
			t.Errorf("%s: Def = %s, want %s", ck.Name, ck.Def, want)
		}
		exec(t, conn, "ALTER TABLE copy ADD CONSTRAINT "+ck.Name+" "+string(ck.Def))
		var orig, again string
		q := "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = $1::regclass AND conname = $2"
		if err := conn.QueryRow(ctx, q, "t", ck.Name).Scan(&orig); err != nil {
			t.Fatal(err)
		}
		if err := conn.QueryRow(ctx, q, "copy", ck.Name).Scan(&again); err != nil {
			t.Fatal(err)
		}
		if orig != again {
			t.Errorf("%s: stored as %s from %s, originally %s", ck.Name, again, ck.Def, orig)
		}
	}
	if d := c.Domain("positive"); d == nil || len(d.Checks) != 1 || d.Checks[0].Def != "CHECK ((value > 0))" {
		t.Errorf("domain positive: %+v", d)
	}
}

// TestReadChecksReadOnly: where the server cannot be asked (a read-only
// transaction), Read keeps the CHECKs as PostgreSQL printed them, and
// leaves the transaction usable.
func TestReadChecksReadOnly(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	exec(t, conn, shortenDDL)
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // read only
	c := read(t, tx, "public")
	if ck := c.Table("t").Check("c_price"); ck == nil || ck.Def != "CHECK ((price >= (0)::numeric))" {
		t.Errorf("c_price read only: %+v", ck)
	}
	var one int
	if err := tx.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil {
		t.Errorf("transaction unusable after Read: %v", err)
	}
}

// TestReadPreferring: a spelling the caller prefers is the Def of a CHECK
// exactly when the server stores it as it stores the database's; another
// rule (a bound changed, a regrouping) leaves the check to be shortened
// as Read would, and NOT VALID stays after the preferred text. Settled
// holds the spellings the server was asked about, alike or not: not one
// that reads otherwise. A key's collation is read apart from its
// expression, the preferred one's COLLATE over the whole of it too: a
// key with a collation of its own is Settled as its expression, and one
// that the preferred spelling gives another collation keeps its own.
func TestReadPreferring(t *testing.T) {
	conn := pgtest.Conn(t)
	exec(t, conn, `CREATE DOMAIN pct AS integer CHECK (VALUE BETWEEN 0 AND 100);
CREATE TABLE t (
    qty  integer CONSTRAINT c_qty CHECK (qty BETWEEN 1 AND 9),
    code text CONSTRAINT c_code CHECK (code LIKE 'A%'),
    a    integer,
    b    integer,
    c    integer,
    CONSTRAINT c_group CHECK ((a > 0 OR b > 0) AND c > 0)
);
ALTER TABLE t ADD CONSTRAINT c_nv CHECK (a IN (1)) NOT VALID;
CREATE INDEX i_qty ON t (qty) WHERE qty BETWEEN 2 AND 3;
CREATE INDEX i_code ON t (code) WHERE code LIKE 'B%';
CREATE INDEX i_cat ON t (a, (code || 'x'));
CREATE INDEX i_other ON t ((code || 'x'));
CREATE INDEX i_coll ON t ((lower(code)));
CREATE INDEX i_own ON t ((code || 'x') COLLATE "C");`)
	prefer := catalog.Spellings{Checks: map[string]map[string]string{
		"t": {
			"c_qty":   "CHECK (qty between 1 and 9)",
			"c_code":  "CHECK (code like 'A%')",
			"c_group": "CHECK (a > 0 or (b > 0 and c > 0))", // another rule
			"c_nv":    "CHECK (a in (1))",
		},
		"pct": {"pct_check": "CHECK (VALUE BETWEEN 0 AND 99)"}, // another rule
	}, Predicates: map[string]map[string]string{
		"t": {
			"i_qty":  "(qty between 2 and 3)",
			"i_code": "(code like 'C%')", // another rule
		},
	}, Keys: map[string]map[string][]string{
		"t": {
			"i_cat":   {"", "(code || 'x')"},
			"i_other": {"(code || 'y')"}, // another rule
			// Another collation, which the print of the key leaves out
			// (the collations are compared beside the prints).
			"i_coll": {`(lower(code) collate "C")`},
			"i_own":  {"(code || 'x')"},
		},
	}}
	c, err := catalog.ReadPreferring(context.Background(), conn, "public", prefer)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"c_qty":   "CHECK (qty between 1 and 9)",
		"c_code":  "CHECK (code like 'A%')",
		"c_group": "CHECK (((a > 0 or b > 0) and c > 0))",
		"c_nv":    "CHECK (a in (1)) NOT VALID",
	}
	for name, def := range want {
		if ck := c.Table("t").Check(name); ck == nil || string(ck.Def) != def {
			t.Errorf("%s: %+v, want %s", name, ck, def)
		}
	}
	for name, pred := range map[string]string{"i_qty": "(qty between 2 and 3)", "i_code": "(code ~~ 'B%'::text)"} {
		if ix := c.Table("t").Index(name); ix == nil || string(ix.Predicate) != pred {
			t.Errorf("%s: %+v, want the predicate %s", name, ix, pred)
		}
	}
	for name, key := range map[string]string{"i_cat": "(code || 'x')", "i_other": "(code || 'x'::text)", "i_coll": "lower(code)", "i_own": "(code || 'x')"} {
		if ix := c.Table("t").Index(name); ix == nil || string(ix.Exprs[len(ix.Exprs)-1]) != key {
			t.Errorf("%s: %+v, want the key %s", name, ix, key)
		}
	}
	if ix := c.Table("t").Index("i_coll"); ix == nil || ix.Collations != nil {
		t.Errorf("i_coll: %+v, want no collation of its own", ix)
	}
	if ix := c.Table("t").Index("i_own"); ix == nil || !slices.Equal(ix.Collations, []string{"C"}) {
		t.Errorf("i_own: %+v, want the collation C", ix)
	}
	settled := catalog.Spellings{Checks: map[string]map[string]string{"t": {
		"c_qty":   "CHECK (qty between 1 and 9)",
		"c_code":  "CHECK (code like 'A%')",
		"c_group": "CHECK (a > 0 or (b > 0 and c > 0))",
		"c_nv":    "CHECK (a in (1))",
	}}, Predicates: map[string]map[string]string{"t": {"i_qty": "(qty between 2 and 3)"}},
		Keys: map[string]map[string][]string{"t": {"i_cat": {"", "(code || 'x')"}, "i_own": {"(code || 'x')"}}}}
	if diff := cmp.Diff(settled, c.Settled); diff != "" {
		t.Errorf("Settled (-want +got):\n%s", diff)
	}
	if d := c.Domain("pct"); d == nil || len(d.Checks) != 1 || d.Checks[0].Def != "CHECK (((value >= 0) and (value <= 100)))" && d.Checks[0].Def != "CHECK ((value >= 0 and value <= 100))" {
		t.Errorf("domain pct: %+v", d)
	}
}

// TestReadPreferringAsksOnlyAlike: reading a database never makes the
// server run a model's function. A preferred spelling that reads unlike
// the database's (a call) is not asked about; one that reads alike once
// casts are set aside, though its cast calls a function, is asked about
// with a NOT VALID constraint, which the server stores without folding
// it; building an index over either, or adding it valid, would run it.
func TestReadPreferringAsksOnlyAlike(t *testing.T) {
	ctx := context.Background()
	cfg, err := pgx.ParseConfig(pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	var notices []string
	cfg.OnNotice = func(_ *pgconn.PgConn, n *pgconn.Notice) { notices = append(notices, n.Message) }
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	exec(t, conn, `CREATE FUNCTION loud(integer) RETURNS integer IMMUTABLE LANGUAGE plpgsql AS $$
BEGIN RAISE NOTICE 'loud ran'; RETURN $1; END $$;
CREATE TYPE boxed AS (x integer);
CREATE FUNCTION to_boxed(integer) RETURNS boxed IMMUTABLE LANGUAGE plpgsql AS $$
BEGIN RAISE NOTICE 'to_boxed ran'; RETURN ROW($1); END $$;
CREATE FUNCTION from_boxed(boxed) RETURNS integer IMMUTABLE LANGUAGE sql AS 'SELECT ($1).x';
CREATE CAST (integer AS boxed) WITH FUNCTION to_boxed(integer);
CREATE CAST (boxed AS integer) WITH FUNCTION from_boxed(boxed);
CREATE TABLE t (qty integer CONSTRAINT c_qty CHECK (qty > 0));
CREATE INDEX i_qty ON t (qty) WHERE qty > 0;
CREATE INDEX i_cast ON t (qty) WHERE qty > 1;
CREATE INDEX i_key ON t ((qty + 1));`)
	notices = nil
	prefer := catalog.Spellings{
		Checks: map[string]map[string]string{"t": {"c_qty": "CHECK (qty > public.loud(0))"}},
		Predicates: map[string]map[string]string{"t": {"i_qty": "(qty > public.loud(0))",
			// Read alike once casts are set aside, but the cast runs a function.
			"i_cast": "(qty > 1::public.boxed::integer)"}},
		Keys: map[string]map[string][]string{"t": {"i_key": {"(qty + public.loud(1))"}}},
	}
	c, err := catalog.ReadPreferring(ctx, conn, "public", prefer)
	if err != nil {
		t.Fatal(err)
	}
	if len(notices) > 0 {
		t.Errorf("the server ran the model's call: %v", notices)
	}
	if ck := c.Table("t").Check("c_qty"); ck == nil || ck.Def != "CHECK ((qty > 0))" {
		t.Errorf("c_qty: %+v", ck)
	}
	// The probe itself would run them: the same call and cast, spelt alike.
	exec(t, conn, `CREATE INDEX i_loud ON t (qty) WHERE qty > loud(0)`)
	exec(t, conn, `CREATE INDEX i_boxed ON t (qty) WHERE qty > 1::boxed::integer`)
	if !slices.Contains(notices, "loud ran") || !slices.Contains(notices, "to_boxed ran") {
		t.Fatalf("building indexes over the call and the cast ran %v: the test proves nothing", notices)
	}
}
