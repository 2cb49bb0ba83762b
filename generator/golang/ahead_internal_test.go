package golang

import (
	"runtime"
	"testing"
	"time"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// refMeetsKey is a model where a file declares, late in its build, a
// package name that an earlier file declared: User's key by email is
// UserByEmail, and so would be the Ref of UserBy's email.
const refMeetsKey = `entity User {
  id    serial pk
  email text unique
}

entity UserBy {
  id serial pk
}

entity Account {
  id serial pk
}

relationship Account 1:N UserBy as email
`

// inOrder is the files of s's package built in order.
func inOrder(t *testing.T, s *model.Schema, opts Options) map[string]string {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	files := map[string]string{}
	err := EmitEach(s, opts, func(f File) error {
		files[f.Name] = string(f.Data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestTakeBuildsAgainWhenNamesMeet: files derive names that files before
// them also derive, of statements (clashes) or of the package
// (refMeetsKey, after the file's first declarations). Built ahead before
// any file is taken, such a file takes the plain name; taken in order,
// it does not keep it, the declarations it made are undone, and it is
// built again. Every file taken is the file a build in order makes.
func TestTakeBuildsAgainWhenNamesMeet(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    *model.Schema
	}{
		{"clashes", testkit.Load(t, "testdata/clashes/input.er")},
		{"refMeetsKey", testkit.MustResolve(t, "m.er", []byte(refMeetsKey))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := Options{Package: "m", Source: "m.er"}
			want := inOrder(t, tc.s, opts)
			defer memoRun()()
			g := newGen(tc.s, opts)
			g.dbFile()
			g.emitErrors()
			b := g.builder()
			var ahead []aheadFile
			for _, tb := range g.tables {
				ahead = append(ahead, b.buildOne(tb, nil))
			}
			for i, tb := range g.tables {
				data, err := g.take(tb, ahead[i], nil).render()
				if err != nil {
					t.Fatal(err)
				}
				if string(data) != want[tb.File] {
					t.Errorf("%s taken differs from the file built in order", tb.File)
				}
			}
			if g.rebuilt == 0 {
				t.Error("no file was built again: no names meet across files")
			}
		})
	}
}

// TestBuildAheadRebuildsWhileBuilding: files are built again in order
// (take) while builders still build ahead, many times over; under -race
// (which CI runs on these tests) nothing the builders read of the
// caller's generator is written meanwhile.
func TestBuildAheadRebuildsWhileBuilding(t *testing.T) {
	s := testkit.MustResolve(t, "m.er", []byte(refMeetsKey))
	opts := Options{Package: "m", Source: "m.er"}
	defer memoRun()()
	rebuilt := 0
	for range 50 {
		g := newGen(s, opts)
		g.dbFile()
		g.emitErrors()
		g.buildAhead(4, func(*table, *file) bool { return true })
		rebuilt += g.rebuilt
	}
	if rebuilt == 0 {
		t.Error("no file was built again: the builders' files never met a name")
	}
}

// TestBuildAheadStops: whether add stops taking files after any of them
// or panics, no builder outlives buildAhead and the scopes' lock is
// free.
func TestBuildAheadStops(t *testing.T) {
	s := testkit.Load(t, "testdata/clashes/input.er")
	opts := Options{Package: "m", Source: "m.er"}
	defer memoRun()()
	goroutines := runtime.NumGoroutine()
	for _, stop := range []int{0, 1, 5, 9, 12} {
		for _, panics := range []bool{false, true} {
			g := newGen(s, opts)
			g.dbFile()
			g.emitErrors()
			taken := 0
			func() {
				defer func() {
					if p := recover(); p != nil && !panics {
						t.Fatal(p)
					}
				}()
				g.buildAhead(4, func(tb *table, f *file) bool {
					if taken == stop {
						if panics {
							panic("add")
						}
						return false
					}
					taken++
					return true
				})
			}()
			if taken != stop {
				t.Errorf("stopping at %d: %d files taken", stop, taken)
			}
			if !g.n.mu.TryLock() {
				t.Fatalf("stopping at %d (panic %v): the scopes stay locked", stop, panics)
			}
			g.n.mu.Unlock()
		}
	}
	// buildAhead waits for its builders before it returns.
	for range 100 {
		if runtime.NumGoroutine() <= goroutines {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines, %d before", runtime.NumGoroutine(), goroutines)
}
