package importer_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/internal/pgtest"
)

// The README's worked example of ergen import: the database its SQL makes
// imports to the model it shows, with the note it names.
func TestReadmeImportExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)### Import from a database\n.*?```sql\n(.*?)```\n\n`ergen import --db postgres:///library` writes:\n\n```er\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("the README's import section has no worked example of SQL and the model it imports to")
	}
	res := importCase(t, pgtest.Conn(t), string(m[1]))
	if diff := cmp.Diff(string(m[2]), string(res.Source)); diff != "" {
		t.Errorf("README shows (-) but ergen import writes (+):\n%s", diff)
	}
	if len(res.Notes) != 0 {
		t.Errorf("the README says nothing is noted, but ergen import notes:\n%v", res.Notes)
	}
}
