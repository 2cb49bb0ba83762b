package golang

import (
	"fmt"
	"sort"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// names is the one place where generated Go identifiers come from: every
// type, field, method and parameter name is derived here from the model's
// names, and taken names are recorded so that two declarations that would
// clash are reported instead of producing code that does not compile.
type names struct {
	taken map[string]string // package-level identifier -> what declared it
	errs  []string
}

func newNames() *names {
	n := &names{taken: map[string]string{}}
	// Declared by db.go and errors.go.
	for _, id := range []string{"DBTX", "DB", "New", "ErrNotFound", "ForeignKeyError", "UniqueError", "CheckError",
		"mapError", "foreignKeys", "uniques", "checks", "op", "opSelect", "opInsert", "opUpdate", "opDelete"} {
		n.taken[id] = "ergen's runtime support"
	}
	return n
}

// claim records a package-level identifier; a second claim is an error.
func (n *names) claim(id, what string) string {
	if prev, ok := n.taken[id]; ok {
		n.errs = append(n.errs, fmt.Sprintf("%s and %s would both be named %s", prev, what, id))
		return id
	}
	n.taken[id] = what
	return id
}

func (n *names) err() error {
	if len(n.errs) == 0 {
		return nil
	}
	sort.Strings(n.errs)
	return fmt.Errorf("golang: generated names clash: %s; rename an entity or give the relationship a role", strings.Join(n.errs, "; "))
}

// structName is the Go type of a table's rows: the entity's name, or for a
// junction the singular of its table name (order_items -> OrderItem).
func structName(t *model.Table) string {
	if t.Entity != nil {
		return model.GoName(t.Entity.Name)
	}
	return model.GoName(model.Singular(t.Name))
}

// pluralName names many rows of a table: Users, OrderItems.
func pluralName(t *model.Table) string {
	if t.Entity != nil {
		return model.GoName(model.Plural(model.SnakeCase(t.Entity.Name)))
	}
	return model.GoName(t.Name)
}

// words names a table's rows in messages: "order item".
func words(t *model.Table) string {
	if t.Entity != nil {
		return strings.ReplaceAll(model.SnakeCase(t.Entity.Name), "_", " ")
	}
	return strings.ReplaceAll(model.Singular(t.Name), "_", " ")
}

// article puts "a" or "an" before a phrase, by its first letter.
func article(phrase string) string {
	an := phrase != "" && strings.ContainsRune("aeiou", rune(phrase[0]))
	// "a user", "a unique key": a u sounding as "you".
	for _, p := range []string{"us", "uni", "uti", "ur"} {
		if strings.HasPrefix(phrase, p) {
			an = false
		}
	}
	if an {
		return "an " + phrase
	}
	return "a " + phrase
}

// pluralWords is words for many rows: "order items".
func pluralWords(t *model.Table) string {
	if t.Entity != nil {
		return strings.ReplaceAll(model.Plural(model.SnakeCase(t.Entity.Name)), "_", " ")
	}
	return strings.ReplaceAll(t.Name, "_", " ")
}

func fieldName(c *model.Column) string { return model.GoName(c.Name) }

// locals are the identifiers generated method bodies use; a parameter
// named after a column never shadows them.
var locals = map[string]bool{
	"ctx": true, "q": true, "r": true, "rows": true, "err": true, "out": true, "after": true,
	"limit": true, "tag": true, "n": true, "p": true, "src": true, "i": true, "keys": true, "k": true,
}

func paramName(c *model.Column) string {
	s := model.GoUnexported(c.Name)
	if locals[s] {
		s += "_"
	}
	return s
}

// roleName is a relationship role as a Go word: manager -> Manager.
func roleName(role string) string { return model.GoName(role) }

// rolePlural is a role in the plural: category -> Categories.
func rolePlural(role string) string { return model.GoName(model.Plural(role)) }

// columnsName joins column names for a method suffix: EmailAndName.
func columnsName(cols []*model.Column) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = model.GoName(c.Name)
	}
	return strings.Join(parts, "And")
}

