// Package pgcatalog gives the tests the catalog reader and the catalog a
// model should produce under their historical names. The code lives in
// importer/catalog, which `ergen import` and the drift check use too.
package pgcatalog

import "github.com/ergen-dev/ergen/generator/importer/catalog"

type (
	Catalog    = catalog.Catalog
	Enum       = catalog.Enum
	Table      = catalog.Table
	Column     = catalog.Column
	Key        = catalog.Key
	Check      = catalog.Check
	ForeignKey = catalog.ForeignKey
	Index      = catalog.Index
	Expr       = catalog.Expr
	Beginner   = catalog.Beginner
)

const (
	NoAction   = catalog.NoAction
	Restrict   = catalog.Restrict
	Cascade    = catalog.Cascade
	SetNull    = catalog.SetNull
	SetDefault = catalog.SetDefault
)

var (
	Read            = catalog.Read
	Expect          = catalog.Expect
	ExpectUnindexed = catalog.ExpectUnindexed
	FormatType      = catalog.FormatType
)
