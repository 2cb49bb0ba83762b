package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// TestTypesByNameConverge migrates columns to and from types the language
// knows by name only, an extension's among them, and adds columns of such
// types: each change of type is a rewrite through PostgreSQL's cast, and
// the catalog ends as NEW's DDL makes it, rows kept.
func TestTypesByNameConverge(t *testing.T) {
	v1 := `
schema bytype
entity Shop {
  id     serial pk
  email  text unique
  price  numeric(10, 2)
  at     point
  tag    varchar(20)
}
`
	v2 := `
schema bytype
extension citext

entity Shop {
  id     serial pk
  email  citext unique
  price  money
  at     point
  tag    text
  body   tsvector?
  open   tstzrange?
}
`
	if _, diags := diff(t, v1, v2, migrate.Options{}); !strings.Contains(diags.Error(), "ER206: column shops.email changes from text to citext") {
		t.Errorf("a type change that rewrites the table is not refused without --allow rewrite: %v", diags)
	}
	rewrite := migrate.Options{Allow: []string{"rewrite"}}
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	plan := converge(t, conn, fresh, v1, v2, rewrite)
	contains(t, string(plan.Script()),
		"CREATE EXTENSION IF NOT EXISTS citext;",
		"ALTER COLUMN email TYPE citext USING email::citext",
		"ALTER COLUMN price TYPE money USING price::money",
		"ADD COLUMN IF NOT EXISTS body tsvector",
		"ADD COLUMN IF NOT EXISTS open tstzrange")
	// Back to the old types; removing an extension is left to the user.
	back := converge(t, conn, fresh, v2, "extension citext\n"+v1, migrate.Options{Allow: []string{"rewrite", "drop"}})
	contains(t, string(back.Script()), "ALTER COLUMN email TYPE text USING email::text", "ALTER COLUMN price TYPE numeric(10,2) USING price::numeric(10,2)",
		"DROP COLUMN IF EXISTS body")
}

// TestDomainsConverge migrates to a model with domains, one based on an
// enum and one on another domain, used by new and changed columns, and
// back (the rows of OLD pass the domains' checks, as PostgreSQL makes sure).
func TestDomainsConverge(t *testing.T) {
	v1 := `
schema bydomain
entity Film {
  id    serial pk
  year  integer
  title text
}
`
	v2 := `
schema bydomain
enum Mood { happy sad }
domain Year integer check (value >= 1)
domain Late Year check (value < 3000)
domain Feeling Mood = 'happy'
entity Film {
  id    serial pk
  year  Year
  title text
  late  Late?
  mood  Feeling?
}
`
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	plan := converge(t, conn, fresh, v1, v2, migrate.Options{Allow: []string{"rewrite"}})
	contains(t, string(plan.Script()),
		"CREATE DOMAIN bydomain.year AS integer CONSTRAINT year_check CHECK (value >= 1);",
		"CREATE DOMAIN bydomain.late AS bydomain.year",
		"ALTER COLUMN year TYPE bydomain.year",
		"ADD COLUMN IF NOT EXISTS late bydomain.late")
	back := converge(t, conn, fresh, v2, v1, migrate.Options{Allow: []string{"rewrite", "drop"}})
	contains(t, string(back.Script()), "DROP DOMAIN IF EXISTS bydomain.late;", "DROP DOMAIN IF EXISTS bydomain.year;", "DROP TYPE IF EXISTS bydomain.mood;")

}

// TestGeneratedConverge adds a stored generated column, which rewrites
// the table (ER207 without --allow rewrite), drops it again, and refuses
// a change of its expression without --allow rewrite.
func TestGeneratedConverge(t *testing.T) {
	v1 := `
schema bygen
entity Line {
  id    serial pk
  price numeric(10, 2)
  qty   integer
}
`
	v2 := strings.Replace(v1, "  qty   integer\n", "  qty   integer\n  total numeric generated (price * qty)\n", 1)
	if _, diags := diff(t, v1, v2, migrate.Options{}); !strings.Contains(diags.Error(), "ER207: new column lines.total") {
		t.Errorf("adding a generated column is not refused without --allow rewrite: %v", diags)
	}
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	plan := converge(t, conn, fresh, v1, v2, migrate.Options{Allow: []string{"rewrite"}})
	contains(t, string(plan.Script()), "ADD COLUMN IF NOT EXISTS total numeric GENERATED ALWAYS AS (price * qty) STORED")
	converge(t, conn, fresh, v2, v1, migrate.Options{Allow: []string{"drop"}})
	changed := strings.Replace(v2, "price * qty", "price + qty", 1)
	if _, diags := diff(t, v2, changed, migrate.Options{}); !strings.Contains(diags.Error(), "ER207: generated column lines.total is dropped and added again") {
		t.Errorf("a changed generation expression is not refused without --allow rewrite: %v", diags)
	}
}

