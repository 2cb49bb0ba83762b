package golang

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ergen-dev/ergen/generator/model"
)

// names is the one place where generated Go identifiers come from: every
// type, function, method, field, parameter and file name is derived here
// from the model's names, by a formula written once, and declared in the
// scope it lives in.
//
// Any model ergen accepts gets a package that compiles, so a derived name
// that is already taken is not an error: the declaration takes the next of
// its candidates, readable alternatives that qualify the name by its kind,
// role or table (the Ref of a user's limit is UserLimit, or UserLimitRef when
// a junction's row type is named UserLimit), and as the last resort its first
// candidate with a numeric suffix. Which declaration keeps the plain name
// depends only on the order names are declared in, which is fixed (see
// plan), so a model always gets the same names; an ordinary model, where
// nothing clashes, gets the plain formulas.
type names struct {
	pkg    *scope // the package block
	stmts  *scope // the names statements are derived from (see stmt)
	files  *scope // the files of the package
	fields fieldCache
	enums  map[*model.Enum]*enumNames
	// mu guards pkg and stmts while files are built ahead (see
	// buildAhead): the builders' overlays read them under it.
	mu sync.RWMutex
}

// enumNames are the declarations of an enum: its type, a constant per
// value (in the enum's order) and the function listing the values.
type enumNames struct {
	Type   string
	Consts []string
	All    string
}

// throughNames are the names of the row type listing the far side of a
// junction with the junction row: the type and its two fields.
type throughNames struct {
	Type string // OrderItemProduct
	Far  string // Product: the far side's row
	Link string // OrderItem: the junction row
}

// scope is the set of identifiers declared in one Go scope.
//
// The package's scope holds every name a model's package declares, some
// thirty-five a table, for the whole of a run: its names are kept as the
// bytes of one buffer, found by a hash of each, so that the set is a few
// large objects without pointers, which the garbage collector neither
// scans nor has to free name by name, rather than a string per name.
type scope struct {
	// taken maps the hash of each name declared to where in names it
	// is, written as its length (a uvarint) and its bytes; a name whose
	// hash an earlier one of the scope has is in clash instead. The hash
	// is of 32 bits: a pair of names in some four billion shares one,
	// a few dozen in a package of half a million names, which costs a
	// lookup in clash.
	taken map[uint32]uint32
	names []byte
	clash map[string]bool
	seed  maphash.Seed
	// id names the scope in a declaration log (see decl); log, when set,
	// receives every declaration made in the scope (incremental.go).
	id  byte
	log *[]decl
	// parent, when set, is the scope s is an overlay of: s has the names
	// parent has, read under lock, besides those declared in s (see
	// buildAhead).
	parent *scope
	lock   *sync.RWMutex
}

func newScope() *scope { return newScopeOf(0) }

// newScopeOf is a scope for about size names.
func newScopeOf(size int) *scope {
	return &scope{taken: make(map[uint32]uint32, size), names: make([]byte, 0, 16*size), seed: maphash.MakeSeed()}
}

// is reports whether the name at at in s.names is id.
func (s *scope) is(at uint32, id string) bool {
	n, w := binary.Uvarint(s.names[at:])
	start := int(at) + w
	return int(n) == len(id) && string(s.names[start:start+int(n)]) == id
}

func (s *scope) hash(id string) uint32 { return uint32(maphash.String(s.seed, id)) }

// has reports whether id is declared in s.
func (s *scope) has(id string) bool {
	if at, ok := s.taken[s.hash(id)]; ok && (s.is(at, id) || s.clash[id]) {
		return true
	}
	return s.parent != nil && s.parentHas(id)
}

func (s *scope) parentHas(id string) bool {
	s.lock.RLock()
	defer s.lock.RUnlock()
	return s.parent.has(id)
}

// overlay is a scope over s, for the declarations of one file built
// ahead, read and made under lock while the names of s are declared.
func (s *scope) overlay(lock *sync.RWMutex) *scope {
	o := newScopeOf(64)
	o.id, o.parent, o.lock = s.id, s, lock
	return o
}

