// Package randmodel writes random .er models from a seed, for property
// tests and benchmarks of ergen's pipeline.
//
// A generated model is valid by construction: every rule that
// generator/model checks is respected while the model is drawn, not by
// filtering afterwards, so a model that Resolve rejects, or whose DDL
// PostgreSQL refuses, is a bug in ergen (or in this generator) and its seed
// reproduces it. The rules followed are:
//
//   - SET NULL only on optional FKs whose columns are outside the primary key;
//   - SET DEFAULT only where the FK column is declared with a default (0 or
//     'none'; a test that deletes must insert a parent row with that key);
//   - required, non-deferrable FKs only point to entities declared earlier
//     (or to the entity itself), so they never form a cycle; an FK to a later
//     entity is optional or deferrable, and closes a cycle between tables;
//   - shared keys take their key from an earlier entity;
//   - roles are unique per table and names are drawn from disjoint word lists,
//     so that no two derived names collide, not even once shortened to 63
//     bytes;
//   - a partitioned table has no exclusion constraint and no `not valid`
//     foreign key (PostgreSQL 15 adds neither), and one partitioned by an
//     expression has no key;
//   - a nextval default names its sequence with the model's schema.
//
// The models cover every construct of the language: the three
// cardinalities, all five actions on delete and on update, required and
// optional, unique-FK and shared-key 1:1, composite, surrogate and
// line-number junctions with attributes, composite keys and FKs with
// `columns (a, b)`, `references` to UNIQUE keys, self-references, roles,
// several relationships between the same entities, exclusive arcs,
// deferrable FKs, enums, domains, stored generated columns,
// PostgreSQL types the language knows by name only, checks, defaults, comments, indexes and unique keys with sort orders,
// INCLUDE, partial predicates and NULLS NOT DISTINCT, `unique index`,
// exclusion constraints (gist, with btree_gist where a scalar is compared,
// btree and hash), standalone sequences taken by nextval defaults,
// `not valid` foreign keys, names given with `as`, MATCH FULL, PostgreSQL
// key words as names, and names at and beyond PostgreSQL's 63-byte limit;
// with Options.Partitions, tables partitioned by range, list and hash,
// partitions partitioned in turn, and tables partitioned by an
// expression.
//
// With Options.Flaws the model also carries one labelled flaw (see
// FlawKinds), so tests can assert that Resolve rejects it for the stated
// reason.
package randmodel

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// Options sizes a generated model.
type Options struct {
	// Entities is the number of entities (default 8).
	Entities int
	// Relationships is the number of relationships, shared-key 1:1s
	// included (default twice the entities); exclusive arcs come on top.
	Relationships int
	// Schema, when set, is written as the model's `schema` declaration.
	Schema string
	// Flaws adds one flaw to the model; Flaw picks its kind (one of
	// FlawKinds), or a kind is drawn from the seed when Flaw is "".
	Flaws bool
	Flaw  string
	// Partitions partitions some entities (range, list or hash), which
	// then have no unique key but their primary key and are never the
	// child of a unique-FK 1:1. Off by default: the migration property
	// edits models in ways a partitioned table refuses.
	Partitions bool
	// NoDomains, NoGenerated and NoArcs leave out domains, stored
	// generated columns and exclusive arcs, which are drawn by default
	// from a stream of their own (gen.stream): leaving them out changes
	// nothing else of a seed's model. The migration property leaves out
	// the changes generator/migrate cannot make yet.
	NoDomains, NoGenerated, NoArcs bool
	// NoSequences, NoUniqueIndexes, NoExclusions and NoNotValid leave
	// out standalone sequences, `unique index`, exclusion constraints and
	// `not valid` foreign keys, each drawn from a stream of its own
	// (constructs.go), so that leaving one out changes nothing else.
	NoSequences, NoUniqueIndexes, NoExclusions, NoNotValid bool
}

// Model is a generated .er source and the flaws it was given.
type Model struct {
	Source string
	Flaws  []Flaw
}

