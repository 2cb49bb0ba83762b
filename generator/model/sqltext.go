package model

// The SQL spelling of names, column lists and types, for emitters that
// build SQL in a byte buffer (the DDL emitter appends, to keep its
// allocations down). Each writes exactly what its string form writes:
// AppendIdent is QuoteIdent, AppendQualified is Qualify, AppendTypeSQL is
// TypeSQL; TestSQLSpellingAgrees holds them to it.

// AppendIdent appends name as QuoteIdent writes it.
func AppendIdent(dst []byte, name string) []byte {
	if !NeedsQuoting(name) {
		return append(dst, name...)
	}
	return AppendQuoted(dst, name, '"')
}

// AppendQualified appends name as Qualify writes it: quoted, and prefixed
// by the quoted schema when the model has one.
func (s *Schema) AppendQualified(dst []byte, name string) []byte {
	if s.Name != "" {
		dst = AppendIdent(dst, s.Name)
		dst = append(dst, '.')
	}
	return AppendIdent(dst, name)
}

// AppendTypeSQL appends a column type as TypeSQL writes it.
func (s *Schema) AppendTypeSQL(dst []byte, t Type) []byte {
	switch t.Base {
	case EnumType:
		dst = s.AppendQualified(dst, t.Enum.SQLName)
	case DomainType:
		dst = s.AppendQualified(dst, t.Domain.SQLName)
	default:
		return append(dst, t.SQL()...)
	}
	for range t.Array {
		dst = append(dst, "[]"...)
	}
	return dst
}

// AppendColumnList appends the quoted names of cols, separated by ", ",
// as a key, index or foreign key lists them in DDL.
func AppendColumnList(dst []byte, cols []*Column) []byte {
	for i, c := range cols {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = AppendIdent(dst, c.Name)
	}
	return dst
}

// ColumnListSQL is a parenthesised column list as DDL writes it:
// (tenant_id, "Order").
func ColumnListSQL(cols []*Column) string {
	b := append([]byte{'('}, AppendColumnList(nil, cols)...)
	return string(append(b, ')'))
}