// empty forgets the names declared in s (not its parent's).
func (s *scope) empty() {
	clear(s.taken)
	clear(s.clash)
	s.names = s.names[:0]
}

// overlay is a copy of n for building files ahead: overlays of the
// package's scopes and of its statements', sharing the rest of the plan
// (see buildAhead).
func (n *names) overlay() *names {
	return &names{pkg: n.pkg.overlay(&n.mu), stmts: n.stmts.overlay(&n.mu), files: n.files, enums: n.enums}
}

// take declares id in s.
func (s *scope) take(id string) {
	h := s.hash(id)
	at, ok := s.taken[h]
	switch {
	case !ok:
		if len(s.names) > math.MaxUint32-binary.MaxVarintLen64-len(id) {
			panic("golang: too many names in one scope")
		}
		s.taken[h] = uint32(len(s.names))
		s.names = binary.AppendUvarint(s.names, uint64(len(id)))
		s.names = append(s.names, id...)
	case !s.is(at, id):
		if s.clash == nil {
			s.clash = map[string]bool{}
		}
		s.clash[id] = true
	}
}

// drop undoes the declaration of id (see replay). A name that has the
// hash of id and is in clash takes the entry of id in taken.
func (s *scope) drop(id string) {
	if s.clash[id] {
		delete(s.clash, id)
		return
	}
	h := s.hash(id)
	if at, ok := s.taken[h]; !ok || !s.is(at, id) {
		return
	}
	delete(s.taken, h)
	for c := range s.clash {
		if s.hash(c) == h {
			delete(s.clash, c)
			s.take(c)
			return
		}
	}
}

// declare takes the first free candidate, or else the first candidate
// with the lowest numeric suffix that is free (from 2; after "_" when
// the name ends in a digit, so that Item2 becomes Item2_2, not Item22).
func (s *scope) declare(candidates ...string) string {
	id := s.free(candidates)
	s.take(id)
	if s.log != nil {
		// A copy: a caller's candidates then stay on its stack, as they
		// do for every declaration of a build without a log.
		*s.log = append(*s.log, decl{scope: s.id, candidates: slices.Clone(candidates), result: id})
	}
	return id
}

// free is the name declare takes for candidates.
func (s *scope) free(candidates []string) string {
	for _, c := range candidates {
		if !s.has(c) {
			return c
		}
	}
	base := candidates[0]
	if r, _ := utf8.DecodeLastRuneInString(base); unicode.IsDigit(r) {
		base += "_"
	}
	for i := 2; ; i++ {
		if c := base + strconv.Itoa(i); !s.has(c) {
			return c
		}
	}
}

// stmt declares the name a statement's SQL constant and input struct are
// derived from (CreateUser: createUserSQL, CreateUserParams). The names
// are kept in a scope of their own, apart from the package's: they are
// not declared themselves, and would otherwise push the package's real
// declarations (a Ref named GetSheep) onto their fallbacks.
func (n *names) stmt(candidates ...string) string {
	return n.stmts.declare(candidates...)
}