// A domain changes in place: a check changed (dropped, then added NOT
// VALID and validated), a check and NOT NULL added, a check dropped, its
// default set and dropped; each tightening step locks the domain's tables
// as it says, and the rows stay.
func TestDomainChanges(t *testing.T) {
	v1 := `
schema bydomainchange
domain Year integer check (value >= 1) = 2000
domain Code text check (length(value) < 100) as code_short
entity Film {
  id    serial pk
  year  Year
  code  Code
  title text
}
entity Clip {
  id   serial pk
  year Year
}
`
	v2 := strings.NewReplacer("check (value >= 1) = 2000", "not null check (value >= 0) check (value < 5000) as year_upper",
		"check (length(value) < 100) as code_short", "= 'x'").Replace(v1)
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	plan := converge(t, conn, fresh, v1, v2, migrate.Options{})
	contains(t, string(plan.Script()),
		"ALTER DOMAIN bydomainchange.year DROP CONSTRAINT year_check;\nALTER DOMAIN bydomainchange.year DROP DEFAULT;",
		"ALTER DOMAIN bydomainchange.code DROP CONSTRAINT code_short;\nALTER DOMAIN bydomainchange.code SET DEFAULT 'x';",
		"ALTER DOMAIN bydomainchange.year ADD CONSTRAINT year_check CHECK (value >= 0) NOT VALID;",
		"ALTER DOMAIN bydomainchange.year VALIDATE CONSTRAINT year_upper;",
		"ALTER DOMAIN bydomainchange.year SET NOT NULL;")
	back := converge(t, conn, fresh, v2, v1, migrate.Options{})
	contains(t, string(back.Script()), "ALTER DOMAIN bydomainchange.year DROP NOT NULL;", "ALTER DOMAIN bydomainchange.code VALIDATE CONSTRAINT code_short;")

}

// A domain's base type changes: the old domain is renamed aside, the new
// one created under its name, every column retyped to it, a partitioned
// table's too (a rewrite, ER206 without --allow rewrite; the column's
// default kept) and the old one dropped. The catalog is NEW's and the
// rows keep their values. A domain based on it is replaced alike, and
// dropped first; a generated column over a column of the domain is
// dropped and added again around the type change, its index and comment
// made anew.
func TestDomainBaseTypeChanged(t *testing.T) {
	v1 := `
domain Year integer check (value >= 1) = 2000
domain Code text check (length(value) < 100) as code_short
domain Era Year check (value < 3000)
entity Film {
  id    serial pk
  year  Year = 1999
  code  Code
  title text
  next  integer generated (year + 1) comment 'the year after'
  index (next)
}
entity Clip {
  id   serial pk
  year Year?
  era  Era?
}
entity Visit {
  id     bigserial
  region text
  year   Year
  pk (id, region)
  partition by list (region)
  partition visits_eu in ('de')
  partition visits_other default
}
`
	v2 := strings.NewReplacer("domain Year integer", "domain Year bigint", "domain Code text", "domain Code varchar(100)").Replace(v1)
	_, diags := diff(t, v1, v2, migrate.Options{})
	for _, want := range []string{"new.er:7:3: error ER206: column films.year changes from domain Year over integer to one over bigint", "new.er:15:3: error ER206: column clips.year", "new.er:10:3: error ER207: generated column films.next"} {
		if !slicesHasPrefix(diagStrings(diags), want) {
			t.Errorf("not refused without --allow rewrite: %v, want %s", diags, want)
		}
	}
	conn := pgtest.Conn(t)
	plan := converge(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}})
	script := string(plan.Script())
	contains(t, script,
		"ALTER DOMAIN year RENAME TO ergen_old_year;\nCREATE DOMAIN year AS bigint",
		"ALTER TABLE films DROP COLUMN next;\nALTER TABLE films ALTER COLUMN year DROP DEFAULT;\nALTER TABLE films ALTER COLUMN year TYPE year USING year::bigint;\nALTER TABLE films ALTER COLUMN year SET DEFAULT 1999;\nALTER TABLE films ADD COLUMN next integer GENERATED ALWAYS AS (year + 1) STORED NOT NULL;",
		"CREATE INDEX CONCURRENTLY idx_films_next ON films (next);",
		"COMMENT ON COLUMN films.next IS 'the year after';",
		"ALTER TABLE films ALTER COLUMN code TYPE code USING code::varchar;",
		"ALTER DOMAIN era RENAME TO ergen_old_era;\nCREATE DOMAIN era AS year",
		"ALTER TABLE clips ALTER COLUMN era TYPE era USING era::year;",
		"DROP DOMAIN ergen_old_era;",
		"DROP DOMAIN ergen_old_year;")
	if strings.Index(script, "DROP DOMAIN ergen_old_era;") > strings.Index(script, "DROP DOMAIN ergen_old_year;") {
		t.Errorf("a domain is dropped before the one based on it:\n%s", script)
	}
	var years int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM films WHERE year > 0 AND code IS NOT NULL").Scan(&years); err != nil || years == 0 {
		t.Errorf("no value kept (%d rows, %v)", years, err)
	}
	_, diags = diff(t, v1, strings.Replace(v1, "domain Year integer", "domain Year date", 1), migrate.Options{Allow: []string{"rewrite"}})
	if !slicesHasPrefix(diagStrings(diags), "new.er:2:8: error ER212: domain Year changes its base type from integer to date") {
		t.Errorf("a base type without a cast is not refused: %v", diags)
	}
}

