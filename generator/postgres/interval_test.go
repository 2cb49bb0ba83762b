package postgres_test

import (
	"context"
	"testing"
)

// TestIntervalFields runs testdata/intervals: a value stored in a column
// restricted to some fields keeps those fields only, and its seconds only
// to the precision given.
func TestIntervalFields(t *testing.T) {
	conn := appliedTestdata(t, "intervals")
	ctx := context.Background()
	const v = "'1 year 2 months 3 days 04:05:06.789'"
	if _, err := conn.Exec(ctx, `INSERT INTO shifts (any_, precise, years, months, days, hours, minutes, seconds, seconds2,
		year_month, day_hour, day_minute, day_second, day_second0, hour_second, min_second)
		SELECT v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v FROM (SELECT `+v+`::interval AS v) x`); err != nil {
		t.Fatal(describe(err))
	}
	for col, want := range map[string]string{
		"any_":        "1 year 2 mons 3 days 04:05:06.789",
		"precise":     "1 year 2 mons 3 days 04:05:06.789",
		"years":       "1 year",
		"year_month":  "1 year 2 mons",
		"day_hour":    "1 year 2 mons 3 days 04:00:00",
		"day_minute":  "1 year 2 mons 3 days 04:05:00",
		"seconds2":    "1 year 2 mons 3 days 04:05:06.79",
		"day_second0": "1 year 2 mons 3 days 04:05:07",
		"min_second":  "1 year 2 mons 3 days 04:05:06.79",
	} {
		var got string
		if err := conn.QueryRow(ctx, "SELECT "+col+"::text FROM shifts").Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s holds %s, want %s", col, got, want)
		}
	}
}
