package model_test

import (
	"testing"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/randmodel"
)

// The DDL emitter appends names and types through the Append functions;
// the Go emitter and review output use the string forms. They must agree,
// or the Go code would name objects the DDL did not create.
func TestSQLSpellingAgrees(t *testing.T) {
	for seed := range int64(40) {
		opts := randmodel.Options{}
		if seed%2 == 1 {
			opts.Schema = "Shop" // upper case: a schema name that needs quoting
		}
		s, diags := load(t, randmodel.Generate(seed, opts))
		if diags.HasErrors() {
			t.Fatalf("seed %d: %v", seed, diags.Err())
		}
		for _, tb := range s.Tables {
			if got, want := string(s.AppendQualified([]byte("x"), tb.Name)), "x"+s.Qualify(tb.Name); got != want {
				t.Errorf("seed %d: AppendQualified(%q) = %q, Qualify = %q", seed, tb.Name, got, want)
			}
			for _, c := range tb.Columns {
				if got, want := string(model.AppendIdent(nil, c.Name)), model.QuoteIdent(c.Name); got != want {
					t.Errorf("seed %d: AppendIdent(%q) = %q, QuoteIdent = %q", seed, c.Name, got, want)
				}
				if got, want := string(s.AppendTypeSQL(nil, c.Type)), s.TypeSQL(c.Type); got != want {
					t.Errorf("seed %d: AppendTypeSQL(%s) = %q, TypeSQL = %q", seed, c.Type, got, want)
				}
			}
			want := "("
			for i, c := range tb.Columns {
				if i > 0 {
					want += ", "
				}
				want += model.QuoteIdent(c.Name)
			}
			if got := model.ColumnListSQL(tb.Columns); got != want+")" {
				t.Errorf("seed %d: ColumnListSQL = %q, want %q", seed, got, want+")")
			}
			// A key's columns in a violation's Detail, and INCLUDE's, are
			// the list DDL writes.
			if got := model.ErrorKeyColumns(tb.Columns); got != want[1:] {
				t.Errorf("seed %d: ErrorKeyColumns = %q, want %q", seed, got, want[1:])
			}
			if got := model.IncludeSQL(tb.Columns); got != " INCLUDE "+want+")" {
				t.Errorf("seed %d: IncludeSQL = %q, want %q", seed, got, " INCLUDE "+want+")")
			}
		}
	}
}
