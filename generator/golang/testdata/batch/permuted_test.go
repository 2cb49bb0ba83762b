package batch

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang, with batch_test.go, whose TestBatch runs it.

import (
	"context"
	"reflect"
	"testing"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

// permutedKeys: foreign keys that list the columns they refer to in
// another order than the referenced key (refunds by (number, region),
// vouchers by (serial_no, code)) are followed with the key's own struct,
// AccountKey and AccountCodeAndSerialNoKey, both ways and in batches;
// Get by a unique key over the primary key's columns in another order
// takes AccountKey too.
func permutedKeys(t *testing.T, db *DB) {
	ctx := context.Background()
	code := "P"
	acct := golangtest.Must[Account](t)(Create(ctx, db, Accounts, CreateAccountParams{Region: "pk", Number: 7, Code: &code, SerialNo: 70}))
	other := golangtest.Must[Account](t)(Create(ctx, db, Accounts, CreateAccountParams{Region: "pk", Number: 8, SerialNo: 80}))
	key := AccountKey{Region: acct.Region, Number: acct.Number}
	if got, err := Get(ctx, db, AccountByNumberAndRegion, key); err != nil || !reflect.DeepEqual(got, acct) {
		t.Errorf("Get(AccountByNumberAndRegion, %+v) = %+v, %v; want %+v", key, got, err, acct)
	}
	rf := golangtest.Must[Refund](t)(Create(ctx, db, Refunds, CreateRefundParams{AccountRegion: acct.Region, AccountNumber: acct.Number}))
	if got, err := ParentOf(ctx, db, RefundAccount, &rf); err != nil || !reflect.DeepEqual(got, acct) {
		t.Errorf("ParentOf(RefundAccount) = %+v, %v; want %+v", got, err, acct)
	}
	if got, err := ChildrenOf(ctx, db, RefundAccount, key); err != nil || len(got) != 1 || got[0] != rf {
		t.Errorf("ChildrenOf(RefundAccount, %+v) = %+v, %v", key, got, err)
	}
	otherKey := AccountKey{Region: other.Region, Number: other.Number}
	refunds := golangtest.Must[map[AccountKey][]Refund](t)(ChildrenOfMany(ctx, db, RefundAccount, []AccountKey{key, otherKey, {Region: "pk", Number: 9}}))
	if len(refunds) != 1 || len(refunds[key]) != 1 || refunds[key][0] != rf {
		t.Errorf("ChildrenOfMany(RefundAccount) = %+v; want %+v at %+v", refunds, rf, key)
	}
	if counts := golangtest.Must[map[AccountKey]int64](t)(CountChildrenOf(ctx, db, RefundAccount, []AccountKey{key, otherKey})); len(counts) != 1 || counts[key] != 1 {
		t.Errorf("CountChildrenOf(RefundAccount) = %v", counts)
	}

	uk := AccountCodeAndSerialNoKey{Code: code, SerialNo: acct.SerialNo}
	v := golangtest.Must[Voucher](t)(Create(ctx, db, Vouchers, CreateVoucherParams{AccountCode: &code, AccountSerialNo: &acct.SerialNo}))
	if got, err := ChildrenOf(ctx, db, VoucherAccount, uk); err != nil || len(got) != 1 || got[0].ID != v.ID {
		t.Errorf("ChildrenOf(VoucherAccount, %+v) = %+v, %v", uk, got, err)
	}
	vouchers := golangtest.Must[map[AccountCodeAndSerialNoKey][]Voucher](t)(ChildrenOfMany(ctx, db, VoucherAccount, []AccountCodeAndSerialNoKey{uk, {Code: code, SerialNo: 80}}))
	if len(vouchers) != 1 || len(vouchers[uk]) != 1 || vouchers[uk][0].ID != v.ID {
		t.Errorf("ChildrenOfMany(VoucherAccount) = %+v; want %+v at %+v", vouchers, v, uk)
	}
	if counts := golangtest.Must[map[AccountCodeAndSerialNoKey]int64](t)(CountChildrenOf(ctx, db, VoucherAccount, []AccountCodeAndSerialNoKey{uk})); len(counts) != 1 || counts[uk] != 1 {
		t.Errorf("CountChildrenOf(VoucherAccount) = %v", counts)
	}
}
