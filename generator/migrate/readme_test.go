package migrate_test

import (
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
)

// The hazard table in README.md documents exactly the hazards, in order.
func TestREADMEHazards(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var documented, codes []string
	for _, m := range regexp.MustCompile(`(?m)^\| (ER2\d\d) \|.*\| `+"`?"+`([a-z]+)`+"`?"+` \|$`).FindAllStringSubmatch(string(readme), -1) {
		documented = append(documented, m[1]+" "+m[2])
	}
	for _, h := range migrate.Hazards() {
		allow := h.Allow
		if allow == "" {
			allow = "never"
		}
		codes = append(codes, h.Code+" "+allow)
	}
	if !slices.Equal(documented, codes) {
		t.Errorf("README.md documents %v, hazards are %v", documented, codes)
	}
}
