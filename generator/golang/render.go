package golang

import (
	"runtime"
	"sync"
)

// renderer renders files on up to maxRenderers cores and hands them to
// write in the order they were added. Building a file's jen tree stays on
// the caller's goroutine, since it declares names in order (see names);
// rendering, jen's printing and layout, needs nothing but the file. At
// most window files are in flight, so memory is bounded by a few files
// whatever the size of the package or the number of cores.
type renderer struct {
	write   func(File) error
	work    chan *renderJob
	pending []*renderJob // added, not yet written, in order
	window  int
	workers sync.WaitGroup
	err     error // the first error; nothing more is written after it
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

func newRenderer(write func(File) error) *renderer {
	n := min(runtime.GOMAXPROCS(0), maxRenderers)
	r := &renderer{write: write, window: 2 * n}
	r.work = make(chan *renderJob, r.window)
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
	return r
}

// add queues a file and writes those that are done, waiting for the
// oldest when window files are in flight. It returns the first error of
// rendering or writing.
func (r *renderer) add(name string, f *file) error {
	if r.err != nil {
		return r.err
	}
	j := &renderJob{name: name, f: f, done: make(chan renderResult, 1)}
	r.pending = append(r.pending, j)
	r.work <- j
	for len(r.pending) >= r.window && r.err == nil {
		r.next()
	}
	return r.err
}

// next writes the oldest pending file once it is rendered.
func (r *renderer) next() {
	j := r.pending[0]
	r.pending = r.pending[1:]
	res := <-j.done
	if res.err == nil {
		res.err = r.write(File{Name: j.name, Data: res.data})
	}
	r.err = res.err
}

// close writes the remaining files, stops the workers and returns the
// first error.
func (r *renderer) close() error {
	for len(r.pending) > 0 && r.err == nil {
		r.next()
	}
	close(r.work)
	r.workers.Wait()
	return r.err
}
