package model

import "testing"

// TestSplitCollation: the COLLATE over the whole of a key's expression
// is split off as PostgreSQL splits it when it builds the index; one
// over an operand only, or after an operator that binds less tightly,
// stays in the expression.
func TestSplitCollation(t *testing.T) {
	for _, tc := range []struct{ expr, rest, coll string }{
		{`(lower(code) collate "C")`, `lower(code)`, "C"},
		{`((lower(code)) COLLATE "POSIX")`, `lower(code)`, "POSIX"},
		{`(code collate ucs_basic)`, `code`, "ucs_basic"},
		{`(code::text collate pg_catalog."C")`, `code::text`, "C"},
		{`((code collate "C") collate "POSIX")`, `code`, "POSIX"},
		{`(case when a then b else c end collate "C")`, `case when a then b else c end`, "C"},
		{`(a || b collate "C")`, `(a || b collate "C")`, ""},
		{`(a is null collate "C")`, `(a is null collate "C")`, ""},
		{`(collate "C")`, `(collate "C")`, ""},
		{`lower(code)`, `lower(code)`, ""},
		{`(lower(code) collate "C"`, `(lower(code) collate "C"`, ""},
	} {
		rest, coll := SplitCollation(tc.expr)
		if rest != tc.rest || coll != tc.coll {
			t.Errorf("SplitCollation(%s) = %q, %q; want %q, %q", tc.expr, rest, coll, tc.rest, tc.coll)
		}
	}
}

// TestStoredKey: an expression key that is only a column, collated or
// not, is stored as the column's key.
func TestStoredKey(t *testing.T) {
	s := resolveSrc(t, `entity Item {
  id   serial pk
  code text
}
`)
	items := table(t, s, "items")
	for _, tc := range []struct{ expr, col, rest, coll string }{
		{`(code collate "C")`, "code", "", "C"},
		{`((code))`, "code", "", ""},
		{`(lower(code) collate "C")`, "", "lower(code)", "C"},
		{`(code || 'x')`, "", "(code || 'x')", ""},
	} {
		k := items.StoredKey(IndexKey{Expr: tc.expr})
		col := ""
		if k.Column != nil {
			col = k.Column.Name
		}
		if col != tc.col || k.Expr != tc.rest || k.Collation != tc.coll {
			t.Errorf("StoredKey(%s) = column %q, %q, %q; want %q, %q, %q", tc.expr, col, k.Expr, k.Collation, tc.col, tc.rest, tc.coll)
		}
	}
}

// StoredSpec spells alike the keys PostgreSQL stores alike, whatever their
// parentheses and however a whole-expression COLLATE is written, and
// keeps apart keys it stores apart.
func TestStoredSpec(t *testing.T) {
	spec := func(expr string) string {
		return (&Index{Method: "btree", Keys: []IndexKey{{Expr: expr}}}).StoredSpec()
	}
	same := [][2]string{
		{`(lower(code) collate "C")`, `((lower(code)) collate "C")`},
		{`(code collate "C")`, `((code) collate "C")`},
	}
	for _, p := range same {
		if a, b := spec(p[0]), spec(p[1]); a != b {
			t.Errorf("%s is %s, %s is %s; want one spec", p[0], a, p[1], b)
		}
	}
	if a, b := spec(`(lower(code) collate "C")`), spec(`(lower(code))`); a == b {
		t.Errorf("a collated key and one without share the spec %s", a)
	}
	// A key written with its COLLATE after the expression's parentheses,
	// or as a column's, is spelt as one with the COLLATE inside.
	code := &Column{Name: "code"}
	for _, p := range []struct {
		expr string
		key  IndexKey
	}{
		{`(lower(code) collate "C")`, IndexKey{Expr: `(lower(code))`, Collation: "C"}},
		{`(code collate "C")`, IndexKey{Column: code, Collation: "C"}},
		{`((code))`, IndexKey{Column: code}},
		{`("code" collate "C")`, IndexKey{Expr: `code`, Collation: "C"}},
	} {
		if a, b := spec(p.expr), (&Index{Method: "btree", Keys: []IndexKey{p.key}}).StoredSpec(); a != b {
			t.Errorf("%s is %s, the key %+v is %s; want one spec", p.expr, a, p.key, b)
		}
	}
}

// A table whose default takes from another table's serial sequence comes
// after that table, which creates the sequence, whatever the order of
// declaration.
func TestSequenceParentsOrder(t *testing.T) {
	s := resolveSrc(t, `entity Copy {
  id integer = nextval('originals_id_seq')
}
entity Original {
  id serial pk
}
`)
	var order []string
	for _, tb := range s.Tables {
		order = append(order, tb.Name)
	}
	if len(order) != 2 || order[0] != "originals" {
		t.Errorf("tables in the order %v; want originals first", order)
	}
}
