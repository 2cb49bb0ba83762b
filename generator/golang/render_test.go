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

// stopped waits, for five seconds at most, until r stops writing, and
// reports whether it did.
func stopped(r *renderer) bool {
	for range 5000 {
		if r.failed.Load() {
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return false
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

// heldWrite is a write that holds each file until release is closed,
// signalling started as it begins, and counts the files written.
type heldWrite struct {
	started, release chan struct{}
	writes           int
}

func newHeldWrite(files int) *heldWrite {
	return &heldWrite{started: make(chan struct{}, files), release: make(chan struct{})}
}

func (h *heldWrite) write(File) error {
	h.started <- struct{}{}
	<-h.release
	h.writes++
	return nil
}

// TestRendererAbandon: abandoning a renderer writes nothing more, even
// the files already rendered and queued behind a write in progress, and
// leaves no goroutine behind; an error of write is close's error.
func TestRendererAbandon(t *testing.T) {
	before := runtime.NumGoroutine()
	w := newHeldWrite(5)
	r := newRenderer(w.write)
	renderFiles(t, r, 5, -1)
	<-w.started // the first write waits while the others queue
	done := make(chan struct{})
	go func() {
		r.abandon()
		close(done)
	}()
	if !stopped(r) {
		t.Error("abandon did not stop the writing")
	}
	close(w.release)
	<-done
	if w.writes != 1 {
		t.Errorf("%d writes after abandoning during the first, want that one only", w.writes)
	}
	noLeak(t, before)

	stop := errors.New("stop")
	r = newRenderer(func(File) error { return stop })
	renderFiles(t, r, 20, -1)
	if err := r.close(); !errors.Is(err, stop) {
		t.Errorf("close after a failed write: %v, want %v", err, stop)
	}
	noLeak(t, before)
}

// TestRenderAllBuildPanics: when building a file panics, renderAll (what
// EmitEach runs) stops its workers and its writer, writes no file queued
// after the panic, and lets the panic go on.
func TestRenderAllBuildPanics(t *testing.T) {
	before := runtime.NumGoroutine()
	w := newHeldWrite(3)
	got := func() (p any) {
		defer func() { p = recover() }()
		renderAll(w.write, func(r *renderer) {
			renderFiles(t, r, 3, -1)
			<-w.started // the first file is being written
			go func() { // let the first write finish once the renderer is abandoned
				stopped(r)
				close(w.release)
			}()
			panic("no such table")
		})
		return nil
	}()
	if got != "no such table" {
		t.Errorf("renderAll panicked with %v, want the build's panic", got)
	}
	if w.writes != 1 {
		t.Errorf("%d writes, want the one in progress when building panicked", w.writes)
	}
	noLeak(t, before)
}
