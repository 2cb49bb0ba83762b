package model

// checkNotValidFrom reports the `not valid` foreign keys of the
// partitioned table t: PostgreSQL 15 refuses to add a foreign key NOT
// VALID to a partitioned table ("This feature is not yet supported on
// partitioned tables"), and the DDL would fail. A NOT VALID foreign key
// to one is accepted.
func (r *resolver) checkNotValidFrom(t *Table) {
	for _, fk := range t.ForeignKeys {
		if fk.NotValid {
			r.diags.ErrorAt(fk.notValidAt, "foreign key %s cannot be added NOT VALID: %q is partitioned", fk.Name, t.Label()).
				Hintf("PostgreSQL 15 adds no NOT VALID foreign key to a partitioned table; remove `not valid`")
		}
	}
}