// A domain's new base type, with the generated columns over a column of
// the domain changed in the same migration: one NEW drops is dropped in
// the retyping step, before the retype (--allow drop); one NEW makes
// plain is made so before it, DROP EXPRESSION keeping its values; one a
// foreign key references is added again around the retype, the foreign
// key dropped first and added back after, validated.
func TestDomainBaseTypeAroundGenerated(t *testing.T) {
	v1 := `domain Year integer
entity Film {
  id   serial pk
  year Year
  next integer generated (year + 1)
  prev integer generated (year - 1)
  code integer generated (year * 10) unique
}
entity Award {
  id serial pk
}
relationship Film 1:N Award {
  optional
  references (code)
}
`
	v2 := strings.NewReplacer("domain Year integer", "domain Year bigint", "  next integer generated (year + 1)\n", "",
		"prev integer generated (year - 1)", "prev integer").Replace(v1)
	_, diags := diff(t, v1, v2, migrate.Options{Allow: []string{"rewrite"}})
	refused(t, diags, v1, v2, `old.er:5:3: error ER202: column films.next is gone: dropping a column deletes its values
 5 |   next integer generated (year + 1)
   |   ^^^^
   = hint: keep the attribute, or drop it once nothing reads it; to accept it, pass --allow drop
`)
	conn := pgtest.Conn(t)
	plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite", "drop"}},
		func(plan *migrate.Plan, _ string) error {
			if _, err := conn.Exec(ctx, "UPDATE awards SET film_code = (SELECT max(code) FROM films)"); err != nil {
				return err
			}
			return apply(conn, plan)
		})
	script := string(plan.Script())
	contains(t, script, "ALTER TABLE films ALTER COLUMN prev DROP EXPRESSION;", "ALTER TABLE awards DROP CONSTRAINT IF EXISTS fk_awards_film;",
		"ALTER TABLE films DROP COLUMN next;\nALTER TABLE films DROP COLUMN code;\nALTER TABLE films ALTER COLUMN year TYPE year USING year::bigint;\nALTER TABLE films ADD COLUMN code integer GENERATED ALWAYS AS (year * 10) STORED NOT NULL;",
		"CREATE UNIQUE INDEX CONCURRENTLY uq_films_code ON films (code);", "ALTER TABLE awards VALIDATE CONSTRAINT fk_awards_film;")
	for _, order := range [][2]string{{"DROP EXPRESSION", "TYPE year"}, {"DROP CONSTRAINT fk_awards_film", "TYPE year"}} {
		if strings.Index(script, order[0]) > strings.Index(script, order[1]) {
			t.Errorf("%s after %s:\n%s", order[0], order[1], script)
		}
	}
	var bad, refs int
	if err := conn.QueryRow(ctx, "SELECT count(*) FILTER (WHERE prev IS DISTINCT FROM year - 1), (SELECT count(*) FROM awards a JOIN films f ON f.code = a.film_code) FROM films").Scan(&bad, &refs); err != nil || bad != 0 || refs == 0 {
		t.Errorf("%d rows lost prev, %d awards reference a film (%v)", bad, refs, err)
	}
}

// A schema move takes the domains along with the tables that use them.
func TestDomainsMoveSchema(t *testing.T) {
	v1 := "schema bydomainfrom\ndomain Year integer check (value >= 1)\nentity Film {\n  id   serial pk\n  year Year\n}\n"
	v2 := strings.Replace(v1, "bydomainfrom", "bydomainto", 1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	contains(t, string(plan.Script()), "ALTER DOMAIN bydomainfrom.year SET SCHEMA bydomainto;")
}
