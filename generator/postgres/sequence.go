package postgres

import (
	"strconv"

	"github.com/ergen-dev/ergen/generator/model"
)

// SequenceOptions are the options of CREATE or ALTER SEQUENCE for st,
// with a leading space: the ones the model wrote, or with all every
// setting, as ALTER SEQUENCE sets a sequence to the model's whole state
// (`NO CYCLE` included).
func SequenceOptions(st model.SequenceSettings, all bool) string {
	var out string
	num := func(word, sql string, n int64) {
		if all || st.Written(word) {
			out += " " + sql + " " + strconv.FormatInt(n, 10)
		}
	}
	if all || st.Written("as") {
		out += " AS " + st.Type
	}
	num("increment", "INCREMENT BY", st.Increment)
	num("minvalue", "MINVALUE", st.Min)
	num("maxvalue", "MAXVALUE", st.Max)
	num("start", "START WITH", st.Start)
	num("cache", "CACHE", st.Cache)
	switch {
	case st.Cycle:
		out += " CYCLE"
	case all:
		out += " NO CYCLE"
	}
	return out
}

// IdentitySQL is the identity clause of column c with the settings of its
// sequence that the model writes, PostgreSQL's defaults otherwise:
// GENERATED ALWAYS AS IDENTITY (INCREMENT BY 5 START WITH 1000).
func IdentitySQL(c *model.Column) string {
	opts := SequenceOptions(c.IdentitySettings, false)
	if opts == "" {
		return c.Identity.SQL()
	}
	return c.Identity.SQL() + " (" + opts[1:] + ")"
}
