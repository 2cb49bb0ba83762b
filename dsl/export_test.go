package dsl

// ParseParticiple parses src with participle alone, bypassing the reader.
func ParseParticiple(filename string, src []byte) (*File, error) {
	f, err := parser().ParseBytes(filename, src)
	if f != nil {
		f.Name, f.Source = filename, src
	}
	return f, err
}

// Read reads src with the reader alone; nil means the reader left src to
// participle.
func Read(filename string, src []byte) *File {
	f, _, _ := read(filename, string(src))
	if f != nil {
		f.Name, f.Source = filename, src
	}
	return f
}

// ParseWithoutReader is Parse with participle alone.
func ParseWithoutReader(filename string, src []byte) (*File, Diagnostics) {
	return parse(filename, src, false)
}
