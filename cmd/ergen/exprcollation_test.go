package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// A database made from a model whose index keys carry a COLLATE over the
// whole of their expression (unique and partial ones too, one over a
// column alone, one repeating its expression's collation, one spelt in
// upper case) holds what the model says: drift finds nothing and diff
// --from-db plans nothing. A key's collation changed is drift, and is
// planned; once applied, nothing is left to plan.
func TestDiffFromDBExprCollations(t *testing.T) {
	src := `entity Item {
  id   serial pk
  code text
  name text
  tag  text collate "C"
  index ((lower(code) collate "C"))
  unique ((upper(name) collate "POSIX")) where (id > 0)
  index ((code collate "C"), (LOWER(name) COLLATE "POSIX") desc)
  index ((lower(tag) collate "C"))
}
`
	changed := strings.Replace(src, `((lower(code) collate "C"))`, `((lower(code) collate "POSIX"))`, 1)
	url, changedPath := modelDatabase(t, src, changed, "")
	path := filepath.Join(filepath.Dir(changedPath), "old.er")
	if code, out, stderr := ergen(t, "drift", "--db", url, path); code != exitOK {
		t.Errorf("drift: exit %d:\n%s%s", code, out, stderr)
	}
	if code, script, stderr := ergen(t, "diff", "--from-db", url, path); code != exitOK || script != "" {
		t.Errorf("diff --from-db of the model's own database: exit %d, stderr %q, plan:\n%s", code, stderr, script)
	}
	if code, out, _ := ergen(t, "drift", "--db", url, changedPath); code != exitInvalid || !strings.Contains(out, "the key collations is (C) in the database, (POSIX) in the model") {
		t.Errorf("drift of a changed collation: exit %d:\n%s", code, out)
	}
	code, script, stderr := ergen(t, "diff", "--from-db", url, changedPath)
	if code != exitOK || !strings.Contains(script, `CREATE INDEX CONCURRENTLY "idx_items_lower_code_collate_POSIX" ON items ((lower(code) collate "POSIX"));`) {
		t.Fatalf("diff --from-db of a changed collation: exit %d, stderr %q, plan:\n%s", code, stderr, script)
	}
	applyScript(t, url, script)
	if code, script, stderr := ergen(t, "diff", "--from-db", url, changedPath); code != exitOK || script != "" {
		t.Errorf("once applied: exit %d, stderr %q, plan:\n%s", code, stderr, script)
	}
	if code, out, stderr := ergen(t, "drift", "--db", url, changedPath); code != exitOK {
		t.Errorf("drift once applied: exit %d:\n%s%s", code, out, stderr)
	}
}
