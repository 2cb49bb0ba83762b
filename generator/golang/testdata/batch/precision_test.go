package batch

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang, with batch_test.go, whose TestBatch runs it.

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

// precisionKeys: keys of a numeric(10,2) (through a domain, and not) and
// a timestamp(0) are compared as given, as Get and ChildrenOf compare
// them: a batch key of 1.005 finds nothing where 1.01 is stored, in
// ChildrenOfMany, CountChildrenOf and LinkedOfMany alike, and the
// comparison still uses the child's index. Get by a key that finds NULL
// finds nothing for a value the column could not hold.
func precisionKeys(t *testing.T, db *DB) {
	ctx := context.Background()
	stored, between := num(t, "1.01"), num(t, "1.005")
	tariff := golangtest.Must[Tariff](t)(Create(ctx, db, Tariffs, CreateTariffParams{Amount: stored}))
	golangtest.Must[Fare](t)(Create(ctx, db, Fares, CreateFareParams{TariffAmount: tariff.Amount}))
	rate := golangtest.Must[Rate](t)(Create(ctx, db, Rates, CreateRateParams{Amount: stored}))
	golangtest.Must[Fee](t)(Create(ctx, db, Fees, CreateFeeParams{RateAmount: rate.Amount}))
	at := time.Date(2026, 1, 2, 12, 0, 0, 0, time.UTC)
	shift := golangtest.Must[Shift](t)(Create(ctx, db, Shifts, CreateShiftParams{Starts: at}))
	golangtest.Must[Visit](t)(Create(ctx, db, Visits, CreateVisitParams{ShiftStarts: shift.Starts}))
	golangtest.Must[bool](t)(Link(ctx, db, Rosters, LinkRateShiftParams{RateAmount: rate.Amount, ShiftStarts: shift.Starts}))
	near := at.Add(400 * time.Millisecond) // timestamp(0) would round it to at

	numKeys := []pgtype.Numeric{stored, between}
	if got := golangtest.Must[[][]Fare](t)(ChildrenOfMany(ctx, db, FareTariff, numKeys)); len(got) != 2 || len(got[0]) != 1 || len(got[1]) != 0 {
		t.Errorf("ChildrenOfMany(FareTariff, 1.01, 1.005) = %+v, want one fare, then none", got)
	}
	if got := golangtest.Must[[]int64](t)(CountChildrenOf(ctx, db, FareTariff, numKeys)); len(got) != 2 || got[0] != 1 || got[1] != 0 {
		t.Errorf("CountChildrenOf(FareTariff, 1.01, 1.005) = %v, want [1 0]", got)
	}
	if got := golangtest.Must[[][]Fee](t)(ChildrenOfMany(ctx, db, FeeRate, numKeys)); len(got) != 2 || len(got[0]) != 1 || len(got[1]) != 0 {
		t.Errorf("ChildrenOfMany(FeeRate, 1.01, 1.005) = %+v, want one fee, then none", got)
	}
	if got := golangtest.Must[[]int64](t)(CountChildrenOf(ctx, db, FeeRate, numKeys)); len(got) != 2 || got[0] != 1 || got[1] != 0 {
		t.Errorf("CountChildrenOf(FeeRate, 1.01, 1.005) = %v, want [1 0]", got)
	}
	if got := golangtest.Must[[][]RosterShift](t)(LinkedOfMany(ctx, db, ShiftsOfRate, numKeys)); len(got) != 2 || len(got[0]) != 1 || len(got[1]) != 0 {
		t.Errorf("LinkedOfMany(ShiftsOfRate, 1.01, 1.005) = %+v, want one shift, then none", got)
	}
	timeKeys := []time.Time{at, near}
	if got := golangtest.Must[[][]Visit](t)(ChildrenOfMany(ctx, db, VisitShift, timeKeys)); len(got) != 2 || len(got[0]) != 1 || len(got[1]) != 0 {
		t.Errorf("ChildrenOfMany(VisitShift, %v, %v) = %+v, want one visit, then none", at, near, got)
	}
	if got := golangtest.Must[[]int64](t)(CountChildrenOf(ctx, db, VisitShift, timeKeys)); len(got) != 2 || got[0] != 1 || got[1] != 0 {
		t.Errorf("CountChildrenOf(VisitShift, %v, %v) = %v, want [1 0]", at, near, got)
	}
	if got := golangtest.Must[[][]RosterRate](t)(LinkedOfMany(ctx, db, RatesOfShift, timeKeys)); len(got) != 2 || len(got[0]) != 1 || len(got[1]) != 0 {
		t.Errorf("LinkedOfMany(RatesOfShift, %v, %v) = %+v, want one rate, then none", at, near, got)
	}
	// One key at a time, as the batches now agree with.
	if got := golangtest.Must[[]Fare](t)(ChildrenOf(ctx, db, FareTariff, between)); len(got) != 0 {
		t.Errorf("ChildrenOf(FareTariff, 1.005) = %+v, want none", got)
	}

	// 12345.6 overflows the numeric(3,1) of grade: not a grade of any rate.
	big := num(t, "12345.6")
	if got, err := Get(ctx, db, RateByGrade, &big); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(RateByGrade, 12345.6) = %+v, %v; want ErrNotFound", got, err)
	}
	if got, err := Get(ctx, db, RateByGrade, nil); err != nil || !reflect.DeepEqual(got, rate) {
		t.Errorf("Get(RateByGrade, nil) = %+v, %v; want %+v", got, err, rate)
	}

	// The keys compare by the column's own type, which its index serves.
	if _, err := db.Exec(ctx, "SET enable_seqscan = off"); err != nil {
		t.Fatal(err)
	}
	defer db.Exec(ctx, "RESET enable_seqscan")
	for _, q := range []struct {
		sql  string
		args any
	}{{fareTariffBatchSQL, numKeys}, {feeRateCountSQL, numKeys}, {visitShiftBatchSQL, timeKeys}} {
		plan := explain(t, db, q.sql, q.args)
		if strings.Contains(plan, "Seq Scan on fares") || strings.Contains(plan, "Seq Scan on fees") || strings.Contains(plan, "Seq Scan on visits") {
			t.Errorf("the plan of\n%s\nreads the whole table:\n%s", q.sql, plan)
		}
	}
}

// explain is the plan of sql, with the parameter arg.
func explain(t *testing.T, db *DB, sql string, arg any) string {
	t.Helper()
	rows, err := db.Query(context.Background(), "EXPLAIN "+sql, arg)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		b.WriteString(line + "\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
