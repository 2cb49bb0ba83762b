package importer_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// importCase imports ddl (schema public) and checks the round trip: every
// difference between the database and the one the model makes is listed
// among the notes, and nothing else is listed as not reproduced.
func importCase(t *testing.T, conn *pgx.Conn, ddl string) *importer.Result {
	t.Helper()
	before, after, res, err := roundTrip(t, conn, ddl, "public")
	if err != nil {
		t.Fatalf("%v\n--- imported:\n%s", err, resSource(res))
	}
	var got, want []string
	for _, n := range res.Notes {
		if m, ok := strings.CutPrefix(n.Msg, "not reproduced: "); ok {
			got = append(got, catalog.Difference{Table: n.Table, Msg: m}.String())
		}
	}
	for _, d := range catalog.Diff(after, before) {
		want = append(want, d.String())
	}
	slices.Sort(got)
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the notes do not list what the round trip changed (-changed +noted):\n%s\n--- imported:\n%s", diff, res.Source)
	}
	return res
}

func resSource(res *importer.Result) string {
	if res == nil {
		return ""
	}
	return string(res.Source)
}

// contains checks that the model holds each line (spaces collapsed) and
// none of the lines prefixed with "!".
func contains(t *testing.T, res *importer.Result, lines ...string) {
	t.Helper()
	var have []string
	for _, l := range strings.Split(string(res.Source), "\n") {
		have = append(have, strings.Join(strings.Fields(l), " "))
	}
	for _, l := range lines {
		not := strings.HasPrefix(l, "!")
		l = strings.TrimPrefix(l, "!")
		// Comments are searched only for a comment.
		found := slices.ContainsFunc(have, func(h string) bool {
			return strings.Contains(h, l) && (strings.HasPrefix(l, "//") || !strings.HasPrefix(h, "//"))
		})
		if found == not {
			if not {
				t.Errorf("the model holds %q:\n%s", l, res.Source)
			} else {
				t.Errorf("the model lacks %q:\n%s", l, res.Source)
			}
		}
	}
}

func noted(t *testing.T, res *importer.Result, substrings ...string) {
	t.Helper()
	for _, s := range substrings {
		if !slices.ContainsFunc(res.Notes, func(n importer.Note) bool { return strings.Contains(n.String(), s) }) {
			t.Errorf("no note mentions %q; notes:\n%v", s, res.Notes)
		}
		if !strings.Contains(string(res.Source), s) {
			t.Errorf("the model's comments do not mention %q:\n%s", s, res.Source)
		}
	}
}

const parents = `
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE TABLE products (id serial PRIMARY KEY, name text NOT NULL);
`

