package dsl_test

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// flatten renders an AST as "path=value" lines, one per non-zero leaf, so a
// test can name exactly the fields it cares about. Positions are left out;
// tests that care about them check them directly.
func flatten(v any) []string {
	var out []string
	posType := reflect.TypeOf(lexer.Position{})
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Struct:
			if v.Type() == posType {
				return
			}
			for i := 0; i < v.NumField(); i++ {
				f := v.Type().Field(i)
				if f.Name == "Source" || !f.IsExported() {
					continue
				}
				p := f.Name
				if path != "" {
					p = path + "." + f.Name
				}
				walk(p, v.Field(i))
			}
		case reflect.Slice:
			if v.Type().Elem().Kind() == reflect.Uint8 {
				return
			}
			for i := 0; i < v.Len(); i++ {
				walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
			}
		default:
			if !v.IsZero() {
				out = append(out, fmt.Sprintf("%s=%v", strings.TrimPrefix(path, "."), v.Interface()))
			}
		}
	}
	walk("", reflect.ValueOf(v))
	return out
}
