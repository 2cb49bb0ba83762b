package explain

import (
	"bytes"
	"fmt"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// Options control Emit.
type Options struct {
	// Entity names the table whose row is deleted or updated: an entity's
	// name, or a junction table's.
	Entity string
	// Update explains a change of the row's key instead of its delete.
	Update bool
	// Insert explains what refuses a row inserted or updated instead:
	// keys, exclusion constraints, foreign keys and checks (see
	// Refusals).
	Insert bool
	// Source, when not empty, names the file in citations (see Render).
	Source string
}

// FileName is the name Emit gives the explanation.
const FileName = "explain.txt"

// UnknownEntityError is Emit's error when the schema has no table by the
// name asked for; Suggestion is the nearest name, or "".
type UnknownEntityError struct {
	Name, Suggestion string
}

func (e *UnknownEntityError) Error() string {
	return fmt.Sprintf("no entity %q", e.Name)
}

// Emit explains what deleting (or updating the key of) one row of
// opts.Entity does, as one file, FileName: ergen's entry shape for every
// emitter (see model.File).
func Emit(s *model.Schema, opts Options) ([]model.File, error) {
	t := FindTable(s, opts.Entity)
	if t == nil {
		var names []string
		for _, tb := range s.Tables {
			names = append(names, tb.Label())
		}
		return nil, &UnknownEntityError{Name: opts.Entity, Suggestion: dsl.Suggest(opts.Entity, names)}
	}
	if opts.Insert {
		var b bytes.Buffer
		WriteRefusals(&b, t, opts.Source)
		return []model.File{{Name: FileName, Data: b.Bytes()}}, nil
	}
	tree := t.DeleteEffects()
	if opts.Update {
		tree = t.UpdateEffects()
	}
	return []model.File{{Name: FileName, Data: Render(tree, opts.Source)}}, nil
}

// FindTable finds a table by entity name, or by table name for junction
// tables, which have no entity.
func FindTable(s *model.Schema, name string) *model.Table {
	for _, t := range s.Tables {
		if t.Label() == name {
			return t
		}
	}
	for _, t := range s.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}
