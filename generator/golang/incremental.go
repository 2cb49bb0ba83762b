package golang

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"slices"
	"strings"
)

// Incremental lets EmitEach skip building the table files that a
// previous run made and that would come out the same, byte for byte.
//
// A table file is made from its inputs and from the names it declares
// as it is built (its SQL constants, input structs, Refs, Keys...),
// which depend on what every file before it declared: a name taken
// earlier sends a declaration to its next candidate. So each table
// file is recorded with its input key (fileKey: the emitter's code and
// options, the schema's types, the names plan gave the tables it
// describes, and a hash of the model objects it reads) and the log of
// its declarations: each scope, candidates and the name taken. On a
// later run, files are taken in order; a file whose key is the one
// recorded, and whose logged declarations, made again against the
// names declared so far, each take the name they took then, would be
// built exactly as it was: its declarations are made (so that the
// files after it see the same names as in a full build) and it is
// skipped. Any other is built, and its declarations logged. No file
// reads a name another table file declares while it is built (the
// names files share are plan's), so that is all a file depends on.
//
// errors.go is recorded with its input key alone: the text of its
// entries, which it is made of with the options, computed on each run
// (see emitErrors). db.go and enums.go are always made.
type Incremental struct {
	// Build identifies the code of the emitter (the executable's Go
	// build ID): a record made by other code is never reused.
	Build []byte
	// Prior are the records (see Record) of the table files the
	// previous run made, by file name, for those files only whose bytes
	// the caller found unchanged on disk since.
	Prior map[string][]byte
	// Record receives, on the goroutine calling EmitEach, the record of
	// errors.go and of each table file, in order, and whether the file
	// was skipped: then write does not receive it, and the file on disk
	// is the one a previous run made with that record. A nil record
	// (one a name of the file's cannot be written in) is none: the file
	// is made again next time.
	Record func(name string, record []byte, skipped bool)
}

// decl is a declaration of a table file's build: the scope (scope.id),
// the candidates and the name taken.
type decl struct {
	scope      byte
	candidates []string
	result     string
}

// fileRecord is what Incremental keeps of a table file.
type fileRecord struct {
	key   [sha256.Size]byte
	decls []decl
}

// encode writes r on one line: the key in hex, then per declaration its
// scope, a colon and, comma-separated, the candidates up to the name
// taken, the last: those after it do not change which one a declaration
// takes (the first free one), so they need not be kept. A name that is
// none of the candidates (numbered) follows the scope after =, with
// every candidate. nil when a name has a character of that syntax (no
// Go identifier has).
func (r *fileRecord) encode() []byte {
	var b bytes.Buffer
	b.WriteString(hex.EncodeToString(r.key[:]))
	for _, d := range r.decls {
		b.WriteByte(' ')
		b.WriteByte(d.scope)
		cands := d.candidates
		if i := slices.Index(cands, d.result); i >= 0 {
			cands = cands[:i+1]
		} else {
			b.WriteString("=" + d.result)
		}
		b.WriteByte(':')
		b.WriteString(strings.Join(cands, ","))
		for _, n := range append([]string{d.result}, cands...) {
			if n == "" || strings.ContainsAny(n, " ,:=\t\r\n") {
				return nil
			}
		}
	}
	return b.Bytes()
}

// parseDecl reads a declaration as encode writes it, its candidates
// appended to cands.
func parseDecl(f string, cands []string) (d decl, ok bool) {
	head, list, found := strings.Cut(f, ":")
	if !found || head == "" || list == "" {
		return d, false
	}
	d.scope = head[0]
	for {
		c, more, found := strings.Cut(list, ",")
		cands = append(cands, c)
		if !found {
			break
		}
		list = more
	}
	d.candidates = cands
	switch {
	case len(head) == 1:
		d.result = cands[len(cands)-1]
	case head[1] == '=':
		d.result = head[2:]
	}
	return d, d.result != ""
}

// scopeOf is the scope a declaration log names by id, or nil.
func (n *names) scopeOf(id byte) *scope {
	switch id {
	case n.pkg.id:
		return n.pkg
	case n.stmts.id:
		return n.stmts
	}
	return nil
}

// replay reports whether prior is the record (see encode) of a file with
// the input key key whose declarations, made again against the names
// declared so far, each take the name they took then; they are then
// declared. When one does not, it undoes those it made: a declaration
// takes only a free name, so removing it restores the scope.
func (n *names) replay(prior []byte, key [sha256.Size]byte) bool {
	if !hasKey(prior, key) {
		return false
	}
	var (
		done  redo
		cands []string
	)
	rest, ok := strings.CutPrefix(string(prior[2*sha256.Size:]), " ")
	ok = ok || rest == ""
	for ok && rest != "" {
		var f string
		f, rest, _ = strings.Cut(rest, " ")
		d, good := parseDecl(f, cands[:0])
		cands = d.candidates
		ok = good && done.again(n, d)
	}
	if !ok {
		done.undo()
	}
	return ok
}

// commit makes decls, a file's declarations made against overlays of n's
// scopes (see buildAhead), if each takes the name it took then, and
// reports whether they do; else it undoes those it made.
func (n *names) commit(decls []decl) bool {
	var done redo
	for _, d := range decls {
		if !done.again(n, d) {
			done.undo()
			return false
		}
	}
	return true
}

