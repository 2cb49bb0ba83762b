package golang

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
)

// TestInFieldOrder: a literal's elements come in the order of the
// struct's fields, whatever the order they are given in, and a field
// left out or a value naming no field panics.
func TestInFieldOrder(t *testing.T) {
	type three struct{ c, a, b int }
	got := inFieldOrder[three](map[string]jen.Code{"a": jen.Lit(1), "b": jen.Lit(2), "c": jen.Lit(3)})
	if s := fmt.Sprintf("%#v", jen.Index().Int().Values(got...)); s != "[]int{3, 1, 2}" {
		t.Errorf("in field order: %s, want []int{3, 1, 2}", s)
	}
	for _, c := range []struct {
		values map[string]jen.Code
		want   string
	}{
		{map[string]jen.Code{"a": jen.Lit(1), "b": jen.Lit(2)}, "2 values for the 3 fields"},
		{map[string]jen.Code{"a": jen.Lit(1), "b": jen.Lit(2), "d": jen.Lit(4)}, "no value for field c"},
	} {
		func() {
			defer func() {
				if msg := fmt.Sprint(recover()); !strings.Contains(msg, c.want) {
					t.Errorf("inFieldOrder(%v) panicked with %q, want %q", c.values, msg, c.want)
				}
			}()
			inFieldOrder[three](c.values)
		}()
	}
}
