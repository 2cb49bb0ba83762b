package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// Naming the key of a junction or of a shared key (`key ... as NAME`)
// renames the constraint; the database converges on NEW's DDL.
func TestNameRelationshipKeys(t *testing.T) {
	v1 := `
entity Actor { id serial pk }
entity Film { id serial pk }
entity Bio { text text? }
relationship Actor M:N Film { key line }
relationship Actor 1:1 Bio shared key { on delete cascade }
`
	v2 := strings.ReplaceAll(v1, "{ key line }", "{ key line as film_actor_pkey }")
	v2 = strings.ReplaceAll(v2, "{ on delete cascade }", "{ on delete cascade; key as bio_pkey }")
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	contains(t, string(plan.Script()), "film_actor_pkey", "bio_pkey")
}
