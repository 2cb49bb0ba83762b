package dsl

// AllKeywords are the words of the grammar, for the tests of sides.go.
var AllKeywords = allKeywords
