package migrate_test

import (
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// fill inserts up to two rows into every table of old, parents first, so
// that a migration runs on a database with data. Row i refers to row i of
// the table a foreign key references (so that a 1:N may become a 1:1); generated columns take
// their default; every other column a value of its type that suits the
// checks randmodel writes (positive numbers, short strings). An insert the
// database refuses (a NULL parent, a duplicate) is skipped: the table has
// fewer rows. Columns that new makes NOT NULL are then cleared of NULLs,
// as an application backfills before such a change; where they cannot
// be, fill says so.
func fill(conn *pgx.Conn, old, new *model.Schema) error {
	for _, t := range old.Tables {
		for i := range 2 {
			var cols, vals []string
			for _, c := range t.Columns {
				v := value(old, c, i)
				if v == "" {
					continue
				}
				cols = append(cols, model.QuoteIdent(c.Name))
				vals = append(vals, v)
			}
			sql := "INSERT INTO " + old.Qualify(t.Name) + " DEFAULT VALUES"
			if len(cols) > 0 {
				sql = "INSERT INTO " + old.Qualify(t.Name) + " (" + strings.Join(cols, ", ") + ") VALUES (" + strings.Join(vals, ", ") + ")"
			}
			conn.Exec(ctx, sql) //nolint:errcheck // a refused row is skipped
		}
	}
	for _, nt := range new.Tables {
		ot := findTable(old, nt.Name)
		for _, nc := range nt.Columns {
			if ot == nil || nc.Nullable {
				continue
			}
			oc := ot.Column(nc.Name)
			if oc == nil || !oc.Nullable {
				continue
			}
			where := " WHERE " + model.QuoteIdent(oc.Name) + " IS NULL"
			if v := value(old, oc, 0); v != "" {
				conn.Exec(ctx, "UPDATE "+old.Qualify(ot.Name)+" SET "+model.QuoteIdent(oc.Name)+" = "+v+where) //nolint:errcheck // deleted below
			}
			conn.Exec(ctx, "DELETE FROM "+old.Qualify(ot.Name)+where) //nolint:errcheck // checked by the caller
			var left bool
			if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT FROM "+old.Qualify(ot.Name)+where+")").Scan(&left); err != nil || left {
				return fmt.Errorf("%s.%s keeps NULLs that NEW forbids", ot.Name, oc.Name)
			}
		}
	}
	return nil
}

func findTable(s *model.Schema, name string) *model.Table {
	for _, t := range s.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// value is the SQL of column c in row i, or "" to leave it to its default:
// an FK column takes row i of the referenced table's column, a column the
// database fills (generated, serial, identity, default) its default, any
// other testkit.RowValue of row i+1.
func value(s *model.Schema, c *model.Column, i int) string {
	if c.GeneratedAs != "" {
		return "" // PostgreSQL computes it
	}
	if fk := c.ForeignKey; fk != nil {
		for k, fc := range fk.Columns {
			if fc == c {
				return "(SELECT " + model.QuoteIdent(fk.RefColumns[k].Name) + " FROM " + s.Qualify(fk.RefTable.Name) +
					fmt.Sprintf(" ORDER BY ctid LIMIT 1 OFFSET %d)", i)
			}
		}
	}
	if c.Generated() {
		return ""
	}
	return testkit.RowValue(c, i+1)
}
