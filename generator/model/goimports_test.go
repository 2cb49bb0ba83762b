package model_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator/model"
)

// CheckGoImports lets pgx's packages and the standard library's value
// types through, and any other package only when allowed names it or a
// tree holding it.
func TestCheckGoImports(t *testing.T) {
	s := mustLoad(t, `type public.vector go "github.com/pgvector/pgvector-go.Vector"
entity Hit {
  id   bigint pk
  a    timestamptz go "time.Time"
  b    text go "github.com/jackc/pgx/v5/pgtype.Text"
  c    jsonb go "encoding/json.RawMessage"
  d    text go "[]string"
  e    bigint go "expvar.Int"
  f    public.vector
  g    text go "github.com/pgvector/pgvector-go/sub.T"
  h    inet go "net/netip.Prefix"
  i    text go "github.com/jackc/pgx/v5x.T"
}
`)
	for _, c := range []struct {
		allowed []string
		want    []string
	}{
		{nil, []string{`"github.com/pgvector/pgvector-go"`, `"expvar"`, `"github.com/pgvector/pgvector-go/sub"`, `"github.com/jackc/pgx/v5x"`}},
		{[]string{"expvar", "github.com/pgvector/pgvector-go"}, []string{`"github.com/pgvector/pgvector-go/sub"`, `"github.com/jackc/pgx/v5x"`}},
		{[]string{"github.com/pgvector/pgvector-go/...", "github.com/jackc/pgx/v5x"}, []string{`"expvar"`}},
		{[]string{"github.com/pgvector/...", "exp/...", "expvar/...", "github.com/jackc/pgx/v5x/..."}, nil},
	} {
		var got []string
		for _, d := range model.CheckGoImports(s, c.allowed) {
			got = append(got, quoted(d.Msg))
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("allowed %q (-want +got):\n%s", c.allowed, diff)
		}
	}
	d := model.CheckGoImports(s, nil)[1]
	if got := d.Error(); got != `t.er:8:18: error: go "expvar.Int" would import "expvar" into the generated package, which the command does not allow` {
		t.Errorf("diagnostic: %s", got)
	}
}

// quoted is the import path a message of CheckGoImports names.
func quoted(msg string) string {
	_, rest, _ := strings.Cut(msg, " would import ")
	path, _, _ := strings.Cut(rest[1:], `"`)
	return `"` + path + `"`
}