// runtimeNames are declared by db.go and errors.go whatever the model
// (TestRuntimeNames checks the list against runtime/db.go and query.go).
var runtimeNames = []string{
	"DBTX", "DB", "New", "InTx", "Exec", "Query", "QueryRow", "CopyFrom", "SendBatch", "Begin",
	"Ref", "ParentOf", "ChildrenOf", "ChildrenOfMany", "CountChildrenOf", "keyArgs", "keyArrays",
	"Table", "Key", "ErrNoStatement", "Create", "Update", "Patch", "Delete", "List", "Count", "Find", "Copy", "Get", "Upsert",
	"insertSQL", "fieldArgs", "argOf", "withRoom", "room4", "room8", "room16", "keyLen", "inputArgs", "appendKey", "columnArgs", "errNoOrder", "Junction", "Link", "Unlink", "GetLink", "Through", "Linked", "LinkedOfMany", "ErrNotFound", "ForeignKeyError", "UniqueError", "CheckError", "NotNullError",
	"ExclusionError", "mapError", "foreignKeys", "uniques", "checks", "exclusions", "op", "opSelect", "opInsert", "opUpdate", "opDelete",
	"packageName", "findConstraint", "partition", "partitions", "rootTable", "rowType", "queryRow", "scanOne", "rowScanner", "newRowScanner", "appendRow", "closeRows",
	"collect", "queryAll", "groupBy", "oneBy", "keyReader", "newKeyReader", "setKeyField",
	"groupByOrdinal", "oneByOrdinal", "execOne", "execAny", "queryCount", "copyRows", "copyRuns", "useDefault", "nullArg", "nullValue", "validScalar", "validGeometric", "optFields", "optCounts", "optType", "optOf", "copySource", "Opt", "Set",
	"Cond", "condOp", "condNone", "condEq", "condNe", "condLt", "condLe", "condGt", "condGe", "condBetween", "condIn", "condInEach", "inEach", "inList",
	"condIsNull", "condNotNull", "condContains", "condOverlaps", "condHasKey", "Contains", "Overlaps", "HasKey", "condSQL", "Eq", "Ne", "Lt", "Le", "Gt", "Ge", "Between", "In", "IsNull", "NotNull",
	"clause", "filterColumn", "columnKind", "columnPlain", "columnArray", "columnJSON", "condition", "find", "Ordering", "orderBy", "findSQL", "queryBool", "countBy", "countByOrdinal",
	"keyOrder", "keyAsc", "keyDesc", "keyAscNullsFirst", "keyDescNullsLast", "keyNullableAsc", "keyNullableDesc",
	"keyNullableAscNullsFirst", "keyNullableDescNullsLast", "keysetTuple", "keysetTerms", "keyset", "newKeyset",
}

// newNames returns the names of a package of about tables tables.
func newNames(tables int) *names {
	// A table declares about thirty names in the package, and a dozen
	// statements: sized once, the scopes are not copied as they grow.
	n := &names{pkg: newScopeOf(32 * tables), stmts: newScopeOf(12 * tables), files: newScope(), enums: map[*model.Enum]*enumNames{}}
	n.pkg.id, n.stmts.id = 'p', 's'
	for _, id := range runtimeNames {
		n.pkg.take(id)
	}
	for base := range fixedFiles {
		n.files.take(base)
	}
	return n
}

// plan declares, before any code is generated, every name that code
// refers to from elsewhere: types, struct fields, enum constants and file
// names. The order decides who keeps a plain name when
// two derived names meet: first ergen's runtime, then what the user named
// (entity types, then enum types), then derived types (junction rows, key
// types, the rows of M:N listings), then the values and constants
// declared as their code is generated, in file order, after all types:
// a Ref or Key never takes a type's name.
func (g *gen) plan() {
	n := g.n
	for _, tb := range g.tables {
		if tb.t.Entity != nil {
			tb.Struct = n.pkg.declare(tb.Base, tb.Base+"Row")
		}
	}
	for _, e := range g.s.Enums {
		base := goName(e.Name)
		n.enums[e] = &enumNames{Type: n.pkg.declare(base, base+"Enum")}
	}
	for _, tb := range g.tables {
		if tb.t.Entity == nil {
			tb.Struct = n.pkg.declare(tb.Base, tb.Base+"Link")
		}
	}
	g.planKeys()
	for _, tb := range g.tables {
		if tb.t.Entity != nil {
			continue
		}
		fks := tb.t.Relationship.ForeignKeys
		for side := range 2 {
			far := fks[1-side]
			th := &tb.through[side]
			th.Type = n.pkg.declare(tb.Base+roleName(far.Role), roleName(far.Role)+"Via"+tb.Base)
			fields := newScope()
			th.Far = fields.declare(roleName(far.Role))
			th.Link = fields.declare(tb.Struct, tb.Struct+"Link", "Link")
		}
	}
	for _, e := range g.s.Enums {
		en, base := n.enums[e], goName(e.Name)
		for _, v := range e.Values {
			en.Consts = append(en.Consts, n.pkg.declare(base+goName(v)))
		}
		en.All = n.pkg.declare(base+"Values", "All"+base+"Values")
	}
	for _, tb := range g.tables {
		for _, a := range g.s.Arcs {
			if a.Child.Table == tb.t {
				if tb.ArcFuncs == nil {
					tb.ArcFuncs = map[*model.Arc]string{}
				}
				// A function, not a method: a row type has no
				// exported name but its columns'.
				tb.ArcFuncs[a] = n.pkg.declare(arcFuncNames(tb.Base, a, g.s.Arcs)...)
			}
		}
		tb.File = n.files.declare(fileBase(tb.Struct)) + ".go"
	}
}

