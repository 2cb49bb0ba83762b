package model_test

// The checks of a check's `not valid`, a key's collation, a sequence's
// settings and interval's fields join checkCases here.
func init() { checkCases = append(checkCases, lastGapCases...) }

var lastGapCases = []checkCase{
	{
		name: "not valid on a table check and an attribute check",
		src: `entity A {
  id  serial pk
  qty integer check (qty > 0) not valid check (qty < 9) as a_small not valid
  check (id > 0) as a_id not valid
  check (id < 10) not valid
}
`,
	},
	{
		name: "not valid after no check",
		src: `entity A {
  id  serial pk
  qty integer not valid
  n   integer check (n > 0) = 1 not valid
}
`,
		want: []string{
			"t.er:3:15: error: `not valid` follows no check",
			"= hint: write it right after the check it marks: check (price >= 0) not valid",
			"t.er:4:33: error: `not valid` follows no check",
			"= hint: write it right after the check it marks: check (price >= 0) not valid",
		},
	},
}
