package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckLongNames: check of a model naming an entity, a type or an
// attribute of a megabyte prints a bounded report, however the message
// quotes the name.
func TestCheckLongNames(t *testing.T) {
	long := strings.Repeat("B", 1<<20)
	dir := t.TempDir()
	for name, src := range map[string]string{
		"entity.er": "entity A {\n  id serial pk\n}\nrelationship A 1:N " + long + "\n",
		"type.er":   "entity A {\n  id serial pk\n  x " + long + "\n}\n",
		"token.er":  "entity A {\n  id serial pk\n  x int " + long + "\n}\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := ergen(t, "check", path)
		if code != exitInvalid || len(stderr) > 4000 {
			t.Errorf("check %s: exit %d, %d bytes of stderr:\n%.1000q", name, code, len(stderr), stderr)
		}
	}
}