// structBase is the name of the Go type of a table's rows before any
// qualifier: the entity's name, or for a junction the singular of its
// table name (order_items -> OrderItem). The table's other names derive
// from it. An entity's name is spelt once a table, and so not cached
// (see memo), nor are its plural and its file's name.
func structBase(t *model.Table) string {
	if t.Entity != nil {
		return model.GoName(t.Entity.Name)
	}
	return goName(singular(tableWords(t)))
}

// pluralName names many rows of a table: Users, OrderItems.
func pluralName(t *model.Table) string {
	if t.Entity != nil {
		return model.GoName(model.Plural(model.SnakeCase(t.Entity.Name)))
	}
	return goName(tableWords(t))
}

// words names a table's rows in messages: "order item". A junction whose
// SQL name ergen shortened is named by the words its Go types are named
// by (see tableWords), not by the hash of its SQL name.
func words(t *model.Table) string {
	if t.Entity != nil {
		return t.Noun()
	}
	return strings.ReplaceAll(singular(tableWords(t)), "_", " ")
}

// article puts "a" or "an" before a phrase, by its first letter.
func article(phrase string) string { return model.Article(phrase) }

// pluralWords is words for many rows: "order items".
func pluralWords(t *model.Table) string {
	if t.Entity != nil {
		return t.PluralNoun()
	}
	return strings.ReplaceAll(tableWords(t), "_", " ")
}

// field is the struct field of a column, in every struct that has one
// (the row, its key, the input of Create, a key a foreign key refers to).
func (n *names) field(c *model.Column) string {
	t := c.Table
	at := -1
	if t != nil {
		at = slices.Index(t.Columns, c)
	}
	if at < 0 {
		return "" // no column of a table: it has no field
	}
	i := slices.Index(n.fields.tables[:], t)
	if i < 0 {
		i = n.fields.next
		n.fields.next = (i + 1) % len(n.fields.tables)
		n.fields.tables[i], n.fields.names[i] = t, n.fields.fieldsOf(t, n.fields.names[i][:0])
	}
	return n.fields.names[i][at]
}

// fieldCache holds the fields of the last few tables field was asked
// about: those of a file's table and of the tables it refers to. A
// table's fields depend on its columns alone, so they are made again
// when asked for once more, rather than kept, a string per column, for
// the whole of a run.
type fieldCache struct {
	tables [4]*model.Table
	names  [4][]string
	next   int
	// members is the scope of the fields of the table last made, emptied
	// for the next one.
	members *scope
}

// fieldsOf appends the fields of the columns of t to names. A row type's
// exported names are its columns' fields and nothing else: ergen declares
// no exported method on it, so any column name (key, db, row, copy)
// keeps its plain field.
func (fc *fieldCache) fieldsOf(t *model.Table, names []string) []string {
	members := fc.members
	if members == nil {
		members = newScope()
		fc.members = members
	} else {
		members.empty()
	}
	for _, c := range t.Columns {
		names = append(names, members.declare(goName(columnWords(c))))
	}
	return names
}

// roleName is a relationship role as a Go word: manager -> Manager.
func roleName(role string) string { return goName(role) }

// rolePlural is a role in the plural: category -> Categories.
func rolePlural(role string) string { return goName(plural(role)) }