func (n *names) enumType(e *model.Enum) string { return model.GoName(e.Name) }

func enumConst(e *model.Enum, value string) string {
	return model.GoName(e.Name) + model.GoName(value)
}

// fileName is the generated file for a table. Names that Go would read as a
// test file or a build constraint (_test, _linux, _amd64), or that clash
// with the fixed files, get a "_table" suffix.
func fileName(t *model.Table) string {
	base := model.SnakeCase(structName(t))
	if fixedFiles[base] || strings.HasSuffix(base, "_test") || constrainedSuffix(base) {
		base += "_table"
	}
	return base + ".go"
}

var fixedFiles = map[string]bool{"db": true, "errors": true, "enums": true}

// constrainedSuffix reports whether the last word of a file name is a GOOS
// or GOARCH, which would make the go command build it conditionally.
func constrainedSuffix(base string) bool {
	i := strings.LastIndexByte(base, '_')
	if i < 0 {
		return false
	}
	return goosArch[base[i+1:]]
}

// goosArch lists the known GOOS and GOARCH values (go/build's syslist).
var goosArch = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range strings.Fields(`aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 windows zos
		386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm`) {
		m[s] = true
	}
	return m
}()

// The names of generated declarations. Each formula is written once, here.

func (tb *table) keyName() string    { return tb.Struct + "Key" }
func (tb *table) scanName() string   { return "scan" + tb.Plural }
func (tb *table) createName() string { return "Create" + tb.Struct }
func (tb *table) getName() string    { return "Get" + tb.Struct }
func (tb *table) getByName(cols []*model.Column) string {
	return "Get" + tb.Struct + "By" + columnsName(cols)
}
func (tb *table) updateName() string { return "Update" + tb.Struct }
func (tb *table) deleteName() string { return "Delete" + tb.Struct }
func (tb *table) listName() string   { return "List" + tb.Plural }
func (tb *table) countName() string  { return "Count" + tb.Plural }
func (tb *table) copyName() string   { return "Copy" + tb.Plural }

// paramsName is the input struct of a method that inserts.
func paramsName(method string) string { return method + "Params" }

// sqlName is the constant holding a method's SQL.
func sqlName(method string) string { return lowerFirst(method) + "SQL" }

// upName is the way from a child to its parent: OrderUser, EmployeeManager.
func upName(child *table, fk *model.ForeignKey) string { return child.Struct + roleName(fk.Role) }

// downName is the way from a parent to its children (OrdersByUser) or to
// its 1:1 partner (UserProfileByUser).
func downName(child *table, fk *model.ForeignKey) string {
	if fk.Relationship.Card == model.OneToOne {
		return child.Struct + "By" + roleName(fk.Role)
	}
	return child.Plural + "By" + roleName(fk.Role)
}

// batchName loads the children of many parents: OrdersByUsers.
func batchName(child *table, fk *model.ForeignKey) string {
	return child.Plural + "By" + rolePlural(fk.Role)
}

// pairName names an M:N relationship by its roles: OrderProduct.
func pairName(rel *model.Relationship) string { return roleName(rel.Roles[0]) + roleName(rel.Roles[1]) }

func linkName(rel *model.Relationship) string   { return "Link" + pairName(rel) }
func unlinkName(rel *model.Relationship) string { return "Unlink" + pairName(rel) }

// throughName lists the far side of a junction for a near row:
// ProductsOfOrder; throughRowName is its row type, OrderItemProduct.
func throughName(near, far *model.ForeignKey) string {
	return rolePlural(far.Role) + "Of" + roleName(near.Role)
}
func throughRowName(junction *table, far *model.ForeignKey) string {
	return junction.Struct + roleName(far.Role)
}

// batchParam is the parameter of a batch method: userIDs.
func batchParam(col *model.Column) string { return strings.TrimSuffix(paramName(col), "_") + "s" }
