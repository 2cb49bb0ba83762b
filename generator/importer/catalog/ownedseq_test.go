package catalog_test

import (
	"slices"
	"testing"
)

// A sequence the model declares that a column of the database owns
// (ALTER SEQUENCE ... OWNED BY, which a model cannot write) is read as
// that column's sequence, not among the schema's other objects: it is in
// the database still, and the difference is the ownership alone, reported
// once, as the column's owned sequence; the model's sequence is not
// reported missing. A sequence the model declares that the database
// lacks is.
func TestDiffOwnedDeclaredSequence(t *testing.T) {
	s := load(t, `
schema owned
sequence ticket_numbers
entity Ticket {
  id     serial pk
  number bigint = nextval('owned.ticket_numbers'::regclass)
}
`)
	conn, _, _ := applyExpected(t, s)
	for _, c := range []struct {
		sql  string
		want []string
	}{
		{"ALTER SEQUENCE owned.ticket_numbers OWNED BY owned.tickets.number",
			[]string{"table tickets: column number: the sequence it owns is ticket_numbers in the database, none in the model"}},
		{"ALTER TABLE owned.tickets ALTER number DROP DEFAULT; DROP SEQUENCE owned.ticket_numbers", []string{
			"table tickets: column number: the default is none in the database, nextval('owned.ticket_numbers'::regclass) in the model",
			"sequence ticket_numbers is in the model, not in the database"}},
	} {
		t.Run(c.sql, func(t *testing.T) {
			diffs := diffAfter(t, conn, s, c.sql)
			if !slices.Equal(diffs, c.want) {
				t.Errorf("differences %q, want %q", diffs, c.want)
			}
		})
	}
}