// columnsName joins column names for a name's suffix: EmailAndName.
func columnsName(cols []*model.Column) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = goName(columnWords(c))
	}
	return strings.Join(parts, "And")
}

func (n *names) enumType(e *model.Enum) string { return n.enums[e].Type }

// fileBase is the name of a table's file, without ".go": the snake_case
// of its type. Names that Go would read as a test file or a build
// constraint (_test, _linux, _amd64), or that are the fixed files, get a
// "_table" suffix.
func fileBase(structName string) string {
	base := model.SnakeCase(structName)
	if fixedFiles[base] || strings.HasSuffix(base, "_test") || constrainedSuffix(base) {
		base += "_table"
	}
	return base
}

var fixedFiles = map[string]bool{"db": true, "errors": true, "enums": true}

// constrainedSuffix reports whether the last word of a file name is a GOOS
// or GOARCH, which would make the go command build it conditionally.
func constrainedSuffix(base string) bool {
	i := strings.LastIndexByte(base, '_')
	if i < 0 {
		return false
	}
	return goosArch[base[i+1:]]
}

// goosArch lists the known GOOS and GOARCH values (go/build's syslist).
var goosArch = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range strings.Fields(`aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 windows zos
		386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm`) {
		m[s] = true
	}
	return m
}()

// The names statements and their inputs are derived from, declared as
// their code is generated. Each formula is written once, here; the second
// candidate is the readable alternative when the first is taken.

func (n *names) create(tb *table) string {
	return n.stmt("Create"+tb.Base, "Create"+tb.Base+"Row")
}
func (n *names) get(tb *table) string { return n.stmt("Get"+tb.Base, "Get"+tb.Base+"Row") }
func (n *names) getBy(tb *table, cols []*model.Column) string {
	return n.stmt("Get"+tb.Base+"By"+columnsName(cols), "Get"+tb.Base+"RowBy"+columnsName(cols))
}
func (n *names) update(tb *table) string {
	return n.stmt("Update"+tb.Base, "Update"+tb.Base+"Row")
}
func (n *names) patch(tb *table) string {
	return n.stmt("Patch"+tb.Base, "Patch"+tb.Base+"Row")
}

// patchType is the input struct of a partial update: UserPatch.
func (n *names) patchType(tb *table) string {
	return n.pkg.declare(tb.Base+"Patch", tb.Base+"PatchInput")
}

// upsert inserts or updates by a key: UpsertUser on the primary key,
// UpsertUserByEmail on a unique key.
func (n *names) upsert(tb *table, key []*model.Column, primary bool) string {
	if primary {
		return n.stmt("Upsert"+tb.Base, "Upsert"+tb.Base+"Row")
	}
	return n.stmt("Upsert"+tb.Base+"By"+columnsName(key), "Upsert"+tb.Base+"RowBy"+columnsName(key))
}
func (n *names) delete(tb *table) string {
	return n.stmt("Delete"+tb.Base, "Delete"+tb.Base+"Row")
}
func (n *names) list(tb *table) string {
	return n.stmt("List"+tb.Plural, "List"+tb.Base+"Rows")
}
func (n *names) count(tb *table) string {
	return n.stmt("Count"+tb.Plural, "Count"+tb.Base+"Rows")
}
func (n *names) find(tb *table) string {
	return n.stmt("Find"+tb.Plural, "Find"+tb.Base+"Rows")
}

// filterType is the conditions of a Find: UserFilter.
func (n *names) filterType(tb *table) string {
	return n.pkg.declare(tb.Base+"Filter", tb.Base+"FilterInput")
}

// ordering is an order of Find, named by label (see orderSet): UsersByEmail,
// UsersByEmailDesc.
func (n *names) ordering(tb *table, label string, desc bool) string {
	dir := ""
	if desc {
		dir = "Desc"
	}
	return n.pkg.declare(tb.Plural+"By"+label+dir, tb.Base+"OrderBy"+label+dir)
}

