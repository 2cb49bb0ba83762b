package model

import (
	"strconv"
	"strings"
)

// ObjectKind is the kind of a constraint or index whose name ergen
// chooses; its value is the name's prefix.
type ObjectKind string

const (
	PrimaryKeyObject ObjectKind = "pk"
	UniqueObject     ObjectKind = "uq"
	IndexObject      ObjectKind = "idx"
	CheckObject      ObjectKind = "ck"
	ForeignKeyObject ObjectKind = "fk"
	ExclusionObject  ObjectKind = "ex"
)

// ObjectName is the name ergen gives a constraint or index that the .er
// file does not name: the kind's prefix, the table and the parts (column
// names, a role, a number), joined by "_" and kept within 63 bytes by
// ShortenIdent: pk_orders, uq_users_email, idx_orders_user_id,
// ck_orders_qty_2, fk_orders_user. Every derived name comes from here, so
// that the DDL, the Go error mapping and the review output agree.
func ObjectName(kind ObjectKind, table string, parts ...string) string {
	n := len(kind) + 1 + len(table)
	for _, p := range parts {
		n += 1 + len(p)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(string(kind))
	b.WriteByte('_')
	b.WriteString(table)
	for _, p := range parts {
		b.WriteByte('_')
		b.WriteString(p)
	}
	return ShortenIdent(b.String())
}

// columnsPart joins column names with "_" for ObjectName.
func columnsPart(cols []*Column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return strings.Join(names, "_")
}

// ordinal is a check's number within its column or table, for ObjectName.
func ordinal(n int) string { return strconv.Itoa(n) }

// FKColumnName names an FK column after its role and the referenced
// column: id becomes user_id; a column that already starts with the role,
// as product_no for role product, is kept; anything else is prefixed.
func FKColumnName(role, ref string) string {
	switch {
	case ref == "id":
		return role + "_id"
	case strings.HasPrefix(ref, role+"_"):
		return ref
	}
	return role + "_" + ref
}