// Flaw is a defect put into a model on purpose.
type Flaw struct {
	// Kind is one of FlawKinds.
	Kind string
	// Want is a regular expression that each error Resolve reports for the
	// flaw must match: it names the reason the model is invalid.
	Want string
	// Decl is the declaration (or declarations) carrying the flaw, for
	// failure messages.
	Decl string
}

// Generate returns the source of a valid model drawn from seed; the same
// seed and options always give the same text.
func Generate(seed int64, opts Options) string {
	return New(seed, opts).Source
}

// New draws a model from seed, with a flaw when opts.Flaws is set.
func New(seed int64, opts Options) *Model {
	if opts.Entities <= 0 {
		opts.Entities = 8
	}
	if opts.Relationships <= 0 {
		opts.Relationships = 2 * opts.Entities
	}
	g := &gen{
		r:          rand.New(rand.NewPCG(uint64(seed), 0x5eed)),
		more:       rand.New(rand.NewPCG(uint64(seed), 0xa5c)),
		opts:       opts,
		relations:  map[string]bool{},
		entityName: map[string]bool{},
		pairs:      map[[2]int]bool{},
		seed:       seed,
		streams:    map[string]*rand.Rand{},
	}
	g.build()
	m := &Model{}
	if opts.Flaws {
		kind := opts.Flaw
		if kind == "" {
			kind = FlawKinds()[g.r.IntN(len(flawKinds))]
		}
		m.Flaws = append(m.Flaws, g.flaw(kind))
	}
	m.Source = g.render()
	return m
}

// keyCol is a key column of an entity, with the type a column referencing
// it must have, as written in .er.
type keyCol struct {
	name string // as the model names the column (shortened)
	typ  string
}

type entity struct {
	idx   int
	name  string
	snake string
	pk    []keyCol
	// uniques are NOT NULL unique keys that a relationship may reference.
	uniques [][]keyCol
	cols    map[string]bool // column names in use, as the model names them
	roles   map[string]bool // roles of FKs on this entity's table
	lines   []string        // body of the entity block
	// partitioned is set when the entity's table is partitioned
	// (partition.go): no unique key may be added to it.
	partitioned bool
	// attrs are the attributes attribute declared, with their types, for
	// the constructs drawn later over them (constructs.go).
	attrs []keyCol
	// checkEnds maps a line of lines that declares an attribute with a
	// check to the offset where its check ends, where `not valid` may go.
	checkEnds map[int]int
}

type enum struct {
	name   string
	values []string
}

