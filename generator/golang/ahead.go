package golang

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"sync/atomic"
)

// Building table files ahead, on other goroutines.
//
// A table file is made from the model, the names plan gave every table
// and the names it declares as it is built, which depend on what every
// file before it declared (see Incremental): files are made in order.
// On more than one core, buildAhead builds the next few files at once,
// each against overlays of the package's scopes (see scope.parent) that
// hold the names declared so far and log the file's own declarations.
// The files are then taken in order, on the caller's goroutine: a file
// whose logged declarations, made again against the names every file
// before it declared, each take the name they took, is the file a build
// in order makes, byte for byte (as a file Incremental skips is); its
// declarations are made. Any other (one of its names was taken by a file
// before it in the meantime) is built again, in order, on the caller's
// goroutine. In an ordinary model, where no derived names meet, that
// does not happen.

// maxBuilders bounds the goroutines building files ahead: building and
// rendering (see renderer) share the cores.
const maxBuilders = 4

// aheadFile is a table file built ahead, with what taking it needs.
type aheadFile struct {
	f     *file
	decls []decl // the declarations the build made, in order
	// key is the file's input key with Options.Incremental; replays
	// reports that the previous run's record has that key, so the file
	// was not built: it most likely replays.
	key     [sha256.Size]byte
	replays bool
}

// emitTables makes the table files in order, passing each to add (nil
// for a file Incremental skips) until add returns false.
//
// Files are built ahead on a core beyond two only: on two, building on
// the caller's goroutine and rendering on the other keep both busy
// already, and building ahead only adds its own work (on the 600-table
// package of internal/tools/bigschema, 0.29 CPU-s against 0.27 and no
// shorter wall time).
func (g *gen) emitTables(add func(tb *table, f *file) bool) {
	workers := min(runtime.GOMAXPROCS(0)-1, maxBuilders)
	if workers < 2 || len(g.tables) < 2*workers {
		for _, tb := range g.tables {
			if !add(tb, g.emitTable(tb)) {
				return
			}
		}
		return
	}
	g.buildAhead(workers, add)
}

// buildAhead is emitTables on workers goroutines building ahead of the
// caller's, which takes the files in order. 2*workers files at most are
// built and not yet taken.
func (g *gen) buildAhead(workers int, add func(tb *table, f *file) bool) {
	for _, tb := range g.tables {
		g.selectAll(tb) // made once here rather than raced for by the builders
	}
	// The previous run's records, read here: a caller's Record may
	// change Prior while builders run.
	priors := make([][]byte, len(g.tables))
	if inc := g.opts.Incremental; inc != nil {
		for i, tb := range g.tables {
			priors[i] = inc.Prior[tb.File]
		}
	}
	window := 2 * workers
	todo := make(chan int, window)
	// done[i%window] receives file i: file i+window is asked for once
	// file i is taken, so a slot holds one file at most.
	done := make([]chan aheadFile, window)
	for i := range done {
		done[i] = make(chan aheadFile, 1)
	}
	var stopped atomic.Bool
	wait := drain(workers, todo, func() func(int) {
		b := g.builder()
		return func(i int) {
			if stopped.Load() {
				done[i%window] <- aheadFile{}
				return
			}
			done[i%window] <- b.buildOne(g.tables[i], priors[i])
		}
	})
	defer func() {
		// Also when add or a build in order panics: no builder outlives
		// the call.
		stopped.Store(true)
		close(todo)
		wait()
	}()
	for i := range min(window, len(g.tables)) {
		todo <- i
	}
	for i, tb := range g.tables {
		a := <-done[i%window]
		if next := i + window; next < len(g.tables) {
			todo <- next
		}
		if !add(tb, g.take(tb, a, priors[i])) {
			return
		}
	}
}

// builder is a copy of g that builds files ahead: the same model and
// plan, overlays of g's scopes, and a hasher of its own.
func (g *gen) builder() *gen {
	b := *g
	b.n = g.n.overlay()
	if g.keys != nil {
		b.keys = &fileKeys{schema: g.keys.schema, h: newModelHasher(nil)}
	}
	return &b
}

// buildOne builds tb's file against b's overlays, logging the
// declarations it makes; with Incremental it only computes the file's
// key when the previous run's record, prior, has it. A build that panics
// returns no file, for the caller to build it again in order.
func (b *gen) buildOne(tb *table, prior []byte) (a aheadFile) {
	n := b.n
	defer func() {
		n.pkg.log, n.stmts.log = nil, nil
		if recover() != nil {
			a = aheadFile{} // built again in order, where it panics again for the command to report
		}
	}()
	if b.opts.Incremental != nil {
		a.key = b.fileKey(tb)
		if hasKey(prior, a.key) {
			a.replays = true
			return a
		}
	}
	n.pkg.empty()
	n.stmts.empty()
	n.pkg.log, n.stmts.log = &a.decls, &a.decls
	a.f = b.tableFile(tb)
	return a
}

// take is tb's file built ahead as a if its declarations take the names
// they took, made with its Incremental record, nil if Incremental skips
// it (prior is its previous record), or else the file built in order.
func (g *gen) take(tb *table, a aheadFile, prior []byte) *file {
	inc := g.opts.Incremental
	// The builders read the scopes while the caller's goroutine declares
	// names in them; Record, the caller's code, runs after.
	var kept, skipped bool
	func() {
		g.n.mu.Lock()
		defer g.n.mu.Unlock()
		switch {
		case a.f != nil:
			kept = g.n.commit(a.decls)
		case a.replays:
			skipped = g.n.replay(prior, a.key)
		}
	}()
	switch {
	case kept:
		if inc != nil {
			inc.Record(tb.File, (&fileRecord{key: a.key, decls: a.decls}).encode(), false)
		}
		return a.f
	case skipped:
		inc.Record(tb.File, prior, true)
		return nil
	}
	// Built again in order, under the lock, which is rare: a file one of
	// whose names an earlier file took, or one that did not replay, or
	// one whose build panicked, which then panics on the caller's
	// goroutine, where the command reports it.
	g.n.mu.Lock()
	defer g.n.mu.Unlock()
	switch {
	case a.f != nil:
		g.rebuilt++
		return g.buildLogged(tb, a.key)
	case a.replays:
		return g.buildLogged(tb, a.key)
	}
	return g.emitTable(tb)
}

// hasKey reports whether a record (see fileRecord.encode) is of a file
// with the input key key.
func hasKey(record []byte, key [sha256.Size]byte) bool {
	var hk [2 * sha256.Size]byte
	hex.Encode(hk[:], key[:])
	return bytes.HasPrefix(record, hk[:])
}
