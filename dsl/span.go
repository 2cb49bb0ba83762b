package dsl

// Span is a stretch of a source file, from Pos to End (exclusive): what a
// diagnostic underlines. The model keeps one wherever it may later point
// a diagnostic or a citation at a clause, rather than two loose positions.
type Span struct {
	Pos, End Pos
}

// SpanOf returns the span [pos, end).
func SpanOf(pos, end Pos) Span { return Span{Pos: pos, End: end} }

// IsZero reports whether s was never set: no clause was written there.
func (s Span) IsZero() bool { return s == Span{} }

// ErrorAt records an error underlining s.
func (ds *Diagnostics) ErrorAt(s Span, format string, args ...any) *Diagnostic {
	return ds.Errorf(s.Pos, s.End, format, args...)
}

// WarnAt records a warning underlining s.
func (ds *Diagnostics) WarnAt(s Span, format string, args ...any) *Diagnostic {
	return ds.Warnf(s.Pos, s.End, format, args...)
}
