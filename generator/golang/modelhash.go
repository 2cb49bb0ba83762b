package golang

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"sync"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// modelHasher writes a canonical serialization of model objects, by
// reflection, for the input keys of table files (see fileKey): every
// field of every object reached, exported or not, maps in sorted key
// order, and an object reached again (a cycle: a column's Table, a foreign
// key's Relationship and back) as the number of its first visit. Where it
// stops is explicit:
//   - a *model.Table other than root is written as its name and its
//     entity's name, what a file reads of a table it does not describe
//     (words, in deletePolicies); the tables a file does describe are
//     hashed on their own (tableDigests) and their digests make its key;
//   - positions (dsl.Pos, dsl.Span) are not written: the Go emitter reads
//     none, and a line added to the model moves every position after it;
//   - skip, when set, is a field of root not written (see tableDigests).
//
// A field of a kind it cannot write (a func, a channel) panics: the
// model grew a field the key would not cover.
type modelHasher struct {
	buf  []byte
	seen map[uintptr]seen // by address
	root uintptr          // the *model.Table hashed whole, or 0
}

// seen is an object reached: the number of its first visit, and its type
// (a struct and its first field share an address).
type seen struct {
	n int
	t reflect.Type
}

var (
	tableType = reflect.TypeFor[model.Table]()
	posType   = reflect.TypeFor[dsl.Pos]()
	spanType  = reflect.TypeFor[dsl.Span]()
)

// The fields a table outside the hash is written by.
var (
	tableName   = fieldIndex(tableType, "Name")
	tableEntity = fieldIndex(tableType, "Entity")
	entityName  = fieldIndex(reflect.TypeFor[model.Entity](), "Name")
)

func fieldIndex(t reflect.Type, name string) []int {
	f, ok := t.FieldByName(name)
	if !ok {
		panic("golang: " + t.String() + " has no field " + name)
	}
	return f.Index
}

// walker writes a value of one type (see walkerOf).
type walker func(h *modelHasher, v reflect.Value)

// walkers caches the walker of each type, made once: the fields to write
// of a struct (all but positions) and the walkers of its fields are
// looked up once, not at each value.
var walkers sync.Map // reflect.Type -> walker

func walkerOf(t reflect.Type) walker {
	if w, ok := walkers.Load(t); ok {
		return w.(walker)
	}
	w, _ := walkers.LoadOrStore(t, newWalker(t))
	return w.(walker)
}

// lazyWalker is the walker of t, looked up at its first use: a type may
// contain itself.
func lazyWalker(t reflect.Type) func() walker {
	return sync.OnceValue(func() walker { return walkerOf(t) })
}

func newWalker(t reflect.Type) walker {
	switch t.Kind() {
	case reflect.Bool:
		return func(h *modelHasher, v reflect.Value) {
			if v.Bool() {
				h.tag('t')
			} else {
				h.tag('f')
			}
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(h *modelHasher, v reflect.Value) { h.tag('i'); h.num(uint64(v.Int())) }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(h *modelHasher, v reflect.Value) { h.tag('u'); h.num(v.Uint()) }
	case reflect.Float32, reflect.Float64:
		return func(h *modelHasher, v reflect.Value) { h.tag('d'); h.num(math.Float64bits(v.Float())) }
	case reflect.String:
		return func(h *modelHasher, v reflect.Value) { h.tag('s'); h.str(v.String()) }
	case reflect.Slice, reflect.Array:
		elem := lazyWalker(t.Elem())
		return func(h *modelHasher, v reflect.Value) {
			n := v.Len()
			h.tag('[')
			h.num(uint64(n))
			for i := range n {
				elem()(h, v.Index(i))
			}
		}
	case reflect.Map:
		return (*modelHasher).mapValue
	case reflect.Struct:
		return structWalker(t)
	case reflect.Pointer:
		return (*modelHasher).pointer
	case reflect.Interface:
		return func(h *modelHasher, v reflect.Value) {
			if v.IsNil() {
				h.tag('0')
				return
			}
			h.tag('I')
			h.str(v.Elem().Type().String())
			h.value(v.Elem())
		}
	}
	return func(_ *modelHasher, v reflect.Value) {
		panic(fmt.Sprintf("golang: cannot hash a %s of the model", v.Type()))
	}
}

// structWalker writes every field of a struct but its positions.
func structWalker(t reflect.Type) walker {
	var index []int
	var fields []func() walker
	for i := range t.NumField() {
		if ft := t.Field(i).Type; ft != posType && ft != spanType {
			index = append(index, i)
			fields = append(fields, lazyWalker(ft))
		}
	}
	return func(h *modelHasher, v reflect.Value) {
		h.tag('{')
		for j, i := range index {
			fields[j]()(h, v.Field(i))
		}
	}
}

func newModelHasher(root *model.Table) *modelHasher {
	return &modelHasher{buf: make([]byte, 0, 4096), seen: map[uintptr]seen{}, root: reflect.ValueOf(root).Pointer()}
}

func (h *modelHasher) tag(b byte) { h.buf = append(h.buf, b) }

func (h *modelHasher) str(s string) {
	h.buf = binary.AppendUvarint(h.buf, uint64(len(s)))
	h.buf = append(h.buf, s...)
}

func (h *modelHasher) num(n uint64) { h.buf = binary.AppendUvarint(h.buf, n) }

// value writes v.
func (h *modelHasher) value(v reflect.Value) { walkerOf(v.Type())(h, v) }

// pointer writes what v points to, the first time it is reached.
func (h *modelHasher) pointer(v reflect.Value) {
	if v.IsNil() {
		h.tag('0')
		return
	}
	if v.Type().Elem() == tableType && v.Pointer() != h.root {
		// Read by reflection: v may come from an unexported field.
		t := v.Elem()
		// 'T' for an entity's table, followed by its entity's name, 'J'
		// for a table of no entity: the tag says what follows.
		if e := t.FieldByIndex(tableEntity); !e.IsNil() {
			h.tag('T')
			h.str(t.FieldByIndex(tableName).String())
			h.str(e.Elem().FieldByIndex(entityName).String())
			return
		}
		h.tag('J')
		h.str(t.FieldByIndex(tableName).String())
		return
	}
	p := v.Pointer()
	if s, ok := h.seen[p]; ok && s.t == v.Type() {
		h.tag('^')
		h.num(uint64(s.n))
		return
	} else if !ok {
		// The first type reached at an address is the one recorded;
		// another is written whole each time.
		h.seen[p] = seen{len(h.seen), v.Type()}
	}
	h.tag('*')
	h.value(v.Elem())
}

// mapValue writes a map with string keys in sorted order.
func (h *modelHasher) mapValue(v reflect.Value) {
	if v.Type().Key().Kind() != reflect.String {
		panic(fmt.Sprintf("golang: cannot hash a %s of the model", v.Type()))
	}
	keys := v.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int {
		switch {
		case a.String() < b.String():
			return -1
		case a.String() > b.String():
			return 1
		}
		return 0
	})
	h.tag('m')
	h.num(uint64(len(keys)))
	for _, k := range keys {
		h.str(k.String())
		h.value(v.MapIndex(k))
	}
}

