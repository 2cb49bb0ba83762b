package migrate_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

const shopV1 = `
enum Status { 'new' 'paid' }

entity User {
  id    serial pk
  email varchar(50) unique
  name  text?
  code  integer?
}

entity Order {
  id     serial pk
  status Status = 'new'
  note   text?
}

relationship User 1:N Order {
  required
  on delete restrict
}
`

const shopV2 = `
enum Status { 'draft' 'new' 'paid' 'shipped' }

entity User {
  id    serial pk
  email varchar(80) unique
  name  text comment 'full name'
  code  integer? unique
  vip   boolean = false
}

entity Order {
  id     serial pk
  status Status = 'paid'
  total  numeric(10,2)? check (total >= 0)
  index (status)
}

entity Product {
  id serial pk
  title text
}

relationship User 1:N Order {
  required
  on delete cascade
}

relationship Product 1:N Order {
  optional
}
`

// Every safe construct in one migration, on a database with rows.
func TestShopMigration(t *testing.T) {
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), shopV1, shopV2, migrate.Options{Allow: []string{"drop"}})
	script := string(plan.Script())
	contains(t, script,
		`ALTER TYPE status ADD VALUE IF NOT EXISTS 'draft' BEFORE 'new';`,
		`ALTER TYPE status ADD VALUE IF NOT EXISTS 'shipped' AFTER 'paid';`,
		`CREATE INDEX CONCURRENTLY idx_orders_status ON orders (status);`,
		`CREATE UNIQUE INDEX CONCURRENTLY uq_users_code ON users (code);`,
		`ADD CONSTRAINT uq_users_code UNIQUE USING INDEX uq_users_code;`,
		`ADD CONSTRAINT fk_orders_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE NO ACTION ON UPDATE NO ACTION NOT VALID;`,
		"BEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE orders VALIDATE CONSTRAINT fk_orders_product;\nCOMMIT;",
		`CHECK (name IS NOT NULL) NOT VALID`,
		`ALTER TABLE users ALTER COLUMN name SET NOT NULL;`,
		`ALTER TABLE orders DROP COLUMN IF EXISTS note;`,
	)
	// Every step sets lock_timeout before its first statement.
	for _, block := range strings.Split(script, "\n\n")[1:] {
		if !regexp.MustCompile(`(?m)^(SET LOCAL lock_timeout|SET lock_timeout) = '5s';$`).MatchString(block) {
			t.Errorf("step without lock_timeout:\n%s", block)
		}
	}
}