func TestInferRules(t *testing.T) {
	conn := pgtest.Conn(t)
	cases := []struct {
		name  string
		ddl   string
		lines []string
		notes []string
	}{{
		name:  "shared key",
		ddl:   `CREATE TABLE user_profiles (user_id integer PRIMARY KEY REFERENCES users ON DELETE CASCADE, bio text);`,
		lines: []string{"relationship User 1:1 UserProfile shared key {", "// 1:1 by shared key", "!user_id integer"},
	}, {
		name: "FK columns narrower than their keys",
		ddl: `CREATE TABLE artists (id bigint PRIMARY KEY, code text UNIQUE);
			CREATE TABLE albums (id serial PRIMARY KEY, artist_id integer NOT NULL REFERENCES artists ON DELETE CASCADE,
			code varchar(8) REFERENCES artists (code));
			CREATE TABLE plays (artist_id smallint NOT NULL REFERENCES artists, album_id integer NOT NULL REFERENCES albums,
			PRIMARY KEY (artist_id, album_id));`,
		lines: []string{"relationship Artist 1:N Album {", "artist_id integer", "code varchar(8)?", "entity Play {",
			"// an entity, not the junction of an M:N: foreign key plays_artist_id_fkey has columns of other types than the key it references"},
	}, {
		name: "ON DELETE SET NULL of some columns",
		ddl: `CREATE TABLE members (tenant_id integer, member_id integer, PRIMARY KEY (tenant_id, member_id));
			CREATE TABLE notes (id serial PRIMARY KEY, tenant_id integer NOT NULL, author_id integer,
			FOREIGN KEY (tenant_id, author_id) REFERENCES members ON DELETE SET NULL (author_id));`,
		lines: []string{"relationship Member 1:N Note", "on delete set null (author_id)", "tenant_id integer", "author_id integer?"},
	}, {
		// Optional FKs to different parents that a num_nonnulls CHECK,
		// named as ergen names an arc's, makes exclusive are an arc.
		name: "exclusive arc",
		ddl: `CREATE TABLE photos (id serial PRIMARY KEY);
			CREATE TABLE comments (id serial PRIMARY KEY, user_id integer REFERENCES users ON DELETE CASCADE,
			photo_id integer REFERENCES photos ON DELETE RESTRICT,
			CONSTRAINT ck_comments_user_photo_arc CHECK (num_nonnulls(user_id, photo_id) = 1));`,
		lines: []string{"relationship User | Photo 1:N Comment {", "required", "on delete User cascade", "on delete Photo restrict",
			"!check (num_nonnulls(user_id, photo_id) = 1)", "!relationship User 1:N Comment {", "!// ergen import"},
	}, {
		name: "an arc of at most one parent, a composite FK among them",
		ddl: `CREATE TABLE albums (owner integer, no integer, PRIMARY KEY (owner, no));
			CREATE TABLE comments (id serial PRIMARY KEY, body text NOT NULL, album_owner integer, album_no integer,
			user_id integer REFERENCES users ON DELETE SET NULL,
			FOREIGN KEY (album_owner, album_no) REFERENCES albums MATCH FULL ON DELETE CASCADE,
			CONSTRAINT ck_comments_album_user_arc CHECK (num_nonnulls(album_owner, user_id) <= 1));
			CREATE INDEX ON comments (user_id);`,
		lines: []string{"relationship Album | User 1:N Comment {", "optional", "on delete User set null", "on delete Album cascade",
			"no index Album", "!match full", "!check (num_nonnulls", "!// ergen import"},
	}, {
		// What an arc declaration would not reproduce stays its parts.
		name: "no arc: a CHECK under another name, two FKs to one parent, a NOT NULL column",
		ddl: `CREATE TABLE photos (id serial PRIMARY KEY);
			CREATE TABLE comments (id serial PRIMARY KEY, user_id integer REFERENCES users, photo_id integer REFERENCES photos,
			CONSTRAINT one_parent CHECK (num_nonnulls(user_id, photo_id) = 1));
			CREATE TABLE reviews (id serial PRIMARY KEY, author_id integer REFERENCES users, editor_id integer REFERENCES users,
			CONSTRAINT ck_reviews_author_editor_arc CHECK (num_nonnulls(author_id, editor_id) = 1));
			CREATE TABLE tags (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES users, photo_id integer REFERENCES photos,
			CONSTRAINT ck_tags_user_photo_arc CHECK (num_nonnulls(user_id, photo_id) <= 1));`,
		lines: []string{"check (num_nonnulls(user_id, photo_id) = 1) as one_parent", "relationship User 1:N Comment {",
			"check (num_nonnulls(author_id, editor_id) = 1) as ck_reviews_author_editor_arc", "relationship User 1:N Review as author {",
			"check (num_nonnulls(user_id, photo_id) <= 1) as ck_tags_user_photo_arc", "relationship User 1:N Tag {",
			"!relationship User | Photo"},
	}, {
		name:  "unique FK",
		ddl:   `CREATE TABLE cards (id serial PRIMARY KEY, user_id integer NOT NULL UNIQUE REFERENCES users);`,
		lines: []string{"relationship User 1:1 Card {", "// 1:1 by unique FK", "!user_id integer"},
	}, {
		name: "a UNIQUE over the FK column and another is no 1:1",
		ddl: `CREATE TABLE cards (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES users, kind text NOT NULL,
			UNIQUE (user_id, kind));`,
		lines: []string{"relationship User 1:N Card {", "unique (user_id, kind)", "!1:1"},
	}, {
		name: "composite junction with attributes",
		ddl: `CREATE TABLE user_products (user_id integer NOT NULL REFERENCES users ON DELETE CASCADE,
			product_id integer NOT NULL REFERENCES products, quantity integer NOT NULL CHECK (quantity > 0),
			PRIMARY KEY (user_id, product_id));`,
		lines: []string{"relationship User M:N Product {", "on delete User cascade", "quantity integer check (quantity > 0)", "!entity UserProduct"},
	}, {
		name: "surrogate junction",
		ddl: `CREATE TABLE wishes (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
			user_id integer NOT NULL REFERENCES users, product_id integer NOT NULL REFERENCES products,
			UNIQUE (user_id, product_id));`,
		lines: []string{"relationship User M:N Product via Wish {", "id bigint generated by default as identity pk as wishes_pkey"},
	}, {
		name: "surrogate junction key with sequence settings",
		ddl: `CREATE TABLE wishes (id bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 100) CONSTRAINT pk_wishes PRIMARY KEY,
			user_id integer NOT NULL REFERENCES users, product_id integer NOT NULL REFERENCES products,
			UNIQUE (user_id, product_id));`,
		lines: []string{"relationship User M:N Product via Wish {", "id bigint generated by default as identity (start 100) pk"},
	}, {
		name: "a surrogate junction key under a name of the database's",
		ddl: `CREATE TABLE wishes (id bigint GENERATED BY DEFAULT AS IDENTITY CONSTRAINT wishes_pkey PRIMARY KEY,
			user_id integer NOT NULL REFERENCES users, product_id integer NOT NULL REFERENCES products,
			UNIQUE (user_id, product_id));
			CREATE TABLE picks (id serial CONSTRAINT picks_pkey PRIMARY KEY,
			user_id integer NOT NULL REFERENCES users, product_id integer NOT NULL REFERENCES products,
			UNIQUE (user_id, product_id));`,
		lines: []string{`table "wishes"`, "id bigint generated by default as identity pk as wishes_pkey",
			`table "picks"`, "id serial pk as picks_pkey", "!entity Wish", "!entity Pick"},
	}, {
		name: "line junction",
		ddl: `CREATE TABLE baskets (user_id integer NOT NULL REFERENCES users, line_no integer NOT NULL,
			product_id integer NOT NULL REFERENCES products, PRIMARY KEY (user_id, line_no));`,
		lines: []string{"relationship User M:N Product via Basket {", "key line"},
	}, {
		name: "a junction's own indexes in its M:N block",
		ddl: `CREATE TABLE user_products (user_id integer NOT NULL REFERENCES users, product_id integer NOT NULL REFERENCES products,
			qty integer NOT NULL, PRIMARY KEY (user_id, product_id));
			CREATE INDEX up_qty ON user_products (qty) WHERE qty > 1;
			CREATE INDEX up_product ON user_products (product_id);`,
		lines: []string{"relationship User M:N Product {", "index (qty) where (qty > 1) as up_qty", "index (product_id) as up_product", "!entity UserProduct"},
	}, {
		name: "a junction's index with a key collation in its M:N block",
		ddl: `CREATE TABLE user_products (user_id integer NOT NULL REFERENCES users, product_id integer NOT NULL REFERENCES products,
			note text NOT NULL, PRIMARY KEY (user_id, product_id));
			CREATE INDEX up_note ON user_products (note COLLATE "C");`,
		lines: []string{"relationship User M:N Product {", `index (note collate "C") as up_note`, "!entity UserProduct"},
	}, {
		name: "indexes with key collations",
		ddl: `CREATE TABLE people (id serial PRIMARY KEY, name text NOT NULL, code text COLLATE "C" NOT NULL);
			CREATE INDEX people_name ON people (name COLLATE "C" DESC, id);
			CREATE UNIQUE INDEX people_code ON people (code COLLATE "POSIX" text_pattern_ops);
			CREATE INDEX people_code_own ON people (code COLLATE "C");`,
		lines: []string{`index (name collate "C" desc, id) as people_name`, `unique (code collate "POSIX" text_pattern_ops) as people_code`,
			"index (code) as people_code_own", "!.er declares"},
	}, {
		name: "a table with two FKs and its own key is no junction",
		ddl: `CREATE TABLE reviews (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES users,
			product_id integer NOT NULL REFERENCES products, body text NOT NULL);`,
		lines: []string{"entity Review {", "relationship User 1:N Review", "relationship Product 1:N Review", "// an entity, not the junction of an M:N: its key is none", "!M:N"},
	}, {
		name: "a referenced pair table is no junction",
		ddl: `CREATE TABLE grants (user_id integer NOT NULL REFERENCES users, product_id integer NOT NULL REFERENCES products,
			PRIMARY KEY (user_id, product_id));
			CREATE TABLE grant_uses (id serial PRIMARY KEY, user_id integer NOT NULL, product_id integer NOT NULL,
			FOREIGN KEY (user_id, product_id) REFERENCES grants);`,
		lines: []string{"entity Grant {", "// an entity, not the junction of an M:N: a foreign key references it", "!M:N"},
	}, {
		name: "a pair with a nullable FK is no junction",
		ddl: `CREATE TABLE picks (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, user_id integer REFERENCES users,
			product_id integer NOT NULL REFERENCES products, UNIQUE (user_id, product_id));`,
		lines: []string{"entity Pick {", "// an entity, not the junction of an M:N: column user_id of foreign key", "!M:N"},
	}, {
		name: "roles from the FK columns",
		ddl: `CREATE TABLE messages (id serial PRIMARY KEY, sender_id integer NOT NULL REFERENCES users,
			recipient_id integer REFERENCES users ON DELETE SET NULL, body text NOT NULL);
			CREATE TABLE staff (id serial PRIMARY KEY, manager_id integer REFERENCES staff DEFERRABLE INITIALLY DEFERRED);`,
		lines: []string{"relationship User 1:N Message as sender {", "relationship User 1:N Message as recipient {",
			"relationship Staff 1:N Staff as manager {", "deferrable initially deferred", "on delete set null", "optional"},
	}, {
		name: "names and value functions spelt as models write them",
		ddl: `CREATE TABLE "order" (id serial PRIMARY KEY, day date NOT NULL DEFAULT CURRENT_DATE,
			at timestamptz DEFAULT CURRENT_TIMESTAMP, by text DEFAULT CURRENT_USER);`,
		lines: []string{`table "order"`, "day date = current_date", "at timestamptz? = current_timestamp", "by text? = current_user"},
	}, {
		name: "composite FK paired by position",
		ddl: `CREATE TABLE shelves (aisle text NOT NULL, num integer NOT NULL, PRIMARY KEY (aisle, num));
			CREATE TABLE slots (id serial PRIMARY KEY, n integer NOT NULL, a text NOT NULL,
			CONSTRAINT slot_shelf FOREIGN KEY (a, n) REFERENCES shelves (aisle, num) ON UPDATE CASCADE);`,
		lines: []string{"relationship Shelf 1:N Slot {", "columns (a, n)", "constraint slot_shelf", "on update cascade"},
	}, {
		name: "a key FK columns are part of",
		ddl: `CREATE TABLE orders (id serial PRIMARY KEY);
			CREATE TABLE order_lines (order_id integer NOT NULL REFERENCES orders ON DELETE CASCADE, line integer NOT NULL,
			note text, PRIMARY KEY (order_id, line));`,
		lines: []string{"relationship Order 1:N OrderLine {", "pk (order_id, line)", "order_id integer"},
	}, {
		name: "what .er cannot say",
		ddl: `CREATE TYPE mood AS ENUM ('sad', 'ok');
			CREATE TABLE notes (id serial PRIMARY KEY, user_id integer REFERENCES users MATCH FULL, body text NOT NULL,
			m mood NOT NULL DEFAULT 'ok', cash money, code "char");
			ALTER TABLE notes ADD CONSTRAINT body_len CHECK (length(body) < 100) NOT VALID;
			ALTER TABLE notes ADD COLUMN editor_id integer;
			ALTER TABLE notes ADD CONSTRAINT notes_editor FOREIGN KEY (editor_id) REFERENCES users NOT VALID;
			CREATE INDEX notes_body_partial ON notes (body) WHERE id > 10;
			CREATE INDEX notes_body_hash ON notes USING hash (body);
			CREATE VIEW long_notes AS SELECT * FROM notes;`,
		lines: []string{"m Mood = 'ok'", "enum Mood {", "cash money?", "check (length(body) < 100) as body_len not valid", "match full",
			"index (body) where (id > 10) as notes_body_partial", "index (body) using hash as notes_body_hash",
			// An FK or a CHECK added NOT VALID is written so.
			"not valid",
			"!// ergen import: not reproduced: index", "!// ergen import: not reproduced: foreign key"},
		notes: []string{`column code: type "char"`, "view long_notes"},
	}, {
		name: "checks added NOT VALID, on a column and on the table",
		ddl: `CREATE TABLE stock (id serial PRIMARY KEY, qty integer NOT NULL, CONSTRAINT stock_id_check CHECK (id > 0));
			INSERT INTO stock (qty) VALUES (-1);
			ALTER TABLE stock ADD CONSTRAINT stock_qty_check CHECK (qty >= 0) NOT VALID;
			ALTER TABLE stock ADD CONSTRAINT stock_sane CHECK (qty < id * 1000) NOT VALID;`,
		lines: []string{"qty integer check (qty >= 0) as stock_qty_check not valid", "check (qty < (id * 1000)) as stock_sane not valid",
			"id serial pk as stock_pkey check (id > 0) as stock_id_check", "!NOT VALID"},
	}, {
		name: "standalone sequences with settings",
		ddl: `CREATE SEQUENCE order_no AS integer START WITH 1000 INCREMENT BY 10 CACHE 20;
			CREATE SEQUENCE countdown INCREMENT BY -1 MINVALUE -50 MAXVALUE 100 START WITH 90 CYCLE;
			CREATE SEQUENCE plain_seq;
			CREATE TABLE tickets (id integer PRIMARY KEY DEFAULT nextval('order_no'), n bigint NOT NULL DEFAULT nextval('countdown'));`,
		lines: []string{"sequence order_no as integer start 1000 increment 10 cache 20",
			"sequence countdown start 90 increment -1 minvalue -50 maxvalue 100 cycle", "sequence plain_seq",
			"id integer pk as tickets_pkey = nextval('public.order_no'::regclass)", "n bigint = nextval('public.countdown'::regclass)", "!not reproduced"},
	}, {
		name: "intervals restricted to fields",
		ddl: `CREATE TABLE shifts (id serial PRIMARY KEY, a interval DAY TO SECOND(3) NOT NULL, b interval YEAR TO MONTH,
			c interval(2) NOT NULL, d interval HOUR NOT NULL, e interval MINUTE TO SECOND[] NOT NULL);`,
		lines: []string{"a interval day to second(3)", "b interval year to month?", "c interval(2)", "d interval hour",
			"e interval minute to second[]", "!not reproduced"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := importCase(t, conn, parents+c.ddl)
			contains(t, res, c.lines...)
			noted(t, res, c.notes...)
		})
	}
}

