package model

import (
	"strings"
	"testing"
)

func TestObjectName(t *testing.T) {
	for _, tc := range []struct {
		kind  ObjectKind
		table string
		parts []string
		want  string
	}{
		{PrimaryKeyObject, "orders", nil, "pk_orders"},
		{UniqueObject, "users", []string{"email"}, "uq_users_email"},
		{IndexObject, "orders", []string{"user_id"}, "idx_orders_user_id"},
		{CheckObject, "orders", []string{"qty", "2"}, "ck_orders_qty_2"},
		{ForeignKeyObject, "orders", []string{"user"}, "fk_orders_user"},
	} {
		if got := ObjectName(tc.kind, tc.table, tc.parts...); got != tc.want {
			t.Errorf("ObjectName(%s, %s, %q) = %q, want %q", tc.kind, tc.table, tc.parts, got, tc.want)
		}
	}
	long := strings.Repeat("x", 70)
	got := ObjectName(IndexObject, long, "a_id")
	if len(got) > MaxIdentLen || got != ShortenIdent("idx_"+long+"_a_id") {
		t.Errorf("ObjectName of a long table = %q (%d bytes), want the shortened full name", got, len(got))
	}
}
