package model

import (
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// ExprColumns returns the columns of t that an expression over its rows
// (an index key's lower(email)) names, in t's order: every word of the
// expression, read as PostgreSQL reads it (dsl.ScanSQL), that is the
// name of a column, a function of the same name included, so that none
// is missed. ok is false when the expression may read the row other than
// through its columns' names: a name qualified by the table's
// (members.email), the table's name alone (a whole-row reference, unless
// a column has the name), or text that does not scan. A caller that
// computes the expression apart from the table, from the values of these
// columns, computes what the table's row would.
func (t *Table) ExprColumns(expr string) (cols []*Column, ok bool) {
	toks, err := dsl.ScanSQL(expr)
	if err != nil {
		return nil, false
	}
	named := map[string]bool{}
	prev := ""
	for _, tk := range toks {
		text := expr[tk.Off:tk.End]
		name := ""
		switch tk.Kind {
		case dsl.SQLSpace, dsl.SQLComment:
			continue
		case dsl.SQLIdent:
			name = strings.ToLower(text)
		case dsl.SQLQuoted:
			name = UnquoteIdent(text)
		}
		if text == "." && prev == t.Name {
			return nil, false
		}
		named[ColumnIdent(name)] = true
		prev = name
	}
	if named[t.Name] && t.Column(t.Name) == nil {
		return nil, false
	}
	for _, c := range t.Columns {
		if named[c.Name] {
			cols = append(cols, c)
		}
	}
	return cols, true
}

// ExprColumn returns the column of t that an expression is only the name
// of, in as many parentheses as it has ((mood)): PostgreSQL reads such an
// expression as the column itself, of the column's type. It is nil for
// any other expression.
func (t *Table) ExprColumn(expr string) *Column {
	toks, err := dsl.ScanSQL(expr)
	if err != nil {
		return nil
	}
	var name string
	open, words := 0, 0
	for _, tk := range toks {
		text := expr[tk.Off:tk.End]
		switch {
		case tk.Kind == dsl.SQLSpace || tk.Kind == dsl.SQLComment:
		case text == "(" && words == 0:
			open++
		case text == ")" && words == 1 && open > 0:
			open--
		case tk.Kind == dsl.SQLIdent && words == 0:
			name, words = strings.ToLower(text), 1
		case tk.Kind == dsl.SQLQuoted && words == 0 && !strings.HasPrefix(text, "U&"):
			name, words = UnquoteIdent(text), 1
		default:
			return nil
		}
	}
	if words == 0 || open != 0 {
		return nil
	}
	return t.Column(ColumnIdent(name))
}
