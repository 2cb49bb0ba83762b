package golang

// FormatFallbacks is the number of files rendered so far that layout
// could not lay out and go/format formatted instead.
func FormatFallbacks() int64 { return formatFallbacks.Load() }
