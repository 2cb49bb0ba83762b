// Command compileshape writes a Go package in one of two candidate shapes
// for ergen's generated code, so that what a shape costs the compiler can
// be measured before the emitter adopts it. The tables follow
// internal/bigschema's model (entities of eight own columns referring to
// two or three earlier ones, M:N junctions with an attribute); each table
// is a row struct with one scanDest method, an input struct with one args
// method, patch and filter structs, and one value of a generic table type
// holding its constant SQL; each foreign key is one value of a generic
// reference type. The operations (Get, Create, Update, Patch, Delete,
// List, Count, Find, Copy; Parent, Children, Batch, Counts) are written
// once, generic over pointer types, so that the compiler builds one body
// per key type rather than one per table:
//
//   - methods: the operations are methods of the generic types
//     (ergen.Users.Get(ctx, db, id)).
//   - funcs: the operations are generic functions taking the table value
//     (TGet(Users, ctx, db, id)).
//
// With -use, a second package calls every operation of every table, as an
// application that used all of them would. The SQL is not complete: the
// package is for the compiler only. Measure with
//
//	go run ./internal/tools/compileshape -shape funcs -o /tmp/shape -use
//	cp go.sum /tmp/shape && cd /tmp/shape && GOFLAGS=-mod=mod go mod tidy && go build ./...
//	echo '//' >> bigdb/db.go && /usr/bin/time -f '%e s %U user %M KB' go build ./bigdb
//
// generator/golang/BENCHMARKS.md ("Compile time of a large generated
// package") records what it measured.
package main

import (
	_ "embed"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"strings"
)

//go:embed methods.go.txt
var methodsRuntime string

//go:embed funcs.go.txt
var funcsRuntime string

type column struct{ name, field, goType string }

// ownTypes are the Go types of an entity's eight own columns.
var ownTypes = []string{"string", "int32", "*string", "bool", "float64", "int64", "string", "*int32"}

