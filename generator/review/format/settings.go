package format

import "github.com/ergen-dev/ergen/dsl"

// The words below follow a declaration, a type or a check, each printed
// in the one spelling fmt keeps.

// sequenceOptions are a sequence's settings as written, each with a
// leading space.
func sequenceOptions(d *dsl.SequenceDecl) string {
	var s string
	for _, o := range d.Options {
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
