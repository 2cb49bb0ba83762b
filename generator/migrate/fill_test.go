package migrate_test

import (
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
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

// value is the SQL of column c in row i, or "" to leave it to its default.
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
	ty := c.Type
	if ty.Array > 0 {
		return "'{}'"
	}
	n := i + 1
	switch ty.Base {
	case model.Smallint, model.Integer, model.Bigint, model.Numeric, model.Real, model.DoublePrecision:
		return fmt.Sprint(n)
	case model.Varchar, model.Char, model.Text:
		return postgres.QuoteLiteral(string(rune('a' + i)))
	case model.Boolean:
		return fmt.Sprint(i == 0)
	case model.Date, model.Timestamp, model.TimestampTZ:
		return fmt.Sprintf("'2024-01-0%d'", n)
	case model.Time, model.TimeTZ:
		return fmt.Sprintf("'12:0%d'", n)
	case model.Interval:
		return fmt.Sprintf("'%d days'", n)
	case model.UUID:
		return fmt.Sprintf("'00000000-0000-0000-0000-00000000000%d'", n)
	case model.JSON, model.JSONB:
		return fmt.Sprintf(`'{"n": %d}'`, n)
	case model.Bytea:
		return fmt.Sprintf(`'\x0%d'`, n)
	case model.Inet, model.Cidr:
		return fmt.Sprintf("'10.0.0.%d/32'", n)
	case model.EnumType:
		return postgres.QuoteLiteral(ty.Enum.Values[i%len(ty.Enum.Values)]) + "::" + s.TypeSQL(ty)
	case model.ExternalBase:
		if v, ok := externalValues[ty.External.Name]; ok {
			return fmt.Sprintf(v, n)
		}
	}
	return ""
}

// externalValues are literals of types known by name only, %d standing
// for the row's number; a text-like type (citext) takes a string.
var externalValues = map[string]string{
	"citext": "'a%d'", "money": "%d", "tsvector": "'w%d'", "macaddr": "'08:00:2b:01:02:0%d'", "point": "'(%d,1)'",
	"tstzrange": "'[2024-01-01,2024-01-0%d]'", "daterange": "'[2024-01-01,2024-01-0%d]'", "ltree": "'a.b%d'",
	"bit": "B'000000%02b'", "varbit": "B'%b'",
}
