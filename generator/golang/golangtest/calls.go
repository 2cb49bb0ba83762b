package golangtest

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	fixed "github.com/ergen-dev/ergen/generator/golang/runtime"
)

// DBTX is the interface every generated package's DB runs its statements
// on, the runtime's own (generator/golang/runtime): a generated New accepts
// any value that has these methods.
type DBTX = fixed.DBTX

// Calls records which statements of a generated package ran, so that an
// example's tests can show they run every one: each statement of its
// Tables, Keys, Refs, Junctions and Throughs, recorded when the runtime's
// function for it (Get, ChildrenOf, ...) sent its SQL to the database,
// Get(UserByEmail); and each method of its DB that runs statements (InTx),
// recorded when a statement reaches the database from inside it. Naming
// one without running it records nothing. The statements are read from
// the generated package's source, next to the file of DB.
//
//	var calls = golangtest.NewCalls(&shopdb.DB{})
//	func TestMain(m *testing.M) { os.Exit(calls.Check(pgtest.Main(m))) }
//	... db := shopdb.New(calls.Wrap(pool))
type Calls struct {
	typ    reflect.Type // *DB
	pkg    string       // "example.com/x/shopdb."
	prefix string       // "example.com/x/shopdb.(*DB)."
	refs   []refQuery   // the statements of the package's Tables, Keys, Refs, Junctions and Throughs
	mu     sync.Mutex
	seen   map[string]bool
	ran    map[ranBy]bool // each statement that reached the database, by the function that ran it
}

// ranBy is a statement and the package's function that ran it (Get,
// ChildrenOf, ...), "" when none of them did.
type ranBy struct{ fn, sql string }

// NewCalls records the methods of db's type, a *DB of a generated package.
func NewCalls(db any) *Calls {
	typ := reflect.TypeOf(db)
	if typ.Kind() != reflect.Pointer || typ.Elem().Kind() != reflect.Struct {
		panic(fmt.Sprintf("golangtest.NewCalls: %T is not a pointer to a struct", db))
	}
	c := &Calls{typ: typ, pkg: typ.Elem().PkgPath() + ".", prefix: typ.Elem().PkgPath() + ".(*" + typ.Elem().Name() + ").", seen: map[string]bool{}, ran: map[ranBy]bool{}}
	if m, ok := typ.MethodByName("InTx"); ok {
		file, _ := runtime.FuncForPC(m.Func.Pointer()).FileLine(m.Func.Pointer())
		refs, err := readRefs(filepath.Dir(file))
		if err != nil {
			panic(fmt.Sprintf("golangtest.NewCalls: reading the Refs of %s: %v", typ, err))
		}
		c.refs = refs
	}
	return c
}

// Wrap returns a DBTX running every statement on db and recording the
// method of the DB type that ran it.
func (c *Calls) Wrap(db DBTX) DBTX { return &recorder{db: db, c: c} }

// record notes the SQL with the function of the package that ran it (a
// generic function of its runtime, Get or ChildrenOf), and the DB method
// on the caller's stack; a method of DBTX that DB forwards (a statement
// of a generic function running on a *DB) is no method of its own.
func (c *Calls) record(sql string) {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	fn := ""
	for {
		f, more := frames.Next()
		if rest, ok := strings.CutPrefix(f.Function, c.prefix); ok {
			name, _, _ := strings.Cut(rest, ".") // InTx.func1 -> InTx
			if !dbtxMethods[name] {
				c.mu.Lock()
				c.seen[name] = true
				c.mu.Unlock()
				break
			}
		} else if rest, ok := strings.CutPrefix(f.Function, c.pkg); ok && fn == "" {
			name, _, _ := strings.Cut(rest, "[") // Get[...].func1 -> Get
			if name != "" && name[0] >= 'A' && name[0] <= 'Z' {
				fn = name
			}
		}
		if !more {
			break
		}
	}
	c.mu.Lock()
	c.ran[ranBy{fn, sql}] = true
	c.mu.Unlock()
}

// dbtxMethods are the methods of DBTX, which DB has too: they run what
// they are given, and are not counted.
var dbtxMethods = map[string]bool{"Exec": true, "Query": true, "QueryRow": true, "CopyFrom": true, "SendBatch": true, "Begin": true}