// The script is for psql in autocommit mode: applied with psql, it
// migrates the database.
func TestScriptAppliesWithPsql(t *testing.T) {
	psql := pgtest.Psql(t)
	old, new := load(t, "v1.er", shopV1), load(t, "v2.er", shopV2)
	plan, diags := migrate.New(old, new, migrate.Options{Allow: []string{"drop"}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	url := pgtest.URL(t)
	file := filepath.Join(t.TempDir(), "m.sql")
	if err := os.WriteFile(file, append([]byte(ddl(t, old)), plan.Script()...), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", file).CombinedOutput()
	if err != nil {
		t.Fatalf("psql: %v\n%s", err, out)
	}
}

// The script sets its client encoding: applied by psql in SJIS, a
// client-only encoding, without ON_ERROR_STOP, a comment holding a
// multibyte character before a backslash stays one string, and the text
// after it runs as no statement of its own.
func TestScriptUnderClientEncoding(t *testing.T) {
	psql := pgtest.Psql(t)
	v1 := "entity T { id serial pk }\n"
	v2 := "entity T {\n  id serial pk\n  comment '\u00c1\\\\''; CREATE TABLE pwned(); --'\n}\n"
	plan, diags := diff(t, v1, v2, migrate.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	url := pgtest.URL(t)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, ddl(t, load(t, "v1.er", v1))); err != nil {
		t.Fatal(err)
	}
	// The script alone: the DDL's own SET must not be what protects it.
	file := filepath.Join(t.TempDir(), "m.sql")
	if err := os.WriteFile(file, plan.Script(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(psql, "-X", "-q", "-d", url, "-f", file)
	cmd.Env = append(os.Environ(), "PGCLIENTENCODING=SJIS")
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("psql in SJIS: %v\n%s", err, out)
	}
	var pwned bool
	if err := conn.QueryRow(ctx, "SELECT to_regclass('pwned') IS NOT NULL").Scan(&pwned); err != nil || pwned {
		t.Errorf("the comment ran as a statement: %v, %v", pwned, err)
	}
}

// Equal models need no statement.
func TestEqualModelsEmptyPlan(t *testing.T) {
	for _, src := range []string{shopV1, shopV2} {
		s := load(t, "m.er", src)
		plan, diags := migrate.New(s, load(t, "m.er", src), migrate.Options{})
		if diags.HasErrors() || !plan.Empty() || plan.Script() != nil {
			t.Errorf("diff of a model with itself: %v\n%s", diags, plan.Script())
		}
	}
}

// Hazards are refused unless allowed, at the declaration that causes them.
func TestRefusals(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		allow          []string
		want           string // file:line:col: code
	}{
		{"drop column", shopV1, shopV2, nil, "old.er:14:3: error ER202: column orders.note is gone"},
		{"drop table", shopV2, shopV1, nil, "old.er:19:8: error ER201: table products is gone"},
		{"remove enum value", shopV2, shopV1, []string{"drop"}, "new.er:2:6: error ER204: enum Status loses the value 'draft'"},
		{"reorder", "enum E { 'a' 'b' }", "enum E { 'b' 'a' }", nil, "new.er:1:6: error ER205: enum E moves the value 'b'"},
		{"rewrite", "entity A { id serial pk\n n integer }", "entity A { id serial pk\n n bigint }", nil,
			"new.er:2:2: error ER206: column as.n changes from integer to bigint"},
		{"not null without default", "entity A { id serial pk }", "entity A { id serial pk\n n integer }", nil,
			"new.er:2:2: error ER208: new column as.n is NOT NULL"},
		{"serial added", "entity A { n integer }", "entity A { n integer\n id serial }", nil,
			"new.er:2:2: error ER207: new column as.id"},
		{"drop enum", "enum E { 'a' }", "", nil, "old.er:1:6: error ER203: enum E is gone"},
		{"remove extension", "extension pg_trgm\nentity A { id serial pk }", "entity A { id serial pk }", nil,
			"old.er:1:11: error ER215: extension pg_trgm is gone"},
		{"remove sequence", "sequence s\nentity A { id serial pk }", "entity A { id serial pk }", nil,
			"old.er:1:10: error ER214: sequence s is gone"},
		{"column rename without was", "entity A { id serial pk\n name text }", "entity A { id serial pk\n label text }", []string{"drop"},
			"new.er:2:2: error ER210: column as.label is new and as.name is gone, both text (write `label text was name` if it is a rename)"},
		{"foreign key column changed", "entity U { id serial pk }\nentity O { id serial pk }\nrelationship U 1:N O { optional }",
			"entity U { id serial pk }\nentity O { id serial pk }\nrelationship U 1:N O { optional column owner_id }", []string{"drop"},
			"new.er:3:33: error ER210: foreign key column os.owner_id is new and os.u_id is gone, both integer, in a key to us"},
		{"role changed without was", "entity U { id serial pk }\nentity O { id serial pk }\nrelationship U 1:N O { optional }",
			"entity U { id serial pk }\nentity O { id serial pk }\nrelationship U 1:N O as owner { optional }", []string{"drop"},
			"new.er:3:1: error ER210: foreign key column os.owner_id is new and os.u_id is gone"},
		{"table rename without was", "entity A { id serial pk }", "entity B { id serial pk }", []string{"drop"},
			"new.er:1:8: error ER210: table bs is new and as is gone, with the same columns (write `entity B was A` if it is a rename)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := migrate.New(load(t, "old.er", tc.old), load(t, "new.er", tc.new), migrate.Options{Allow: tc.allow})
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if !slicesHasPrefix(got, tc.want) {
				t.Errorf("got %q, want one starting with %q", got, tc.want)
			}
			for _, d := range diags {
				if d.Hint == "" {
					t.Errorf("%s: no hint", d.Error())
				}
			}
		})
	}
}

func slicesHasPrefix(got []string, prefix string) bool {
	for _, g := range got {
		if strings.HasPrefix(g, prefix) {
			return true
		}
	}
	return false
}

// A key's type change, allowed as a rewrite, carries every FK column
// derived from the key, on every table, with their foreign keys kept.
func TestRetypeKeyCarriesForeignKeys(t *testing.T) {
	v1 := `
entity Account {
  id   integer pk
  name text
}
entity Invoice { id serial pk }
relationship Account 1:N Invoice { required }
relationship Account M:N Invoice as payer, paid
`
	v2 := strings.ReplaceAll(v1, "id   integer pk", "id   bigint pk")
	if _, diags := diff(t, v1, v2, migrate.Options{}); len(diags) == 0 {
		t.Fatal("an integer to bigint key change was not refused without --allow rewrite")
	}
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}})
	script := string(plan.Script())
	contains(t, script,
		"ALTER TABLE accounts ALTER COLUMN id TYPE bigint USING id::bigint;",
		"ALTER TABLE invoices ALTER COLUMN account_id TYPE bigint USING account_id::bigint;",
		"ALTER TABLE account_invoices ALTER COLUMN payer_id TYPE bigint USING payer_id::bigint;",
	)
}

