//go:build ergen_readergen

package dsl

import "github.com/alecthomas/participle/v2/lexer"

// Built with the ergen_readergen tag, as `go generate` builds it, the
// package leaves out the generated reader (reader_gen.go), which may be
// stale, or not compile, while the grammar changes; Parse then leaves
// every file to participle. The generator gets the grammar from
// GrammarParser.

func (r *reader) readFile() *File { return nil }

func elided(lexer.TokenType) bool { return true }

// GrammarParser returns participle's parser of the language, the grammar
// of record, for the reader's generator.
func GrammarParser() any { return parser() }