// Missing returns the exported methods of the DB type that ran no
// statement, sorted, then the queries of Refs that never ran, as
// ParentOf(OrderUser). Only methods that take a context.Context first run
// statements; accessors such as DB.DBTX run none and are not counted.
func (c *Calls) Missing() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	ctxType := reflect.TypeFor[context.Context]()
	var out []string
	for i := range c.typ.NumMethod() {
		m := c.typ.Method(i)
		if m.Type.NumIn() < 2 || m.Type.In(1) != ctxType || dbtxMethods[m.Name] {
			continue
		}
		if !c.seen[m.Name] {
			out = append(out, m.Name)
		}
	}
	sort.Strings(out)
	for _, q := range c.refs {
		if !c.ranQuery(q) {
			out = append(out, q.name)
		}
	}
	return out
}

// ranQuery reports whether q's function ran q's statement: for Find, a
// statement it made from q's SELECT. c.mu is held.
func (c *Calls) ranQuery(q refQuery) bool {
	if !q.prefix {
		return c.ran[ranBy{q.fn, q.sql}]
	}
	for r := range c.ran {
		rest, ok := strings.CutPrefix(r.sql, q.sql)
		if r.fn == q.fn && ok && (rest == "" || rest[0] == ' ' || rest[0] == '\n') {
			return true // q's SELECT, then its clauses; not another table's name
		}
	}
	return false
}

// Check runs after the tests, given their exit code (from m.Run or
// pgtest.Main), and returns the code to exit with: 1 when every test ran
// and passed but some method of the DB type was never called. It checks
// nothing when tests failed, when -run or -skip chose some tests, or when
// nothing reached a database (PostgreSQL was not found and the tests
// skipped).
func (c *Calls) Check(code int) int {
	if code != 0 || flagSet("test.run") || flagSet("test.skip") {
		return code
	}
	c.mu.Lock()
	ran := len(c.seen) > 0 || len(c.ran) > 0
	c.mu.Unlock()
	if !ran {
		return code
	}
	if missing := c.Missing(); len(missing) > 0 {
		fmt.Fprintf(os.Stderr, "--- FAIL: every statement of %s is run by a test\n", c.typ.Elem().PkgPath())
		for _, m := range missing {
			fmt.Fprintf(os.Stderr, "    %s was never called\n", m)
		}
		fmt.Println("FAIL")
		return 1
	}
	return code
}

func flagSet(name string) bool {
	f := flag.Lookup(name)
	return f != nil && f.Value.String() != ""
}

type recorder struct {
	db DBTX
	c  *Calls
}

func (r *recorder) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	r.c.record(sql)
	return r.db.Exec(ctx, sql, args...)
}

func (r *recorder) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	r.c.record(sql)
	return r.db.Query(ctx, sql, args...)
}

func (r *recorder) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	r.c.record(sql)
	return r.db.QueryRow(ctx, sql, args...)
}

func (r *recorder) CopyFrom(ctx context.Context, table pgx.Identifier, cols []string, src pgx.CopyFromSource) (int64, error) {
	r.c.record("COPY " + table.Sanitize())
	return r.db.CopyFrom(ctx, table, cols, src)
}

func (r *recorder) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	r.c.record("")
	return r.db.SendBatch(ctx, b)
}

func (r *recorder) Begin(ctx context.Context) (pgx.Tx, error) {
	r.c.record("BEGIN")
	tx, err := r.db.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return &recordedTx{Tx: tx, r: &recorder{db: tx, c: r.c}}, nil
}

// recordedTx is a transaction begun through a recorder, whose statements
// are recorded too: those of InTx, and of a Copy of several rows, which
// runs in a transaction of its own.
type recordedTx struct {
	pgx.Tx
	r *recorder
}

func (t *recordedTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return t.r.Exec(ctx, sql, args...)
}

func (t *recordedTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return t.r.Query(ctx, sql, args...)
}

func (t *recordedTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return t.r.QueryRow(ctx, sql, args...)
}

func (t *recordedTx) CopyFrom(ctx context.Context, table pgx.Identifier, cols []string, src pgx.CopyFromSource) (int64, error) {
	return t.r.CopyFrom(ctx, table, cols, src)
}

func (t *recordedTx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	return t.r.SendBatch(ctx, b)
}

func (t *recordedTx) Begin(ctx context.Context) (pgx.Tx, error) { return t.r.Begin(ctx) }

// Must returns a function that returns v, failing t when err is not nil:
// must := golangtest.Must[shopdb.User](t); u := must(shopdb.Get(ctx, db, shopdb.UserByID, 1)).
func Must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