// redo is the declarations replay or commit made, to undo when a later
// one does not take the name it took.
type redo []made

// made is a name declared in a scope.
type made struct {
	s  *scope
	id string
}

// again makes d in its scope of n if the name d took is the one it
// takes now.
func (r *redo) again(n *names, d decl) bool {
	s := n.scopeOf(d.scope)
	if s == nil || s.free(d.candidates) != d.result {
		return false
	}
	s.take(d.result)
	*r = append(*r, made{s, d.result})
	return true
}

// undo undoes the declarations made: a declaration takes only a free
// name, so removing it restores the scope.
func (r redo) undo() {
	for _, m := range r {
		m.s.drop(m.id)
	}
}

// fileKeys is what the input keys of table files are made of besides
// each table's digest: the digest of the schema, and a hasher to reuse.
type fileKeys struct {
	schema [sha256.Size]byte
	h      *modelHasher
}

// incremental prepares what fileKey reads: the digest of the schema and
// of every table, the tables on up to four goroutines (the model is only
// read; each writes its tables' digests).
func (g *gen) incremental() {
	g.keys = &fileKeys{schema: g.schemaDigest(), h: newModelHasher(nil)}
	tables := make(chan *table, len(g.tables))
	for _, tb := range g.tables {
		tables <- tb
	}
	close(tables)
	drain(min(4, runtime.GOMAXPROCS(0), len(g.tables)), tables, func() func(*table) {
		h := newModelHasher(nil)
		return func(tb *table) { tb.digest = digestTable(h, tb.t) }
	})()
}

// fileKey is the input key of tb's file: everything its build reads
// but the names it declares. That is the emitter's code and options,
// the schema (schemaDigest), tb whole and the names plan gave it, and
// the tables it refers to (its foreign keys' tables, a junction's two
// sides), without the foreign keys that refer to them, with their plan
// names.
func (g *gen) fileKey(tb *table) [sha256.Size]byte {
	h := g.keys.h
	h.buf = h.buf[:0]
	h.str("ergen go table file 1")
	g.optionsKey(h)
	h.buf = append(h.buf, g.keys.schema[:]...)
	g.planNames(h, tb)
	h.buf = append(h.buf, tb.digest.full[:]...)
	for _, fk := range tb.t.ForeignKeys {
		g.neighbour(h, g.info[fk.RefTable])
	}
	if rel := tb.t.Relationship; rel != nil {
		for _, fk := range rel.ForeignKeys {
			g.neighbour(h, g.info[fk.RefTable])
		}
	}
	return h.sum()
}

func (g *gen) neighbour(h *modelHasher, tb *table) {
	h.tag('N')
	g.planNames(h, tb)
	h.buf = append(h.buf, tb.digest.view[:]...)
}

// emitErrors builds errors.go, or returns nil when Incremental finds the
// one a previous run made from the same entries and options: a file of
// no declaration, whose bytes they determine.
func (g *gen) emitErrors() *file {
	e := g.errorEntries()
	inc := g.opts.Incremental
	if inc == nil {
		return g.errorsFile(e)
	}
	h := newModelHasher(nil)
	h.str("ergen go errors file 1")
	g.optionsKey(h)
	for _, list := range e.lists() {
		h.num(uint64(len(list)))
		for _, s := range list {
			h.str(s)
		}
	}
	key := h.sum()
	if prior := inc.Prior["errors.go"]; g.n.replay(prior, key) {
		inc.Record("errors.go", prior, true)
		return nil
	}
	inc.Record("errors.go", (&fileRecord{key: key}).encode(), false)
	return g.errorsFile(e)
}

// optionsKey writes what every file's input key holds first: the
// emitter's code and options.
func (g *gen) optionsKey(h *modelHasher) {
	h.str(string(g.opts.Incremental.Build))
	h.str(g.opts.Package)
	h.str(g.opts.Source)
	h.num(uint64(len(g.opts.Imports)))
	for _, imp := range g.opts.Imports {
		h.str(imp)
	}
}

// emitTable builds tb's file, or returns nil when Incremental finds the
// file a previous run made the same (see Incremental).
func (g *gen) emitTable(tb *table) *file {
	inc := g.opts.Incremental
	if inc == nil {
		return g.tableFile(tb)
	}
	key := g.fileKey(tb)
	prior := inc.Prior[tb.File]
	if g.n.replay(prior, key) {
		inc.Record(tb.File, prior, true)
		return nil
	}
	return g.buildLogged(tb, key)
}

// buildLogged builds tb's file, logging its declarations into the
// Incremental record of the file, whose key is key, or only builds it
// without Incremental.
func (g *gen) buildLogged(tb *table, key [sha256.Size]byte) *file {
	inc := g.opts.Incremental
	if inc == nil {
		return g.tableFile(tb)
	}
	rec := fileRecord{key: key}
	g.n.pkg.log, g.n.stmts.log = &rec.decls, &rec.decls
	defer func() { g.n.pkg.log, g.n.stmts.log = nil, nil }()
	f := g.tableFile(tb)
	inc.Record(tb.File, rec.encode(), false)
	return f
}
