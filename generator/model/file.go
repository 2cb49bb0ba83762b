package model

// File is one file an emitter produces. Every emitter has one entry,
//
//	func Emit(s *model.Schema, opts Options) ([]model.File, error)
//
// with an Options of its own, and generator.Generate calls it. Name is
// relative to the directory the caller writes into; an emitter of one
// stream (the DDL, a diagram, a document, an explanation) returns one
// file under a default name, which the caller may replace with its own
// path or standard output. It lives in model, the layer below every
// emitter, so that emitters share it without importing one another.
type File struct {
	Name string
	Data []byte
}