// A name or file name holding a line break cannot end the comment above
// a step and smuggle a statement into the script.
func TestHeadingsStayComments(t *testing.T) {
	old := load(t, "x\nDROP TABLE victims; --.er", "entity A { id serial pk }")
	new := load(t, "y\nDROP TABLE victims; --.er", "entity A { id serial pk\n note text? }")
	plan, diags := migrate.New(old, new, migrate.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if strings.Contains(string(plan.Script()), "\nDROP TABLE victims") {
		t.Errorf("a file name became a statement:\n%s", plan.Script())
	}
	for _, format := range migrate.Formats {
		files, _ := plan.Files(format, 1, "m")
		for _, f := range files {
			if strings.Contains(string(f.Data), "\nDROP TABLE victims") {
				t.Errorf("%s: a file name became a statement:\n%s", format, f.Data)
			}
		}
	}
}

// A 1:N made 1:1 replaces the FK's index by a unique key on the same
// column: the old index is dropped only once the key is in place, so the
// column is never without an index; the plan converges with rows kept.
func TestReplacedIndexDroppedLast(t *testing.T) {
	v1 := "entity P { id serial pk }\nentity C { id serial pk }\nrelationship P 1:N C\n"
	v2 := strings.Replace(v1, "1:N", "1:1", 1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	var order []string
	for _, s := range plan.Steps {
		order = append(order, s.Phase.String()+": "+s.What)
	}
	last := order[len(order)-1]
	if last != "drop-replaced: drop index idx_cs_p_id" || !slices.Contains(order, "keys: add key uq_cs_p_id") {
		t.Errorf("steps %q: want the key added before the old index is dropped, last", order)
	}
	// An index whose column changes type goes first, not to be rebuilt.
	v3 := "entity P { id serial pk }\nentity C { id serial pk\n  n integer\n  index (n) }\n"
	v4 := strings.Replace(v3, "n integer\n  index (n)", "n bigint\n  unique (n)", 1)
	plan, diags := diff(t, v3, v4, migrate.Options{Allow: []string{"rewrite"}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	i := slices.IndexFunc(plan.Steps, func(s *migrate.Step) bool { return s.What == "drop index idx_cs_n" })
	if i < 0 || plan.Steps[i].Phase != migrate.PhaseDrop {
		t.Errorf("the index of a retyped column is not dropped first:\n%s", plan.Script())
	}
}

// A column made required on a table that still holds a NULL: the plan
// fails at the validation, leaving the NOT VALID check, which refuses
// new NULLs meanwhile; once the NULLs are gone the same plan runs again
// from its first step and completes.
func TestRequiredRerunsAfterFailedValidation(t *testing.T) {
	v1 := "entity U {\n  id    serial pk\n  email text?\n}\n"
	v2 := strings.Replace(v1, "text?", "text", 1)
	plan, diags := diff(t, v1, v2, migrate.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	conn := pgtest.Conn(t)
	if _, err := conn.Exec(ctx, ddl(t, load(t, "old.er", v1))+"; INSERT INTO us (email) VALUES (NULL), ('a')"); err != nil {
		t.Fatal(err)
	}
	if err := apply(conn, plan); err == nil || !strings.Contains(err.Error(), "validate ergen_nn_us_email") {
		t.Fatalf("the plan over a NULL: %v, want the validation to fail", err)
	}
	if _, err := conn.Exec(ctx, "INSERT INTO us (email) VALUES (NULL)"); err == nil {
		t.Error("a NULL was inserted while the NOT VALID check stood")
	}
	if _, err := conn.Exec(ctx, "DELETE FROM us WHERE email IS NULL"); err != nil {
		t.Fatal(err)
	}
	if err := apply(conn, plan); err != nil {
		t.Fatalf("the same plan again, the NULLs gone: %v", err)
	}
	var notNull bool
	if err := conn.QueryRow(ctx, "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'us'::regclass AND attname = 'email'").Scan(&notNull); err != nil || !notNull {
		t.Errorf("email NOT NULL: %v, %v", notNull, err)
	}
}

// A 1:N made M:N drops the FK column, with the links it holds: the
// refusal says how to carry them into the junction instead.
func TestOneToManyBecomesManyToManyHint(t *testing.T) {
	v1 := "entity Post { id serial pk }\nentity Tag { id serial pk }\nrelationship Post 1:N Tag\n"
	v2 := strings.Replace(v1, "1:N", "M:N", 1)
	_, diags := diff(t, v1, v2, migrate.Options{})
	if len(diags) != 1 || diags[0].Code != migrate.DropColumn ||
		!strings.HasPrefix(diags[0].Hint, "the relationship became M:N: keep Post 1:N Tag beside it for one migration, copy its links into post_tags") {
		t.Errorf("got %v, want ER202 with the way to keep the links", diags)
	}
}

// A shared primary key made a unique foreign key, and back: the columns
// always have a key that keeps them unique. The new key's index is built
// before the old key is dropped, or the old unique key is dropped after
// the new primary key is in place; both plans converge with rows.
func TestKeyTakesOverBeforeTheOldGoes(t *testing.T) {
	shared := "entity User { id serial pk }\nentity Profile { bio text? }\nrelationship User 1:1 Profile shared key\n"
	unique := "entity User { id serial pk }\nentity Profile {\n  id  serial pk\n  bio text?\n}\nrelationship User 1:1 Profile\n"
	order := func(plan *migrate.Plan, first, then string) {
		t.Helper()
		i := slices.IndexFunc(plan.Steps, func(s *migrate.Step) bool { return s.What == first })
		j := slices.IndexFunc(plan.Steps, func(s *migrate.Step) bool { return s.What == then })
		if i < 0 || j < 0 || i > j {
			t.Errorf("want %q before %q:\n%s", first, then, plan.Script())
		}
	}
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), shared, unique, migrate.Options{Allow: []string{"rewrite"}})
	order(plan, "build index uq_profiles_user_id", "drop key pk_profiles")
	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), unique, shared, migrate.Options{Allow: []string{"rewrite", "drop"}})
	order(plan, "add key pk_profiles", "drop key uq_profiles_user_id")
	// A key over a column whose type changes goes first: the type change
	// would rebuild it for nothing.
	v1 := "entity Acct {\n  id   serial pk\n  code integer unique\n}\n"
	v2 := "entity Acct {\n  code bigint pk\n}\n"
	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite", "drop"}})
	i := slices.IndexFunc(plan.Steps, func(s *migrate.Step) bool { return s.What == "drop key uq_accts_code" })
	if i < 0 || plan.Steps[i].Phase != migrate.PhaseDrop {
		t.Errorf("the unique key of a retyped column is not dropped first:\n%s", plan.Script())
	}
}
