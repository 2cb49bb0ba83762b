package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

const generatedItems = "entity Item {\n  id    serial pk\n  price integer\n  qty   integer\n  total integer generated (price * qty)\n}\n"

// A generated column changes type without USING, which PostgreSQL
// refuses for it: the values are computed anew in the new type, rows kept.
func TestRetypeGeneratedColumn(t *testing.T) {
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), generatedItems,
		strings.Replace(generatedItems, "total integer", "total bigint", 1), migrate.Options{Allow: []string{"rewrite"}})
	contains(t, string(plan.Script()), "ALTER TABLE items ALTER COLUMN total TYPE bigint;")
}

// PostgreSQL cannot change the type of a column a generated column uses:
// the change is refused at plan time, at the attribute, naming the
// generated column, rather than planned to fail.
func TestRetypeColumnAGeneratedColumnUses(t *testing.T) {
	_, diags := diff(t, generatedItems, strings.Replace(generatedItems, "price integer", "price bigint", 1),
		migrate.Options{Allow: []string{"rewrite"}})
	want := "new.er:3:3: error ER209: column items.price changes from integer to bigint, and generated column total uses it"
	if len(diags) != 1 || !strings.HasPrefix(diags[0].Error(), want) || !strings.HasPrefix(diags[0].Hint, "remove total in one migration") {
		t.Errorf("got %v, want %s...", diags, want)
	}
	// A column the expression does not name changes freely.
	withNote := strings.Replace(generatedItems, "  qty   integer\n", "  qty   integer\n  note  varchar(10)\n", 1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), withNote, strings.Replace(withNote, "varchar(10)", "varchar(20)", 1), migrate.Options{})
	contains(t, string(plan.Script()), "ALTER COLUMN note TYPE varchar(20)")
}
