package model

import "github.com/ergen-dev/ergen/dsl"

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
