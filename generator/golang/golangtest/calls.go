package golangtest

import (
	"context"
	"flag"
	"fmt"
	"os"
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

// Calls records which methods of a generated package's DB ran a statement,
// so that an example's tests can show they call every one. A method is
// recorded when a statement reaches the database from inside it (found on
// the call stack), so naming a method without calling it records nothing.
//
//	var calls = golangtest.NewCalls(&shopdb.DB{})
//	func TestMain(m *testing.M) { os.Exit(calls.Check(pgtest.Main(m))) }
//	... db := shopdb.New(calls.Wrap(pool))
type Calls struct {
	typ    reflect.Type // *DB
	prefix string       // "example.com/x/shopdb.(*DB)."
	mu     sync.Mutex
	seen   map[string]bool
}

// NewCalls records the methods of db's type, a *DB of a generated package.
func NewCalls(db any) *Calls {
	typ := reflect.TypeOf(db)
	if typ.Kind() != reflect.Pointer || typ.Elem().Kind() != reflect.Struct {
		panic(fmt.Sprintf("golangtest.NewCalls: %T is not a pointer to a struct", db))
	}
	return &Calls{typ: typ, prefix: typ.Elem().PkgPath() + ".(*" + typ.Elem().Name() + ").", seen: map[string]bool{}}
}

// Wrap returns a DBTX running every statement on db and recording the
// method of the DB type that ran it.
func (c *Calls) Wrap(db DBTX) DBTX { return &recorder{db: db, c: c} }

// record notes the DB method on the caller's stack.
func (c *Calls) record() {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if rest, ok := strings.CutPrefix(f.Function, c.prefix); ok {
			name, _, _ := strings.Cut(rest, ".") // InTx.func1 -> InTx
			c.mu.Lock()
			c.seen[name] = true
			c.mu.Unlock()
			return
		}
		if !more {
			return
		}
	}
}

// Missing returns the exported methods of the DB type that ran no
// statement, sorted. Only methods that take a context.Context first run
// statements; accessors such as DB.DBTX run none and are not counted.
func (c *Calls) Missing() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	ctxType := reflect.TypeFor[context.Context]()
	var out []string
	for i := range c.typ.NumMethod() {
		m := c.typ.Method(i)
		if m.Type.NumIn() < 2 || m.Type.In(1) != ctxType {
			continue
		}
		if !c.seen[m.Name] {
			out = append(out, m.Name)
		}
	}
	sort.Strings(out)
	return out
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
	ran := len(c.seen) > 0
	c.mu.Unlock()
	if !ran {
		return code
	}
	if missing := c.Missing(); len(missing) > 0 {
		fmt.Fprintf(os.Stderr, "--- FAIL: every method of %s is called by a test\n", c.typ)
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
	r.c.record()
	return r.db.Exec(ctx, sql, args...)
}

func (r *recorder) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	r.c.record()
	return r.db.Query(ctx, sql, args...)
}

func (r *recorder) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	r.c.record()
	return r.db.QueryRow(ctx, sql, args...)
}

func (r *recorder) CopyFrom(ctx context.Context, table pgx.Identifier, cols []string, src pgx.CopyFromSource) (int64, error) {
	r.c.record()
	return r.db.CopyFrom(ctx, table, cols, src)
}

func (r *recorder) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	r.c.record()
	return r.db.SendBatch(ctx, b)
}

func (r *recorder) Begin(ctx context.Context) (pgx.Tx, error) {
	r.c.record()
	return r.db.Begin(ctx)
}

// Must returns a function that returns v, failing t when err is not nil:
// must := golangtest.Must[shopdb.User](t); u := must(db.GetUser(ctx, 1)).
func Must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
