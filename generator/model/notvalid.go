package model

import "github.com/ergen-dev/ergen/dsl"

// checkNotValidFrom reports the `not valid` foreign keys of the
// partitioned table t: PostgreSQL 15 refuses to add a foreign key NOT
// VALID to a partitioned table ("This feature is not yet supported on
// partitioned tables"), and the DDL would fail. A NOT VALID foreign key
// to one is accepted.
func (r *resolver) checkNotValidFrom(t *Table) {
	for _, fk := range t.ForeignKeys {
		if fk.NotValid {
			r.diags.ErrorAt(spanAt(fk.notValidAt), "foreign key %s cannot be added NOT VALID: %s is partitioned", fk.Name, dsl.QuoteName(t.Label())).
				Hintf("PostgreSQL 15 adds no NOT VALID foreign key to a partitioned table; remove `not valid`")
		}
	}
}

// checkNotValid marks ck, the check written just before an attribute's
// `not valid` at p..e, as added NOT VALID; with no check there, the words
// mark nothing, which is an error rather than a silent no-op.
func (r *resolver) checkNotValid(ck *Check, p, e dsl.Pos) {
	if ck == nil {
		r.diags.Errorf(p, e, "`not valid` follows no check").
			Hintf("write it right after the check it marks: check (price >= 0) not valid")
		return
	}
	ck.NotValid = true
}