type gen struct {
	r    *rand.Rand
	opts Options
	// more is the stream that domains, generated columns and arcs are
	// drawn from (see stream).
	more *rand.Rand

	doms     []*domain
	domLines []string // domain declarations
	arcRels  []string // arc declarations, written after every other

	// seed and streams serve the constructs that each draw from a
	// stream of their own (constructs.go).
	seed    int64
	streams map[string]*rand.Rand
	// extensions, sequences and later are declarations of those
	// constructs: extensions and sequences written first, later after
	// every other relationship.
	extensions []string
	sequences  []string
	seqNames   []string
	later      []string
	// laterEntities and laterRels count the entities and relationships
	// written in later.
	laterEntities, laterRels int

	enums      []*enum
	ents       []*entity
	rels       []string
	relations  map[string]bool // table names in use
	pairs      map[[2]int]bool // entities related by an M:N, by index
	entityName map[string]bool
	seq        int // numbers fresh roles, junctions and constraint names
	flawText   []string
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// stream runs f drawing from g.more instead of g.r: constructs added to
// the generator later draw there, so that each seed's older constructs
// stay as they were drawn before.
func (g *gen) stream(f func()) {
	g.r, g.more = g.more, g.r
	defer func() { g.r, g.more = g.more, g.r }()
	f()
}

func pick[T any](g *gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

func (g *gen) next() int { g.seq++; return g.seq }

// Word lists. They are disjoint where derived names are built from them:
// attribute names hold no underscores, and roles and entity names end in a
// suffix of consonants, so an FK column
// (role_column) can never equal an attribute and a constraint name
// (prefix_table_columns) never reads two ways.
var (
	entityWords = []string{"Customer", "Product", "Invoice", "Shipment", "Account", "Ledger", "Widget",
		"Person", "Project", "Ticket", "Warehouse", "Supplier", "Course", "Student", "Author", "Book",
		"Vehicle", "Device", "Sensor", "Region", "Branch", "Contract", "Payment", "Review", "HTTPServer", "UserProfile"}
	// Entities named by PostgreSQL key words (their tables are plural, and
	// their names reach roles, FK columns and Go identifiers).
	keywordEntities = []string{"Order", "User", "Group", "Select", "Check", "Table", "Limit"}
	enumWords       = []string{"Mood", "Phase", "Tier", "Level", "Stage"}
	keywordEnums    = []string{"Select", "Default"}
	roleWords       = []string{"owner", "manager", "parent", "buyer", "seller", "reviewer", "mentor", "source", "target", "primary_contact"}
	viaWords        = []string{"Membership", "Enrollment", "Assignment", "Pairing", "Listing", "Booking"}
	// Table names that are key words, given with `table "..."`.
	reservedTables = []string{"order", "user", "group", "select", "check", "table", "from", "where", "limit", "column"}
	// Attribute names, key words first. None is a keyword of the .er
	// relationship block, so that they may also be M:N attributes.
	keywordAttrs = []string{"order", "user", "select", "check", "group", "limit", "from", "desc", "default", "table", "primary", "unique", "index", "comment", "all", "end"}
	plainAttrs   = []string{"title", "label", "amount", "quantity", "price", "note", "created", "active", "payload",
		"tags", "score", "rating", "weight", "color", "born", "starts", "ends", "flags", "addr", "duration",
		"position", "description", "total", "counter", "ratio", "opened", "secret", "network", "initials", "clock"}
	junctionAttrs = []string{"quantity", "note", "since", "weight", "position", "order", "select", "user", "share"}
	// Long names. An attribute name may have 63 bytes, not more (it is
	// written in expressions, where ergen cannot shorten it); entity and
	// role names may be longer, and the names derived from them are
	// shortened with a hash.
	longAttr63 = "a_column_name_that_is_exactly_sixty_three_bytes_long_for_tests_"[:63]
	longEntity = "AnEntityWhoseNameIsLongerThanPostgresqlAllowsForAnIdentifierOfATable"
	longRole   = "the_responsible_supervising_manager_with_a_very_long_role_name"
)

func init() {
	if len(longAttr63) != model.MaxIdentLen {
		panic("randmodel: longAttr63 must be 63 bytes")
	}
}

func (g *gen) build() {
	nEnums := min(1+g.opts.Entities/10, 6)
	for i := range nEnums {
		g.enum(i)
	}
	if !g.opts.NoDomains {
		g.stream(g.domains)
	}
	for i := range g.opts.Entities {
		g.entity(i)
	}
	for len(g.rels) < g.opts.Relationships {
		switch x := g.r.Float64(); {
		case x < 0.52:
			g.oneToN(false)
		case x < 0.72:
			g.oneToN(true)
		default:
			g.manyToMany()
		}
	}
	if !g.opts.NoArcs {
		g.stream(g.arcs)
	}
	g.laterConstructs()
}

func (g *gen) enum(i int) {
	name := pick(g, enumWords)
	if i < len(keywordEnums) && g.chance(0.5) {
		name = keywordEnums[i]
	} else {
		name = fmt.Sprintf("%s%d", name, i)
	}
	if g.entityName[name] {
		return
	}
	g.entityName[name] = true
	// Tables and enums share PostgreSQL's namespace of types.
	g.relations[model.ShortenIdent(model.SnakeCase(name))] = true
	e := &enum{name: name}
	n := 2 + g.r.IntN(3)
	for j := range n {
		e.values = append(e.values, pick(g, []string{"new", "active", "on hold", "done", "select", "it's", "Ünïcode", "x"})+fmt.Sprint(j))
	}
	g.enums = append(g.enums, e)
}

// entity declares entity i: its key, unique keys and attributes. An entity
// may instead take its key from an earlier entity through a shared-key 1:1.
func (g *gen) entity(i int) {
	var name string
	switch {
	case i < len(keywordEntities) && g.chance(0.6):
		name = keywordEntities[i]
	case i%23 == 7:
		name = longEntity + suffix(i)
	default:
		name = pick(g, entityWords) + suffix(i)
	}
	g.in("unicodenames", func() { name = g.beyondASCII(name, i) })
	if g.entityName[name] {
		name = pick(g, entityWords) + suffix(i)
	}
	e := &entity{idx: i, name: name, snake: model.SnakeCase(name), cols: map[string]bool{}, roles: map[string]bool{}}
	g.entityName[name] = true
	g.ents = append(g.ents, e)

	table := model.ShortenIdent(model.Plural(e.snake))
	switch {
	case g.chance(0.04) && g.reservedTable() != "":
		table = g.reservedTable()
		e.lines = append(e.lines, fmt.Sprintf("table %q", table))
	case i%31 == 11:
		// A table name of exactly 63 bytes, kept as written.
		table = fmt.Sprintf("%s_%d", strings.Repeat("t", model.MaxIdentLen-1-len(fmt.Sprint(i))), i)
		e.lines = append(e.lines, fmt.Sprintf("table '%s'", table))
	}
	g.relations[table] = true

	shared := i > 0 && g.chance(0.08)
	switch {
	case shared:
		g.sharedKey(e)
	case g.opts.Partitions && g.chance(0.2):
		g.partitioned(e, i)
	default:
		g.primaryKey(e)
	}
	if !e.partitioned {
		g.uniqueKeys(e)
	}
	g.attributes(e)
	g.stream(func() {
		g.domainAttribute(e)
		g.generatedColumn(e, shared)
	})
	g.entityConstructs(e)
}

// reservedTable returns a key word not yet used as a table or type name,
// or "" when all are taken.
func (g *gen) reservedTable() string {
	for _, t := range reservedTables {
		if !g.relations[t] {
			return t
		}
	}
	return ""
}

// taken reports whether any of cols is already a column of e, or cols
// repeat a name.
func (e *entity) taken(cols []string) bool {
	for i, c := range cols {
		if e.cols[c] || slices.Contains(cols[:i], c) {
			return true
		}
	}
	return false
}

// fkColumns names the FK columns for role and the referenced key: as the
// model derives them, or, when explicit, as a `columns` clause gives them.
func fkColumns(role string, key []keyCol, explicit bool) []string {
	cols := make([]string, len(key))
	for i, k := range key {
		cols[i] = model.FKColumnName(role, k.name)
		if explicit {
			cols[i] = fmt.Sprintf("%s_%s_ref", role, k.name)
		}
		cols[i] = model.ShortenIdent(cols[i])
	}
	return cols
}

// suffix tells apart entities drawn from the same word: i written in
// consonants that no English plural rule reacts to, so that table names
// stay distinct once pluralised, and Go names keep distinct singular and
// plural forms (a trailing digit has no plural).
// beyondASCII gives some entities a name beyond ASCII: one with an
// accented vowel (Cüstomer, whose byte length is more than its letters',
// long names too), or one of a script without case (订单, which Go names
// cannot export as it is).
func (g *gen) beyondASCII(name string, i int) string {
	switch x := g.r.Float64(); {
	case x < 0.04:
		return "订单" + suffix(i)
	case x < 0.2:
		return accent(name)
	}
	return name
}

// accent is name with its first vowel accented (price -> prïce), or name
// when it has no vowel.
func accent(name string) string {
	for j, r := range name {
		if a, ok := accented[r]; ok {
			return name[:j] + string(a) + name[j+1:]
		}
	}
	return name
}

var accented = map[rune]rune{'a': 'â', 'e': 'é', 'i': 'ï', 'o': 'ö', 'u': 'ü'}

func suffix(i int) string {
	const letters = "bcdgjklmnprtvw"
	var b []byte
	for {
		b = append(b, letters[i%len(letters)])
		i /= len(letters)
		if i == 0 {
			break
		}
	}
	b[0] -= 'a' - 'A'
	return string(b)
}

func (e *entity) addCol(name string) string {
	name = model.ShortenIdent(name)
	e.cols[name] = true
	return name
}

// primaryKey gives e one of the key shapes the language allows.
func (g *gen) primaryKey(e *entity) {
	switch g.r.IntN(9) {
	case 0:
		e.lines = append(e.lines, "id bigserial primary key")
		e.pk = []keyCol{{e.addCol("id"), "bigint"}}
	case 1:
		e.lines = append(e.lines, "id bigint generated always as identity pk")
		e.pk = []keyCol{{e.addCol("id"), "bigint"}}
	case 2:
		e.lines = append(e.lines, "id integer generated by default as identity pk")
		e.pk = []keyCol{{e.addCol("id"), "integer"}}
	case 3:
		e.lines = append(e.lines, "id uuid pk = gen_random_uuid()")
		e.pk = []keyCol{{e.addCol("id"), "uuid"}}
	case 4:
		// Named as an existing database would name them.
		line := fmt.Sprintf("code text pk as %s_pkey check (length(code) > 0) as %s_code_check", e.snake, e.snake)
		e.lines = append(e.lines, line)
		e.pk = []keyCol{{e.addCol("code"), "text"}}
	case 5:
		// A composite key.
		pk := fmt.Sprintf("pk (region, num) as %s_pkey", e.snake)
		e.lines = append(e.lines, "region text", "num integer", pk)
		e.pk = []keyCol{{e.addCol("region"), "text"}, {e.addCol("num"), "integer"}}
	case 6:
		// A key named by a key word.
		e.lines = append(e.lines, "select integer primary key")
		e.pk = []keyCol{{e.addCol("select"), "integer"}}
	default:
		e.lines = append(e.lines, "id serial pk")
		e.pk = []keyCol{{e.addCol("id"), "integer"}}
	}
}

// sharedKey makes e the child of a shared-key 1:1 with an earlier entity,
// whose key becomes e's primary key.
func (g *gen) sharedKey(e *entity) {
	p := g.ents[g.r.IntN(e.idx)]
	role, header := p.snake, ""
	if g.chance(0.3) {
		role = g.role()
		header = " as " + role
	}
	e.roles[role] = true
	for _, k := range p.pk {
		e.pk = append(e.pk, keyCol{e.addCol(model.FKColumnName(role, k.name)), k.typ})
	}
	var items []string
	if g.chance(0.5) {
		items = append(items, "required")
	}
	items = append(items, "on delete "+pick(g, []string{"cascade", "restrict", "no action", "cascade"}))
	if g.chance(0.5) {
		items = append(items, "on update "+pick(g, []string{"cascade", "restrict", "no action"}))
	}
	if g.chance(0.2) {
		items = append(items, "deferrable initially immediate")
	}
	if g.chance(0.15) {
		items = append(items, fmt.Sprintf("key as skpk_%d", g.next()))
	}
	g.rels = append(g.rels, block(fmt.Sprintf("relationship %s 1:1 %s%s shared key", p.name, e.name, header), items))
}

// uniqueKeys gives e NOT NULL unique keys that relationships may reference.
func (g *gen) uniqueKeys(e *entity) {
	if g.chance(0.3) {
		switch g.r.IntN(3) {
		case 0:
			e.lines = append(e.lines, "email text unique")
			e.uniques = append(e.uniques, []keyCol{{e.addCol("email"), "text"}})
		case 1:
			e.lines = append(e.lines, "handle varchar(40) unique check (handle <> '')")
			e.uniques = append(e.uniques, []keyCol{{e.addCol("handle"), "varchar(40)"}})
		default:
			e.lines = append(e.lines, "serialno integer unique")
			e.uniques = append(e.uniques, []keyCol{{e.addCol("serialno"), "integer"}})
		}
	}
	if g.chance(0.15) {
		e.lines = append(e.lines, "sku text", "batch integer", "unique (sku, batch)")
		e.uniques = append(e.uniques, []keyCol{{e.addCol("sku"), "text"}, {e.addCol("batch"), "integer"}})
	}
}

// attrType is a type with a default and a check that suit it; %s in def
// and check stands for the quoted column name.
type attrType struct {
	typ, def, check string
}

var attrTypes = []attrType{
	{"text", "'it''s'", "length(%s) < 1000 or %s like '_%'"},
	{"varchar(80)", "'none'", ""},
	{"char(3)", "'abc'", ""},
	{"integer", "1 + 2", "%s >= 0"},
	{"bigint", "0", "%s <> -1"},
	{"smallint", "7", "%s between 0 and 100"},
	{"numeric(10, 2)", "0.00", "%s >= 0"},
	{"numeric", "", ""},
	{"real", "1.5", ""},
	{"double precision", "-2.5", ""},
	{"boolean", "true", ""},
	{"date", "current_date", ""},
	{"time(3)", "", ""},
	{"timestamp", "now()", ""},
	{"timestamptz", "now()", ""},
	{"timestamp with time zone", "current_timestamp", ""},
	{"interval", "interval '1 day'", ""},
	{"uuid", "gen_random_uuid()", ""},
	{"json", "", ""},
	{"jsonb", "'{}'::jsonb", ""},
	{"bytea", "", ""},
	{"inet", "", ""},
	{"cidr", "", ""},
	{"text[]", "'{}'", ""},
	{"integer[][]", "", ""},
	// Types by name, PostgreSQL's own ones that have a btree operator
	// class (so any index or unique key may take them).
	{"money", "0", "%s >= 0::money"},
	{"tsvector", "", ""},
	{"tstzrange", "'empty'", "not isempty(%s) or true"},
	{"daterange[]", "", ""},
	{"macaddr", "", ""},
	{"bit(8)", "", ""},
	{"varbit(16)", "", ""},
}

func (g *gen) attributes(e *entity) {
	n := g.r.IntN(5)
	var names, types []string
	indexable := true // json has no btree operator class: no index or unique on it
	for range n {
		var name string
		switch x := g.r.Float64(); {
		case x < 0.2:
			name = pick(g, keywordAttrs)
		case x < 0.24:
			name = longAttr63
		default:
			name = pick(g, plainAttrs)
			g.in("unicodeattrs", func() {
				if g.chance(0.15) {
					name = accent(name) // değer: a column named beyond ASCII
				}
			})
		}
		if e.cols[model.ShortenIdent(name)] {
			continue
		}
		names = append(names, e.addCol(name))
		typ := g.attribute(e, name)
		types = append(types, typ)
		if typ == "json" && len(names) <= 2 {
			indexable = false
		}
	}
	if len(names) > 0 && g.chance(0.1) {
		e.lines = append(e.lines, fmt.Sprintf("check (%s is not null or true)", model.QuoteIdent(model.ShortenIdent(names[0]))))
	}
	if len(names) >= 2 && indexable && g.chance(0.15) {
		a, b := names[0], names[1]
		// The first key may sort by a collation of its own, drawn from a
		// stream of its own (constructs.go).
		g.in("attrindexcollation", func() { a = g.indexKeyCollation(a, types[0]) })
		qb := model.QuoteIdent(model.ShortenIdent(b))
		// Btree options only: every attribute type has a btree operator
		// class, not a hash, gin or brin one.
		kinds := []string{
			fmt.Sprintf("index (%s, %s)", a, b),
			fmt.Sprintf("index (%s desc nulls last, %s asc)", a, b),
			fmt.Sprintf("index (%s) include (%s)", a, b),
			fmt.Sprintf("index (%s, %s) where (%s is not null)", a, b, qb),
			fmt.Sprintf("unique (%s, %s) where (%s is not null)", a, b, qb),
			fmt.Sprintf("unique (%s, %s) nulls not distinct", a, b),
		}
		if e.partitioned {
			kinds = kinds[:4] // a unique key of a partitioned table holds its partition key
		}
		e.lines = append(e.lines, pick(g, kinds))
	}
	if g.chance(0.15) {
		e.lines = append(e.lines, pick(g, []string{"comment 'Rows of " + e.name + "'", `comment "it's ""quoted"""`}))
	}
}

// attribute declares an attribute of e and returns its type.
func (g *gen) attribute(e *entity, name string) string {
	q := model.QuoteIdent(model.ShortenIdent(name))
	var t attrType
	if len(g.enums) > 0 && g.chance(0.12) {
		en := pick(g, g.enums)
		t = attrType{typ: en.name, def: quote(en.values[0])}
	} else {
		t = pick(g, attrTypes)
	}
	var b strings.Builder
	b.WriteString(name + " " + t.typ)
	nullable := g.chance(0.3)
	if nullable {
		b.WriteString("?")
	}
	if t.def != "" && g.chance(0.25) {
		b.WriteString(pick(g, []string{" = ", " default "}) + t.def)
	}
	checkEnd := 0
	if t.check != "" && g.chance(0.25) {
		b.WriteString(" check (" + strings.ReplaceAll(t.check, "%s", q) + ")")
		checkEnd = b.Len()
	}
	if collatable(t.typ) && g.chance(0.1) {
		b.WriteString(" collate " + g.collation())
	}
	e.attrs = append(e.attrs, keyCol{model.ShortenIdent(name), t.typ})
	if !nullable && t.typ != "json" && !e.partitioned && g.chance(0.05) {
		b.WriteString(" unique")
	}
	if g.chance(0.08) {
		b.WriteString(" comment 'the " + strings.ReplaceAll(name, "'", "''") + "'")
	}
	if checkEnd > 0 {
		if e.checkEnds == nil {
			e.checkEnds = map[int]int{}
		}
		e.checkEnds[len(e.lines)] = checkEnd
	}
	e.lines = append(e.lines, b.String())
	return t.typ
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func block(header string, items []string) string {
	if len(items) == 0 {
		return header + "\n"
	}
	return header + " {\n  " + strings.Join(items, "\n  ") + "\n}\n"
}

func (g *gen) render() string {
	var b strings.Builder
	fmt.Fprintf(&b, "// Generated by randmodel: %d entities, %d relationships.\n\n", len(g.ents)+g.laterEntities, len(g.rels)+len(g.arcRels)+g.laterRels)
	if g.opts.Schema != "" {
		fmt.Fprintf(&b, "schema %s\n\n", g.opts.Schema)
	}
	for _, x := range g.extensions {
		fmt.Fprintf(&b, "extension %s\n", x)
	}
	for _, sq := range g.sequences {
		b.WriteString(sq + "\n")
	}
	for _, e := range g.enums {
		vals := make([]string, len(e.values))
		for i, v := range e.values {
			vals[i] = quote(v)
		}
		fmt.Fprintf(&b, "enum %s { %s }\n", e.name, strings.Join(vals, " "))
	}
	for _, d := range g.domLines {
		b.WriteString(d + "\n")
	}
	b.WriteString("\n")
	// Relationships are interleaved with entities, as people write them;
	// references may point forward.
	rels := slices.Clone(g.rels)
	for i, e := range g.ents {
		fmt.Fprintf(&b, "entity %s {\n", e.name)
		for _, l := range e.lines {
			b.WriteString("  " + l + "\n")
		}
		b.WriteString("}\n\n")
		// Spread the relationships evenly over the entities.
		n := len(rels) / (len(g.ents) - i)
		for _, r := range rels[:n] {
			b.WriteString(r + "\n")
		}
		rels = rels[n:]
	}
	for _, r := range g.arcRels {
		b.WriteString(r + "\n")
	}
	for _, r := range g.later {
		b.WriteString(r + "\n")
	}
	for _, f := range g.flawText {
		b.WriteString(f + "\n")
	}
	return b.String()
}