// indexLabel names an order by the index ix of t after the words of its
// keys when its name is the one ergen derives from them (index
// (lower(email)) gives LowerEmail, however long), and after the name
// given with `as` otherwise, without the kind and table it starts with
// when it has them: uq_members_handle_ci gives HandleCi, and
// users_email_ci EmailCi.
func indexLabel(t *model.Table, ix *model.Index) string {
	words, derived := t.IndexWords(ix)
	if derived {
		return goName(words)
	}
	name := ix.Name
	for _, kind := range []model.ObjectKind{model.IndexObject, model.UniqueObject} {
		name = strings.TrimPrefix(name, string(kind)+"_")
	}
	if rest := strings.TrimPrefix(name, t.Name+"_"); rest != "" {
		name = rest
	}
	return goName(name)
}

// paramsType is the input struct of a statement that inserts.
func (n *names) paramsType(stmt string) string {
	return n.pkg.declare(stmt+"Params", stmt+"Input")
}

// sql is the constant holding a statement's SQL.
func (n *names) sql(stmt string) string { return n.pkg.declare(lowerFirstWith(stmt, "SQL")) }

// columns names the list of a filter's columns that Find reads.
func (n *names) columns(stmt string) string {
	return n.pkg.declare(lowerFirstWith(stmt, "Columns"))
}

// tableVar names an entity's Table or a junction's Junction after its
// rows: Users, OrderItems.
func (n *names) tableVar(tb *table) string {
	return n.pkg.declare(tb.Plural, tb.Plural+"Table", tb.Base+"Rows")
}

// keyVar names a Key after the rows and the key's columns: UserByID,
// UserByEmail.
func (n *names) keyVar(tb *table, cols []*model.Column) string {
	base := tb.Base + "By" + columnsName(cols)
	return n.pkg.declare(base, base+"Key")
}

// planKeys names the structs of composite keys: each table's own key
// (KeyType), the keys composite foreign keys refer to, and every other
// composite key, which Get takes: the link key of a junction whose pair is
// not its primary key (OrderItemPair), and a UNIQUE key.
func (g *gen) planKeys() {
	n := g.n
	for _, tb := range g.tables {
		if len(tb.key) > 1 {
			tb.KeyType = n.pkg.declare(tb.Base+"Key", tb.Base+"KeyType")
		}
	}
	for _, tb := range g.tables {
		for _, fk := range tb.t.ForeignKeys {
			n.keyStruct(g.info[fk.RefTable], fk.RefColumns)
		}
	}
	for _, tb := range g.tables {
		if tb.t.Entity != nil {
			continue
		}
		if key := linkKey(tb.t); len(key) > 1 && tb.structOf(key) == nil {
			tb.refKeys = append(tb.refKeys, &refKey{cols: key, Type: n.pkg.declare(tb.Base+"Pair", tb.Base+"PairKey")})
		}
	}
	// The plain keys first: a plain key's struct is …Key whatever the
	// order the keys are declared in, and a NULLS NOT DISTINCT key over
	// the same columns, whose fields are pointers, …NullableKey.
	for _, tb := range g.tables {
		for _, k := range tb.t.Uniques {
			if !nullsMatch(k) {
				n.keyStruct(tb, k.Columns)
			}
		}
	}
	for _, tb := range g.tables {
		for _, k := range tb.t.Uniques {
			if nullsMatch(k) {
				n.nullsKeyStruct(tb, k.Columns)
			}
		}
	}
}

// keyStruct declares the struct of the columns cols of tb, a composite
// key that is not tb's own (KeyType), unless it has one already:
// RegionZoneAndNoKey.
func (n *names) keyStruct(tb *table, cols []*model.Column) {
	if len(cols) < 2 || tb.structOf(cols) != nil {
		return
	}
	cols = tb.keyOrder(cols)
	base := tb.Base + columnsName(cols)
	tb.refKeys = append(tb.refKeys, &refKey{cols: cols, Type: n.pkg.declare(base+"Key", tb.Base+"KeyBy"+columnsName(cols))})
}

