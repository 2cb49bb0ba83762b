package dsl

import "strings"

// Defaults and CHECKs are copied from the .er file into the DDL (and into
// the Go package's SQL) as written. The grammar finds where each ends
// with ergen's own tokens; CheckExpr then reads that text by PostgreSQL's
// lexical rules (ScanSQL) and accepts it only when PostgreSQL would read
// exactly the same extent: every string, identifier and bracket closes
// inside it, and it holds no comment and no ";". So no text can end an
// expression early, swallow the DDL after it, or start a statement, under
// any setting of standard_conforming_strings, sent as one string or run
// with psql -f.

// CheckExpr reports why expr, the text of a default (paren false) or of a
// parenthesised CHECK (paren true), may not be copied into SQL, or nil.
func CheckExpr(expr string, paren bool) *SQLScanError {
	toks, err := ScanSQL(expr)
	if err != nil {
		return err
	}
	depth, last := 0, -1
	for i, t := range toks {
		if t.Kind != SQLSpace {
			last = i
		}
	}
	for i, t := range toks {
		if err := checkExprToken(expr, t); err != nil {
			return err
		}
		switch expr[t.Off] {
		case '(', '[':
			if t.Kind == SQLSelf {
				depth++
			}
		case ')', ']':
			if t.Kind != SQLSelf {
				break
			}
			depth--
			if depth < 0 || paren && depth == 0 && i != last {
				return &SQLScanError{Off: t.Off, End: t.End,
					Msg:  "this " + expr[t.Off:t.End] + " closes the expression before its end",
					Hint: "brackets must balance inside an expression"}
			}
		}
	}
	if depth != 0 || paren && last < 0 {
		return &SQLScanError{Off: 0, End: len(expr), Msg: "unbalanced brackets in the expression",
			Hint: "brackets must balance inside an expression"}
	}
	return nil
}

// checkExprToken reports a token an expression may not hold.
func checkExprToken(expr string, t SQLToken) *SQLScanError {
	text := expr[t.Off:t.End]
	bad := func(msg, hint string) *SQLScanError {
		return &SQLScanError{Off: t.Off, End: t.End, Msg: msg, Hint: hint}
	}
	switch {
	case t.Kind == SQLComment:
		return bad("comment inside an expression",
			"PostgreSQL would read it as a comment, the .er file as code; write the comment with // after the expression")
	case text == ";":
		return bad("; inside an expression", "a ; ends the SQL statement; an expression may not hold one")
	case t.Kind == SQLString && len(text) > 1 && text[1] == '&':
		return bad("U&'...' string in an expression",
			`PostgreSQL refuses U&'...' when standard_conforming_strings is off; write E'\u0041' instead`)
	case text == `\`:
		return bad(`backslash outside a string`, `psql reads \ as the start of a meta-command`)
	case text == ":" && t.End < len(expr) && (isIdentStart(expr[t.End]) || strings.IndexByte(`'"{`, expr[t.End]) >= 0):
		return bad("psql variable reference in an expression",
			"psql replaces :name with a variable's value; put a space after the colon")
	}
	return nil
}

// checkExprs checks every default and CHECK expression of f.
func checkExprs(f *File) Diagnostics {
	c := &exprChecker{f: f, at: newPosCursor(f.Name, f.Source)}
	for _, d := range f.Decls {
		switch {
		case d.Domain != nil:
			for _, o := range d.Domain.Options {
				c.paren(o.Check)
				if o.Default != nil {
					c.check(o.Default.Pos.Offset, o.Default.EndPos.Offset, false)
				}
			}
		case d.Entity != nil:
			for _, it := range d.Entity.Items {
				c.entityItem(it)
			}
		case d.Relationship != nil:
			for _, it := range d.Relationship.Items {
				c.index(it.Unique)
				c.index(it.Index)
				c.options(it.Attribute)
			}
		}
	}
	return c.ds
}

// exprChecker collects the diagnostics of the expressions of one file.
type exprChecker struct {
	f  *File
	ds Diagnostics
	at *posCursor // the expressions come in the order of the file
}

// check checks the expression at f.Source[from:to].
func (c *exprChecker) check(from, to int, paren bool) {
	f := c.f
	if from < 0 || to > len(f.Source) || from >= to {
		return
	}
	if err := CheckExpr(string(f.Source[from:to]), paren); err != nil {
		p, e := c.at.pos(from+err.Off), c.at.pos(from+err.End)
		c.ds = append(c.ds, &Diagnostic{Severity: Error, Pos: p, End: e, Msg: err.Msg, Hint: err.Hint})
	}
}

// options checks an attribute's default, checks and generation.
func (c *exprChecker) options(a *Attribute) {
	if a == nil {
		return
	}
	for _, o := range a.Options {
		if o.Default != nil {
			c.check(o.Default.Pos.Offset, o.Default.EndPos.Offset, false)
		}
		if o.Check != nil {
			c.check(o.Check.Pos.Offset, o.Check.EndPos.Offset, true)
		}
		if o.Generated != nil {
			c.check(o.Generated.Pos.Offset, o.Generated.EndPos.Offset, true)
		}
	}
}

func (c *exprChecker) paren(p *Paren) {
	if p != nil {
		c.check(p.Pos.Offset, p.EndPos.Offset, true)
	}
}

// index checks the SQL an index or unique clause holds: an expression
// key, a call's arguments and its where predicate.
func (c *exprChecker) index(ix *IndexDecl) {
	if ix == nil {
		return
	}
	for _, k := range ix.Keys {
		c.paren(k.Expr)
		c.paren(k.Args)
	}
	for _, o := range ix.Options {
		c.paren(o.Where)
	}
}

// entityItem checks the SQL of one item of an entity.
func (c *exprChecker) entityItem(it *EntityItem) {
	c.paren(it.Check)
	for _, b := range PartitionBounds(it.Partition) {
		c.paren(b)
	}
	c.index(it.Unique)
	c.index(it.Index)
	for _, x := range excludeExprs(it.Exclude) {
		c.paren(x)
	}
	c.options(it.Attribute)
}

// PartitionBounds returns the SQL a partition clause holds: its bounds'
// parenthesised values and its key's expressions. Nil for none.
func PartitionBounds(p *Partition) []*Paren {
	switch {
	case p == nil:
		return nil
	case p.By != nil:
		return keyExprs(p.By)
	case p.Bound == nil:
		return nil
	}
	out := keyExprs(p.Bound.By)
	switch {
	case p.Bound.Range != nil:
		out = append(out, p.Bound.Range.From, p.Bound.Range.To)
	case p.Bound.In != nil:
		out = append(out, p.Bound.In)
	}
	return out
}

// excludeExprs returns the SQL an exclude clause holds: its elements'
// expressions and call arguments, and its where predicate.
func excludeExprs(x *ExcludeDecl) []*Paren {
	if x == nil {
		return nil
	}
	var out []*Paren
	for _, el := range x.Elems {
		out = append(out, el.Expr, el.Args)
	}
	for _, o := range x.Options {
		out = append(out, o.Where)
	}
	return out
}

// keyExprs returns the expressions and call arguments of a partition key.
func keyExprs(by *PartitionBy) []*Paren {
	if by == nil {
		return nil
	}
	var out []*Paren
	for _, k := range by.Key.Keys {
		for _, x := range []*Paren{k.Expr, k.Args} {
			if x != nil {
				out = append(out, x)
			}
		}
	}
	return out
}
