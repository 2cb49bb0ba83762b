package golang

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// renderer renders files on up to maxRenderers cores and hands them to
// write, on a goroutine of its own, in the order they were added, which
// is the package's order (see buildAhead). Rendering, jen's printing and
// layout, needs nothing but the file; writing waits on the file system
// (creating a file on disk can cost about as much as building it), so it
// overlaps the building of the next files. window files at most wait in
// the queue, besides the one being written and those being built, so
// memory is bounded by a few files whatever the size of the package or
// the number of cores.
//
// A panic while rendering or writing stops the writing and is raised
// again on the caller's goroutine by close, where the command's recover
// reports it; a caller that panics while building calls abandon.
type renderer struct {
	write   func(File) error
	work    chan *renderJob // to the render workers
	ordered chan *renderJob // to the writer, in the order added
	workers func()          // waits for the render workers (see drain)
	written chan struct{}   // closed when the writer has stopped
	failed  atomic.Bool     // set once err is, or by abandon
	err     error           // the first error; nothing more is written after it
	panic   any             // the first panic of a worker or the writer, for close
}

type renderJob struct {
	name string
	f    *file
	done chan renderResult
}

type renderResult struct {
	data []byte
	err  error
	// panic is what rendering or writing panicked with and where, nil if
	// it did not.
	panic any
}

// maxRenderers bounds the workers, and so the files in flight (two per
// worker), on a machine with many cores: rendering a file takes about as
// long as building it, and no more than maxBuilders build, so more
// workers would only hold more files.
const maxRenderers = 4

// errStopped is what add returns once writing has stopped; close returns
// why.
var errStopped = errors.New("golang: writing stopped")

func newRenderer(write func(File) error) *renderer {
	n := min(runtime.GOMAXPROCS(0), maxRenderers)
	window := 2 * n
	r := &renderer{
		write:   write,
		work:    make(chan *renderJob, window),
		ordered: make(chan *renderJob, window),
		written: make(chan struct{}),
	}
	r.workers = drain(n, r.work, func() func(*renderJob) {
		return func(j *renderJob) { j.done <- renderOne(j.f) }
	})
	go r.writeAll()
	return r
}

// renderOne renders f, turning a panic into a result.
func renderOne(f *file) (res renderResult) {
	defer func() {
		if p := recover(); p != nil {
			res = renderResult{panic: fmt.Sprintf("%v\n%s", p, debug.Stack())}
		}
	}()
	res.data, res.err = f.render()
	return res
}

// writeAll writes the files as they are rendered, in the order they were
// added, until the first error or panic; after it, it only drains what
// is queued.
func (r *renderer) writeAll() {
	defer close(r.written)
	for j := range r.ordered {
		res := <-j.done
		if r.failed.Load() {
			continue
		}
		if res.panic == nil && res.err == nil {
			res = r.writeOne(j.name, res.data)
		}
		switch {
		case res.panic != nil:
			r.panic = res.panic
			r.failed.Store(true)
		case res.err != nil:
			r.err = res.err
			r.failed.Store(true)
		}
	}
}

// writeOne writes a file, turning a panic of write into a result.
func (r *renderer) writeOne(name string, data []byte) (res renderResult) {
	defer func() {
		if p := recover(); p != nil {
			res = renderResult{panic: fmt.Sprintf("%v\n%s", p, debug.Stack())}
		}
	}()
	return renderResult{err: r.write(File{Name: name, Data: data})}
}

// add queues a file, waiting while window files wait. After a failure to
// render or write it queues nothing and returns errStopped.
func (r *renderer) add(name string, f *file) error {
	if r.failed.Load() {
		return errStopped
	}
	j := &renderJob{name: name, f: f, done: make(chan renderResult, 1)}
	r.ordered <- j
	r.work <- j
	return nil
}

// close waits until the queued files are written, stops the workers and
// returns the first error, or panics again with the first panic.
func (r *renderer) close() error {
	r.stop()
	if r.panic != nil {
		panic(fmt.Sprintf("golang: rendering or writing a file: %v", r.panic))
	}
	return r.err
}

// renderAll runs build, which adds files to a renderer writing them with
// write, and returns once they are written, with the first error. A
// panic of build (building a file) abandons the renderer, so that no
// worker or writer outlives it, and goes on.
func renderAll(write func(File) error, build func(*renderer)) error {
	r := newRenderer(write)
	built := false
	defer func() {
		if !built {
			r.abandon()
		}
	}()
	build(r)
	built = true
	return r.close()
}

// abandon stops the workers and the writer, writing nothing more, for a
// caller that cannot go on (it panicked while building a file).
func (r *renderer) abandon() {
	r.failed.Store(true)
	r.stop()
}

func (r *renderer) stop() {
	close(r.work)
	close(r.ordered)
	<-r.written
	r.workers()
}

// drain runs work on up to n goroutines, which take jobs from jobs until
// it is closed, and returns what waits for them to finish. Each goroutine
// has a work function of its own, from newWork, which holds what it
// reuses from one job to the next (a builder, a hasher). Rendering,
// building ahead and the digests of Incremental run their work so.
// newWork runs on the caller, before drain returns: a builder is a copy
// of the caller's generator, which the caller changes once it takes the
// builders' files.
func drain[J any](n int, jobs <-chan J, newWork func() func(J)) (wait func()) {
	var wg sync.WaitGroup
	for range n {
		work := newWork()
		wg.Go(func() {
			for j := range jobs {
				work(j)
			}
		})
	}
	return wg.Wait
}