// Index options are written as the language spells them, under the
// database's names; what a model cannot write is noted, not lost.
func TestInferIndexOptions(t *testing.T) {
	conn := pgtest.Conn(t)
	res := importCase(t, conn, `CREATE EXTENSION IF NOT EXISTS btree_gist;
		CREATE TYPE "wordKind" AS ENUM ('noun', 'verb');
		CREATE TABLE words (id serial PRIMARY KEY, k "wordKind", w text NOT NULL, c text COLLATE "C", n integer NOT NULL,
			len integer GENERATED ALWAYS AS (length(w)) STORED, tags text[], EXCLUDE USING gist (n WITH =));
		CREATE INDEX words_w_desc ON words (w DESC);
		CREATE INDEX words_w_pattern ON words (w text_pattern_ops);
		CREATE INDEX words_n_incl ON words (n) INCLUDE (w);
		CREATE INDEX words_n ON words (n);
		CREATE INDEX words_sum ON words ((n + id) NULLS FIRST);
		CREATE INDEX words_tags ON words USING gin (tags);
		CREATE UNIQUE INDEX words_lower_w ON words (lower(w)) WHERE n > 0;
		CREATE UNIQUE INDEX words_c ON words (c);`)
	contains(t, res, "enum WordKind as wordKind {", "k WordKind?", `c text? collate "C"`, "index (w desc) as words_w_desc", "index (w text_pattern_ops) as words_w_pattern",
		"index (n) include (w) as words_n_incl", "index (n) as words_n", "index ((n + id) nulls first) as words_sum",
		"index (tags) using gin as words_tags", "unique (lower(w)) where (n > 0) as words_lower_w", "len integer? generated (length(w))",
		// A UNIQUE index over a column stays an index, not a constraint.
		"unique index (c) as words_c", "!// ergen import: not reproduced: index words_c",
		"!// ergen import: not reproduced: index words_w", "!// ergen import: not reproduced: index words_lower_w",
		"exclude using gist (n with =) as words_n_excl")
}

// A gin index without an operator class is imported on every column
// type that has a default one: a tsvector, a domain over jsonb, and a
// scalar once btree_gin is installed.
func TestInferGinIndexes(t *testing.T) {
	conn := pgtest.Conn(t)
	res := importCase(t, conn, `CREATE EXTENSION IF NOT EXISTS btree_gin;
		CREATE DOMAIN document AS jsonb;
		CREATE TABLE pages (id bigint PRIMARY KEY, body tsvector, meta document, n integer);
		CREATE INDEX pages_body ON pages USING gin (body);
		CREATE INDEX pages_meta ON pages USING gin (meta);
		CREATE INDEX pages_n ON pages USING gin (n);`)
	contains(t, res, "extension btree_gin", "index (body) using gin as pages_body", "index (meta) using gin as pages_meta",
		"index (n) using gin as pages_n", "!// ergen import: index")
}
