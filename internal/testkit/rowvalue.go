package testkit

import (
	"fmt"
	"time"

	"github.com/ergen-dev/ergen/generator/model"
)

// RowValue is a SQL literal that column c may take in row n (n >= 1),
// different for every n, or "" where the database computes the column (a
// stored generated column) or its type has no literal here. Domains are
// looked through: the value is one of the domain's base type. Numbers are
// positive and strings short, which suits the checks random models write;
// dates and timestamps are day n of 2024, after the partitions of old
// years that tests drop.
// Literals carry no cast; one that PostgreSQL cannot resolve from the
// column alone needs the caller's.
func RowValue(c *model.Column, n int) string {
	if c.GeneratedAs != "" {
		return ""
	}
	return TypeValue(c.Type, n)
}

// TypeValue is RowValue for a value of type t.
func TypeValue(t model.Type, n int) string {
	t = t.Underlying()
	if t.Array > 0 {
		return "'{}'"
	}
	day := time.Date(2024, 1, n, 0, 0, 0, 0, time.UTC) // 2024-01-01 for row 1
	switch t.Base {
	case model.Smallint, model.Integer, model.Bigint, model.Smallserial, model.Serial, model.Bigserial,
		model.Numeric, model.Real, model.DoublePrecision:
		return fmt.Sprint(n)
	case model.Varchar, model.Char, model.Text:
		return fmt.Sprintf("'v%d'", n)
	case model.Boolean:
		return fmt.Sprint(n%2 == 1)
	case model.Date:
		return "'" + day.Format(time.DateOnly) + "'"
	case model.Time, model.TimeTZ:
		return "'" + time.Date(2024, 1, 1, 0, 0, n, 0, time.UTC).Format(time.TimeOnly) + "'"
	case model.Timestamp, model.TimestampTZ:
		return "'" + day.Format(time.DateTime) + "'"
	case model.Interval:
		return fmt.Sprintf("'%d seconds'", n)
	case model.UUID:
		return fmt.Sprintf("'00000000-0000-0000-0000-%012d'", n)
	case model.JSON, model.JSONB:
		return fmt.Sprintf("'%d'", n)
	case model.Bytea:
		return fmt.Sprintf(`'\x%08x'`, n)
	case model.Inet, model.Cidr:
		return fmt.Sprintf("'10.%d.%d.0/24'", n/256%256, n%256)
	case model.EnumType:
		return model.QuoteLiteral(t.Enum.Values[n%len(t.Enum.Values)])
	case model.ExternalBase:
		return externalValue(t.External.Name, n, day)
	}
	return ""
}

// externalValue is value n of a type known by name only (day is the
// date n stands for), or "" for a type not listed here.
func externalValue(name string, n int, day time.Time) string {
	switch name {
	case "money":
		return fmt.Sprint(n)
	case "citext", "tsvector":
		return fmt.Sprintf("'v%d'", n)
	case "ltree":
		return fmt.Sprintf("'a.b%d'", n)
	case "point":
		return fmt.Sprintf("'(%d,1)'", n)
	case "macaddr":
		return fmt.Sprintf("'08:00:2b:%02x:%02x:%02x'", n>>16&255, n>>8&255, n&255)
	case "tstzrange":
		return "'[2024-01-01," + day.Format(time.DateOnly) + "]'"
	case "daterange":
		return "'[2024-01-01," + day.Format(time.DateOnly) + "]'"
	case "bit":
		return fmt.Sprintf("B'%08b'", n%256)
	case "varbit":
		return fmt.Sprintf("B'%016b'", n%65536)
	}
	return ""
}
