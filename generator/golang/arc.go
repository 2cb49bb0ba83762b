package golang

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/ergen-dev/ergen/generator/model"
)

// arcFuncNames are the names, best first, of the function saying which
// parent a row of base has in arc a, among all the model's arcs. The
// child of one arc has CommentParent. The child of several has one
// function per arc named after its parents, CommentPostOrPhotoParent and
// CommentUserOrTeamParent: CommentParent and CommentArcParent would say
// which arc each is only by the order they were declared in.
func arcFuncNames(base string, a *model.Arc, arcs []*model.Arc) []string {
	n := 0
	for _, o := range arcs {
		if o.Child == a.Child {
			n++
		}
	}
	if n == 1 {
		return []string{base + "Parent", base + "ArcParent"}
	}
	parents := make([]string, len(a.Members))
	for i, m := range a.Members {
		parents[i] = goName(m.Left.Name)
	}
	return []string{base + strings.Join(parents, "Or") + "Parent", base + strings.Join(parents, "Or") + "ArcParent"}
}

// arcFuncs declares, for each exclusive arc of tb's entity, the function
// saying which of the arc's parents the row references: the
// parent's entity name, or "" when it references none (an optional arc).
// The arc's CHECK makes at most one of the FK columns set, so the first
// set one is the answer.
func (f *file) arcFuncs(tb *table) {
	for _, a := range f.g.s.Arcs {
		name, ok := tb.ArcFuncs[a]
		if !ok {
			continue
		}
		cols := a.Columns()
		var cases []jen.Code
		var names []string
		for i, m := range a.Members {
			cases = append(cases, jen.Case(sel("r", f.g.n.field(cols[i])).Op("!=").Nil()).Block(jen.Return(jen.Lit(m.Left.Name))))
			names = append(names, strconv.Quote(m.Left.Name))
		}
		f.docf("%s returns which parent r references in the exclusive arc %s: %s,", name, a.Label(), strings.Join(names, ", "))
		if a.Required {
			f.doc(`exactly one of them, as the arc's CHECK requires ("" only for a row not read from the database).`)
		} else {
			f.doc(`or "" when it references none.`)
		}
		f.decl(jen.Func().Id(name).Params(jen.Id("r").Id(tb.Struct)).String().Block(jen.Switch().Block(cases...), jen.Return(jen.Lit(""))))
	}
}
