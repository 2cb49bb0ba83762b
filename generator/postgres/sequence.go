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