// nullsKeyStruct declares the struct Get takes for a composite NULLS NOT
// DISTINCT key of tb over cols, a nullable one among them (see
// nullsMatch), unless it has one already: MemberTeamAndSeatKey, as any
// key's struct, or MemberTeamAndSeatNullableKey when a foreign key or a
// plain key over the same columns has that name for its own struct,
// whose fields are no pointers (planKeys declares those first).
func (n *names) nullsKeyStruct(tb *table, cols []*model.Column) {
	if len(cols) < 2 || tb.nullsKey(cols) != nil {
		return
	}
	cols = tb.keyOrder(cols)
	base := tb.Base + columnsName(cols)
	tb.refKeys = append(tb.refKeys, &refKey{cols: cols, nulls: true,
		Type: n.pkg.declare(base+"Key", base+"NullableKey", tb.Base+"KeyBy"+columnsName(cols))})
}

// ref names the Ref of a foreign key after the child and its role, as
// a field of the child would be: OrderUser, EmployeeManager.
func (n *names) ref(child *table, fk *model.ForeignKey) string {
	base := child.Base + roleName(fk.Role)
	return n.pkg.declare(base, base+"Ref", roleName(fk.Role)+"Of"+child.Base)
}

// pairName names an M:N relationship by its roles: OrderProduct.
func pairName(rel *model.Relationship) string { return roleName(rel.Roles[0]) + roleName(rel.Roles[1]) }

// link and unlink add and remove a pair: LinkOrderProduct, or
// LinkOrderProductViaOrderLine when two M:N relationships join the same
// roles.
func (n *names) link(jt *table) string {
	pair := pairName(jt.t.Relationship)
	return n.stmt("Link"+pair, "Link"+pair+"Via"+jt.Base)
}
func (n *names) unlink(jt *table) string {
	pair := pairName(jt.t.Relationship)
	return n.stmt("Unlink"+pair, "Unlink"+pair+"Via"+jt.Base)
}

// through lists the far side of a junction for a near row:
// ProductsOfOrder, or ProductsOfOrderViaOrderItem.
func (n *names) through(jt *table, near, far *model.ForeignKey) string {
	base := rolePlural(far.Role) + "Of" + roleName(near.Role)
	return n.pkg.declare(base, base+"Via"+jt.Base)
}

// The model's inflection and Go spelling of names, each computed once per
// name in a run: inflection runs a list of regular expressions per call,
// and the same table, column and role names are spelled for many
// declarations.
func plural(snake string) string   { return memo(&plurals, snake, model.Plural) }
func singular(snake string) string { return memo(&singulars, snake, model.Singular) }
func goName(name string) string    { return memo(&goNames, name, model.GoName) }
func snakeCase(name string) string { return memo(&snakeCases, name, model.SnakeCase) }

// The caches are kept while an EmitEach runs, and dropped when the last
// one running returns, so that a process keeps no model's names after
// emitting it; a map of strings per function, not a sync.Map, which
// boxes each key and value.
var (
	memoMu                                  sync.Mutex
	memoRuns                                int               // EmitEach calls running
	plurals, singulars, goNames, snakeCases map[string]string // name -> result
)

func memo(cache *map[string]string, name string, f func(string) string) string {
	memoMu.Lock()
	v, ok := (*cache)[name]
	memoMu.Unlock()
	if ok {
		return v
	}
	v = f(name)
	memoMu.Lock()
	if memoRuns > 0 {
		if *cache == nil {
			*cache = map[string]string{}
		}
		(*cache)[name] = v
	}
	memoMu.Unlock()
	return v
}

// memoRun keeps the caches of memo until the func it returns is called,
// at the end of an EmitEach.
func memoRun() (done func()) {
	memoMu.Lock()
	memoRuns++
	memoMu.Unlock()
	return func() {
		memoMu.Lock()
		if memoRuns--; memoRuns == 0 {
			plurals, singulars, goNames, snakeCases = nil, nil, nil, nil
		}
		memoMu.Unlock()
	}
}