func (h *modelHasher) sum() [sha256.Size]byte { return sha256.Sum256(h.buf) }

// tableDigest is what a table file may read of a model table: view,
// every field of the table but Referenced, for the files of the tables
// that refer to it, which read its columns and keys; full, with
// Referenced too (its delete policies), for its own file.
type tableDigest struct {
	view, full [sha256.Size]byte
}

// referencedField is the index of Table.Referenced, which a view leaves
// out.
var referencedField = fieldIndex(tableType, "Referenced")[0]

// digestTable hashes t as tableDigest describes, with h's buffer.
func digestTable(h *modelHasher, t *model.Table) tableDigest {
	h.buf = h.buf[:0]
	clear(h.seen)
	h.root = reflect.ValueOf(t).Pointer()
	v := reflect.ValueOf(t)
	h.seen[v.Pointer()] = seen{0, v.Type()}
	h.tag('*')
	s := v.Elem()
	for i := range tableType.NumField() {
		if ft := tableType.Field(i).Type; i != referencedField && ft != posType && ft != spanType {
			h.value(s.Field(i))
		}
	}
	var d tableDigest
	d.view = h.sum()
	// full is the digest of view and of Referenced, so that the view's
	// bytes are not hashed twice.
	n := len(h.buf)
	h.value(s.Field(referencedField))
	d.full = sha256.Sum256(append(h.buf[n:], d.view[:]...))
	return d
}

// schemaDigest hashes what every file may read of the schema beyond its
// tables: its name, and its types, enums, domains, sequences, arcs and
// Go imports, whole (they change rarely), with the names plan gave the
// enums.
func (g *gen) schemaDigest() [sha256.Size]byte {
	h := newModelHasher(nil)
	s := g.s
	h.str(s.Name)
	for _, v := range []any{s.Extensions, s.Types, s.Enums, s.Domains, s.Sequences, s.Arcs, s.GoImports} {
		h.value(reflect.ValueOf(v))
	}
	for _, e := range s.Enums {
		en := g.n.enums[e]
		h.str(en.Type)
		h.str(en.All)
		h.value(reflect.ValueOf(en.Consts))
	}
	return h.sum()
}

// planNames writes the names plan gave tb: the table's, its columns'
// fields, its key structs', its M:N rows' and its arc functions'.
func (g *gen) planNames(h *modelHasher, tb *table) {
	for _, s := range []string{tb.Base, tb.Struct, tb.Plural, tb.File, tb.KeyType} {
		h.str(s)
	}
	h.num(uint64(len(tb.key)))
	for _, c := range tb.key {
		h.str(c.Name)
	}
	h.num(uint64(len(tb.t.Columns)))
	for _, c := range tb.t.Columns {
		h.str(g.n.field(c))
	}
	h.num(uint64(len(tb.refKeys)))
	for _, rk := range tb.refKeys {
		h.str(rk.Type)
		h.str(strconv.FormatBool(rk.nulls))
		h.num(uint64(len(rk.cols)))
		for _, c := range rk.cols {
			h.str(c.Name)
		}
	}
	for _, th := range tb.through {
		h.str(th.Type)
		h.str(th.Far)
		h.str(th.Link)
	}
	for i, a := range g.s.Arcs {
		if name, ok := tb.ArcFuncs[a]; ok {
			h.num(uint64(i))
			h.str(name)
		}
	}
	h.tag('.')
}