func main() {
	shape := flag.String("shape", "funcs", "methods or funcs")
	entities := flag.Int("entities", 500, "entities")
	junctions := flag.Int("junctions", 100, "M:N junction tables")
	out := flag.String("o", "", "directory of the module to write (bigdb/, and use/ with -use)")
	use := flag.Bool("use", false, "also write package use, which calls every operation")
	flag.Parse()
	runtime := map[string]string{"methods": methodsRuntime, "funcs": funcsRuntime}[*shape]
	if runtime == "" || *out == "" || *entities < 3 {
		fmt.Fprintln(os.Stderr, "usage: compileshape -shape methods|funcs -o DIR [-entities N] [-junctions N] [-use]")
		os.Exit(2)
	}
	files := map[string]string{
		"go.mod":      "module m\n\ngo 1.26\n\nrequire github.com/jackc/pgx/v5 v5.12.0\n",
		"bigdb/db.go": runtime,
	}
	var calls strings.Builder
	for i := 0; i < *entities; i++ {
		src, call := entity(i, *shape)
		files[fmt.Sprintf("bigdb/e%d.go", i)] = src
		calls.WriteString(call)
	}
	for i := 0; i < *junctions; i++ {
		files[fmt.Sprintf("bigdb/j%d.go", i)] = junction(i, *entities)
	}
	if *use {
		files["use/use.go"] = "package use\n\nimport (\n\t\"context\"\n\n\t\"m/bigdb\"\n)\n" + calls.String()
	}
	for name, text := range files {
		if strings.HasSuffix(name, ".go") {
			src, err := format.Source([]byte(text))
			if err != nil {
				fmt.Fprintln(os.Stderr, name, err)
				os.Exit(1)
			}
			text = string(src)
		}
		path := filepath.Join(*out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

// parents are the earlier entities entity i refers to.
func parents(i int) []int {
	if i < 2 {
		return nil
	}
	var out []int
	for j := 0; j < 2+i%2 && j < i; j++ {
		out = append(out, (i*7+j*13)%i)
	}
	return out
}

// entity returns the file of entity i and the function of package use
// that calls its operations.
func entity(i int, shape string) (string, string) {
	name, table := fmt.Sprintf("E%d", i), fmt.Sprintf("e%d", i)
	cols := []column{{"id", "ID", "int64"}}
	for c, t := range ownTypes {
		cols = append(cols, column{fmt.Sprintf("c%d", c), fmt.Sprintf("C%d", c), t})
	}
	ps := parents(i)
	for j, p := range ps {
		cols = append(cols, column{fmt.Sprintf("e%d_%d_id", p, j), fmt.Sprintf("E%d%dID", p, j), "int64"})
	}
	var names, dests, args []string
	for _, c := range cols {
		names = append(names, c.name)
		dests = append(dests, "&r."+c.field)
	}
	for _, c := range cols[1:] {
		args = append(args, "p."+c.field)
	}
	all := strings.Join(names, ", ")
	var b strings.Builder
	fmt.Fprintf(&b, "package bigdb\n\n// %s is a row of %s.\n", name, table)
	structType(&b, name, cols, "%s")
	fmt.Fprintf(&b, "func (r *%s) scanDest() []any { return []any{%s} }\n\n", name, strings.Join(dests, ", "))
	structType(&b, name+"Create", cols[1:], "%s")
	fmt.Fprintf(&b, "func (p *%sCreate) args() []any { return []any{%s} }\n\n", name, strings.Join(args, ", "))
	structType(&b, name+"Patch", cols[1:], "Opt[%s]")
	structType(&b, name+"Filter", cols, "Cond[%s]")
	fmt.Fprintf(&b, "var %ss = &Table[*%s, int64, *%sCreate, *%sPatch, *%sFilter]{\n", name, name, name, name, name)
	fmt.Fprintf(&b, "\tName: %q, Columns: []string{\"%s\"}, key: []int{0},\n", table, strings.Join(names, `", "`))
	for _, q := range [][2]string{
		{"get", "SELECT %[1]s FROM %[2]s WHERE id = $1"},
		{"list", "SELECT %[1]s FROM %[2]s ORDER BY id LIMIT $1"},
		{"listAfter", "SELECT %[1]s FROM %[2]s WHERE id > $1 ORDER BY id LIMIT $2"},
		{"count", "SELECT count(*) FROM %[2]s"},
		{"del", "DELETE FROM %[2]s WHERE id = $1"},
		{"ins", "INSERT INTO %[2]s VALUES ($1) RETURNING %[1]s"},
		{"upd", "UPDATE %[2]s SET c0 = $1 WHERE id = $2"},
		{"patch", "UPDATE %[2]s SET c0 = $1 WHERE id = $2 RETURNING %[1]s"},
		{"find", "SELECT %[1]s FROM %[2]s WHERE true"},
	} {
		fmt.Fprintf(&b, "\t%s: `%s`,\n", q[0], fmt.Sprintf(q[1], all, table))
	}
	b.WriteString("}\n")
	var call strings.Builder
	fmt.Fprintf(&call, "\nfunc use%s(ctx context.Context, db bigdb.DBTX) {\n", name)
	for _, op := range [][2]string{{"Get", "r, _ := %s1)"}, {"Create", "_, _ = %s&bigdb.E_Create{})"}, {"Update", "_ = %sr)"},
		{"Patch", "_, _ = %s1, &bigdb.E_Patch{})"}, {"Delete", "_ = %s1)"}, {"List", "_, _ = %sr, 10)"}, {"Count", "_, _ = %s)"},
		{"Find", "_, _ = %s&bigdb.E_Filter{}, 10)"}, {"Copy", "_, _ = %snil)"}} {
		stmt := strings.ReplaceAll(op[1], "E_", name)
		call.WriteString("\t" + fmt.Sprintf(stmt, callee(shape, "T", "bigdb."+name+"s", op[0])) + "\n")
	}
	for j, p := range ps {
		ref := fmt.Sprintf("%sE%d%d", name, p, j)
		fmt.Fprintf(&b, "\n// %s is foreign key %d of %s.\nvar %s = &Ref[*%s, *E%d, int64]{\n", ref, j, table, ref, name, p)
		fk := cols[9+j].name
		fmt.Fprintf(&b, "\tparent: `SELECT id FROM e%d WHERE id = $1`,\n", p)
		fmt.Fprintf(&b, "\tchildren: `SELECT %s FROM %s WHERE %s = $1 ORDER BY id`,\n", all, table, fk)
		fmt.Fprintf(&b, "\tbatch: `SELECT %s FROM %s WHERE %s = ANY($1) ORDER BY %s, id`,\n", all, table, fk, fk)
		fmt.Fprintf(&b, "\tcounts: `SELECT %s, count(*) FROM %s WHERE %s = ANY($1) GROUP BY 1`,\n\tfk: %d,\n}\n", fk, table, fk, 9+j)
		for _, op := range [][2]string{{"Parent", "r)"}, {"Children", "1)"}, {"Batch", "nil)"}, {"Counts", "nil)"}} {
			fmt.Fprintf(&call, "\t_, _ = %s%s\n", callee(shape, "R", "bigdb."+ref, op[0]), op[1])
		}
	}
	call.WriteString("}\n")
	return b.String(), call.String()
}

// callee is the start of a call of operation op of value v, up to its
// arguments after ctx and db: a method of the value, or a generic
// function (named with prefix) taking it first.
func callee(shape, prefix, v, op string) string {
	if shape == "methods" {
		return v + "." + op + "(ctx, db, "
	}
	return "bigdb." + prefix + op + "(" + v + ", ctx, db, "
}

func structType(b *strings.Builder, name string, cols []column, typ string) {
	fmt.Fprintf(b, "type %s struct {\n", name)
	for _, c := range cols {
		fmt.Fprintf(b, "\t%s "+typ+"\n", c.field, c.goType)
	}
	b.WriteString("}\n\n")
}

// junction returns the file of junction i: a composite key of two
// references.
func junction(i, entities int) string {
	name := fmt.Sprintf("J%d", i)
	a, c := i%entities, (i*31+7)%entities
	cols := []column{{"a_id", "AID", "int64"}, {"b_id", "BID", "int64"}, {"note", "Note", "*string"}}
	var b strings.Builder
	fmt.Fprintf(&b, "package bigdb\n\n")
	structType(&b, name, cols, "%s")
	fmt.Fprintf(&b, "func (r *%s) scanDest() []any { return []any{&r.AID, &r.BID, &r.Note} }\n\n", name)
	structType(&b, name+"Key", cols[:2], "%s")
	structType(&b, name+"Create", cols, "%s")
	fmt.Fprintf(&b, "func (p *%sCreate) args() []any { return []any{p.AID, p.BID, p.Note} }\n\n", name)
	structType(&b, name+"Patch", cols[2:], "Opt[%s]")
	structType(&b, name+"Filter", cols, "Cond[%s]")
	fmt.Fprintf(&b, "var %ss = &Table[*%s, %sKey, *%sCreate, *%sPatch, *%sFilter]{Name: \"j%d\", key: []int{0, 1},\n", name, name, name, name, name, name, i)
	fmt.Fprintf(&b, "\tget: `SELECT a_id, b_id, note FROM j%d WHERE a_id = $1 AND b_id = $2`}\n\n", i)
	fmt.Fprintf(&b, "var %sA = &Ref[*%s, *E%d, int64]{children: `SELECT a_id, b_id, note FROM j%d WHERE a_id = $1`, fk: 0}\n\n", name, name, a, i)
	fmt.Fprintf(&b, "var %sB = &Ref[*%s, *E%d, int64]{children: `SELECT a_id, b_id, note FROM j%d WHERE b_id = $1`, fk: 1}\n", name, name, c, i)
	return b.String()
}
