package golang

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
)

// renderer renders files on up to maxRenderers cores and hands them to
// write, on a goroutine of its own, in the order they were added.
// Building a file's jen tree stays on the caller's goroutine, since it
// declares names in order (see names); rendering, jen's printing and
// layout, needs nothing but the file; writing waits on the file system
// (creating a file costs as much as building one), so it overlaps the
// building of the next files. At most window files are in flight, so
// memory is bounded by a few files whatever the size of the package or
// the number of cores.
type renderer struct {
	write   func(File) error
	work    chan *renderJob // to the render workers
	ordered chan *renderJob // to the writer, in the order added
	workers sync.WaitGroup
	written chan struct{} // closed when the writer has stopped
	failed  atomic.Bool   // set once err is
	err     error         // the first error; nothing more is written after it
}

type renderJob struct {
	name string
	f    *file
	done chan renderResult
}

type renderResult struct {
	data []byte
	err  error
}

// maxRenderers bounds the workers, and so the files in flight (two per
// worker), on a machine with many cores: rendering a file takes about as
// long as building it on the one goroutine that builds, so more than a
// few workers would only hold more files.
const maxRenderers = 4

// errStopped is what add returns once writing has failed; close returns
// the failure itself.
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
	for range n {
		r.workers.Add(1)
		go func() {
			defer r.workers.Done()
			for j := range r.work {
				data, err := j.f.render()
				j.done <- renderResult{data, err}
			}
		}()
	}
	go r.writeAll()
	return r
}

// writeAll writes the files as they are rendered, in the order they were
// added, until the first error; after it, it only drains what is queued.
func (r *renderer) writeAll() {
	defer close(r.written)
	for j := range r.ordered {
		res := <-j.done
		if r.err != nil {
			continue
		}
		if res.err == nil {
			res.err = r.write(File{Name: j.name, Data: res.data})
		}
		if res.err != nil {
			r.err = res.err
			r.failed.Store(true)
		}
	}
}

// add queues a file, waiting while window files are in flight. After a
// failure to render or write it queues nothing and returns errStopped.
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
// returns the first error.
func (r *renderer) close() error {
	close(r.work)
	close(r.ordered)
	<-r.written
	r.workers.Wait()
	return r.err
}
