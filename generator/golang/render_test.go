package golang

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dave/jennifer/jen"
)

// renderFiles queues n small files on r, the one at bad (if any) one that
// panics when rendered.
func renderFiles(t *testing.T, r *renderer, n, bad int) {
	t.Helper()
	g := &gen{opts: Options{Package: "p", Source: "m.er"}}
	for i := range n {
		f := g.newFile()
		f.decl(jen.Var().Id(fmt.Sprintf("v%d", i)).Op("=").Lit(i))
		if i == bad {
			f.jf = nil
		}
		if r.add(fmt.Sprintf("f%d.go", i), f) != nil {
			return
		}
	}
}

// noLeak fails when goroutines started after before outlive the renderer.
func noLeak(t *testing.T, before int) {
	t.Helper()
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines left running, %d before", runtime.NumGoroutine(), before)
}

// closePanic returns what r.close panicked with, "" when it did not.
func closePanic(r *renderer) (msg string, err error) {
	defer func() {
		if p := recover(); p != nil {
			msg = fmt.Sprint(p)
		}
	}()
	return "", r.close()
}

// TestRendererPanics: a panic while rendering or writing a file stops the
// writing and is raised again by close, on the caller's goroutine, where
// the command reports it, and no goroutine is left behind.
func TestRendererPanics(t *testing.T) {
	for _, c := range []struct {
		name         string
		bad          int // the file that panics when rendered, -1 for none
		writePanicAt int // the write that panics, -1 for none
		want         string
	}{
		{"render", 3, -1, "nil pointer"},
		{"write", -1, 2, "disk on fire"},
		{"first write", -1, 0, "disk on fire"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			var written []string
			r := newRenderer(func(f File) error {
				if len(written) == c.writePanicAt {
					panic("disk on fire")
				}
				written = append(written, f.Name)
				return nil
			})
			renderFiles(t, r, 10, c.bad)
			msg, err := closePanic(r)
			if !strings.Contains(msg, c.want) || err != nil {
				t.Errorf("close: panic %q, error %v; want a panic with %q", msg, err, c.want)
			}
			if stop := max(c.bad, c.writePanicAt); len(written) != stop {
				t.Errorf("wrote %v, want the %d files before the panic", written, stop)
			}
			noLeak(t, before)
		})
	}
}

// TestRendererAbandon: a caller that cannot go on abandons the renderer,
// which writes nothing after that and leaves no goroutine behind; an
// error of write is close's error, and add refuses more after it.
func TestRendererAbandon(t *testing.T) {
	before := runtime.NumGoroutine()
	writes := 0
	r := newRenderer(func(File) error { writes++; return nil })
	renderFiles(t, r, 5, -1)
	r.abandon()
	n := writes
	noLeak(t, before)
	if n > 5 || writes != n {
		t.Errorf("%d writes, then %d after abandon", n, writes)
	}

	stop := errors.New("stop")
	r = newRenderer(func(File) error { return stop })
	renderFiles(t, r, 20, -1)
	if err := r.close(); !errors.Is(err, stop) {
		t.Errorf("close after a failed write: %v, want %v", err, stop)
	}
	noLeak(t, before)
}
