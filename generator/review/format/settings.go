package format

import "github.com/ergen-dev/ergen/dsl"

// The words below follow a declaration, a type or a check, each printed
// in the one spelling fmt keeps.

// sequenceOptions are a sequence's settings as written, each with a
// leading space: a declaration's, or an identity's in its parentheses.
func sequenceOptions(options []*dsl.SequenceOption) string {
	var s string
	for _, o := range options {
		switch {
		case o.As != "":
			s += " as " + o.As
		case o.Cycle:
			s += " cycle"
		case o.Minus:
			s += " " + o.Word + " -" + o.Value
		default:
			s += " " + o.Word + " " + o.Value
		}
	}
	return s
}

// identitySettings are the parenthesised settings of an identity's
// sequence, with a leading space, or "".
func identitySettings(o *dsl.AttrOption) string {
	if len(o.IdentitySettings) == 0 {
		return ""
	}
	return " (" + sequenceOptions(o.IdentitySettings)[1:] + ")"
}

// notValid is the ` not valid` of a check added so, or "".
func notValid(set bool) string {
	if set {
		return " not valid"
	}
	return ""
}

// intervalFields are an interval's fields and precision, with a leading
// space, or "".
func intervalFields(f *dsl.IntervalFields) string {
	if f == nil {
		return ""
	}
	s := " " + f.From
	if f.To != "" {
		s += " to " + f.To
	}
	if f.Precision != "" {
		s += "(" + f.Precision + ")"
	}
	return s
}
